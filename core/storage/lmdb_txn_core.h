// TxnCore and CursorState: the LMDB handles behind Txn and Cursor (internal to
// storage/; with lmdb_env.cpp, the only code that sees <lmdb.h>).
//
// A TxnCore owns one MDB_txn from begin to end and every LMDB cursor opened in it.
// When the txn ends it closes those cursors first and detaches their Cursor objects,
// so no Cursor can touch a dead LMDB handle whichever of the two is destroyed first.
// It also keeps the first LMDB failure it saw and a count of mutations: the group
// commit uses both to decide whether a batch must be aborted or re-run.
//
// Thread-safety: none; a TxnCore is used by one thread at a time.
#pragma once

#include <lmdb.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dynadesk/status.h"

namespace dynadesk::storage::detail {

struct EnvHandles {
  MDB_env* env = nullptr;
  MDB_dbi meta = 0;  // format version, chunk size, namespace counter
  MDB_dbi data = 0;  // the ordered keyspace (leaves and trie inner entries)
};

inline MDB_val toVal(std::string_view s) {
  return MDB_val{s.size(), const_cast<char*>(s.data())};
}
inline std::string_view fromVal(const MDB_val& v) {
  return {static_cast<const char*>(v.mv_data), v.mv_size};
}

// The child namespace id an inner entry's value holds.
inline Result<std::uint64_t> decodeChildId(const MDB_val& value) {
  if (value.mv_size != 8) {
    return Status::internal("Storage is corrupt: a trie inner entry does not hold a namespace id");
  }
  std::uint64_t id = 0;
  for (std::size_t i = 0; i < 8; ++i) id = (id << 8) | static_cast<const unsigned char*>(value.mv_data)[i];
  return id;
}

// InternalServerError "Storage error while <during>: <LMDB's text>".
Status lmdbStatus(int rc, std::string_view during);

struct CursorState;

class TxnCore {
 public:
  // Takes ownership of txn. onEnd runs once, right after the LMDB txn has ended.
  TxnCore(const EnvHandles& handles, MDB_txn* txn, bool writable, std::function<void()> onEnd);
  ~TxnCore();  // aborts if still open
  TxnCore(const TxnCore&) = delete;
  TxnCore& operator=(const TxnCore&) = delete;

  bool live() const { return txn_ != nullptr; }
  bool writable() const { return writable_; }
  MDB_txn* txn() const { return txn_; }
  const EnvHandles& handles() const { return handles_; }

  // Ends the txn. commit() returns LMDB's result (the txn is gone either way).
  int commit();
  void abort();

  // Records rc as the txn's first failure unless it is 0 or MDB_NOTFOUND; returns rc.
  int note(int rc);
  int firstError() const { return firstError_; }

  void countMutation() { ++mutations_; }
  std::uint64_t mutations() const { return mutations_; }

  // Work to run after this txn commits (WriteTxn::afterCommit). The group
  // commit drops the hooks of a WriteFn that failed and runs the rest, in
  // order, once the commit succeeded.
  void addAfterCommit(std::function<void()> hook) { afterCommit_.push_back(std::move(hook)); }
  std::size_t afterCommitCount() const { return afterCommit_.size(); }
  void dropAfterCommitFrom(std::size_t count) { afterCommit_.resize(count); }
  std::vector<std::function<void()>> takeAfterCommit() { return std::move(afterCommit_); }

  // A cursor on the data DBI for internal multi-step work; opened on first use.
  // Returns nullptr and sets *rc on failure.
  MDB_cursor* workCursor(int* rc);

  void attach(CursorState* cursor);
  void detach(CursorState* cursor);

 private:
  void end(bool commit, int* rc);

  EnvHandles handles_;
  MDB_txn* txn_;
  bool writable_;
  std::function<void()> onEnd_;
  int firstError_ = 0;
  std::uint64_t mutations_ = 0;
  MDB_cursor* work_ = nullptr;
  std::vector<std::function<void()>> afterCommit_;
  std::vector<CursorState*> cursors_;
};

// The state of one Cursor (keyspace_cursor.cpp holds the algorithms).
struct CursorState {
  // One trie level the cursor is inside: the namespace, and the inner entry in the
  // parent namespace that leads to it (empty for the root).
  struct Frame {
    std::uint64_t ns = 0;
    std::string innerKey;
  };

  TxnCore* txn = nullptr;         // null once the txn has ended
  MDB_cursor* cursor = nullptr;   // opened on first positioning call
  std::vector<Frame> frames;      // root first
  std::string key;                // reassembled logical key
  std::string_view value;
  bool valid = false;
  std::uint64_t mutationsAtPosition = 0;  // txn mutations when last positioned
};

}  // namespace dynadesk::storage::detail
