// Database: the state every operation works on — the LMDB environment, the
// in-memory table catalog, the clock and the account identity.
//
// The catalog cache mirrors the catalog stored in LMDB. It is changed only
// after the write that changed the stored catalog has committed, by the thread
// that made it; readers take snapshots (shared_ptr<const TableDef>). Writes
// re-check the stored catalog inside their transaction (checkTableAlive), so a
// table deleted or re-created concurrently is never written to by mistake.
//
// Thread-safety: all members are safe to call from any thread.
#pragma once

#include "capacity/throughput_governor.h"

#include <cstdint>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "dynadesk/clock.h"
#include "dynadesk/status.h"
#include "events/event_hub.h"
#include "model/table_def.h"
#include "storage/lmdb_env.h"

namespace dynadesk::metrics {
class MetricStore;
}
namespace dynadesk::alarms {
class AlarmStore;
}
namespace dynadesk::capacity {
class KeyActivity;
}

namespace dynadesk::ops {
class IndexJobs;
class UsageListener;
class TimeToLiveSweeper;
}

namespace dynadesk::ops {

struct TableStats {
  std::uint64_t itemCount = 0;
  std::uint64_t sizeBytes = 0;
};

class Database {
 public:
  // Loads the catalog from `env`. Errors: InternalServerError on corrupt data.
  static Result<std::unique_ptr<Database>> open(std::unique_ptr<storage::Env> env,
                                                std::shared_ptr<const Clock> clock, std::string region,
                                                std::string accountId);

  storage::Env& env() { return *env_; }
  const Clock& clock() const { return *clock_; }
  const std::string& region() const { return region_; }
  const std::string& accountId() const { return accountId_; }
  std::string tableArn(std::string_view tableName) const;
  // Where committed writes are announced (see events/event_hub.h). Shared so a
  // subscription may outlive the database.
  events::EventHub& events() { return *events_; }
  const std::shared_ptr<events::EventHub>& eventHub() const { return events_; }

  // The current definition, or null when there is no such table.
  std::shared_ptr<const TableDef> findTable(std::string_view name) const;
  // Inside a write: the definition of `snapshot`'s table as of this
  // transaction, or null when that table was deleted (or re-created) since.
  // Catalog changes reach the cache right after their commit, before the next
  // write runs, so this is what the write must keep indexes for.
  std::shared_ptr<const TableDef> currentTable(const TableDef& snapshot) const;
  // Every table name, sorted (DynamoDB lists tables in name order).
  std::vector<std::string> tableNames() const;

  // The largest item collection (tables with local indexes) a write may grow;
  // DynamoDB's 10 GB unless the engine was opened with another limit.
  std::uint64_t itemCollectionLimit() const { return itemCollectionLimit_; }
  void setItemCollectionLimit(std::uint64_t bytes) { itemCollectionLimit_ = bytes; }

  // Background builds and drops of global secondary indexes (ops/index_jobs.h).
  IndexJobs& indexJobs() { return *jobs_; }

  // Provisioned-mode throttling (capacity/throughput_governor.h).
  capacity::ThroughputGovernor& throughput() { return throughput_; }
  // Who hears about consumed capacity and throttles (the engine's metrics);
  // null until set. Set once, before traffic starts; must outlive the database's use.
  UsageListener* usageListener() const { return usage_; }
  void setUsageListener(UsageListener* listener) { usage_ = listener; }
  // The engine's CloudWatch-style metrics and alarms, which the CloudWatch
  // operations serve; null until the engine sets them (same rules).
  metrics::MetricStore* metricStore() const { return metrics_; }
  void setMetricStore(metrics::MetricStore* store) { metrics_ = store; }
  alarms::AlarmStore* alarmStore() const { return alarms_; }
  void setAlarmStore(alarms::AlarmStore* store) { alarms_ = store; }
  // Per-key and per-partition accounting (capacity/key_activity.h), which
  // Contributor Insights reports; null until the engine sets it (same rules).
  capacity::KeyActivity* keyActivity() const { return keyActivity_; }
  void setKeyActivity(capacity::KeyActivity* activity) { keyActivity_ = activity; }

  ~Database();

  // Cache maintenance, called after the matching catalog write committed.
  void cacheTable(std::shared_ptr<const TableDef> def);
  void uncacheTable(std::string_view name);

  // Inside a write: ResourceNotFoundException unless the stored catalog still
  // holds table `def` (same internal id).
  static Status checkTableAlive(storage::WriteTxn& txn, const TableDef& def);
  // Inside a write: adds deltas to a table's stored item count and size.
  static Status addTableStats(storage::WriteTxn& txn, std::uint32_t tableId, std::int64_t countDelta,
                              std::int64_t bytesDelta);
  // Reads a table's stored item count and size from a snapshot.
  static Result<TableStats> readTableStats(const storage::Txn& txn, std::uint32_t tableId);
  // The record both keep (item count u64, bytes u64) under any key: table and
  // index statistics share it.
  static Status addCountAndBytes(storage::WriteTxn& txn, const std::string& key, std::int64_t countDelta,
                                 std::int64_t bytesDelta);
  static Result<TableStats> readCountAndBytes(const storage::Txn& txn, const std::string& key);

 private:
  Database(std::unique_ptr<storage::Env> env, std::shared_ptr<const Clock> clock, std::string region,
           std::string accountId);

  std::unique_ptr<storage::Env> env_;
  std::shared_ptr<const Clock> clock_;
  std::string region_;
  std::string accountId_;
  std::shared_ptr<events::EventHub> events_ = std::make_shared<events::EventHub>();
  mutable std::shared_mutex mu_;
  std::map<std::string, std::shared_ptr<const TableDef>, std::less<>> tables_;
  std::uint64_t itemCollectionLimit_ = 10ull << 30;
  capacity::ThroughputGovernor throughput_{clock_};
  UsageListener* usage_ = nullptr;
  metrics::MetricStore* metrics_ = nullptr;
  alarms::AlarmStore* alarms_ = nullptr;
  capacity::KeyActivity* keyActivity_ = nullptr;
  std::unique_ptr<IndexJobs> jobs_;  // last: its threads stop before the rest goes away
  std::unique_ptr<TimeToLiveSweeper> sweeper_;
};

// "Requested resource not found", DynamoDB's answer for a missing table in data-plane calls.
Status tableNotFound();

}  // namespace dynadesk::ops
