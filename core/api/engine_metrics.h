// EngineMetrics: what the engine records into its MetricStore, under the
// names and dimensions DynamoDB publishes to CloudWatch (namespace AWS/DynamoDB):
//
//   per table (TableName), and per global index (TableName, GlobalSecondaryIndexName):
//     ConsumedReadCapacityUnits, ConsumedWriteCapacityUnits  one sample per request
//     ReadThrottleEvents, WriteThrottleEvents                 1 per throttled event
//     ProvisionedReadCapacityUnits, ProvisionedWriteCapacityUnits  gauges, each second
//   per table: ConditionalCheckFailedRequests, TimeToLiveDeletedItemCount,
//     ItemCount and TableSizeBytes (gauges, each second)
//   per table and data-plane operation (TableName, Operation; table management
//   calls are not metered per table, as in DynamoDB):
//     SuccessfulRequestLatency (ms), ThrottledRequests, SystemErrors,
//     ReturnedItemCount (Query, Scan)
//   per stream read (TableName, StreamLabel, Operation "GetRecords"):
//     ReturnedBytes, the SizeBytes of the records a DynamoDB Streams
//     GetRecords returned (bytes), one sample per successful call
//   account-wide (no dimensions): UserErrors
//
// Each key a request touched goes to the database's KeyActivity (when set):
// the per-key and per-partition accounting behind Contributor Insights.
//
// A table's consumed capacity includes its local indexes (they share its
// capacity), not its global ones, as CloudWatch reports it. Metrics are
// recorded only for tables that exist. Recording costs a handle lookup under
// a shared lock and the store's record() (core/metrics/metric_store.h).
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "metrics/metric_store.h"
#include "ops/database.h"
#include "ops/throughput.h"

namespace dynadesk::api {

class EngineMetrics final : public ops::UsageListener {
 public:
  // `db` and `store` must outlive this object.
  EngineMetrics(ops::Database& db, metrics::MetricStore& store);

  void consumed(const TableDef& table, const capacity::Consumption& consumed) override;
  void throttled(const TableDef& table, const capacity::Throttle& throttle) override;
  void keyAccessed(const TableDef& table, const ops::KeyAccess& access) override;

  // One finished call: the tables it named, its outcome and latency, and for
  // Query and Scan the items it returned.
  void callFinished(std::string_view operation, const std::vector<std::string>& tables, const Status& status,
                    double latencyMillis, std::optional<std::uint64_t> returned);

  // A successful DynamoDB Streams GetRecords: its request (for the table and
  // stream its ShardIterator names) and the bytes of the records it returned
  // (returnedBytesOf). An iterator that does not decode records nothing.
  void streamRecordsReturned(const nlohmann::json& request, std::uint64_t bytes);

  // Once a second: the gauges of every table (item count, size, provisioned
  // capacity) and the items Time to Live deleted since the last sample.
  void sampleGauges();

 private:
  metrics::MetricHandle handle(std::string_view name, metrics::Unit unit, std::string_view table,
                               std::string_view index = {}, std::string_view operation = {},
                               std::string_view streamLabel = {});

  ops::Database& db_;
  metrics::MetricStore& store_;
  std::shared_mutex mu_;
  // (name, table, index, operation, stream label) -> handle
  std::map<std::tuple<std::string, std::string, std::string, std::string, std::string>, metrics::MetricHandle,
           std::less<>>
      handles_;
  std::map<std::uint32_t, std::uint64_t> ttlDeletedSeen_;  // table id -> counter at the last sample
};

// The table names a request addresses: TableName, the keys of RequestItems
// (batches), or each action's TableName (transactions).
std::vector<std::string> tablesOfRequest(const nlohmann::json& request);

// For DynamoDB Streams GetRecords ("DynamoDBStreams_20120810.GetRecords"): the
// sum of the SizeBytes of the records in its answer; nullopt for any other
// operation. The text form reads the answer as the endpoint writes it.
std::optional<std::uint64_t> returnedBytesOf(std::string_view operation, const nlohmann::json& response);
std::optional<std::uint64_t> returnedBytesOf(std::string_view operation, std::string_view responseText);

}  // namespace dynadesk::api
