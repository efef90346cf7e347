// Env: opening the folder, beginning transactions, map growth and the group-commit
// batch runner. Map growth happens only in growMap()/adoptMapSize(), under the
// exclusive side of the MapResizeGate.
#include "storage/lmdb_env.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <span>
#include <utility>
#include <vector>

#include "storage/group_commit.h"
#include "storage/keyspace_layout.h"
#include "storage/lmdb_txn_core.h"
#include "storage/map_resize_gate.h"

namespace dynadesk::storage {

using detail::lmdbStatus;
using detail::toVal;
using detail::TxnCore;

namespace detail {
struct TxnFactory {
  static ReadTxn read(std::unique_ptr<TxnCore> core) { return ReadTxn(std::move(core)); }
  static WriteTxn write(std::unique_ptr<TxnCore> core) { return WriteTxn(std::move(core)); }
};
}  // namespace detail

namespace {

constexpr const char* kLockFileName = "dynadesk.lock";
constexpr std::size_t kMinMapSize = 64u << 10;

// ReadTxns begun by this thread and not yet ended, shared with the txns so the
// count drops even if a txn ends on another thread.
std::shared_ptr<std::atomic<int>>& threadReadTxns() {
  thread_local auto count = std::make_shared<std::atomic<int>>(0);
  return count;
}
thread_local bool tInsideWriteFn = false;

std::size_t roundUp(std::size_t n, std::size_t unit) { return (n + unit - 1) / unit * unit; }

Status openError(const std::string& path, const std::string& what) {
  return Status::internal("Cannot open the data folder " + path + ": " + what);
}

std::string describeOpenFailure(int rc) {
  switch (rc) {
    case EACCES:
    case EPERM: return "permission denied";
    case EROFS: return "the folder is on a read-only file system";
    case ENOSPC: return "the disk is full";
    case MDB_INVALID: return "data.mdb in it is not a database file";
    case MDB_VERSION_MISMATCH: return "its files were written by an incompatible LMDB version";
    default: return mdb_strerror(rc);
  }
}

}  // namespace

struct Env::Impl {
  EnvOptions options;
  int lockFd = -1;
  detail::EnvHandles handles;
  std::size_t pageSize = 4096;
  MapResizeGate gate;
  std::atomic<std::size_t> mapSize{0};
  std::atomic<std::uint64_t> commits{0};
  std::atomic<std::uint64_t> writes{0};
  std::atomic<std::uint64_t> mapGrowths{0};
  std::uint64_t formatVersion = 0;
  std::unique_ptr<GroupCommitQueue> queue;

  ~Impl() {
    queue.reset();  // stops the committer thread before LMDB goes away
    if (handles.env != nullptr) mdb_env_close(handles.env);
    if (lockFd >= 0) ::close(lockFd);  // releases the flock
  }

  Status lockFolder();
  Status openLmdb();
  Status initMeta();
  Result<MDB_txn*> beginTxn(bool writable);
  Status growMap();
  void adoptMapSize();
  void refreshMapSize();
  void runBatch(std::span<GroupCommitQueue::Request* const> batch);
};

Result<std::unique_ptr<Env>> Env::open(const EnvOptions& options) {
  if (options.path.empty()) return Status::internal("No data folder was given");
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  const std::string& path = options.path;

  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (fs::exists(st)) {
    if (!fs::is_directory(st)) return openError(path, "it is not a folder");
  } else if (!fs::create_directories(path, ec) && ec) {
    return Status::internal("Cannot create the data folder " + path + ": " + ec.message());
  }

  DYNADESK_RETURN_IF_ERROR(impl->lockFolder());
  DYNADESK_RETURN_IF_ERROR(impl->openLmdb());
  DYNADESK_RETURN_IF_ERROR(impl->initMeta());
  Impl* raw = impl.get();
  impl->queue = std::make_unique<GroupCommitQueue>(
      [raw](std::span<GroupCommitQueue::Request* const> batch) { raw->runBatch(batch); });
  return std::unique_ptr<Env>(new Env(std::move(impl)));
}

Status Env::Impl::lockFolder() {
  const std::string& path = options.path;
  std::string lockPath = (std::filesystem::path(path) / kLockFileName).string();
  lockFd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lockFd < 0) return openError(path, describeOpenFailure(errno));
  // flock locks belong to the open file description, so a second Env in this
  // process conflicts just like another process does.
  if (::flock(lockFd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    if (err == EWOULDBLOCK) {
      return Status::internal("The data folder " + path +
                              " is already in use by another Dynadesk process");
    }
    return openError(path, "cannot lock it (" + std::string(std::strerror(err)) + ")");
  }
  return Status::ok();
}

Status Env::Impl::openLmdb() {
  const std::string& path = options.path;
  int rc = mdb_env_create(&handles.env);
  if (rc != 0) {
    handles.env = nullptr;
    return openError(path, mdb_strerror(rc));
  }
  long page = ::sysconf(_SC_PAGESIZE);
  pageSize = page > 0 ? static_cast<std::size_t>(page) : 4096;
  std::size_t initial = roundUp(std::max(options.initialMapSize, kMinMapSize), pageSize);
  if ((rc = mdb_env_set_mapsize(handles.env, initial)) != 0 ||
      (rc = mdb_env_set_maxdbs(handles.env, 4)) != 0 ||
      (options.maxReaders > 0 && (rc = mdb_env_set_maxreaders(handles.env, options.maxReaders)) != 0)) {
    return openError(path, mdb_strerror(rc));
  }
  // MDB_NOTLS: read txns are not tied to a thread (ReadTxn may move, and one thread
  // may read while it leads a write batch). MDB_NORDAHEAD: random access, and a
  // map larger than RAM. No MDB_WRITEMAP: a stray write through a pointer cannot
  // corrupt the file. MDB_NOSYNC only when the caller opted out of durability.
  unsigned flags = MDB_NOTLS | MDB_NORDAHEAD | (options.durable ? 0u : unsigned{MDB_NOSYNC});
  rc = mdb_env_open(handles.env, path.c_str(), flags, 0644);
  if (rc != 0) return openError(path, describeOpenFailure(rc));
  int dead = 0;
  mdb_reader_check(handles.env, &dead);  // clear reader slots of crashed processes
  if (mdb_env_get_maxkeysize(handles.env) < static_cast<int>(layout::kInnerKeySize)) {
    return openError(path, "this LMDB build's key size limit is too small");
  }
  refreshMapSize();
  return Status::ok();
}

// Creates the DBIs and the meta entries of a new folder, or checks an existing one.
Status Env::Impl::initMeta() {
  const std::string& path = options.path;
  DYNADESK_ASSIGN_OR_RETURN(MDB_txn * txn, beginTxn(true));
  TxnCore core(handles, txn, true, [this] { gate.leaveShared(); });
  int rc = mdb_dbi_open(txn, "meta", MDB_CREATE, &handles.meta);
  if (rc == 0) rc = mdb_dbi_open(txn, "keyspace", MDB_CREATE, &handles.data);
  if (rc != 0) return openError(path, describeOpenFailure(rc));

  auto readMeta = [&](std::string_view key, std::uint64_t* out) -> Result<bool> {
    MDB_val k = toVal(key);
    MDB_val v;
    int r = mdb_get(txn, handles.meta, &k, &v);
    if (r == MDB_NOTFOUND) return false;
    if (r != 0) return lmdbStatus(r, "reading the format version");
    if (v.mv_size != 8) return openError(path, "its format information is damaged");
    *out = layout::decodeU64(static_cast<const char*>(v.mv_data));
    return true;
  };
  auto writeMeta = [&](std::string_view key, std::uint64_t value) -> Status {
    char bytes[8];
    layout::encodeU64(value, bytes);
    MDB_val k = toVal(key);
    MDB_val v{sizeof bytes, bytes};
    int r = mdb_put(txn, handles.meta, &k, &v, 0);
    return r == 0 ? Status::ok() : openError(path, describeOpenFailure(r));
  };

  std::uint64_t version = 0;
  DYNADESK_ASSIGN_OR_RETURN(bool existing, readMeta(layout::kMetaFormatVersion, &version));
  if (!existing) {
    DYNADESK_RETURN_IF_ERROR(writeMeta(layout::kMetaFormatVersion, layout::kFormatVersion));
    DYNADESK_RETURN_IF_ERROR(writeMeta(layout::kMetaChunkSize, layout::kChunkSize));
    DYNADESK_RETURN_IF_ERROR(writeMeta(layout::kMetaNextNamespace, 1));
    version = layout::kFormatVersion;
  } else {
    if (version > layout::kFormatVersion) {
      return openError(path, "it was written by a newer version of Dynadesk (data format " +
                                 std::to_string(version) + "; this version reads format " +
                                 std::to_string(layout::kFormatVersion) + " and older)");
    }
    std::uint64_t chunk = 0;
    DYNADESK_ASSIGN_OR_RETURN(bool hasChunk, readMeta(layout::kMetaChunkSize, &chunk));
    if (!hasChunk || chunk != layout::kChunkSize) {
      return openError(path, "its key layout does not match this version of Dynadesk");
    }
    if (version < layout::kFormatVersion) {
      // Every older format is a subset of this one (FORMAT.md, "Versions"):
      // marking it current keeps older builds from writing to it without
      // knowing what this one may add (e.g. indexes they would not maintain).
      DYNADESK_RETURN_IF_ERROR(writeMeta(layout::kMetaFormatVersion, layout::kFormatVersion));
      version = layout::kFormatVersion;
    }
  }
  rc = core.commit();
  if (rc != 0) return openError(path, describeOpenFailure(rc));
  formatVersion = version;
  return Status::ok();
}

// Begins an LMDB txn holding the gate shared; the caller's TxnCore releases it.
Result<MDB_txn*> Env::Impl::beginTxn(bool writable) {
  for (;;) {
    gate.enterShared();
    MDB_txn* txn = nullptr;
    int rc = mdb_txn_begin(handles.env, nullptr, writable ? 0 : MDB_RDONLY, &txn);
    if (rc == 0) return txn;
    gate.leaveShared();
    if (rc != MDB_MAP_RESIZED) {
      return lmdbStatus(rc, writable ? "starting a write transaction" : "starting a read transaction");
    }
    adoptMapSize();  // another process grew the map: take its size and retry
  }
}

void Env::Impl::refreshMapSize() {
  MDB_envinfo info;
  if (mdb_env_info(handles.env, &info) == 0) mapSize.store(info.me_mapsize);
}

void Env::Impl::adoptMapSize() {
  gate.enterExclusive();
  mdb_env_set_mapsize(handles.env, 0);
  refreshMapSize();
  gate.leaveExclusive();
}

Status Env::Impl::growMap() {
  gate.enterExclusive();  // no txn of this process is open past this point
  std::size_t current = mapSize.load();
  std::size_t step = options.mapGrowthStep > 0 ? options.mapGrowthStep : current;
  std::size_t next = roundUp(current + step, pageSize);
  int rc = next > current ? mdb_env_set_mapsize(handles.env, next) : ENOMEM;
  if (rc == 0) {
    refreshMapSize();
    mapGrowths.fetch_add(1);
  }
  gate.leaveExclusive();
  return rc == 0 ? Status::ok() : lmdbStatus(rc, "growing the database map");
}

// Applies a batch in one write txn and commits once. Requests whose fn failed (or
// threw) get their own Status; storage failures go to the whole batch; running out
// of map space grows the map and runs the batch again.
void Env::Impl::runBatch(std::span<GroupCommitQueue::Request* const> batch) {
  std::vector<bool> excluded(batch.size(), false);
  auto failAll = [&](const Status& st) {
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (!excluded[i]) batch[i]->status = st;
    }
  };
  for (;;) {
    Result<MDB_txn*> begun = beginTxn(true);
    if (!begun) return failAll(begun.status());
    auto owned = std::make_unique<TxnCore>(handles, *begun, true, [this] { gate.leaveShared(); });
    TxnCore& core = *owned;
    WriteTxn txn = detail::TxnFactory::write(std::move(owned));

    std::uint64_t applied = 0;
    bool rerun = false;
    tInsideWriteFn = true;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (excluded[i]) continue;
      std::uint64_t before = core.mutations();
      const std::size_t hooksBefore = core.afterCommitCount();
      Status st;
      bool threw = false;
      try {
        st = (*batch[i]->fn)(txn);
      } catch (const std::exception& e) {
        st = Status::internal(std::string("Write function threw an exception: ") + e.what());
        threw = true;
      } catch (...) {
        st = Status::internal("Write function threw an unknown exception");
        threw = true;
      }
      if (core.firstError() != 0) break;  // LMDB failed: the txn is unusable
      batch[i]->status = st;
      if (!st.isOk()) core.dropAfterCommitFrom(hooksBefore);
      if (threw || (!st.isOk() && core.mutations() != before)) {
        // It may have left partial writes: drop it and run the others again.
        excluded[i] = true;
        rerun = true;
        break;
      }
      if (st.isOk()) ++applied;
    }
    tInsideWriteFn = false;

    int err = core.firstError();
    if (err != 0 || rerun) {
      core.abort();
      if (err == MDB_MAP_FULL) {
        Status grown = growMap();
        if (!grown.isOk()) return failAll(grown);
        continue;
      }
      if (err != 0) return failAll(lmdbStatus(err, "writing"));
      if (std::find(excluded.begin(), excluded.end(), false) == excluded.end()) return;
      continue;
    }
    std::vector<std::function<void()>> hooks = core.takeAfterCommit();
    int rc = core.commit();
    if (rc == MDB_MAP_FULL) {
      Status grown = growMap();
      if (!grown.isOk()) return failAll(grown);
      continue;
    }
    if (rc != 0) return failAll(lmdbStatus(rc, "committing"));
    commits.fetch_add(1);
    writes.fetch_add(applied);
    for (auto& hook : hooks) {
      try {
        hook();
      } catch (...) {
        // An announcement failing must not turn a committed write into an error.
      }
    }
    return;
  }
}

Env::Env(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Env::~Env() = default;

Result<ReadTxn> Env::read() {
  if (tInsideWriteFn) {
    return Status::internal("Env::read() was called inside a write function; read through its WriteTxn");
  }
  std::shared_ptr<std::atomic<int>> held = threadReadTxns();
  if (held->load() > 0) {
    return Status::internal("This thread already holds a read transaction; end it or pass it down");
  }
  DYNADESK_ASSIGN_OR_RETURN(MDB_txn * txn, impl_->beginTxn(false));
  held->fetch_add(1);
  Impl* impl = impl_.get();
  auto core = std::make_unique<TxnCore>(impl->handles, txn, false, [impl, held] {
    impl->gate.leaveShared();
    held->fetch_sub(1);
  });
  return detail::TxnFactory::read(std::move(core));
}

Status Env::write(const WriteFn& fn) {
  if (tInsideWriteFn) {
    return Status::internal("Env::write() was called inside a write function");
  }
  if (threadReadTxns()->load() > 0) {
    return Status::internal("Env::write() was called by a thread that holds a read transaction; end it first");
  }
  return impl_->queue->submit(fn);
}

Env::Stats Env::stats() const {
  return Stats{impl_->commits.load(), impl_->writes.load(), impl_->mapGrowths.load()};
}

std::uint64_t Env::formatVersion() const { return impl_->formatVersion; }

Status Env::overwriteFormatVersionForTesting(const std::string& path, std::uint64_t version) {
  EnvOptions options;
  options.path = path;
  options.initialMapSize = kMinMapSize;
  DYNADESK_ASSIGN_OR_RETURN(std::unique_ptr<Env> env, open(options));
  Impl& impl = *env->impl_;
  DYNADESK_ASSIGN_OR_RETURN(MDB_txn * txn, impl.beginTxn(true));
  TxnCore core(impl.handles, txn, true, [&impl] { impl.gate.leaveShared(); });
  char bytes[8];
  layout::encodeU64(version, bytes);
  MDB_val k = toVal(layout::kMetaFormatVersion);
  MDB_val v{sizeof bytes, bytes};
  int rc = mdb_put(txn, impl.handles.meta, &k, &v, 0);
  if (rc == 0) rc = core.commit();
  return rc == 0 ? Status::ok() : lmdbStatus(rc, "writing the format version");
}

std::size_t Env::mapSize() const { return impl_->mapSize.load(); }

const std::string& Env::path() const { return impl_->options.path; }

}  // namespace dynadesk::storage
