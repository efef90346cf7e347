// ThroughputGovernor: provisioned-mode throttling, as DynamoDB enforces it.
//
//   - Each provisioned table and each of its global secondary indexes has a
//     read and a write token bucket filling at its provisioned rate and saving
//     up to 300 seconds of unused capacity (DynamoDB's burst capacity). Buckets
//     start full.
//   - Each table is split into partitions the way DynamoDB sizes them: enough
//     for the provisioned throughput at 3,000 RCU and 1,000 WCU per partition,
//     and one per 10 GB of data. A partition never serves more than 3,000 RCU
//     or 1,000 WCU a second, so a hot partition key throttles while the table
//     still has capacity left. A key's partition is its partition hash's range.
//   - A request is admitted while every bucket it needs holds something; what it
//     consumed is taken afterwards (charge), possibly into debt. A write needs
//     the table's write bucket, its partition's, and every global index's write
//     bucket (DynamoDB throttles a table's writes when one of its global indexes
//     lacks write capacity). Local indexes consume the table's capacity.
//   - On-demand tables are never throttled, and setEnabled(false) (the server's
//     --no-throttling, for bulk loads) turns throttling off altogether.
// Time comes from the engine clock, so a test that moves the clock refills the
// buckets.
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "capacity/consumption.h"
#include "capacity/token_bucket.h"
#include "dynadesk/clock.h"
#include "model/table_def.h"

namespace dynadesk::capacity {

inline constexpr double kBurstSeconds = 300;
inline constexpr double kPartitionReadUnits = 3000;
inline constexpr double kPartitionWriteUnits = 1000;
inline constexpr std::uint64_t kPartitionBytes = 10ull << 30;

// How many partitions DynamoDB gives a table with this throughput and size.
int partitionCount(std::int64_t readUnits, std::int64_t writeUnits, std::uint64_t sizeBytes);
// The partition (0 .. count-1) holding a partition hash.
int partitionOf(std::uint64_t partitionHash, int count);

// Which capacity ran out.
struct Throttle {
  bool read = false;       // a read (else a write)
  std::string index;       // the global index whose capacity ran out; empty: the table
  bool partition = false;  // the key's partition, not the table as a whole
};

class ThroughputGovernor {
 public:
  explicit ThroughputGovernor(std::shared_ptr<const Clock> clock);

  void setEnabled(bool enabled);
  bool enabled() const;

  // Before reading `index` (null: the table) of `table`; `partitionHash` when
  // the read addresses one partition. nullopt: admitted.
  std::optional<Throttle> admitRead(const TableDef& table, const IndexDef* index,
                                    std::optional<std::uint64_t> partitionHash);
  // Before writing an item of `table` in partition `partitionHash`.
  std::optional<Throttle> admitWrite(const TableDef& table, std::optional<std::uint64_t> partitionHash);
  // After a request: takes what it consumed.
  void charge(const TableDef& table, const Consumption& consumed, std::optional<std::uint64_t> partitionHash);
  // The table's data size changed (partitions grow with it).
  void setTableSize(std::uint32_t tableId, std::uint64_t sizeBytes);
  void forget(std::uint32_t tableId);

 private:
  struct Pair {
    TokenBucket read, write;
  };
  struct TableState {
    std::int64_t readUnits = -1, writeUnits = -1;  // what the buckets were sized for
    std::uint64_t sizeBytes = 0;
    Pair table;
    std::map<std::uint32_t, std::pair<std::int64_t, Pair>> globalIndexes;  // id -> (r<<32|w, buckets)
    std::vector<Pair> partitions;
  };
  // The table's state brought up to its current definition and time. Caller holds mutex_.
  TableState& stateOf(const TableDef& table, std::int64_t now);
  Pair& indexBuckets(TableState& state, const IndexDef& index, std::int64_t now);
  // The buckets of the partition holding `partitionHash`, refilled to `now`.
  static Pair& partitionOfHash(TableState& state, std::uint64_t partitionHash, std::int64_t now);
  static void resizePartitions(TableState& state, std::int64_t now);

  std::shared_ptr<const Clock> clock_;
  mutable std::mutex mutex_;
  bool enabled_ = true;
  std::map<std::uint32_t, TableState> tables_;
};

}  // namespace dynadesk::capacity
