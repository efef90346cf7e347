// Ordered iteration over the chunk trie (layout in keyspace_layout.h / FORMAT.md).
//
// One LMDB cursor walks every namespace of the data DBI. The cursor keeps a stack of
// the trie levels it is inside; within a level, LMDB order is logical order. Meeting
// an inner entry means descending into its child namespace (to its first entry going
// forward, its last going backward); leaving a namespace means re-seeking the inner
// entry that led to it and stepping past it in the parent.
#include "storage/keyspace_cursor.h"

#include <cassert>
#include <string>
#include <utility>

#include "storage/keyspace_layout.h"
#include "storage/lmdb_txn_core.h"
#include "storage/ordered_keyspace.h"

namespace dynadesk::storage {

using detail::CursorState;
using detail::decodeChildId;
using detail::fromVal;
using detail::lmdbStatus;
using detail::toVal;
using namespace layout;

namespace {

// More levels than the longest key can need means the trie is corrupt.
constexpr std::size_t kMaxDepth = kMaxKeySize / kChunkSize + 2;

struct Position {
  int rc = 0;
  MDB_val k{};
  MDB_val v{};
};

int step(CursorState& s, Position& p, MDB_cursor_op op) {
  p.rc = s.txn->note(mdb_cursor_get(s.cursor, &p.k, &p.v, op));
  return p.rc;
}

int seekRange(CursorState& s, Position& p, std::string_view physicalKey) {
  p.k = toVal(physicalKey);
  return step(s, p, MDB_SET_RANGE);
}

// Positions on the last entry of namespace ns, or wherever LMDB ends up just before
// it (settleBackward sorts that out).
void positionLastIn(CursorState& s, Position& p, std::uint64_t ns) {
  PhysicalKey end;
  end.setNamespaceStart(ns + 1);
  if (seekRange(s, p, end.view()) == 0) {
    step(s, p, MDB_PREV);
  } else if (p.rc == MDB_NOTFOUND) {
    step(s, p, MDB_LAST);
  }
}

Status prepare(CursorState* s) {
  if (s == nullptr || s->txn == nullptr || !s->txn->live()) {
    if (s != nullptr) s->valid = false;
    return Status::internal("Storage cursor used after its transaction ended");
  }
  s->valid = false;
  s->frames.assign(1, CursorState::Frame{kRootNamespace, {}});
  if (s->cursor == nullptr) {
    int rc = s->txn->note(mdb_cursor_open(s->txn->txn(), s->txn->handles().data, &s->cursor));
    if (rc != 0) {
      s->cursor = nullptr;
      return lmdbStatus(rc, "opening a cursor");
    }
  }
  return Status::ok();
}

Status landOnLeaf(CursorState& s, const Position& p) {
  s.key.clear();
  for (std::size_t i = 1; i < s.frames.size(); ++i) s.key.append(entryChunk(s.frames[i].innerKey));
  s.key.append(entryChunk(fromVal(p.k)));
  s.value = fromVal(p.v);
  s.valid = true;
  s.mutationsAtPosition = s.txn->mutations();
  return Status::ok();
}

Status failed(CursorState& s, const Status& st) {
  s.valid = false;
  return st;
}

Status descendInto(CursorState& s, const Position& p) {
  if (s.frames.size() >= kMaxDepth) {
    return Status::internal("Storage is corrupt: the key trie is deeper than any key");
  }
  DYNADESK_ASSIGN_OR_RETURN(std::uint64_t child, decodeChildId(p.v));
  s.frames.push_back(CursorState::Frame{child, std::string(fromVal(p.k))});
  return Status::ok();
}

// From the LMDB position p, moves forward to the first leaf at or after it, in
// logical order, climbing out of and descending into namespaces as needed.
Status settleForward(CursorState& s, Position& p) {
  for (;;) {
    if (p.rc != 0 && p.rc != MDB_NOTFOUND) return failed(s, lmdbStatus(p.rc, "iterating keys"));
    if (p.rc == MDB_NOTFOUND || !inNamespace(fromVal(p.k), s.frames.back().ns)) {
      if (s.frames.size() == 1) {
        s.valid = false;
        return Status::ok();
      }
      std::string inner = std::move(s.frames.back().innerKey);
      s.frames.pop_back();
      // SET_RANGE rather than SET: in a WriteTxn the inner entry may be gone.
      if (seekRange(s, p, inner) == 0 && fromVal(p.k) == inner) step(s, p, MDB_NEXT);
      continue;
    }
    if (isInnerEntry(fromVal(p.k))) {
      Status st = descendInto(s, p);
      if (!st.isOk()) return failed(s, st);
      PhysicalKey start;
      start.setNamespaceStart(s.frames.back().ns);
      seekRange(s, p, start.view());
      continue;
    }
    return landOnLeaf(s, p);
  }
}

// From the LMDB position p, moves backward to the last leaf at or before it.
Status settleBackward(CursorState& s, Position& p) {
  for (;;) {
    if (p.rc != 0 && p.rc != MDB_NOTFOUND) return failed(s, lmdbStatus(p.rc, "iterating keys"));
    if (p.rc == MDB_NOTFOUND || !inNamespace(fromVal(p.k), s.frames.back().ns)) {
      if (s.frames.size() == 1) {
        s.valid = false;
        return Status::ok();
      }
      std::string inner = std::move(s.frames.back().innerKey);
      s.frames.pop_back();
      // Whether SET_RANGE lands on the inner entry or (if it is gone) on the entry
      // after it, the one before is where the parent level continues.
      if (seekRange(s, p, inner) == 0) {
        step(s, p, MDB_PREV);
      } else if (p.rc == MDB_NOTFOUND) {
        step(s, p, MDB_LAST);
      }
      continue;
    }
    if (isInnerEntry(fromVal(p.k))) {
      Status st = descendInto(s, p);
      if (!st.isOk()) return failed(s, st);
      positionLastIn(s, p, s.frames.back().ns);
      continue;
    }
    return landOnLeaf(s, p);
  }
}

}  // namespace

Cursor::Cursor(std::unique_ptr<CursorState> state) : state_(std::move(state)) {}

Cursor::Cursor(Cursor&&) noexcept = default;

Cursor& Cursor::operator=(Cursor&& other) noexcept {
  if (this != &other) {
    Cursor doomed(std::move(*this));
    state_ = std::move(other.state_);
  }
  return *this;
}

Cursor::~Cursor() {
  if (state_ && state_->txn != nullptr) {
    if (state_->cursor != nullptr) mdb_cursor_close(state_->cursor);
    state_->txn->detach(state_.get());
  }
}

Status Cursor::first() {
  DYNADESK_RETURN_IF_ERROR(prepare(state_.get()));
  CursorState& s = *state_;
  PhysicalKey start;
  start.setNamespaceStart(kRootNamespace);
  Position p;
  seekRange(s, p, start.view());
  return settleForward(s, p);
}

Status Cursor::last() {
  DYNADESK_RETURN_IF_ERROR(prepare(state_.get()));
  CursorState& s = *state_;
  Position p;
  positionLastIn(s, p, kRootNamespace);
  return settleBackward(s, p);
}

Status Cursor::seek(std::string_view key) {
  if (key.empty()) return first();
  DYNADESK_RETURN_IF_ERROR(prepare(state_.get()));
  CursorState& s = *state_;
  Position p;
  std::string_view rest = key;
  PhysicalKey target;
  while (rest.size() > kChunkSize) {
    target.setInner(s.frames.back().ns, rest.substr(0, kChunkSize));
    if (seekRange(s, p, target.view()) != 0 || fromVal(p.k) != target.view()) {
      // No subtree for this chunk: the entry SET_RANGE found is the first one after
      // every key that starts with it.
      return settleForward(s, p);
    }
    Status st = descendInto(s, p);
    if (!st.isOk()) return failed(s, st);
    rest.remove_prefix(kChunkSize);
  }
  target.setLeaf(s.frames.back().ns, rest);
  seekRange(s, p, target.view());
  return settleForward(s, p);
}

Status Cursor::seekForPrev(std::string_view key) {
  DYNADESK_RETURN_IF_ERROR(prepare(state_.get()));
  if (key.empty()) return Status::ok();  // no key is <= the empty string
  CursorState& s = *state_;
  Position p;
  std::string_view rest = key;
  PhysicalKey target;
  while (rest.size() > kChunkSize) {
    target.setInner(s.frames.back().ns, rest.substr(0, kChunkSize));
    if (seekRange(s, p, target.view()) != 0 || fromVal(p.k) != target.view()) break;
    Status st = descendInto(s, p);
    if (!st.isOk()) return failed(s, st);
    rest.remove_prefix(kChunkSize);
  }
  if (rest.size() <= kChunkSize) {
    target.setLeaf(s.frames.back().ns, rest);
    seekRange(s, p, target.view());
    if (p.rc == 0 && fromVal(p.k) == target.view()) return settleBackward(s, p);  // exact hit
  }
  // p is at the first entry after the target (or nowhere): step back one.
  if (p.rc == 0) {
    step(s, p, MDB_PREV);
  } else if (p.rc == MDB_NOTFOUND) {
    step(s, p, MDB_LAST);
  }
  return settleBackward(s, p);
}

Status Cursor::requirePositioned() const {
  if (valid()) return Status::ok();
  return Status::internal(state_ && state_->txn ? "Storage cursor is not positioned"
                                                : "Storage cursor used after its transaction ended");
}

Status Cursor::next() {
  DYNADESK_RETURN_IF_ERROR(requirePositioned());
  CursorState& s = *state_;
  if (s.txn->mutations() != s.mutationsAtPosition) {
    // The txn wrote since we landed here: find our place again. key + '\0' is the
    // smallest key after key.
    std::string successor = s.key;
    successor.push_back('\0');
    return seek(successor);
  }
  Position p;
  step(s, p, MDB_NEXT);
  return settleForward(s, p);
}

Status Cursor::prev() {
  DYNADESK_RETURN_IF_ERROR(requirePositioned());
  CursorState& s = *state_;
  if (s.txn->mutations() != s.mutationsAtPosition) {
    std::string current = s.key;
    DYNADESK_RETURN_IF_ERROR(seekForPrev(current));
    if (!s.valid || s.key != current) return Status::ok();  // already before it
  }
  Position p;
  step(s, p, MDB_PREV);
  return settleBackward(s, p);
}

bool Cursor::valid() const { return state_ && state_->txn != nullptr && state_->valid; }

std::string_view Cursor::key() const {
  assert(valid());
  return state_->key;
}

std::string_view Cursor::value() const {
  assert(valid());
  return state_->value;
}

}  // namespace dynadesk::storage
