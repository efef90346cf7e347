// The trie behind the ordered keyspace: lookups, writes and erasure over the
// chunked layout of keyspace_layout.h. Iteration lives in keyspace_cursor.cpp.
#include "storage/ordered_keyspace.h"

#include <string>
#include <utility>
#include <vector>

#include "storage/keyspace_layout.h"
#include "storage/lmdb_txn_core.h"

namespace dynadesk::storage {

using detail::decodeChildId;
using detail::fromVal;
using detail::lmdbStatus;
using detail::toVal;
using detail::TxnCore;
using namespace layout;

namespace {

Status txnEnded() { return Status::internal("Storage transaction used after it ended"); }

Status checkKey(std::string_view key) {
  if (key.empty()) return Status::internal("empty key");
  if (key.size() > kMaxKeySize) {
    return Status::internal("key too long: " + std::to_string(key.size()) +
                            " bytes (storage keys are at most " + std::to_string(kMaxKeySize) +
                            " bytes)");
  }
  return Status::ok();
}

// The child namespace under the inner entry (ns, chunk), or nullopt if there is none.
// innerKey receives the inner entry's LMDB key.
Result<std::optional<std::uint64_t>> findChild(TxnCore& core, std::uint64_t ns,
                                               std::string_view chunk, PhysicalKey& innerKey) {
  innerKey.setInner(ns, chunk);
  MDB_val k = toVal(innerKey.view());
  MDB_val v;
  int rc = core.note(mdb_get(core.txn(), core.handles().data, &k, &v));
  if (rc == MDB_NOTFOUND) return std::optional<std::uint64_t>();
  if (rc != 0) return lmdbStatus(rc, "reading a key");
  DYNADESK_ASSIGN_OR_RETURN(std::uint64_t child, decodeChildId(v));
  return std::optional<std::uint64_t>(child);
}

// Takes the next namespace id from the counter in the meta DBI.
Result<std::uint64_t> allocateNamespace(TxnCore& core) {
  MDB_val k = toVal(kMetaNextNamespace);
  MDB_val v;
  int rc = core.note(mdb_get(core.txn(), core.handles().meta, &k, &v));
  if (rc != 0 && rc != MDB_NOTFOUND) return lmdbStatus(rc, "reading the namespace counter");
  std::uint64_t id = 1;
  if (rc == 0) {
    if (v.mv_size != 8) return Status::internal("Storage is corrupt: bad namespace counter");
    id = decodeU64(static_cast<const char*>(v.mv_data));
  }
  char next[8];
  encodeU64(id + 1, next);
  MDB_val nv{sizeof next, next};
  rc = core.note(mdb_put(core.txn(), core.handles().meta, &k, &nv, 0));
  if (rc != 0) return lmdbStatus(rc, "advancing the namespace counter");
  core.countMutation();
  return id;
}

Status putRaw(TxnCore& core, std::string_view key, std::string_view value) {
  MDB_val k = toVal(key);
  MDB_val v = toVal(value);
  int rc = core.note(mdb_put(core.txn(), core.handles().data, &k, &v, 0));
  if (rc != 0) return lmdbStatus(rc, "writing a key");
  core.countMutation();
  return Status::ok();
}

// Deletes one LMDB entry; false if it was absent.
Result<bool> deleteRaw(TxnCore& core, std::string_view key) {
  MDB_val k = toVal(key);
  int rc = core.note(mdb_del(core.txn(), core.handles().data, &k, nullptr));
  if (rc == MDB_NOTFOUND) return false;
  if (rc != 0) return lmdbStatus(rc, "erasing a key");
  core.countMutation();
  return true;
}

Result<bool> namespaceEmpty(TxnCore& core, std::uint64_t ns) {
  int rc = 0;
  MDB_cursor* cur = core.workCursor(&rc);
  if (cur == nullptr) return lmdbStatus(rc, "opening a cursor");
  PhysicalKey start;
  start.setNamespaceStart(ns);
  MDB_val k = toVal(start.view());
  MDB_val v;
  rc = core.note(mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE));
  if (rc == MDB_NOTFOUND) return true;
  if (rc != 0) return lmdbStatus(rc, "reading a key");
  return !inNamespace(fromVal(k), ns);
}

// One step down the trie: the inner entry taken and the namespace it leads to.
struct TrieStep {
  PhysicalKey innerKey;
  std::uint64_t child = 0;
};

// Walks the chunks of key above its last one. Returns the namespace holding the
// last chunk (and fills path), or nullopt if some inner entry is missing.
Result<std::optional<std::uint64_t>> descend(TxnCore& core, std::string_view& rest,
                                             std::vector<TrieStep>& path) {
  std::uint64_t ns = kRootNamespace;
  while (rest.size() > kChunkSize) {
    TrieStep step;
    DYNADESK_ASSIGN_OR_RETURN(std::optional<std::uint64_t> child,
                              findChild(core, ns, rest.substr(0, kChunkSize), step.innerKey));
    if (!child) return std::optional<std::uint64_t>();
    step.child = *child;
    path.push_back(step);
    ns = *child;
    rest.remove_prefix(kChunkSize);
  }
  return std::optional<std::uint64_t>(ns);
}

// After erasure below path, removes the inner entries of namespaces left empty,
// deepest first, so an empty child namespace never stays behind.
Status pruneEmptyNamespaces(TxnCore& core, const std::vector<TrieStep>& path) {
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    DYNADESK_ASSIGN_OR_RETURN(bool empty, namespaceEmpty(core, it->child));
    if (!empty) break;
    DYNADESK_ASSIGN_OR_RETURN(bool removed, deleteRaw(core, it->innerKey.view()));
    (void)removed;
  }
  return Status::ok();
}

// Deletes every entry of namespace ns whose remainder starts with prefix
// (|prefix| <= kChunkSize), with the whole subtree under each matching inner entry.
// Returns the number of logical keys (leaves) removed.
Result<std::uint64_t> deleteRange(TxnCore& core, std::uint64_t ns, std::string_view prefix) {
  int rc = 0;
  MDB_cursor* cur = core.workCursor(&rc);
  if (cur == nullptr) return lmdbStatus(rc, "opening a cursor");
  std::uint64_t removed = 0;
  std::vector<std::pair<std::uint64_t, std::string>> pending{{ns, std::string(prefix)}};
  while (!pending.empty()) {
    auto [space, rangePrefix] = std::move(pending.back());
    pending.pop_back();
    PhysicalKey start;
    start.setLeaf(space, rangePrefix);
    for (;;) {
      // Re-seek after every delete: LMDB does not document where a cursor stands
      // after mdb_cursor_del, and a seek is cheap next to the write.
      MDB_val k = toVal(start.view());
      MDB_val v;
      rc = core.note(mdb_cursor_get(cur, &k, &v, MDB_SET_RANGE));
      if (rc == MDB_NOTFOUND) break;
      if (rc != 0) return lmdbStatus(rc, "reading a key");
      std::string_view found = fromVal(k);
      if (!found.starts_with(start.view())) break;
      if (isInnerEntry(found)) {
        DYNADESK_ASSIGN_OR_RETURN(std::uint64_t child, decodeChildId(v));
        pending.emplace_back(child, std::string());
      } else {
        ++removed;
      }
      rc = core.note(mdb_cursor_del(cur, 0));
      if (rc != 0) return lmdbStatus(rc, "erasing a key");
      core.countMutation();
    }
  }
  return removed;
}

}  // namespace

// ---- Txn ----

Txn::Txn(std::unique_ptr<TxnCore> core) : core_(std::move(core)) {}
Txn::Txn(Txn&&) noexcept = default;
Txn& Txn::operator=(Txn&&) noexcept = default;
Txn::~Txn() = default;

ReadTxn::ReadTxn(std::unique_ptr<TxnCore> core) : Txn(std::move(core)) {}
WriteTxn::WriteTxn(std::unique_ptr<TxnCore> core) : Txn(std::move(core)) {}

void WriteTxn::afterCommit(std::function<void()> hook) { core_->addAfterCommit(std::move(hook)); }

Result<std::optional<std::string_view>> Txn::get(std::string_view key) const {
  if (!core_ || !core_->live()) return txnEnded();
  DYNADESK_RETURN_IF_ERROR(checkKey(key));
  std::vector<TrieStep> path;
  std::string_view rest = key;
  DYNADESK_ASSIGN_OR_RETURN(std::optional<std::uint64_t> ns, descend(*core_, rest, path));
  if (!ns) return std::optional<std::string_view>();
  PhysicalKey leaf;
  leaf.setLeaf(*ns, rest);
  MDB_val k = toVal(leaf.view());
  MDB_val v;
  int rc = core_->note(mdb_get(core_->txn(), core_->handles().data, &k, &v));
  if (rc == MDB_NOTFOUND) return std::optional<std::string_view>();
  if (rc != 0) return lmdbStatus(rc, "reading a key");
  return std::optional<std::string_view>(fromVal(v));
}

Cursor Txn::cursor() const {
  auto state = std::make_unique<detail::CursorState>();
  if (core_ && core_->live()) {
    state->txn = core_.get();
    core_->attach(state.get());
  }
  return Cursor(std::move(state));
}

Result<std::uint64_t> Txn::physicalEntryCount() const {
  if (!core_ || !core_->live()) return txnEnded();
  MDB_stat st;
  int rc = core_->note(mdb_stat(core_->txn(), core_->handles().data, &st));
  if (rc != 0) return lmdbStatus(rc, "reading statistics");
  return static_cast<std::uint64_t>(st.ms_entries);
}

// ---- WriteTxn ----

Status WriteTxn::put(std::string_view key, std::string_view value) {
  if (!core_ || !core_->live()) return txnEnded();
  DYNADESK_RETURN_IF_ERROR(checkKey(key));
  std::uint64_t ns = kRootNamespace;
  std::string_view rest = key;
  while (rest.size() > kChunkSize) {
    PhysicalKey innerKey;
    DYNADESK_ASSIGN_OR_RETURN(std::optional<std::uint64_t> child,
                              findChild(*core_, ns, rest.substr(0, kChunkSize), innerKey));
    if (!child) {
      DYNADESK_ASSIGN_OR_RETURN(std::uint64_t fresh, allocateNamespace(*core_));
      char id[8];
      encodeU64(fresh, id);
      DYNADESK_RETURN_IF_ERROR(putRaw(*core_, innerKey.view(), std::string_view(id, sizeof id)));
      child = fresh;
    }
    ns = *child;
    rest.remove_prefix(kChunkSize);
  }
  PhysicalKey leaf;
  leaf.setLeaf(ns, rest);
  return putRaw(*core_, leaf.view(), value);
}

Result<bool> WriteTxn::erase(std::string_view key) {
  if (!core_ || !core_->live()) return txnEnded();
  DYNADESK_RETURN_IF_ERROR(checkKey(key));
  std::vector<TrieStep> path;
  std::string_view rest = key;
  DYNADESK_ASSIGN_OR_RETURN(std::optional<std::uint64_t> ns, descend(*core_, rest, path));
  if (!ns) return false;
  PhysicalKey leaf;
  leaf.setLeaf(*ns, rest);
  DYNADESK_ASSIGN_OR_RETURN(bool existed, deleteRaw(*core_, leaf.view()));
  if (existed) DYNADESK_RETURN_IF_ERROR(pruneEmptyNamespaces(*core_, path));
  return existed;
}

Result<std::uint64_t> WriteTxn::erasePrefix(std::string_view prefix) {
  if (!core_ || !core_->live()) return txnEnded();
  if (prefix.size() > kMaxKeySize) return std::uint64_t{0};  // no key is that long
  std::vector<TrieStep> path;
  std::string_view rest = prefix;
  DYNADESK_ASSIGN_OR_RETURN(std::optional<std::uint64_t> ns, descend(*core_, rest, path));
  if (!ns) return std::uint64_t{0};
  DYNADESK_ASSIGN_OR_RETURN(std::uint64_t removed, deleteRange(*core_, *ns, rest));
  DYNADESK_RETURN_IF_ERROR(pruneEmptyNamespaces(*core_, path));
  return removed;
}

}  // namespace dynadesk::storage
