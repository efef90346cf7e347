#include "format/recorded_traffic.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dynadesk::ui {

TrafficWindow trafficWindow(TrafficRange range, std::int64_t nowMillis) {
  TrafficWindow w;
  switch (range) {
    case TrafficRange::Hour: w.rangeSeconds = 3600; w.periodSeconds = 60; break;
    case TrafficRange::Day: w.rangeSeconds = 86400; w.periodSeconds = 300; break;
    case TrafficRange::Week: w.rangeSeconds = 7 * 86400; w.periodSeconds = 3600; break;
  }
  w.endMillis = nowMillis + 1000;
  w.startMillis = w.endMillis - static_cast<std::int64_t>(w.rangeSeconds * 1000.0);
  if (w.startMillis < 0) w.startMillis = 0;
  return w;
}

nlohmann::json consumedCapacityRequest(const std::string& table, const std::string& metricName,
                                       const TrafficWindow& window) {
  return {{"Namespace", "AWS/DynamoDB"},
          {"MetricName", metricName},
          {"Dimensions", nlohmann::json::array({{{"Name", "TableName"}, {"Value", table}}})},
          {"StartTime", static_cast<double>(window.startMillis) / 1000.0},
          {"EndTime", static_cast<double>(window.endMillis) / 1000.0},
          {"Period", window.periodSeconds},
          {"Statistics", nlohmann::json::array({"Sum"})}};
}

Result<std::vector<PeriodSum>> parseConsumedSums(const nlohmann::json& response) {
  if (!response.is_object() || !response.contains("Datapoints") || !response["Datapoints"].is_array()) {
    return Status::validation("The metrics answer holds no datapoints list.");
  }
  std::vector<PeriodSum> out;
  for (const auto& p : response["Datapoints"]) {
    if (!p.is_object()) continue;
    const auto ts = p.find("Timestamp");
    const auto sum = p.find("Sum");
    if (ts == p.end() || sum == p.end() || !ts->is_number() || !sum->is_number()) continue;
    const double value = sum->get<double>();
    if (!std::isfinite(value)) continue;
    out.push_back({static_cast<std::int64_t>(std::llround(ts->get<double>() * 1000.0)), value});
  }
  std::sort(out.begin(), out.end(), [](const PeriodSum& a, const PeriodSum& b) { return a.timestampMillis < b.timestampMillis; });
  return out;
}

RecordedTraffic summarizeTraffic(const std::vector<PeriodSum>& reads, const std::vector<PeriodSum>& writes,
                                 const TrafficWindow& window) {
  RecordedTraffic t;
  t.rangeSeconds = window.rangeSeconds;
  t.periodSeconds = window.periodSeconds;
  const double period = std::max(1, window.periodSeconds);
  for (const auto& p : reads) {
    t.totalReadUnits += p.sum;
    t.peakReadUnitsPerSecond = std::max(t.peakReadUnitsPerSecond, p.sum / period);
  }
  for (const auto& p : writes) {
    t.totalWriteUnits += p.sum;
    t.peakWriteUnitsPerSecond = std::max(t.peakWriteUnitsPerSecond, p.sum / period);
  }
  if (t.rangeSeconds > 0) {
    t.averageReadUnitsPerSecond = t.totalReadUnits / t.rangeSeconds;
    t.averageWriteUnitsPerSecond = t.totalWriteUnits / t.rangeSeconds;
  }
  return t;
}

namespace {
long long unitsFor(double peakPerSecond, double utilization) {
  const double u = utilization > 0 && utilization <= 1 ? utilization : kDefaultTargetUtilization;
  return std::max(1LL, static_cast<long long>(std::ceil(peakPerSecond / u - 1e-9)));
}

std::string periodName(int seconds) {
  if (seconds == 60) return "minute";
  if (seconds == 3600) return "hour";
  if (seconds % 60 == 0) return std::to_string(seconds / 60) + " minutes";
  return std::to_string(seconds) + " seconds";
}
}  // namespace

TrafficEstimate estimateFromTraffic(const RecordedTraffic& traffic, const PriceTable& prices,
                                    const std::string& rangeName, double targetUtilization, double storageBytes) {
  TrafficEstimate e;
  e.traffic = traffic;
  e.targetUtilization = targetUtilization > 0 && targetUtilization <= 1 ? targetUtilization : kDefaultTargetUtilization;
  e.provisionedReadUnits = unitsFor(traffic.peakReadUnitsPerSecond, e.targetUtilization);
  e.provisionedWriteUnits = unitsFor(traffic.peakWriteUnitsPerSecond, e.targetUtilization);
  e.cost = monthlyCost(traffic.averageReadUnitsPerSecond, traffic.averageWriteUnitsPerSecond,
                       static_cast<double>(e.provisionedReadUnits), static_cast<double>(e.provisionedWriteUnits),
                       storageBytes, prices);
  char pct[16];
  std::snprintf(pct, sizeof pct, "%.0f %%", e.targetUtilization * 100.0);
  if (traffic.empty()) {
    e.sentence = "No reads or writes were recorded in " + rangeName + ", so there is nothing to estimate yet.";
    return e;
  }
  const std::string per = periodName(traffic.periodSeconds);
  e.sentence = "This workload would cost about " + formatDollars(e.cost.onDemand()) + " a month on-demand, " +
               formatDollars(e.cost.provisioned()) + " provisioned (" + std::to_string(e.provisionedReadUnits) +
               " RCU, " + std::to_string(e.provisionedWriteUnits) + " WCU: the busiest " + per + " of " + rangeName +
               " at " + pct + " utilisation). On-demand assumes every month's traffic looks like " + rangeName + ".";
  return e;
}

std::string trafficRangeName(TrafficRange range) {
  switch (range) {
    case TrafficRange::Hour: return "the last hour";
    case TrafficRange::Day: return "the last day";
    case TrafficRange::Week: return "the last week";
  }
  return "the range";
}

}  // namespace dynadesk::ui
