// Provisioned throughput around every data-plane operation: admission before
// it runs (ProvisionedThroughputExceededException, in DynamoDB's words, when a
// bucket it needs is spent) and charging what it consumed afterwards. Both
// also tell the database's usage listener, which records the metrics.
//
// Thread-safety: safe to call from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "capacity/consumption.h"
#include "capacity/throughput_governor.h"
#include "dynadesk/status.h"
#include "model/table_def.h"

namespace dynadesk::ops {

class Database;

// What the engine wants to hear about capacity (metrics). Implementations
// must be cheap and safe to call from any thread.
class UsageListener {
 public:
  virtual ~UsageListener() = default;
  virtual void consumed(const TableDef& table, const capacity::Consumption& consumed) = 0;
  virtual void throttled(const TableDef& table, const capacity::Throttle& throttle) = 0;
};

// DynamoDB's message for a throttle of the table or of one of its global indexes.
Status throughputExceeded(const capacity::Throttle& throttle);
// The message of a throttled table (TransactionCanceledException reasons, batches).
std::string_view tableThroughputExceededMessage();

Status admitRead(Database& db, const TableDef& table, const IndexDef* index,
                 std::optional<std::uint64_t> partitionHash);
Status admitWrite(Database& db, const TableDef& table, std::optional<std::uint64_t> partitionHash);
// Takes what one request consumed from the buckets and reports it.
void charge(Database& db, const TableDef& table, const capacity::Consumption& consumed,
            std::optional<std::uint64_t> partitionHash);
// The two halves, for batches: each item taken from its own partition's
// buckets, the request reported once per table.
void chargeBuckets(Database& db, const TableDef& table, const capacity::Consumption& consumed,
                   std::optional<std::uint64_t> partitionHash);
void reportConsumed(Database& db, const TableDef& table, const capacity::Consumption& consumed);
// "... for one or more tables was exceeded ...": a batch none of whose requests
// could be admitted.
Status batchThroughputExceeded();

}  // namespace dynadesk::ops
