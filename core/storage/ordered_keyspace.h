// The ordered keyspace: transactions over one ordered map of byte-string keys.
//
// Everything the engine stores lives in one logical keyspace: keys are byte strings
// of 1..kMaxKeySize bytes ordered by unsigned bytewise comparison (memcmp; a key
// sorts before every longer key it is a prefix of); values are byte strings of any
// size. LMDB keys stop at 511 bytes, so keys longer than one chunk are stored as a
// trie of chunks that keeps this order (layout in FORMAT.md).
//
// Transactions come from Env (lmdb_env.h): Env::read() gives a ReadTxn, and the
// function given to Env::write() receives a WriteTxn. Both share the read methods of
// Txn, so read helpers take `const Txn&` and serve either.
//
// Thread-safety: a transaction and its cursors are used by one thread at a time.
// A ReadTxn may move to another thread between uses (LMDB's MDB_NOTLS).
//
// Errors: storage failures (anything LMDB reports other than "not found") come back
// as InternalServerError carrying LMDB's text. Keys are checked only for being
// non-empty and at most kMaxKeySize bytes ("empty key" / "key too long",
// InternalServerError): callers validate DynamoDB's own limits before this layer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "dynadesk/status.h"
#include "storage/keyspace_cursor.h"

namespace dynadesk::storage {

inline constexpr std::size_t kMaxKeySize = 8192;

namespace detail {
class TxnCore;
struct TxnFactory;  // lmdb_env.cpp: the only place transactions are begun
}

// Read access shared by ReadTxn and WriteTxn. Not constructible on its own.
class Txn {
 public:
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;

  // Exact lookup; nullopt if the key is absent. The view points into the map and
  // stays valid until the transaction ends or (on a WriteTxn) until its next write.
  Result<std::optional<std::string_view>> get(std::string_view key) const;

  // A cursor over this transaction's snapshot (on a WriteTxn: including its own
  // writes). It is unpositioned until the first seek/first/last.
  Cursor cursor() const;

  // Number of LMDB entries in the data DBI (leaves plus trie inner entries). For
  // tests and diagnostics: after every key is erased it is 0.
  Result<std::uint64_t> physicalEntryCount() const;

 protected:
  explicit Txn(std::unique_ptr<detail::TxnCore> core);
  Txn(Txn&&) noexcept;
  Txn& operator=(Txn&&) noexcept;
  ~Txn();

  std::unique_ptr<detail::TxnCore> core_;
};

// A read snapshot (RAII: it ends when destroyed). Movable, not copyable.
//
// Short-lived by contract: a snapshot pins the pages it sees, so a long-lived one
// makes the file grow, and it holds off map growth (writers then wait). Read what
// you need, copy out what must outlive it, and let it go. A thread holds at most
// one ReadTxn at a time and never calls Env::write() while holding one.
// A moved-from ReadTxn is ended: its calls fail with InternalServerError.
class ReadTxn : public Txn {
 public:
  ReadTxn(ReadTxn&&) noexcept = default;
  ReadTxn& operator=(ReadTxn&&) noexcept = default;
  ~ReadTxn() = default;

 private:
  friend struct detail::TxnFactory;
  explicit ReadTxn(std::unique_ptr<detail::TxnCore> core);
};

// The write transaction handed to a WriteFn (see Env::write). It reads its own
// writes. It is owned by Env's group commit; a WriteFn only borrows it for the call.
class WriteTxn : public Txn {
 public:
  WriteTxn(WriteTxn&&) = delete;  // borrowed by WriteFns, never taken
  WriteTxn& operator=(WriteTxn&&) = delete;

  // Inserts or overwrites. The value is copied.
  Status put(std::string_view key, std::string_view value);
  // Removes the key; true if it existed.
  Result<bool> erase(std::string_view key);
  // Removes every key that starts with prefix (an empty prefix removes every key);
  // returns how many keys were removed.
  Result<std::uint64_t> erasePrefix(std::string_view prefix);

  // Runs `hook` on the committing thread after this transaction has committed,
  // in the order the hooks were added across the whole group commit (so in
  // commit order), before the next group starts. Dropped if the WriteFn that
  // added it fails, or if the commit fails; on a re-run (map growth) the WriteFn
  // adds it again. Hooks must be quick and must not touch the Env; exceptions
  // they throw are swallowed. Used to announce committed changes (engine events).
  void afterCommit(std::function<void()> hook);

 private:
  friend struct detail::TxnFactory;
  explicit WriteTxn(std::unique_ptr<detail::TxnCore> core);
};

// A unit of work for Env::write(). Its contract:
//  - It may run on another thread (the caller's own when no commit is running,
//    otherwise the group-commit committer thread), serialised with every
//    other write, and sees every write made before it, including earlier ones in the
//    same batch.
//  - If it returns a non-ok Status it must not have written anything: validate
//    first, then apply. That Status goes to its caller alone; the rest of the batch
//    commits. (A fn that breaks this rule is caught by a write counter: its batch is
//    aborted and re-run without it, and its caller still gets its own Status.)
//  - It may be run more than once (e.g. after the map grows): it must read the state
//    it needs from the txn and have no other side effects that matter if repeated.
//  - It must not call Env::read() or Env::write(); read through the WriteTxn.
//  - Exceptions are caught and reported to its caller as InternalServerError.
using WriteFn = std::function<Status(WriteTxn&)>;

}  // namespace dynadesk::storage
