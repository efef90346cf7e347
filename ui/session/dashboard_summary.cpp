#include "session/dashboard_summary.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>

namespace dynadesk::ui {

namespace {

using Json = nlohmann::json;

struct Measure {
  const char* id;      // query id prefix; the table's position follows
  const char* metric;
  const char* stat;
};
constexpr std::array kMeasures = {
    Measure{"r", "ConsumedReadCapacityUnits", "Sum"}, Measure{"w", "ConsumedWriteCapacityUnits", "Sum"},
    Measure{"rt", "ReadThrottleEvents", "Sum"},      Measure{"wt", "WriteThrottleEvents", "Sum"},
    Measure{"n", "ItemCount", "Maximum"},            Measure{"b", "TableSizeBytes", "Maximum"},
};
constexpr const char* kUserErrorsId = "usererrors";

std::int64_t periodMillis() { return std::int64_t{kDashboardPeriodSeconds} * 1000; }

// The window's end: the period after the one `now` is in, so the current
// (partial) period counts; its start kDashboardChartMinutes before.
std::int64_t windowEnd(std::int64_t now) { return (now / periodMillis() + 1) * periodMillis(); }
std::int64_t windowStart(std::int64_t now) { return windowEnd(now) - std::int64_t{kDashboardChartMinutes} * 60'000; }

Json metricStat(const char* metric, const char* stat, const std::string* table) {
  Json metricJson{{"Namespace", "AWS/DynamoDB"}, {"MetricName", metric}};
  metricJson["Dimensions"] = Json::array();
  if (table) metricJson["Dimensions"].push_back({{"Name", "TableName"}, {"Value", *table}});
  return Json{{"Metric", std::move(metricJson)}, {"Period", kDashboardPeriodSeconds}, {"Stat", stat}};
}

// "r12" -> (measure 0, table 12); false for ids this code did not write.
bool parseId(const std::string& id, std::size_t& measure, std::size_t& table) {
  for (std::size_t m = 0; m < kMeasures.size(); ++m) {
    const std::string prefix = kMeasures[m].id;
    if (id.size() <= prefix.size() || id.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = id.substr(prefix.size());
    if (!std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })) continue;
    if (digits.size() > 6) return false;
    measure = m;
    table = static_cast<std::size_t>(std::stoul(digits));
    return true;
  }
  return false;
}

bool busier(const TableActivity& a, const TableActivity& b) {
  if (a.units() != b.units()) return a.units() > b.units();
  if (a.throttles() != b.throttles()) return a.throttles() > b.throttles();
  return a.table < b.table;
}

}  // namespace

namespace {
template <typename Field>
double sumOver(const std::vector<TableActivity>& tables, Field field) {
  double sum = 0;
  for (const auto& t : tables) sum += field(t);
  return sum;
}
}  // namespace

double DashboardSummary::totalItems() const { return sumOver(tables, [](const auto& t) { return t.itemCount; }); }
double DashboardSummary::totalBytes() const { return sumOver(tables, [](const auto& t) { return t.sizeBytes; }); }
double DashboardSummary::totalReadUnits() const { return sumOver(tables, [](const auto& t) { return t.readUnits; }); }
double DashboardSummary::totalWriteUnits() const { return sumOver(tables, [](const auto& t) { return t.writeUnits; }); }
double DashboardSummary::totalThrottles() const { return sumOver(tables, [](const auto& t) { return t.throttles(); }); }

Json dashboardRequest(const std::vector<std::string>& tables, std::int64_t nowMillis) {
  Json queries = Json::array();
  const std::size_t count = std::min(tables.size(), kDashboardMaxTables);
  for (std::size_t i = 0; i < count; ++i) {
    for (const Measure& m : kMeasures) {
      queries.push_back({{"Id", std::string(m.id) + std::to_string(i)}, {"MetricStat", metricStat(m.metric, m.stat, &tables[i])}});
    }
  }
  queries.push_back({{"Id", kUserErrorsId}, {"MetricStat", metricStat("UserErrors", "Sum", nullptr)}});
  return Json{{"MetricDataQueries", std::move(queries)},
              {"StartTime", static_cast<double>(windowStart(nowMillis)) / 1000.0},
              {"EndTime", static_cast<double>(windowEnd(nowMillis)) / 1000.0},
              {"ScanBy", "TimestampAscending"}};
}

Result<DashboardSummary> decodeDashboard(const Json& response, const std::vector<std::string>& tables,
                                         std::int64_t nowMillis) {
  const auto results = response.find("MetricDataResults");
  if (results == response.end() || !results->is_array()) {
    return Status(ErrorType::ValidationException, "The endpoint's metrics answer has no MetricDataResults list.");
  }
  DashboardSummary out;
  out.nowMillis = nowMillis;
  const std::size_t count = std::min(tables.size(), kDashboardMaxTables);
  out.omittedTables = tables.size() - count;
  out.tables.resize(count);
  for (std::size_t i = 0; i < count; ++i) out.tables[i].table = tables[i];

  // Activity counts from the start of the busy window's first whole period.
  const std::int64_t busyFrom = windowEnd(nowMillis) - std::int64_t{kDashboardBusyMinutes} * 60'000;
  std::map<std::int64_t, DashboardPoint> chart;
  // The chart stops before the period `now` is in: a period still running
  // would show as a dip. Activity counts it.
  const std::int64_t chartEnd = windowEnd(nowMillis) - periodMillis();
  for (std::int64_t t = windowStart(nowMillis); t < chartEnd; t += periodMillis()) chart[t].millis = t;

  for (const Json& r : *results) {
    if (!r.is_object()) continue;
    const std::string id = r.value("Id", std::string());
    const auto times = r.find("Timestamps");
    const auto values = r.find("Values");
    if (times == r.end() || values == r.end() || !times->is_array() || !values->is_array()) continue;
    const std::size_t n = std::min(times->size(), values->size());
    auto at = [&](std::size_t k, std::int64_t& millis, double& value) {
      if (!(*times)[k].is_number() || !(*values)[k].is_number()) return false;
      millis = static_cast<std::int64_t>(std::llround((*times)[k].get<double>() * 1000.0));
      value = (*values)[k].get<double>();
      return std::isfinite(value);
    };
    if (id == kUserErrorsId) {
      for (std::size_t k = 0; k < n; ++k) {
        std::int64_t millis = 0;
        double value = 0;
        if (at(k, millis, value) && millis >= busyFrom) out.userErrors += value;
      }
      continue;
    }
    std::size_t measure = 0, table = 0;
    if (!parseId(id, measure, table) || table >= count) continue;
    TableActivity& activity = out.tables[table];
    std::int64_t newest = -1;
    for (std::size_t k = 0; k < n; ++k) {
      std::int64_t millis = 0;
      double value = 0;
      if (!at(k, millis, value)) continue;
      const bool busy = millis >= busyFrom;
      switch (measure) {
        case 0:
          if (busy) activity.readUnits += value;
          if (auto p = chart.find(millis); p != chart.end()) p->second.readUnits += value;
          break;
        case 1:
          if (busy) activity.writeUnits += value;
          if (auto p = chart.find(millis); p != chart.end()) p->second.writeUnits += value;
          break;
        case 2:
          if (busy) activity.readThrottles += value;
          break;
        case 3:
          if (busy) activity.writeThrottles += value;
          break;
        default:
          // Gauges: the newest period's value, whatever order the answer used.
          if (millis > newest) {
            newest = millis;
            (measure == 4 ? activity.itemCount : activity.sizeBytes) = value;
          }
      }
    }
  }
  std::sort(out.tables.begin(), out.tables.end(), busier);
  out.chart.reserve(chart.size());
  for (auto& [t, point] : chart) out.chart.push_back(point);
  return out;
}

}  // namespace dynadesk::ui
