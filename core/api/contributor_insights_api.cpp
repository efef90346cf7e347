// Contributor Insights: DynamoDB's UpdateContributorInsights,
// DescribeContributorInsights and ListContributorInsights (the setting, kept
// in key space 0x10, FORMAT.md), and CloudWatch's GetInsightRuleReport over
// the rules an enabled table or global index has, answered from the engine's
// KeyActivity (capacity/key_activity.h). Decisions: core/capacity/README.md.
#include <algorithm>
#include <array>
#include <cmath>

#include "api/cloudwatch_api.h"
#include "api/handlers.h"
#include "api/request_common.h"
#include "capacity/key_activity.h"
#include "storage/key_codec.h"

namespace dynadesk::api {

namespace {

constexpr std::string_view kAccessedAndThrottled = "ACCESSED_AND_THROTTLED_KEYS";
constexpr std::string_view kThrottledOnly = "THROTTLED_KEYS";
constexpr std::string_view kRulePrefix = "DynamoDBContributorInsights-";

// The stored setting of a table or one of its global indexes.
struct Setting {
  bool enabled = false;
  std::string mode = std::string(kAccessedAndThrottled);
  std::int64_t updatedMillis = 0;  // LastUpdateDateTime
  std::int64_t rulesMillis = 0;    // when enabled: names the rules, and data counts from then
};

// 0x10 | table id u32 | index name (UTF-8; empty for the table)
std::string settingKey(std::uint32_t tableId, std::string_view index) {
  std::string key(1, static_cast<char>(storage::KeySpace::ContributorInsights));
  storage::appendBigEndian32(key, tableId);
  key.append(index);
  return key;
}

Result<Setting> readSetting(ops::Database& db, std::uint32_t tableId, std::string_view index) {
  DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());
  DYNADESK_ASSIGN_OR_RETURN(auto stored, txn.get(settingKey(tableId, index)));
  Setting s;
  if (!stored) return s;
  const Json j = Json::parse(stored->begin(), stored->end(), nullptr, false);
  if (!j.is_object()) return Status::internal("The stored Contributor Insights setting is corrupt");
  s.enabled = j.value("enabled", false);
  s.mode = j.value("mode", std::string(kAccessedAndThrottled));
  s.updatedMillis = j.value("updatedMillis", std::int64_t{0});
  s.rulesMillis = j.value("rulesMillis", std::int64_t{0});
  return s;
}

Status writeSetting(ops::Database& db, const TableDef& table, std::string_view index, const Setting& s) {
  const std::string value =
      Json{{"format", 1}, {"enabled", s.enabled}, {"mode", s.mode}, {"updatedMillis", s.updatedMillis},
           {"rulesMillis", s.rulesMillis}}
          .dump();
  return db.env().write([&](storage::WriteTxn& txn) -> Status {
    DYNADESK_RETURN_IF_ERROR(ops::Database::checkTableAlive(txn, table));
    return txn.put(settingKey(table.id, index), value);
  });
}

const IndexDef* globalIndex(const TableDef& table, std::string_view name) {
  const IndexDef* index = table.findIndex(name);
  return index && index->kind == IndexKind::Global ? index : nullptr;
}

struct RuleKind {
  capacity::KeyRule rule;
  std::string_view code;
};
constexpr std::array kRuleKinds = {RuleKind{capacity::KeyRule::PartitionAccessed, "PKC"},
                                   RuleKind{capacity::KeyRule::PartitionThrottled, "PKT"},
                                   RuleKind{capacity::KeyRule::ItemAccessed, "SKC"},
                                   RuleKind{capacity::KeyRule::ItemThrottled, "SKT"}};

// DynamoDBContributorInsights-<PKC|PKT|SKC|SKT>-<table>[/index/<index>]-<enabled millis>
std::string ruleName(std::string_view code, const TableDef& table, std::string_view index, std::int64_t millis) {
  std::string name(kRulePrefix);
  name += code;
  name += '-';
  name += table.name;
  if (!index.empty()) {
    name += "/index/";
    name.append(index);
  }
  name += '-';
  name += std::to_string(millis);
  return name;
}

// The rules of an enabled setting: partition rules always, sort-key rules
// when the table (or index) has a sort key; throttled ones only in THROTTLED_KEYS mode.
std::vector<std::pair<RuleKind, std::string>> rulesOf(const TableDef& table, const IndexDef* index, const Setting& s) {
  std::vector<std::pair<RuleKind, std::string>> out;
  if (!s.enabled) return out;
  const bool sorted = index ? index->key.sort.has_value() : table.key.sort.has_value();
  for (const RuleKind& k : kRuleKinds) {
    if (capacity::keyedBySortKey(k.rule) && !sorted) continue;
    if (s.mode == kThrottledOnly && !capacity::countsThrottles(k.rule)) continue;
    out.emplace_back(k, ruleName(k.code, table, index ? std::string_view(index->name) : std::string_view(), s.rulesMillis));
  }
  return out;
}

double seconds(std::int64_t millis) { return static_cast<double>(millis) / 1000.0; }

Json describeJson(const TableDef& table, const IndexDef* index, const Setting& s, bool transitional) {
  Json out{{"TableName", table.name}};
  if (index) out["IndexName"] = index->name;
  if (s.enabled) {
    Json rules = Json::array();
    for (const auto& [kind, name] : rulesOf(table, index, s)) rules.push_back(name);
    out["ContributorInsightsRuleList"] = std::move(rules);
  }
  out["ContributorInsightsStatus"] = transitional ? (s.enabled ? "ENABLING" : "DISABLING") : (s.enabled ? "ENABLED" : "DISABLED");
  out["ContributorInsightsMode"] = s.mode;
  if (s.updatedMillis) out["LastUpdateDateTime"] = seconds(s.updatedMillis);
  return out;
}

// Table (by name or ARN) and optional global index of a request.
struct Target {
  std::shared_ptr<const TableDef> table;
  const IndexDef* index = nullptr;
};

Result<Target> targetOf(ops::Database& db, const Json& request, ConstraintErrors& errors) {
  DYNADESK_ASSIGN_OR_RETURN(std::string tableName, readTableName(request, errors));
  DYNADESK_ASSIGN_OR_RETURN(auto indexName, optString(request, "IndexName"));
  DYNADESK_RETURN_IF_ERROR(errors.status());
  Target t;
  t.table = db.findTable(tableName);
  if (!t.table) return Status(ErrorType::ResourceNotFoundException, "Requested resource not found: Table: " + tableName + " not found");
  if (indexName) {
    t.index = globalIndex(*t.table, *indexName);
    if (!t.index) {
      return Status(ErrorType::ResourceNotFoundException,
                    "Requested resource not found: Index: " + *indexName + " not found for table " + tableName);
    }
  }
  return t;
}

}  // namespace

Result<Json> updateContributorInsights(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(auto action, optString(request, "ContributorInsightsAction"));
  DYNADESK_ASSIGN_OR_RETURN(auto mode, optString(request, "ContributorInsightsMode"));
  if (!action) {
    errors.notNull("contributorInsightsAction");
  } else if (*action != "ENABLE" && *action != "DISABLE") {
    errors.add(ConstraintErrors::quote(*action), "contributorInsightsAction",
               "Member must satisfy enum value set: [ENABLE, DISABLE]");
  }
  if (mode && *mode != kAccessedAndThrottled && *mode != kThrottledOnly) {
    errors.add(ConstraintErrors::quote(*mode), "contributorInsightsMode",
               "Member must satisfy enum value set: [ACCESSED_AND_THROTTLED_KEYS, THROTTLED_KEYS]");
  }
  DYNADESK_ASSIGN_OR_RETURN(Target t, targetOf(db, request, errors));
  const std::string_view indexName = t.index ? std::string_view(t.index->name) : std::string_view();
  DYNADESK_ASSIGN_OR_RETURN(Setting s, readSetting(db, t.table->id, indexName));
  const bool enable = *action == "ENABLE";
  const std::int64_t now = db.clock().nowMillis();
  // Enabling again keeps the rules (and their data); a new enable after a
  // disable creates new rules, as DynamoDB does.
  if (enable && !s.enabled) s.rulesMillis = now;
  s.enabled = enable;
  if (mode) s.mode = *mode;
  s.updatedMillis = now;
  DYNADESK_RETURN_IF_ERROR(writeSetting(db, *t.table, indexName, s));
  Json out{{"TableName", t.table->name}};
  if (t.index) out["IndexName"] = t.index->name;
  // The change is immediate here; the answer still names the transition, as DynamoDB's does.
  out["ContributorInsightsStatus"] = enable ? "ENABLING" : "DISABLING";
  out["ContributorInsightsMode"] = s.mode;
  return out;
}

Result<Json> describeContributorInsights(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(Target t, targetOf(db, request, errors));
  DYNADESK_ASSIGN_OR_RETURN(Setting s, readSetting(db, t.table->id, t.index ? std::string_view(t.index->name) : ""));
  return describeJson(*t.table, t.index, s, false);
}

Result<Json> listContributorInsights(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(auto tableName, optString(request, "TableName"));
  DYNADESK_ASSIGN_OR_RETURN(auto maxResults, optInt64(request, "MaxResults"));
  DYNADESK_ASSIGN_OR_RETURN(auto nextToken, optString(request, "NextToken"));
  if (maxResults && *maxResults > 100) {
    errors.add(std::to_string(*maxResults), "maxResults", "Member must have value less than or equal to 100");
  }
  DYNADESK_RETURN_IF_ERROR(errors.status());
  std::vector<std::string> names;
  if (tableName) {
    auto table = db.findTable(*tableName);
    if (!table) return Status(ErrorType::ResourceNotFoundException, "Requested resource not found: Table: " + *tableName + " not found");
    names.push_back(table->name);
  } else {
    names = db.tableNames();
  }
  // The token is the position of the next summary in this order.
  std::size_t skip = 0;
  if (nextToken) {
    const auto parsed = std::strtoull(nextToken->c_str(), nullptr, 10);
    if (nextToken->empty() || nextToken->find_first_not_of("0123456789") != std::string::npos) {
      return Status::validation("Invalid NextToken");
    }
    skip = static_cast<std::size_t>(parsed);
  }
  const std::size_t limit = maxResults && *maxResults > 0 ? static_cast<std::size_t>(*maxResults) : 100;
  Json summaries = Json::array();
  std::size_t position = 0;
  std::optional<std::size_t> more;
  for (const auto& name : names) {
    auto table = db.findTable(name);
    if (!table) continue;  // deleted meanwhile
    std::vector<const IndexDef*> targets{nullptr};
    for (const auto& index : table->indexes) {
      if (index.kind == IndexKind::Global) targets.push_back(&index);
    }
    for (const IndexDef* index : targets) {
      if (position++ < skip) continue;
      if (summaries.size() == limit) {
        more = position - 1;
        break;
      }
      DYNADESK_ASSIGN_OR_RETURN(Setting s, readSetting(db, table->id, index ? std::string_view(index->name) : ""));
      Json one{{"TableName", table->name}};
      if (index) one["IndexName"] = index->name;
      one["ContributorInsightsStatus"] = s.enabled ? "ENABLED" : "DISABLED";
      one["ContributorInsightsMode"] = s.mode;
      summaries.push_back(std::move(one));
    }
    if (more) break;
  }
  Json out{{"ContributorInsightsSummaries", std::move(summaries)}};
  if (more) out["NextToken"] = std::to_string(*more);
  return out;
}

namespace {

Status cwInvalid(std::string message) { return Status(ErrorType::InvalidParameterValue, std::move(message)); }
Status cwMissing(std::string_view name) {
  return Status(ErrorType::MissingParameter, "The parameter " + std::string(name) + " is required.");
}

Result<std::int64_t> cwTimestamp(const Json& r, std::string_view name) {
  const Json* v = member(r, name);
  if (!v || v->is_null()) return cwMissing(name);
  if (!v->is_number() || !std::isfinite(v->get<double>())) return cwInvalid("The parameter " + std::string(name) + " must be a timestamp.");
  return static_cast<std::int64_t>(std::llround(v->get<double>() * 1000.0));
}

// An enabled rule found by name.
struct FoundRule {
  std::shared_ptr<const TableDef> table;
  const IndexDef* index = nullptr;
  Setting setting;
  capacity::KeyRule rule{};
};

Result<std::optional<FoundRule>> findRule(ops::Database& db, std::string_view name) {
  if (!name.starts_with(kRulePrefix)) return std::optional<FoundRule>();
  for (const auto& tableName : db.tableNames()) {
    auto table = db.findTable(tableName);
    if (!table) continue;
    std::vector<const IndexDef*> targets{nullptr};
    for (const auto& index : table->indexes) {
      if (index.kind == IndexKind::Global) targets.push_back(&index);
    }
    for (const IndexDef* index : targets) {
      DYNADESK_ASSIGN_OR_RETURN(Setting s, readSetting(db, table->id, index ? std::string_view(index->name) : ""));
      for (const auto& [kind, ruleName] : rulesOf(*table, index, s)) {
        if (ruleName == name) return std::optional<FoundRule>(FoundRule{table, index, s, kind.rule});
      }
    }
  }
  return std::optional<FoundRule>();
}

constexpr std::array<std::string_view, 7> kRuleMetrics = {"UniqueContributors", "MaxContributorValue", "SampleCount",
                                                          "Sum", "Minimum", "Maximum", "Average"};

}  // namespace

Result<Json> getInsightRuleReport(ops::Database& db, const Json& r) {
  capacity::KeyActivity* activity = db.keyActivity();
  if (!activity) return Status::internal("Contributor Insights is not available in this engine");
  const Json* nameJson = member(r, "RuleName");
  if (!nameJson || nameJson->is_null()) return cwMissing("RuleName");
  if (!nameJson->is_string()) return cwInvalid("The parameter RuleName must be a string.");
  const std::string name = nameJson->get<std::string>();
  DYNADESK_ASSIGN_OR_RETURN(std::int64_t start, cwTimestamp(r, "StartTime"));
  DYNADESK_ASSIGN_OR_RETURN(std::int64_t end, cwTimestamp(r, "EndTime"));
  const Json* periodJson = member(r, "Period");
  if (!periodJson || periodJson->is_null()) return cwMissing("Period");
  if (!periodJson->is_number_integer()) return cwInvalid("The parameter Period must be an integer.");
  const std::int64_t period = periodJson->get<std::int64_t>();
  // Contributor Insights data has one-minute resolution.
  if (period < 60 || period % 60 != 0) return cwInvalid("The parameter Period must be a multiple of 60.");
  if (end <= start) return cwInvalid("The parameter StartTime must be less than the parameter EndTime.");
  std::size_t maxContributors = 10;
  if (const Json* m = member(r, "MaxContributorCount"); m && !m->is_null()) {
    if (!m->is_number_integer() || m->get<std::int64_t>() < 1 || m->get<std::int64_t>() > 100) {
      return cwInvalid("The parameter MaxContributorCount must be between 1 and 100.");
    }
    maxContributors = static_cast<std::size_t>(m->get<std::int64_t>());
  }
  std::vector<std::string> metrics;
  if (const Json* m = member(r, "Metrics"); m && !m->is_null()) {
    if (!m->is_array()) return cwInvalid("The parameter Metrics must be a list.");
    for (const auto& e : *m) {
      if (!e.is_string() || std::find(kRuleMetrics.begin(), kRuleMetrics.end(), e.get<std::string>()) == kRuleMetrics.end()) {
        return cwInvalid("The parameter Metrics must contain only UniqueContributors, MaxContributorValue, "
                         "SampleCount, Sum, Minimum, Maximum or Average.");
      }
      metrics.push_back(e.get<std::string>());
    }
  }
  bool orderByMaximum = false;
  if (const Json* o = member(r, "OrderBy"); o && !o->is_null()) {
    if (!o->is_string() || (*o != "Sum" && *o != "Maximum")) return cwInvalid("The parameter OrderBy must be Sum or Maximum.");
    orderByMaximum = *o == "Maximum";
  }
  DYNADESK_ASSIGN_OR_RETURN(auto found, findRule(db, name));
  if (!found) return Status(ErrorType::ResourceNotFoundException, "Rule " + name + " does not exist.");

  // DynamoDB collects only while the rule exists: nothing from before it was
  // enabled (counted from the start of that minute, the counters' resolution).
  const std::int64_t enabledMinute = found->setting.rulesMillis / capacity::kMinuteMillis * capacity::kMinuteMillis;
  capacity::ReportQuery q;
  q.startMillis = start;
  q.endMillis = end;
  q.periodMillis = period * 1000;
  q.maxContributors = maxContributors;
  q.orderByMaximum = orderByMaximum;
  q.notBeforeMillis = enabledMinute;
  const capacity::RuleReport report =
      activity->report(found->table->id, found->index ? std::string_view(found->index->name) : "", found->rule, q);

  const KeySchema& key = found->index ? found->index->key : found->table->key;
  Json labels = Json::array({key.partition.name});
  if (capacity::keyedBySortKey(found->rule) && key.sort) labels.push_back(key.sort->name);
  Json contributors = Json::array();
  for (const auto& c : report.contributors) {
    Json points = Json::array();
    for (const auto& p : c.points) points.push_back({{"Timestamp", seconds(p.periodStartMillis)}, {"ApproximateValue", p.value}});
    contributors.push_back({{"Keys", c.keys}, {"ApproximateAggregateValue", c.total}, {"Datapoints", std::move(points)}});
  }
  Json datapoints = Json::array();
  if (!metrics.empty()) {
    for (const auto& p : report.periods) {
      Json one{{"Timestamp", seconds(p.periodStartMillis)}};
      for (const auto& m : metrics) {
        if (m == "UniqueContributors") one[m] = p.uniqueContributors;
        else if (m == "MaxContributorValue") one[m] = p.maxContributorValue;
        else if (m == "SampleCount") one[m] = p.sampleCount;
        else if (m == "Sum") one[m] = p.sum;
        else if (m == "Minimum") one[m] = p.minimum;
        else if (m == "Maximum") one[m] = p.maximum;
        else if (m == "Average") one[m] = p.sampleCount ? p.sum / static_cast<double>(p.sampleCount) : 0.0;
      }
      datapoints.push_back(std::move(one));
    }
  }
  return Json{{"KeyLabels", std::move(labels)},
              {"AggregationStatistic", capacity::countsThrottles(found->rule) ? "Count" : "Sum"},
              {"AggregateValue", report.aggregateValue},
              {"ApproximateUniqueCount", report.approximateUniqueCount},
              {"Contributors", std::move(contributors)},
              {"MetricDatapoints", std::move(datapoints)}};
}

}  // namespace dynadesk::api
