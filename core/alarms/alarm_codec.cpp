#include "alarms/alarm_codec.h"

#include "alarms/cloudwatch_format.h"

namespace dynadesk::alarms {

namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

constexpr int kRecordFormat = 1;

std::vector<std::string> stringList(const Json& j, const char* key) {
  std::vector<std::string> out;
  if (auto it = j.find(key); it != j.end() && it->is_array()) {
    for (const auto& v : *it) out.push_back(v.get<std::string>());
  }
  return out;
}

std::optional<std::string> optionalString(const Json& j, const char* key) {
  if (auto it = j.find(key); it != j.end() && it->is_string()) return it->get<std::string>();
  return std::nullopt;
}

AlarmDefinition definitionFromJson(const Json& j, std::int64_t configurationUpdatedMillis) {
  AlarmDefinition d;
  d.name = j.at("alarmName").get<std::string>();
  d.description = optionalString(j, "alarmDescription");
  d.arn = j.value("alarmArn", std::string());
  d.configurationUpdatedMillis = configurationUpdatedMillis;
  d.metricNamespace = j.value("namespace", std::string(metrics::kNamespace));
  std::vector<metrics::Dimension> dimensions;
  if (auto it = j.find("dimensions"); it != j.end()) {
    for (const auto& dim : *it) dimensions.push_back({dim.at("name").get<std::string>(), dim.at("value").get<std::string>()});
  }
  d.metric = metrics::makeMetricId(j.at("metricName").get<std::string>(), std::move(dimensions));
  const std::string statistic =
      j.contains("extendedStatistic") ? j.at("extendedStatistic").get<std::string>() : j.at("statistic").get<std::string>();
  const auto parsed = metrics::parseStatistic(statistic);
  if (!parsed) throw std::runtime_error("unknown statistic " + statistic);
  d.statistic = *parsed;
  d.periodSeconds = j.at("period").get<int>();
  d.unit = optionalString(j, "unit");
  d.evaluationPeriods = j.at("evaluationPeriods").get<int>();
  if (auto it = j.find("datapointsToAlarm"); it != j.end()) d.datapointsToAlarm = it->get<int>();
  d.threshold = j.at("threshold").get<double>();
  const auto op = parseComparisonOperator(j.at("comparisonOperator").get<std::string>());
  if (!op) throw std::runtime_error("unknown comparison operator");
  d.comparison = *op;
  if (auto t = optionalString(j, "treatMissingData")) {
    const auto parsedTreatment = parseTreatMissingData(*t);
    if (!parsedTreatment) throw std::runtime_error("unknown treatMissingData");
    d.treatMissingData = *parsedTreatment;
  }
  d.actionsEnabled = j.value("actionsEnabled", true);
  d.alarmActions = stringList(j, "alarmActions");
  d.okActions = stringList(j, "oKActions");
  d.insufficientDataActions = stringList(j, "insufficientDataActions");
  return d;
}

}  // namespace

OrderedJson definitionJson(const AlarmDefinition& d) {
  OrderedJson j;
  j["alarmName"] = d.name;
  if (d.description) j["alarmDescription"] = *d.description;
  j["alarmArn"] = d.arn;
  j["alarmConfigurationUpdatedTimestamp"] = formatIsoTime(d.configurationUpdatedMillis);
  j["namespace"] = d.metricNamespace;
  j["metricName"] = d.metric.name;
  OrderedJson dimensions = OrderedJson::array();
  for (const auto& dim : d.metric.dimensions) dimensions.push_back({{"name", dim.name}, {"value", dim.value}});
  j["dimensions"] = std::move(dimensions);
  j[d.statistic.kind == metrics::StatisticKind::Percentile ? "extendedStatistic" : "statistic"] =
      metrics::statisticName(d.statistic);
  j["period"] = d.periodSeconds;
  if (d.unit) j["unit"] = *d.unit;
  j["evaluationPeriods"] = d.evaluationPeriods;
  if (d.datapointsToAlarm) j["datapointsToAlarm"] = *d.datapointsToAlarm;
  j["threshold"] = d.threshold;
  j["comparisonOperator"] = comparisonOperatorName(d.comparison);
  if (d.treatMissingData) j["treatMissingData"] = treatMissingDataName(*d.treatMissingData);
  j["actionsEnabled"] = d.actionsEnabled;
  j["alarmActions"] = d.alarmActions;
  j["oKActions"] = d.okActions;
  j["insufficientDataActions"] = d.insufficientDataActions;
  return j;
}

std::string encodeStoredAlarm(const StoredAlarm& alarm) {
  OrderedJson j;
  j["format"] = kRecordFormat;
  j["revision"] = alarm.revision;
  j["configRevision"] = alarm.configRevision;
  j["configurationUpdatedMillis"] = alarm.definition.configurationUpdatedMillis;
  j["alarm"] = definitionJson(alarm.definition);
  j["state"] = {{"value", stateValueName(alarm.state.value)},
                {"reason", alarm.state.reason},
                {"reasonData", alarm.state.reasonData},
                {"updatedMillis", alarm.state.updatedMillis},
                {"transitionedMillis", alarm.state.transitionedMillis}};
  return j.dump();
}

std::optional<StoredAlarm> decodeStoredAlarm(std::string_view bytes) {
  try {
    const Json j = Json::parse(bytes);
    if (j.value("format", 0) != kRecordFormat) return std::nullopt;
    StoredAlarm alarm;
    alarm.revision = j.at("revision").get<std::uint64_t>();
    alarm.configRevision = j.value("configRevision", std::uint64_t{0});
    alarm.definition = definitionFromJson(j.at("alarm"), j.at("configurationUpdatedMillis").get<std::int64_t>());
    const Json& state = j.at("state");
    const auto value = parseStateValue(state.at("value").get<std::string>());
    if (!value) return std::nullopt;
    alarm.state.value = *value;
    alarm.state.reason = state.value("reason", std::string());
    alarm.state.reasonData = state.value("reasonData", std::string());
    alarm.state.updatedMillis = state.value("updatedMillis", std::int64_t{0});
    alarm.state.transitionedMillis = state.value("transitionedMillis", std::int64_t{0});
    return alarm;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string encodeHistoryValue(const AlarmHistoryItem& item) {
  OrderedJson j;
  j["type"] = historyItemTypeName(item.type);
  j["summary"] = item.summary;
  j["data"] = item.data;
  return j.dump();
}

bool decodeHistoryValue(std::string_view bytes, AlarmHistoryItem& item) {
  try {
    const Json j = Json::parse(bytes);
    const auto type = parseHistoryItemType(j.at("type").get<std::string>());
    if (!type) return false;
    item.type = *type;
    item.summary = j.at("summary").get<std::string>();
    item.data = j.at("data").get<std::string>();
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace dynadesk::alarms
