// DynadeskWorkbench_20261122.DescribeKeyActivity: the workbench's own
// diagnostic of a table's (or global index's) recent traffic, read from the
// engine's KeyActivity (capacity/key_activity.h) — per minute and partition the
// units consumed and the requests throttled, and the keys (and items) that
// consumed or were refused the most. Not a DynamoDB operation: its target
// prefix says so, and it answers whether or not Contributor Insights is
// enabled, since KeyActivity counts every table. Decisions:
// core/capacity/README.md.
//
// Request:  TableName (required), IndexName (a global index), StartTime and
//           EndTime (seconds since the epoch, engine clock; default the 60
//           minutes ending with the current one), MaxContributors (1..100,
//           default 10).
// Response: TableName, IndexName, StartTime, EndTime (the range used),
//           KeySchema (of the target), PartitionCount (now), Minutes (those
//           with activity, in time order: StartTime, PartitionCount,
//           ReadCapacityUnits / WriteCapacityUnits / ThrottledRequests by
//           partition), MostAccessedKeys and MostThrottledKeys ([{Keys, Value}],
//           best first), MostAccessedItems and MostThrottledItems when the
//           target has a sort key, and Totals (each list's exact sum over the
//           range, for shares).
#include <algorithm>
#include <cmath>

#include "api/handlers.h"
#include "api/request_common.h"
#include "capacity/key_activity.h"
#include "capacity/throughput_governor.h"

namespace dynadesk::api {

namespace {

constexpr std::int64_t kDefaultRangeMillis = capacity::kMinutesKept * capacity::kMinuteMillis;
constexpr std::int64_t kMaxContributors = 100;
constexpr std::int64_t kDefaultContributors = 10;

double seconds(std::int64_t millis) { return static_cast<double>(millis) / 1000.0; }

// A time member in seconds since the epoch, as milliseconds; nullopt when absent.
Result<std::optional<std::int64_t>> readTime(const Json& request, std::string_view name) {
  const Json* v = member(request, name);
  if (!v) return std::optional<std::int64_t>();
  // 1e11 seconds is the year 5138: far enough for any clock, small enough for millis in int64.
  if (!v->is_number() || !std::isfinite(v->get<double>()) || v->get<double>() < 0 || v->get<double>() > 1e11) {
    return Status::validation(std::string(name) + " must be a number of seconds since the epoch (1970-01-01 UTC), "
                              "at least 0");
  }
  return std::optional<std::int64_t>(std::llround(v->get<double>() * 1000.0));
}

Json keySchemaJson(const KeySchema& key) {
  Json out = Json::array({{{"AttributeName", key.partition.name}, {"KeyType", "HASH"}}});
  if (key.sort) out.push_back({{"AttributeName", key.sort->name}, {"KeyType", "RANGE"}});
  return out;
}

Json contributorsJson(const capacity::RuleReport& report) {
  Json out = Json::array();
  for (const auto& c : report.contributors) out.push_back({{"Keys", c.keys}, {"Value", c.total}});
  return out;
}

}  // namespace

Result<Json> describeKeyActivity(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(std::string tableName, readTableName(request, errors));
  DYNADESK_ASSIGN_OR_RETURN(auto indexName, optString(request, "IndexName"));
  DYNADESK_ASSIGN_OR_RETURN(auto maxContributors, optInt64(request, "MaxContributors"));
  if (maxContributors && *maxContributors < 1) {
    errors.add(ConstraintErrors::quote(std::to_string(*maxContributors)), "maxContributors",
               "Member must have value greater than or equal to 1");
  } else if (maxContributors && *maxContributors > kMaxContributors) {
    errors.add(ConstraintErrors::quote(std::to_string(*maxContributors)), "maxContributors",
               "Member must have value less than or equal to 100");
  }
  DYNADESK_RETURN_IF_ERROR(errors.status());
  DYNADESK_ASSIGN_OR_RETURN(auto start, readTime(request, "StartTime"));
  DYNADESK_ASSIGN_OR_RETURN(auto end, readTime(request, "EndTime"));
  // By default the range ends with the current minute, so that minute is always in it (minutes
  // belong to a range when they start inside it, and now may be the very start of one).
  const std::int64_t now = db.clock().nowMillis();
  const std::int64_t endOfMinute = (now / capacity::kMinuteMillis + 1) * capacity::kMinuteMillis;
  const std::int64_t endMillis = end ? *end : endOfMinute;
  const std::int64_t startMillis = start ? *start : std::max<std::int64_t>(0, endMillis - kDefaultRangeMillis);
  if (startMillis >= endMillis) return Status::validation("StartTime must be less than EndTime");

  const auto table = db.findTable(tableName);
  if (!table) {
    return Status(ErrorType::ResourceNotFoundException, "Requested resource not found: Table: " + tableName + " not found");
  }
  const IndexDef* index = nullptr;
  if (indexName) {
    // Local indexes share their table's partitions and capacity: only a global index is a target of its own.
    index = table->findIndex(*indexName);
    if (!index || index->kind != IndexKind::Global) {
      return Status(ErrorType::ResourceNotFoundException,
                    "Requested resource not found: Index: " + *indexName + " not found for table " + tableName);
    }
  }
  capacity::KeyActivity* activity = db.keyActivity();
  if (!activity) return Status::internal("Key activity is not recorded by this engine");
  const std::string_view target = index ? std::string_view(index->name) : std::string_view();
  const KeySchema& key = index ? index->key : table->key;

  // The current partition count, sized as the governor and KeyActivity size it.
  std::int64_t readUnits = 0, writeUnits = 0;
  if (table->billingMode == BillingMode::Provisioned) {
    const ProvisionedThroughput& t = index ? index->throughput : table->throughput;
    readUnits = t.readCapacityUnits;
    writeUnits = t.writeCapacityUnits;
  }
  std::uint64_t sizeBytes = 0;
  if (!index) {
    DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());
    DYNADESK_ASSIGN_OR_RETURN(ops::TableStats stats, ops::Database::readTableStats(txn, table->id));
    sizeBytes = stats.sizeBytes;
  }

  Json minutes = Json::array();
  for (const capacity::PartitionMinute& m : activity->partitions(table->id, target, startMillis, endMillis)) {
    minutes.push_back({{"StartTime", seconds(m.minuteStartMillis)},
                       {"PartitionCount", m.partitionCount},
                       {"ReadCapacityUnits", m.readUnits},
                       {"WriteCapacityUnits", m.writeUnits},
                       {"ThrottledRequests", m.throttles}});
  }

  capacity::ReportQuery q;
  q.startMillis = startMillis;
  q.endMillis = endMillis;
  // One period over the whole range: only the totals are wanted.
  const std::int64_t rangeMinutes = (endMillis - startMillis + capacity::kMinuteMillis - 1) / capacity::kMinuteMillis;
  q.periodMillis = std::max<std::int64_t>(1, rangeMinutes) * capacity::kMinuteMillis;
  q.maxContributors = static_cast<std::size_t>(maxContributors.value_or(kDefaultContributors));

  Json out{{"TableName", table->name}};
  if (index) out["IndexName"] = index->name;
  out["StartTime"] = seconds(startMillis);
  out["EndTime"] = seconds(endMillis);
  out["KeySchema"] = keySchemaJson(key);
  out["PartitionCount"] = capacity::partitionCount(readUnits, writeUnits, sizeBytes);
  out["Minutes"] = std::move(minutes);
  Json totals = Json::object();
  struct List {
    const char* name;
    capacity::KeyRule rule;
  };
  constexpr List kLists[] = {{"MostAccessedKeys", capacity::KeyRule::PartitionAccessed},
                             {"MostThrottledKeys", capacity::KeyRule::PartitionThrottled},
                             {"MostAccessedItems", capacity::KeyRule::ItemAccessed},
                             {"MostThrottledItems", capacity::KeyRule::ItemThrottled}};
  for (const List& list : kLists) {
    if (capacity::keyedBySortKey(list.rule) && !key.sort) continue;
    const capacity::RuleReport report = activity->report(table->id, target, list.rule, q);
    out[list.name] = contributorsJson(report);
    totals[list.name] = report.aggregateValue;
  }
  out["Totals"] = std::move(totals);
  return out;
}

}  // namespace dynadesk::api
