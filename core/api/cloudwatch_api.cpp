#include "api/cloudwatch_api.h"

#include <algorithm>
#include <cmath>

#include "alarms/alarm_definition.h"
#include "alarms/alarm_store.h"
#include "metrics/metric_store.h"

namespace dynadesk::api {

namespace {

using metrics::Dimension;
using metrics::MetricId;
using metrics::Statistic;

// CloudWatch's error codes as the engine's error types.
Status cloudWatchError(std::string_view code, std::string message) {
  ErrorType type = ErrorType::InvalidParameterValue;
  if (code == "InvalidParameterCombination") type = ErrorType::InvalidParameterCombination;
  else if (code == "MissingParameter") type = ErrorType::MissingParameter;
  else if (code == "ValidationError") type = ErrorType::ValidationException;
  else if (code == "InvalidNextToken") type = ErrorType::InvalidNextToken;
  else if (code == "LimitExceeded") type = ErrorType::LimitExceeded;
  else if (code == "ResourceNotFound") type = ErrorType::ResourceNotFound;
  else if (code == "InvalidFormat") type = ErrorType::InvalidFormat;
  else if (code == "InternalFailure" || code == "InternalServiceFault") type = ErrorType::InternalServerError;
  return Status(type, std::move(message));
}

Status fromAlarm(const alarms::AlarmError& e) {
  return cloudWatchError(alarms::alarmErrorCodeName(e.code), e.message);
}

Status invalid(std::string_view name, std::string_view expected) {
  return Status(ErrorType::InvalidParameterValue,
                "The parameter " + std::string(name) + " must be " + std::string(expected) + ".");
}

Status required(std::string_view name) {
  return Status(ErrorType::MissingParameter, "The parameter " + std::string(name) + " is required.");
}

Status needsEngine() { return Status::internal("CloudWatch is not available in this engine"); }

Result<std::optional<std::string>> optText(const Json& r, std::string_view name) {
  const Json* v = member(r, name);
  if (!v || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return invalid(name, "a string");
  return std::optional<std::string>(v->get<std::string>());
}

Result<std::string> text(const Json& r, std::string_view name) {
  DYNADESK_ASSIGN_OR_RETURN(auto v, optText(r, name));
  if (!v) return required(name);
  return *v;
}

Result<std::optional<std::int64_t>> optInteger(const Json& r, std::string_view name) {
  const Json* v = member(r, name);
  if (!v || v->is_null()) return std::optional<std::int64_t>();
  if (!v->is_number_integer()) return invalid(name, "an integer");
  return std::optional<std::int64_t>(v->get<std::int64_t>());
}

Result<std::optional<double>> optDouble(const Json& r, std::string_view name) {
  const Json* v = member(r, name);
  if (!v || v->is_null()) return std::optional<double>();
  if (!v->is_number() || !std::isfinite(v->get<double>())) return invalid(name, "a number");
  return std::optional<double>(v->get<double>());
}

Result<std::optional<bool>> optFlag(const Json& r, std::string_view name) {
  const Json* v = member(r, name);
  if (!v || v->is_null()) return std::optional<bool>();
  if (!v->is_boolean()) return invalid(name, "true or false");
  return std::optional<bool>(v->get<bool>());
}

// A timestamp as the JSON protocol sends it: seconds since the epoch.
Result<std::int64_t> timestampMillis(const Json& r, std::string_view name) {
  const Json* v = member(r, name);
  if (!v || v->is_null()) return required(name);
  if (!v->is_number() || !std::isfinite(v->get<double>())) return invalid(name, "a timestamp");
  return static_cast<std::int64_t>(std::llround(v->get<double>() * 1000.0));
}

Result<std::optional<std::int64_t>> optTimestampMillis(const Json& r, std::string_view name) {
  if (const Json* v = member(r, name); !v || v->is_null()) return std::optional<std::int64_t>();
  DYNADESK_ASSIGN_OR_RETURN(std::int64_t t, timestampMillis(r, name));
  return std::optional<std::int64_t>(t);
}

Result<std::vector<std::string>> textList(const Json& r, std::string_view name) {
  std::vector<std::string> out;
  const Json* v = member(r, name);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) return invalid(name, "a list");
  for (const auto& e : *v) {
    if (!e.is_string()) return invalid(name, "a list of strings");
    out.push_back(e.get<std::string>());
  }
  return out;
}

// Dimensions ([{Name, Value}]); with `filters`, Value may be absent (any value).
Result<std::vector<Dimension>> dimensions(const Json& r, bool filters = false) {
  std::vector<Dimension> out;
  const Json* v = member(r, "Dimensions");
  if (!v || v->is_null()) return out;
  if (!v->is_array()) return invalid("Dimensions", "a list");
  for (const auto& d : *v) {
    if (!d.is_object()) return invalid("Dimensions", "a list of name and value pairs");
    DYNADESK_ASSIGN_OR_RETURN(std::string name, text(d, "Name"));
    DYNADESK_ASSIGN_OR_RETURN(auto value, optText(d, "Value"));
    if (!value && !filters) return required("Dimensions.member.Value");
    out.push_back({std::move(name), value.value_or("")});
  }
  return out;
}

bool ourNamespace(const std::optional<std::string>& ns) { return !ns || *ns == metrics::kNamespace; }

Json dimensionsJson(const std::vector<Dimension>& dims) {
  Json out = Json::array();
  for (const auto& d : dims) out.push_back({{"Name", d.name}, {"Value", d.value}});
  return out;
}

double seconds(std::int64_t millis) { return static_cast<double>(millis) / 1000.0; }

metrics::MetricStore* storeOf(ops::Database& db) { return db.metricStore(); }

}  // namespace

Result<Json> getMetricStatistics(ops::Database& db, const Json& r) {
  metrics::MetricStore* store = storeOf(db);
  if (!store) return needsEngine();
  DYNADESK_ASSIGN_OR_RETURN(std::string ns, text(r, "Namespace"));
  DYNADESK_ASSIGN_OR_RETURN(std::string name, text(r, "MetricName"));
  DYNADESK_ASSIGN_OR_RETURN(std::int64_t start, timestampMillis(r, "StartTime"));
  DYNADESK_ASSIGN_OR_RETURN(std::int64_t end, timestampMillis(r, "EndTime"));
  DYNADESK_ASSIGN_OR_RETURN(auto period, optInteger(r, "Period"));
  if (!period) return required("Period");
  DYNADESK_ASSIGN_OR_RETURN(auto dims, dimensions(r));
  DYNADESK_ASSIGN_OR_RETURN(auto unit, optText(r, "Unit"));
  DYNADESK_ASSIGN_OR_RETURN(auto simple, textList(r, "Statistics"));
  DYNADESK_ASSIGN_OR_RETURN(auto extended, textList(r, "ExtendedStatistics"));
  if (simple.empty() && extended.empty()) {
    return Status(ErrorType::InvalidParameterCombination, "Must specify either Statistics or ExtendedStatistics.");
  }
  std::vector<Statistic> stats;
  for (const auto& s : simple) {
    auto stat = metrics::parseStatistic(s);
    if (!stat || stat->kind == metrics::StatisticKind::Percentile) {
      return Status(ErrorType::InvalidParameterValue,
                    "The parameter Statistics must be one of Average, Sum, SampleCount, Maximum, Minimum; got '" + s + "'.");
    }
    stats.push_back(*stat);
  }
  for (const auto& s : extended) {
    auto stat = metrics::parseStatistic(s);
    if (!stat || stat->kind != metrics::StatisticKind::Percentile) {
      return Status(ErrorType::InvalidParameterValue,
                    "The parameter ExtendedStatistics must be percentiles like p99 or p99.9; got '" + s + "'.");
    }
    stats.push_back(*stat);
  }
  Json answer{{"Label", name}, {"Datapoints", Json::array()}};
  if (ns != metrics::kNamespace) return answer;
  if (*period > 86400 * 30 || *period < -1) return invalid("Period", "a positive number of seconds");
  auto points = store->statistics(metrics::makeMetricId(name, std::move(dims)), stats, start, end,
                                  static_cast<int>(*period));
  if (!points.isOk()) return cloudWatchError(points.error().code, points.error().message);
  for (const auto& p : points.value()) {
    if (unit && *unit != metrics::unitName(p.unit)) continue;  // a Unit filter that does not match: no data
    Json point{{"Timestamp", seconds(p.timestampMillis)}, {"Unit", std::string(metrics::unitName(p.unit))}};
    for (std::size_t i = 0; i < stats.size() && i < p.values.size(); ++i) {
      if (stats[i].kind == metrics::StatisticKind::Percentile) {
        point["ExtendedStatistics"][metrics::statisticName(stats[i])] = p.values[i];
      } else {
        point[metrics::statisticName(stats[i])] = p.values[i];
      }
    }
    answer["Datapoints"].push_back(std::move(point));
  }
  return answer;
}

Result<Json> getMetricData(ops::Database& db, const Json& r) {
  metrics::MetricStore* store = storeOf(db);
  if (!store) return needsEngine();
  DYNADESK_ASSIGN_OR_RETURN(std::int64_t start, timestampMillis(r, "StartTime"));
  DYNADESK_ASSIGN_OR_RETURN(std::int64_t end, timestampMillis(r, "EndTime"));
  DYNADESK_ASSIGN_OR_RETURN(auto scanBy, optText(r, "ScanBy"));
  if (scanBy && *scanBy != "TimestampDescending" && *scanBy != "TimestampAscending") {
    return invalid("ScanBy", "TimestampDescending or TimestampAscending");
  }
  const bool ascending = scanBy && *scanBy == "TimestampAscending";
  const Json* queries = member(r, "MetricDataQueries");
  if (!queries || !queries->is_array()) return required("MetricDataQueries");
  if (queries->empty() || queries->size() > 500) {
    return Status(ErrorType::ValidationException, "The collection MetricDataQueries must not be empty or exceed 500 elements.");
  }
  Json results = Json::array();
  for (const auto& q : *queries) {
    if (!q.is_object()) return invalid("MetricDataQueries", "a list of queries");
    DYNADESK_ASSIGN_OR_RETURN(std::string id, text(q, "Id"));
    DYNADESK_ASSIGN_OR_RETURN(auto label, optText(q, "Label"));
    DYNADESK_ASSIGN_OR_RETURN(auto returnData, optFlag(q, "ReturnData"));
    if (member(q, "Expression")) {
      return Status(ErrorType::InvalidParameterValue,
                    "Metric math expressions are not supported by Dynadesk; query each metric with MetricStat.");
    }
    const Json* stat = member(q, "MetricStat");
    if (!stat || !stat->is_object()) return required("MetricDataQueries.member.MetricStat");
    const Json* metric = member(*stat, "Metric");
    if (!metric || !metric->is_object()) return required("MetricDataQueries.member.MetricStat.Metric");
    DYNADESK_ASSIGN_OR_RETURN(auto ns, optText(*metric, "Namespace"));
    DYNADESK_ASSIGN_OR_RETURN(std::string name, text(*metric, "MetricName"));
    DYNADESK_ASSIGN_OR_RETURN(auto dims, dimensions(*metric));
    DYNADESK_ASSIGN_OR_RETURN(auto period, optInteger(*stat, "Period"));
    if (!period) return required("MetricDataQueries.member.MetricStat.Period");
    DYNADESK_ASSIGN_OR_RETURN(std::string statName, text(*stat, "Stat"));
    auto statistic = metrics::parseStatistic(statName);
    if (!statistic) return Status(ErrorType::InvalidParameterValue, "The value " + statName + " for parameter Stat is not valid.");
    if (!returnData.value_or(true)) continue;
    Json result{{"Id", id}, {"Label", label.value_or(name)}, {"Timestamps", Json::array()},
                {"Values", Json::array()}, {"StatusCode", "Complete"}};
    if (ourNamespace(ns)) {
      auto points = store->statistics(metrics::makeMetricId(name, std::move(dims)), {*statistic}, start, end,
                                      static_cast<int>(*period));
      if (!points.isOk()) return cloudWatchError(points.error().code, points.error().message);
      std::vector<metrics::Datapoint> list = std::move(points.value());
      if (!ascending) std::reverse(list.begin(), list.end());
      for (const auto& p : list) {
        if (p.values.empty()) continue;
        result["Timestamps"].push_back(seconds(p.timestampMillis));
        result["Values"].push_back(p.values.front());
      }
    }
    results.push_back(std::move(result));
  }
  return Json{{"MetricDataResults", std::move(results)}, {"Messages", Json::array()}};
}

Result<Json> listMetrics(ops::Database& db, const Json& r) {
  metrics::MetricStore* store = storeOf(db);
  if (!store) return needsEngine();
  DYNADESK_ASSIGN_OR_RETURN(auto ns, optText(r, "Namespace"));
  DYNADESK_ASSIGN_OR_RETURN(auto name, optText(r, "MetricName"));
  DYNADESK_ASSIGN_OR_RETURN(auto filters, dimensions(r, /*filters=*/true));
  DYNADESK_ASSIGN_OR_RETURN(auto token, optText(r, "NextToken"));
  constexpr std::size_t kPage = 500;  // CloudWatch's page size
  std::size_t from = 0;
  if (token) {
    if (token->empty() || token->size() > 9 || token->find_first_not_of("0123456789") != std::string::npos) {
      return Status(ErrorType::InvalidNextToken, "The service cannot find the next token.");
    }
    from = std::stoul(*token);
  }
  Json answer{{"Metrics", Json::array()}};
  if (!ourNamespace(ns)) return answer;
  const auto all = store->list(name.value_or(""), filters);
  for (std::size_t i = from; i < all.size() && i < from + kPage; ++i) {
    answer["Metrics"].push_back({{"Namespace", std::string(metrics::kNamespace)},
                                 {"MetricName", all[i].first.name},
                                 {"Dimensions", dimensionsJson(all[i].first.dimensions)}});
  }
  if (from + kPage < all.size()) answer["NextToken"] = std::to_string(from + kPage);
  return answer;
}

Result<Json> putMetricAlarm(ops::Database& db, const Json& r) {
  alarms::AlarmStore* store = db.alarmStore();
  if (!store) return needsEngine();
  if (member(r, "Metrics")) {
    return Status(ErrorType::InvalidParameterValue,
                  "Alarms on metric math (Metrics) are not supported by Dynadesk; give MetricName, Namespace and "
                  "Dimensions.");
  }
  alarms::AlarmDefinition d;
  DYNADESK_ASSIGN_OR_RETURN(d.name, text(r, "AlarmName"));
  DYNADESK_ASSIGN_OR_RETURN(d.description, optText(r, "AlarmDescription"));
  DYNADESK_ASSIGN_OR_RETURN(auto actionsEnabled, optFlag(r, "ActionsEnabled"));
  d.actionsEnabled = actionsEnabled.value_or(true);
  DYNADESK_ASSIGN_OR_RETURN(d.okActions, textList(r, "OKActions"));
  DYNADESK_ASSIGN_OR_RETURN(d.alarmActions, textList(r, "AlarmActions"));
  DYNADESK_ASSIGN_OR_RETURN(d.insufficientDataActions, textList(r, "InsufficientDataActions"));
  DYNADESK_ASSIGN_OR_RETURN(std::string metricName, text(r, "MetricName"));
  DYNADESK_ASSIGN_OR_RETURN(d.metricNamespace, text(r, "Namespace"));
  DYNADESK_ASSIGN_OR_RETURN(auto dims, dimensions(r));
  d.metric = metrics::makeMetricId(std::move(metricName), std::move(dims));
  DYNADESK_ASSIGN_OR_RETURN(auto statistic, optText(r, "Statistic"));
  DYNADESK_ASSIGN_OR_RETURN(auto extended, optText(r, "ExtendedStatistic"));
  auto parsed = alarms::parseAlarmStatistic(statistic, extended);
  if (!parsed.isOk()) return fromAlarm(parsed.error());
  d.statistic = parsed.value();
  DYNADESK_ASSIGN_OR_RETURN(auto period, optInteger(r, "Period"));
  if (!period) return required("Period");
  DYNADESK_ASSIGN_OR_RETURN(auto evaluationPeriods, optInteger(r, "EvaluationPeriods"));
  if (!evaluationPeriods) return required("EvaluationPeriods");
  DYNADESK_ASSIGN_OR_RETURN(auto datapointsToAlarm, optInteger(r, "DatapointsToAlarm"));
  auto small = [](std::int64_t v) { return static_cast<int>(std::clamp<std::int64_t>(v, -1, 1'000'000'000)); };
  d.periodSeconds = small(*period);
  d.evaluationPeriods = small(*evaluationPeriods);
  if (datapointsToAlarm) d.datapointsToAlarm = small(*datapointsToAlarm);
  DYNADESK_ASSIGN_OR_RETURN(auto threshold, optDouble(r, "Threshold"));
  if (!threshold) return required("Threshold");
  d.threshold = *threshold;
  DYNADESK_ASSIGN_OR_RETURN(std::string comparison, text(r, "ComparisonOperator"));
  auto op = alarms::parseComparisonOperator(comparison);
  if (!op) {
    return Status(ErrorType::ValidationException,
                  "1 validation error detected: Value '" + comparison +
                      "' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: "
                      "[GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, "
                      "LessThanOrEqualToThreshold]");
  }
  d.comparison = *op;
  DYNADESK_ASSIGN_OR_RETURN(auto treat, optText(r, "TreatMissingData"));
  if (treat) {
    auto t = alarms::parseTreatMissingData(*treat);
    if (!t) {
      return Status(ErrorType::ValidationException,
                    "The value " + *treat + " is not valid for TreatMissingData. Valid values: breaching, "
                    "notBreaching, ignore, missing.");
    }
    d.treatMissingData = *t;
  }
  DYNADESK_ASSIGN_OR_RETURN(d.unit, optText(r, "Unit"));
  auto put = store->put(std::move(d));
  if (!put.isOk()) return fromAlarm(put.error());
  return Json::object();
}

namespace {

Json alarmJson(const alarms::AlarmRecord& a) {
  const alarms::AlarmDefinition& d = a.definition;
  Json j{{"AlarmName", d.name},
         {"AlarmArn", d.arn},
         {"AlarmConfigurationUpdatedTimestamp", seconds(d.configurationUpdatedMillis)},
         {"ActionsEnabled", d.actionsEnabled},
         {"OKActions", d.okActions},
         {"AlarmActions", d.alarmActions},
         {"InsufficientDataActions", d.insufficientDataActions},
         {"StateValue", std::string(alarms::stateValueName(a.state.value))},
         {"StateReason", a.state.reason},
         {"StateUpdatedTimestamp", seconds(a.state.updatedMillis)},
         {"MetricName", d.metric.name},
         {"Namespace", d.metricNamespace},
         {"Dimensions", dimensionsJson(d.metric.dimensions)},
         {"Period", d.periodSeconds},
         {"EvaluationPeriods", d.evaluationPeriods},
         {"Threshold", d.threshold},
         {"ComparisonOperator", std::string(alarms::comparisonOperatorName(d.comparison))},
         {"StateTransitionedTimestamp", seconds(a.state.transitionedMillis)}};
  if (d.description) j["AlarmDescription"] = *d.description;
  if (!a.state.reasonData.empty()) j["StateReasonData"] = a.state.reasonData;
  if (d.statistic.kind == metrics::StatisticKind::Percentile) {
    j["ExtendedStatistic"] = metrics::statisticName(d.statistic);
  } else {
    j["Statistic"] = metrics::statisticName(d.statistic);
  }
  if (d.datapointsToAlarm) j["DatapointsToAlarm"] = *d.datapointsToAlarm;
  if (d.treatMissingData) j["TreatMissingData"] = std::string(alarms::treatMissingDataName(*d.treatMissingData));
  if (d.unit) j["Unit"] = *d.unit;
  return j;
}

Result<int> maxRecords(const Json& r, int fallback) {
  DYNADESK_ASSIGN_OR_RETURN(auto v, optInteger(r, "MaxRecords"));
  if (!v) return fallback;
  return static_cast<int>(std::clamp<std::int64_t>(*v, -1, 1'000'000));
}

// AlarmTypes: CompositeAlarm alone asks for no metric alarms.
Result<bool> wantsMetricAlarms(const Json& r) {
  DYNADESK_ASSIGN_OR_RETURN(auto types, textList(r, "AlarmTypes"));
  for (const auto& t : types) {
    if (t != "MetricAlarm" && t != "CompositeAlarm") return invalid("AlarmTypes", "MetricAlarm or CompositeAlarm");
  }
  return types.empty() || std::find(types.begin(), types.end(), "MetricAlarm") != types.end();
}

}  // namespace

Result<Json> describeAlarms(ops::Database& db, const Json& r) {
  alarms::AlarmStore* store = db.alarmStore();
  if (!store) return needsEngine();
  alarms::DescribeAlarmsRequest q;
  DYNADESK_ASSIGN_OR_RETURN(q.names, textList(r, "AlarmNames"));
  DYNADESK_ASSIGN_OR_RETURN(q.namePrefix, optText(r, "AlarmNamePrefix"));
  DYNADESK_ASSIGN_OR_RETURN(auto state, optText(r, "StateValue"));
  if (state) {
    q.stateValue = alarms::parseStateValue(*state);
    if (!q.stateValue) return invalid("StateValue", "OK, ALARM or INSUFFICIENT_DATA");
  }
  DYNADESK_ASSIGN_OR_RETURN(q.actionPrefix, optText(r, "ActionPrefix"));
  DYNADESK_ASSIGN_OR_RETURN(q.maxRecords, maxRecords(r, 50));
  DYNADESK_ASSIGN_OR_RETURN(q.nextToken, optText(r, "NextToken"));
  DYNADESK_ASSIGN_OR_RETURN(bool metricAlarms, wantsMetricAlarms(r));
  Json answer{{"MetricAlarms", Json::array()}, {"CompositeAlarms", Json::array()}};
  if (!metricAlarms) return answer;
  auto page = store->describe(q);
  if (!page.isOk()) return fromAlarm(page.error());
  for (const auto& a : page->alarms) answer["MetricAlarms"].push_back(alarmJson(a));
  if (page->nextToken) answer["NextToken"] = *page->nextToken;
  return answer;
}

Result<Json> describeAlarmHistory(ops::Database& db, const Json& r) {
  alarms::AlarmStore* store = db.alarmStore();
  if (!store) return needsEngine();
  alarms::DescribeHistoryRequest q;
  DYNADESK_ASSIGN_OR_RETURN(q.alarmName, optText(r, "AlarmName"));
  DYNADESK_ASSIGN_OR_RETURN(auto type, optText(r, "HistoryItemType"));
  if (type) {
    q.type = alarms::parseHistoryItemType(*type);
    if (!q.type) return invalid("HistoryItemType", "ConfigurationUpdate, StateUpdate or Action");
  }
  DYNADESK_ASSIGN_OR_RETURN(q.startMillis, optTimestampMillis(r, "StartDate"));
  DYNADESK_ASSIGN_OR_RETURN(q.endMillis, optTimestampMillis(r, "EndDate"));
  DYNADESK_ASSIGN_OR_RETURN(q.maxRecords, maxRecords(r, 100));
  DYNADESK_ASSIGN_OR_RETURN(q.nextToken, optText(r, "NextToken"));
  DYNADESK_ASSIGN_OR_RETURN(auto scanBy, optText(r, "ScanBy"));
  if (scanBy && *scanBy != "TimestampDescending" && *scanBy != "TimestampAscending") {
    return invalid("ScanBy", "TimestampDescending or TimestampAscending");
  }
  q.oldestFirst = scanBy && *scanBy == "TimestampAscending";
  DYNADESK_ASSIGN_OR_RETURN(bool metricAlarms, wantsMetricAlarms(r));
  Json answer{{"AlarmHistoryItems", Json::array()}};
  if (!metricAlarms) return answer;
  auto page = store->describeHistory(q);
  if (!page.isOk()) return fromAlarm(page.error());
  for (const auto& item : page->items) {
    answer["AlarmHistoryItems"].push_back({{"AlarmName", item.alarmName},
                                           {"AlarmType", "MetricAlarm"},
                                           {"Timestamp", seconds(item.timestampMillis)},
                                           {"HistoryItemType", std::string(alarms::historyItemTypeName(item.type))},
                                           {"HistorySummary", item.summary},
                                           {"HistoryData", item.data}});
  }
  if (page->nextToken) answer["NextToken"] = *page->nextToken;
  return answer;
}

Result<Json> setAlarmState(ops::Database& db, const Json& r) {
  alarms::AlarmStore* store = db.alarmStore();
  if (!store) return needsEngine();
  DYNADESK_ASSIGN_OR_RETURN(std::string name, text(r, "AlarmName"));
  DYNADESK_ASSIGN_OR_RETURN(std::string stateText, text(r, "StateValue"));
  DYNADESK_ASSIGN_OR_RETURN(std::string reason, text(r, "StateReason"));
  DYNADESK_ASSIGN_OR_RETURN(auto reasonData, optText(r, "StateReasonData"));
  auto state = alarms::parseStateValue(stateText);
  if (!state) return invalid("StateValue", "OK, ALARM or INSUFFICIENT_DATA");
  auto changed = store->setState(name, *state, reason, reasonData);
  if (!changed.isOk()) return fromAlarm(changed.error());
  if (*changed) publishAlarmTransitions(db.events(), {**changed});
  return Json::object();
}

namespace {

Result<Json> switchActions(ops::Database& db, const Json& r, bool enabled) {
  alarms::AlarmStore* store = db.alarmStore();
  if (!store) return needsEngine();
  if (!member(r, "AlarmNames")) return required("AlarmNames");
  DYNADESK_ASSIGN_OR_RETURN(auto names, textList(r, "AlarmNames"));
  auto done = store->setActionsEnabled(names, enabled);
  if (!done.isOk()) return fromAlarm(done.error());
  return Json::object();
}

}  // namespace

Result<Json> enableAlarmActions(ops::Database& db, const Json& r) { return switchActions(db, r, true); }
Result<Json> disableAlarmActions(ops::Database& db, const Json& r) { return switchActions(db, r, false); }

Result<Json> deleteAlarms(ops::Database& db, const Json& r) {
  alarms::AlarmStore* store = db.alarmStore();
  if (!store) return needsEngine();
  DYNADESK_ASSIGN_OR_RETURN(auto names, textList(r, "AlarmNames"));
  auto removed = store->remove(names);
  if (!removed.isOk()) return fromAlarm(removed.error());
  return Json::object();
}

void publishAlarmTransitions(events::EventHub& hub, const std::vector<alarms::AlarmTransition>& transitions) {
  for (const auto& t : transitions) {
    hub.publishAlarm(AlarmEvent{t.alarmName, std::string(alarms::stateValueName(t.oldState)),
                                std::string(alarms::stateValueName(t.newState)), t.reason, t.timestampMillis,
                                !t.actions.empty(), t.actions});
  }
}

}  // namespace dynadesk::api
