#include "storage/lmdb_txn_core.h"

#include <algorithm>
#include <utility>

namespace dynadesk::storage::detail {

Status lmdbStatus(int rc, std::string_view during) {
  std::string message = "Storage error while ";
  message.append(during);
  message.append(": ");
  message.append(mdb_strerror(rc));
  return Status::internal(std::move(message));
}

TxnCore::TxnCore(const EnvHandles& handles, MDB_txn* txn, bool writable,
                 std::function<void()> onEnd)
    : handles_(handles), txn_(txn), writable_(writable), onEnd_(std::move(onEnd)) {}

TxnCore::~TxnCore() { abort(); }

int TxnCore::note(int rc) {
  if (rc != 0 && rc != MDB_NOTFOUND && firstError_ == 0) firstError_ = rc;
  return rc;
}

MDB_cursor* TxnCore::workCursor(int* rc) {
  *rc = 0;
  if (work_ == nullptr) *rc = note(mdb_cursor_open(txn_, handles_.data, &work_));
  return *rc == 0 ? work_ : nullptr;
}

void TxnCore::attach(CursorState* cursor) { cursors_.push_back(cursor); }

void TxnCore::detach(CursorState* cursor) {
  auto it = std::find(cursors_.begin(), cursors_.end(), cursor);
  if (it != cursors_.end()) cursors_.erase(it);
}

int TxnCore::commit() {
  int rc = 0;
  end(true, &rc);
  return rc;
}

void TxnCore::abort() { end(false, nullptr); }

void TxnCore::end(bool commit, int* rc) {
  if (txn_ == nullptr) return;
  // LMDB cursors must be closed before their txn's memory goes away (read txns
  // never free them on their own); detach the Cursor objects that used them.
  for (CursorState* c : cursors_) {
    if (c->cursor != nullptr) mdb_cursor_close(c->cursor);
    c->cursor = nullptr;
    c->txn = nullptr;
    c->valid = false;
  }
  cursors_.clear();
  if (work_ != nullptr) mdb_cursor_close(work_);
  work_ = nullptr;
  if (commit) {
    *rc = mdb_txn_commit(txn_);
  } else {
    mdb_txn_abort(txn_);
  }
  txn_ = nullptr;
  if (onEnd_) std::exchange(onEnd_, nullptr)();
}

}  // namespace dynadesk::storage::detail
