// Env: the LMDB environment in one data folder, and the only way to reach it.
//
// An Env owns the folder while it is open: it holds an exclusive lock on
// <path>/dynadesk.lock, so a second Env on the same folder (in this or another
// process) fails to open. Through it you read (Env::read() -> ReadTxn) and write
// (Env::write(fn), group-committed). The keyspace it serves is described in
// ordered_keyspace.h; the files and their format in FORMAT.md.
//
// Threading and lifetime rules (LMDB's, enforced here where a type can do it):
//  - Every member may be called from any thread at once.
//  - Readers never block writers and writers never block readers (MVCC).
//  - Read transactions are short by contract: an open one holds off map growth,
//    so a write that needs the map to grow waits until all open reads have ended.
//  - A thread holds at most one ReadTxn at a time, and never calls write() while
//    it holds one: growing the map waits for every open ReadTxn to end, and once
//    growth is pending new ReadTxns wait for it, so either would wait for itself.
//    read() and write() refuse (InternalServerError) when the calling thread still
//    holds a ReadTxn it began, and when called from inside a WriteFn.
//  - Destroy every ReadTxn and Cursor, and let every write() return, before the
//    Env is destroyed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "dynadesk/status.h"
#include "storage/ordered_keyspace.h"

namespace dynadesk::storage {

struct EnvOptions {
  std::string path;                       // data folder; created if missing
  std::size_t initialMapSize = 256u << 20;  // bytes of address space mapped at open
  std::size_t mapGrowthStep = 0;          // bytes added when the map is full; 0 = double
  // true: a write() that returned Ok has reached the disk (fsync on every commit).
  // false: MDB_NOSYNC; the OS writes back when it likes. A process crash loses
  // nothing, but an OS crash or power loss may lose the last writes or, as LMDB's
  // manual warns, corrupt the file. Only for explicit opt-in (benchmarks, throwaway data).
  bool durable = true;
  unsigned maxReaders = 1024;             // read transactions open at the same time
};

class Env {
 public:
  using WriteFn = storage::WriteFn;

  struct Stats {
    std::uint64_t commits = 0;     // LMDB write transactions committed
    std::uint64_t writes = 0;      // WriteFns that returned Ok and were committed
    std::uint64_t mapGrowths = 0;  // times the map was grown
  };

  // Opens (creating if needed) the environment in options.path. Fails with
  // InternalServerError and a plain-language message when the folder cannot be
  // created or written, is not a folder, is in use by another Env, or holds data in a
  // newer format than this build reads.
  static Result<std::unique_ptr<Env>> open(const EnvOptions& options);

  ~Env();
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;

  // Begins a read snapshot. Fails (InternalServerError) on storage errors (e.g.
  // maxReaders read transactions are already open) and when the calling thread
  // already holds a ReadTxn. May wait while the map grows.
  Result<ReadTxn> read();

  // Runs fn in a write transaction, batched with concurrent callers into one LMDB
  // commit (see WriteFn in ordered_keyspace.h for fn's contract). Returns fn's own
  // Status if it failed; otherwise Ok once the batch is committed (and, when
  // durable, synced to disk), or InternalServerError if storage failed, in which
  // case nothing of the batch was written. Running out of map space is not a
  // failure: the batch is aborted, the map grows, and the batch runs again.
  Status write(const WriteFn& fn);

  Stats stats() const;
  // The data format version recorded in the folder (FORMAT.md).
  std::uint64_t formatVersion() const;
  // Current size of the memory map in bytes (it grows, never shrinks, while open).
  std::size_t mapSize() const;
  const std::string& path() const;

  // For tests of the version check only: records `version` as the format version of
  // the folder at path, which no Env may have open. The engine never calls it.
  static Status overwriteFormatVersionForTesting(const std::string& path, std::uint64_t version);

 private:
  struct Impl;
  explicit Env(std::unique_ptr<Impl> impl);

  std::unique_ptr<Impl> impl_;
};

}  // namespace dynadesk::storage
