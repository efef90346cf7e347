#include "api/engine_metrics.h"

#include <algorithm>
#include <iterator>
#include <mutex>

#include "capacity/key_activity.h"
#include "ops/streams.h"
#include "storage/key_codec.h"

namespace dynadesk::api {

using metrics::Unit;

namespace {

constexpr std::string_view kTable = "TableName";
constexpr std::string_view kIndex = "GlobalSecondaryIndexName";
constexpr std::string_view kOperation = "Operation";
constexpr std::string_view kStreamLabel = "StreamLabel";
constexpr std::string_view kGetRecords = "DynamoDBStreams_20120810.GetRecords";

// The operations DynamoDB meters per table (its Operation dimension): the data
// plane, not table management.
bool isDataPlane(std::string_view operation) {
  static constexpr std::string_view kMetered[] = {
      "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem",
      "TransactWriteItems", "TransactGetItems", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction",
      "DynamoDBStreams_20120810.GetRecords"};
  return std::find(std::begin(kMetered), std::end(kMetered), operation) != std::end(kMetered);
}

// Errors CloudWatch counts under their own metrics rather than UserErrors.
bool countsAsUserError(ErrorType type) {
  switch (type) {
    case ErrorType::ConditionalCheckFailedException:
    case ErrorType::ProvisionedThroughputExceededException:
    case ErrorType::TransactionConflictException:
      return false;
    default:
      return !isServerError(type);
  }
}

}  // namespace

EngineMetrics::EngineMetrics(ops::Database& db, metrics::MetricStore& store) : db_(db), store_(store) {}

metrics::MetricHandle EngineMetrics::handle(std::string_view name, Unit unit, std::string_view table,
                                            std::string_view index, std::string_view operation,
                                            std::string_view streamLabel) {
  {
    // Looked up by views: the common case (a known metric) allocates nothing.
    std::shared_lock lock(mu_);
    if (auto it = handles_.find(std::make_tuple(name, table, index, operation, streamLabel)); it != handles_.end()) {
      return it->second;
    }
  }
  std::vector<metrics::Dimension> dims;
  if (!table.empty()) dims.push_back({std::string(kTable), std::string(table)});
  if (!index.empty()) dims.push_back({std::string(kIndex), std::string(index)});
  if (!operation.empty()) dims.push_back({std::string(kOperation), std::string(operation)});
  if (!streamLabel.empty()) dims.push_back({std::string(kStreamLabel), std::string(streamLabel)});
  metrics::MetricHandle h = store_.handle(metrics::makeMetricId(std::string(name), std::move(dims)), unit);
  std::unique_lock lock(mu_);
  handles_.emplace(std::make_tuple(std::string(name), std::string(table), std::string(index), std::string(operation),
                                   std::string(streamLabel)),
                   h);
  return h;
}

void EngineMetrics::consumed(const TableDef& table, const capacity::Consumption& consumed) {
  const std::int64_t now = db_.clock().nowMillis();
  capacity::Units onTable = consumed.table;
  for (const auto& index : consumed.indexes) {
    if (!index.global) {
      onTable += index.units;
      continue;
    }
    if (index.units.read > 0) {
      store_.recordAt(handle("ConsumedReadCapacityUnits", Unit::Count, table.name, index.name), index.units.read, now);
    }
    if (index.units.write > 0) {
      store_.recordAt(handle("ConsumedWriteCapacityUnits", Unit::Count, table.name, index.name), index.units.write, now);
    }
  }
  if (onTable.read > 0) store_.recordAt(handle("ConsumedReadCapacityUnits", Unit::Count, table.name), onTable.read, now);
  if (onTable.write > 0) {
    store_.recordAt(handle("ConsumedWriteCapacityUnits", Unit::Count, table.name), onTable.write, now);
  }
}

void EngineMetrics::throttled(const TableDef& table, const capacity::Throttle& throttle) {
  const std::int64_t now = db_.clock().nowMillis();
  store_.recordAt(handle(throttle.read ? "ReadThrottleEvents" : "WriteThrottleEvents", Unit::Count, table.name,
                         throttle.index),
                  1, now);
  db_.events().publishThrottle(ThrottleEvent{table.name, throttle.index, throttle.read, throttle.partition, now});
}

void EngineMetrics::keyAccessed(const TableDef& table, const ops::KeyAccess& access) {
  capacity::KeyActivity* activity = db_.keyActivity();
  if (!activity) return;
  capacity::KeyRecord r;
  r.tableId = table.id;
  if (access.index) r.index = access.index->name;
  r.partitionKey = access.partitionKey;
  r.sortKey = access.sortKey;
  r.partitionHash = access.partitionHash;
  if (table.billingMode == BillingMode::Provisioned) {
    const ProvisionedThroughput& t = access.index ? access.index->throughput : table.throughput;
    r.readCapacityUnits = t.readCapacityUnits;
    r.writeCapacityUnits = t.writeCapacityUnits;
  }
  r.units = access.units;
  r.throttled = access.throttled;
  activity->record(r);
}

void EngineMetrics::callFinished(std::string_view operation, const std::vector<std::string>& tables,
                                 const Status& status, double latencyMillis, std::optional<std::uint64_t> returned) {
  const std::int64_t now = db_.clock().nowMillis();
  const ErrorType type = status.type();
  if (type != ErrorType::Ok && countsAsUserError(type)) store_.recordAt(handle("UserErrors", Unit::Count, {}), 1, now);
  if (!isDataPlane(operation)) return;
  for (const auto& name : tables) {
    if (!db_.findTable(name)) continue;  // no metrics for tables that do not exist
    if (type == ErrorType::Ok) {
      store_.recordAt(handle("SuccessfulRequestLatency", Unit::Milliseconds, name, {}, operation), latencyMillis, now);
      if (returned && (operation == "Query" || operation == "Scan")) {
        store_.recordAt(handle("ReturnedItemCount", Unit::Count, name, {}, operation), static_cast<double>(*returned), now);
      }
    } else if (type == ErrorType::ProvisionedThroughputExceededException ||
               (type == ErrorType::TransactionCanceledException &&
                status.message().find("ProvisionedThroughputExceeded") != std::string::npos)) {
      store_.recordAt(handle("ThrottledRequests", Unit::Count, name, {}, operation), 1, now);
    } else if (type == ErrorType::ConditionalCheckFailedException) {
      store_.recordAt(handle("ConditionalCheckFailedRequests", Unit::Count, name), 1, now);
    } else if (isServerError(type)) {
      store_.recordAt(handle("SystemErrors", Unit::Count, name, {}, operation), 1, now);
    }
  }
}

void EngineMetrics::streamRecordsReturned(const nlohmann::json& request, std::uint64_t bytes) {
  if (!request.is_object()) return;
  const auto it = request.find("ShardIterator");
  if (it == request.end() || !it->is_string()) return;
  // The iterator names its stream; the call already succeeded, so it
  // decodes, but a malformed one must still record nothing.
  auto decoded = ops::decodeIterator(it->get_ref<const std::string&>());
  if (!decoded) return;
  const std::string& table = decoded->tableName;
  if (!db_.findTable(table)) return;  // no metrics for tables that do not exist
  const std::string label = ops::streamLabel(decoded->created);
  // DynamoDB names the operation "GetRecords" in this metric's dimensions.
  store_.recordAt(handle("ReturnedBytes", Unit::Bytes, table, {}, "GetRecords", label), static_cast<double>(bytes),
                  db_.clock().nowMillis());
}

void EngineMetrics::sampleGauges() {
  const std::int64_t now = db_.clock().nowMillis();
  std::vector<std::shared_ptr<const TableDef>> tables;
  for (const auto& name : db_.tableNames()) {
    if (auto def = db_.findTable(name)) tables.push_back(std::move(def));
  }
  struct Sample {
    ops::TableStats stats;
    std::uint64_t ttlDeleted = 0;
  };
  std::vector<Sample> samples(tables.size());
  {
    auto txn = db_.env().read();
    if (!txn) return;
    for (std::size_t i = 0; i < tables.size(); ++i) {
      if (auto stats = ops::Database::readTableStats(*txn, tables[i]->id)) samples[i].stats = *stats;
      if (auto counter = txn->get(storage::ttlDeletionsKey(tables[i]->id)); counter && *counter && (*counter)->size() == 8) {
        samples[i].ttlDeleted = storage::readBigEndian64(**counter);
      }
    }
  }
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const TableDef& t = *tables[i];
    const Sample& s = samples[i];
    store_.recordAt(handle("ItemCount", Unit::Count, t.name), static_cast<double>(s.stats.itemCount), now);
    store_.recordAt(handle("TableSizeBytes", Unit::Bytes, t.name), static_cast<double>(s.stats.sizeBytes), now);
    db_.throughput().setTableSize(t.id, s.stats.sizeBytes);
    if (capacity::KeyActivity* activity = db_.keyActivity()) activity->setTableSize(t.id, s.stats.sizeBytes);
    if (t.billingMode == BillingMode::Provisioned) {
      store_.recordAt(handle("ProvisionedReadCapacityUnits", Unit::Count, t.name),
                      static_cast<double>(t.throughput.readCapacityUnits), now);
      store_.recordAt(handle("ProvisionedWriteCapacityUnits", Unit::Count, t.name),
                      static_cast<double>(t.throughput.writeCapacityUnits), now);
      for (const auto& index : t.indexes) {
        if (index.kind != IndexKind::Global) continue;
        store_.recordAt(handle("ProvisionedReadCapacityUnits", Unit::Count, t.name, index.name),
                        static_cast<double>(index.throughput.readCapacityUnits), now);
        store_.recordAt(handle("ProvisionedWriteCapacityUnits", Unit::Count, t.name, index.name),
                        static_cast<double>(index.throughput.writeCapacityUnits), now);
      }
    }
    std::uint64_t previous = 0;
    {
      std::unique_lock lock(mu_);
      auto [it, fresh] = ttlDeletedSeen_.try_emplace(t.id, s.ttlDeleted);
      previous = fresh ? s.ttlDeleted : it->second;
      it->second = s.ttlDeleted;
    }
    if (s.ttlDeleted > previous) {
      store_.recordAt(handle("TimeToLiveDeletedItemCount", Unit::Count, t.name),
                      static_cast<double>(s.ttlDeleted - previous), now);
    }
  }
}

std::vector<std::string> tablesOfRequest(const nlohmann::json& request) {
  std::vector<std::string> out;
  if (!request.is_object()) return out;
  auto add = [&out](const nlohmann::json& name) {
    if (!name.is_string()) return;
    const auto& s = name.get_ref<const std::string&>();
    for (const auto& seen : out) {
      if (seen == s) return;
    }
    out.push_back(s);
  };
  if (auto it = request.find("TableName"); it != request.end()) add(*it);
  if (auto it = request.find("RequestItems"); it != request.end() && it->is_object()) {
    for (const auto& [name, _] : it->items()) add(nlohmann::json(name));
  }
  if (auto it = request.find("TransactItems"); it != request.end() && it->is_array()) {
    for (const auto& action : *it) {
      if (!action.is_object()) continue;
      for (const auto& [kind, body] : action.items()) {
        if (body.is_object() && body.contains("TableName")) add(body["TableName"]);
      }
    }
  }
  return out;
}

std::optional<std::uint64_t> returnedBytesOf(std::string_view operation, const nlohmann::json& response) {
  if (operation != kGetRecords || !response.is_object()) return std::nullopt;
  const auto records = response.find("Records");
  if (records == response.end() || !records->is_array()) return std::nullopt;
  std::uint64_t total = 0;
  for (const auto& r : *records) {
    if (!r.is_object()) continue;
    const auto d = r.find("dynamodb");
    if (d == r.end() || !d->is_object()) continue;
    const auto size = d->find("SizeBytes");
    if (size != d->end() && size->is_number_unsigned()) total += size->get<std::uint64_t>();
  }
  return total;
}

std::optional<std::uint64_t> returnedBytesOf(std::string_view operation, std::string_view text) {
  if (operation != kGetRecords) return std::nullopt;
  // Every "SizeBytes": followed by a digit is a record's size: an attribute
  // named SizeBytes is followed by '{', and a quote inside a string value is
  // escaped, so the key cannot appear there.
  constexpr std::string_view kKey = "\"SizeBytes\":";
  std::uint64_t total = 0;
  for (std::size_t at = text.find(kKey); at != std::string_view::npos; at = text.find(kKey, at + 1)) {
    std::size_t i = at + kKey.size();
    std::uint64_t n = 0;
    bool digits = false;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      n = n * 10 + static_cast<std::uint64_t>(text[i++] - '0');
      digits = true;
    }
    if (digits) total += n;
  }
  return total;
}

}  // namespace dynadesk::api
