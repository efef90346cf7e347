// Background work on global secondary indexes added or deleted by UpdateTable.
//
// A new index is CREATING (Backfilling) until a job has read every item of its
// table and written the item's entry, a few hundred items per write
// transaction so writes to the table never wait long; then it becomes ACTIVE.
// Writes maintain a CREATING index themselves from the moment it exists, so
// the job and the writes never disagree: an entry the job writes is computed
// from the item as it is in the job's own transaction. A deleted index is
// DELETING until a job has erased its entries; then it is gone from the table.
//
// Jobs keep their state in the catalog (the index status), so a job cut short
// by a stop or a crash starts again when the database is opened
// (resumeAll); backfilling is idempotent.
//
// Thread-safety: all members may be called from any thread. Each job runs on
// its own thread; the destructor stops and joins them.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "dynadesk/status.h"
#include "model/table_def.h"
#include "storage/ordered_keyspace.h"

namespace dynadesk::ops {

class Database;

class IndexJobs {
 public:
  explicit IndexJobs(Database& db);
  ~IndexJobs();
  IndexJobs(const IndexJobs&) = delete;
  IndexJobs& operator=(const IndexJobs&) = delete;

  // Items per write transaction while backfilling or dropping.
  static constexpr std::size_t kChunk = 256;

  void startBackfill(const std::string& table, const std::string& index);
  void startDrop(const std::string& table, const std::string& index);
  // Starts a job for every CREATING or DELETING index in the catalog.
  void resumeAll();
  // Blocks until no job is running (tests; the engine's own shutdown).
  void waitIdle();

 private:
  void launch(std::function<void()> job);
  void backfill(const std::string& table, const std::string& index);
  void drop(const std::string& table, const std::string& index);

  Database& db_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<std::thread> threads_;
  std::atomic<int> running_{0};
};

// Inside a write: reads table `name`'s stored definition (it must still have
// internal id `tableId`), lets `change` edit it, stores it, and updates the
// catalog cache right after the commit, before any later write runs. Returns
// the new definition. ResourceNotFoundException when the table is gone.
Result<std::shared_ptr<const TableDef>> rewriteCatalogEntry(Database& db, storage::WriteTxn& txn,
                                                            const std::string& name, std::uint32_t tableId,
                                                            const std::function<Status(TableDef&)>& change);

}  // namespace dynadesk::ops
