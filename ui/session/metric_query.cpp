#include "session/metric_query.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <QCoreApplication>

namespace dynadesk::ui {

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
constexpr char kNamespace[] = "AWS/DynamoDB";

QString tr(const char* text) { return QCoreApplication::translate("MetricQuery", text); }
QString qs(const std::string& s) { return QString::fromStdString(s); }

qint64 alignDown(qint64 t, qint64 step) {
  const qint64 r = t % step;
  return r < 0 ? t - r - step : t - r;
}

nlohmann::json dimensionsJson(const std::vector<std::pair<std::string, std::string>>& dims) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [name, value] : dims) out.push_back({{"Name", name}, {"Value", value}});
  return out;
}

bool sameDimensions(const ListedMetric& m, std::vector<std::pair<std::string, std::string>> want) {
  auto have = m.dimensions;
  std::sort(have.begin(), have.end());
  std::sort(want.begin(), want.end());
  return have == want;
}

// The gauges the engine samples each second whether or not anyone uses the table.
bool isGauge(const std::string& name) {
  return name == "ItemCount" || name == "TableSizeBytes" || name == "ProvisionedReadCapacityUnits" ||
         name == "ProvisionedWriteCapacityUnits";
}

}  // namespace

QString metricChartTitle(MetricChartKind kind) {
  switch (kind) {
    case MetricChartKind::ReadCapacity: return tr("Read capacity");
    case MetricChartKind::WriteCapacity: return tr("Write capacity");
    case MetricChartKind::ThrottleEvents: return tr("Throttle events");
    case MetricChartKind::Latency: return tr("Latency (p50, p99)");
    case MetricChartKind::ReturnedItems: return tr("Returned items");
    case MetricChartKind::ReturnedBytes: return tr("Returned bytes (stream)");
    case MetricChartKind::Errors: return tr("Errors");
    case MetricChartKind::TtlDeletions: return tr("TTL deletions");
  }
  return {};
}

QString metricChartUnit(MetricChartKind kind) {
  switch (kind) {
    case MetricChartKind::ReadCapacity:
    case MetricChartKind::WriteCapacity: return tr("Units per second");
    case MetricChartKind::Latency: return tr("Milliseconds");
    case MetricChartKind::ReturnedBytes: return tr("Bytes");
    case MetricChartKind::ReturnedItems: return tr("Items");
    case MetricChartKind::TtlDeletions: return tr("Items");
    case MetricChartKind::ThrottleEvents:
    case MetricChartKind::Errors: return tr("Count");
  }
  return {};
}

QString metricChartKey(MetricChartKind kind) {
  static const char* const kKeys[] = {"read-capacity",  "write-capacity", "throttle-events", "latency",
                                      "returned-items", "returned-bytes", "errors",          "ttl-deletions"};
  return QString::fromLatin1(kKeys[static_cast<std::size_t>(kind)]);
}

QString metricRangeName(MetricRange range) {
  switch (range) {
    case MetricRange::Live5Minutes: return tr("Live (5 minutes)");
    case MetricRange::Hour: return tr("1 hour");
    case MetricRange::Day: return tr("1 day");
    case MetricRange::Week: return tr("1 week");
  }
  return {};
}

MetricWindow metricWindow(MetricRange range, qint64 nowMillis) {
  MetricWindow w;
  // Whole seconds only: the second in progress is still being counted.
  const qint64 second = alignDown(nowMillis, kSecond);
  switch (range) {
    case MetricRange::Live5Minutes:
      w.periodSeconds = 1;
      w.queryEndMillis = second;
      w.queryStartMillis = second - 5 * kMinute;
      w.fromMillis = w.queryStartMillis;
      w.toMillis = second;
      break;
    case MetricRange::Hour:
      w.periodSeconds = 10;
      w.queryEndMillis = second + kSecond;
      // 1-second data answers only ranges that start within its hour of
      // retention (on the endpoint's clock, read a moment later): starting a
      // minute late keeps the 10-second period valid.
      w.queryStartMillis = alignDown(second - kHour + kMinute, 10 * kSecond) + 10 * kSecond;
      w.fromMillis = second - kHour;
      w.toMillis = second;
      break;
    case MetricRange::Day:
      w.periodSeconds = 300;
      w.queryEndMillis = second + kSecond;
      w.queryStartMillis = alignDown(second - kDay, 5 * kMinute);
      w.fromMillis = second - kDay;
      w.toMillis = second;
      break;
    case MetricRange::Week:
      w.periodSeconds = 3600;
      w.queryEndMillis = second + kSecond;
      w.queryStartMillis = alignDown(second - 7 * kDay, kHour);
      w.fromMillis = second - 7 * kDay;
      w.toMillis = second;
      break;
  }
  w.queryStartMillis = std::max<qint64>(w.queryStartMillis, 0);
  return w;
}

std::string ListedMetric::dimension(const std::string& key) const {
  for (const auto& [name, value] : dimensions) {
    if (name == key) return value;
  }
  return {};
}

nlohmann::json listMetricsRequest(const std::string& table) {
  return {{"Namespace", kNamespace}, {"Dimensions", nlohmann::json::array({{{"Name", "TableName"}, {"Value", table}}})}};
}

Result<std::vector<ListedMetric>> parseListedMetrics(const nlohmann::json& answer) {
  const auto metrics = answer.is_object() ? answer.find("Metrics") : answer.end();
  if (!answer.is_object() || metrics == answer.end() || !metrics->is_array()) {
    return Status::validation("The endpoint's ListMetrics answer has no list of metrics.");
  }
  std::vector<ListedMetric> out;
  for (const auto& m : *metrics) {
    if (!m.is_object() || !m.contains("MetricName") || !m["MetricName"].is_string()) continue;
    ListedMetric listed;
    listed.name = m["MetricName"].get<std::string>();
    if (auto d = m.find("Dimensions"); d != m.end() && d->is_array()) {
      for (const auto& dim : *d) {
        if (!dim.is_object() || !dim.contains("Name") || !dim["Name"].is_string()) continue;
        const auto v = dim.find("Value");
        listed.dimensions.emplace_back(dim["Name"].get<std::string>(),
                                       v != dim.end() && v->is_string() ? v->get<std::string>() : std::string());
      }
    }
    out.push_back(std::move(listed));
  }
  return out;
}

bool hasTraffic(const std::vector<ListedMetric>& listed) {
  return std::any_of(listed.begin(), listed.end(), [](const ListedMetric& m) { return !isGauge(m.name); });
}

std::vector<std::string> indexesOf(const std::vector<ListedMetric>& listed) {
  std::set<std::string> names;
  for (const auto& m : listed) {
    const std::string index = m.dimension("GlobalSecondaryIndexName");
    if (!index.empty()) names.insert(index);
  }
  return {names.begin(), names.end()};
}

MetricQueryPlan buildMetricQuery(const MetricTarget& target, const MetricWindow& window,
                                 const std::vector<ListedMetric>& listed) {
  MetricQueryPlan plan;
  plan.window = window;
  nlohmann::json queries = nlohmann::json::array();
  auto add = [&](const std::string& metric, std::vector<std::pair<std::string, std::string>> dims,
                 const std::string& stat, MetricSlot slot) {
    slot.id = "m" + std::to_string(plan.entries.size());
    queries.push_back({{"Id", slot.id},
                       {"MetricStat",
                        {{"Metric", {{"Namespace", kNamespace}, {"MetricName", metric}, {"Dimensions", dimensionsJson(dims)}}},
                         {"Period", window.periodSeconds},
                         {"Stat", stat}}},
                       {"ReturnData", true}});
    plan.entries.push_back(std::move(slot));
  };
  auto slot = [](MetricChartKind chart, QString name, bool dashed, bool perSecond, bool fillZeros) {
    MetricSlot s;
    s.chart = chart;
    s.seriesName = std::move(name);
    s.dashed = dashed;
    s.perSecond = perSecond;
    s.fillZeros = fillZeros;
    return s;
  };
  auto listedWith = [&](const std::string& metric, const std::vector<std::pair<std::string, std::string>>& dims) {
    return std::any_of(listed.begin(), listed.end(),
                       [&](const ListedMetric& m) { return m.name == metric && sameDimensions(m, dims); });
  };

  // Capacity and throttling: the target's own (the table's, or the index's).
  std::vector<std::pair<std::string, std::string>> owner{{"TableName", target.table}};
  if (!target.index.empty()) owner.emplace_back("GlobalSecondaryIndexName", target.index);
  struct Capacity {
    const char* metric;
    MetricChartKind chart;
    QString name;
    bool provisioned;
  };
  const Capacity capacity[] = {
      {"ConsumedReadCapacityUnits", MetricChartKind::ReadCapacity, tr("Consumed"), false},
      {"ProvisionedReadCapacityUnits", MetricChartKind::ReadCapacity, tr("Provisioned"), true},
      {"ConsumedWriteCapacityUnits", MetricChartKind::WriteCapacity, tr("Consumed"), false},
      {"ProvisionedWriteCapacityUnits", MetricChartKind::WriteCapacity, tr("Provisioned"), true},
  };
  for (const auto& c : capacity) {
    if (!listedWith(c.metric, owner)) continue;
    MetricSlot s = slot(c.chart, c.name, /*dashed=*/c.provisioned, /*perSecond=*/!c.provisioned, /*fillZeros=*/!c.provisioned);
    s.colorIndex = c.provisioned ? 1 : 0;  // consumed keeps the first colour even before it has data
    add(c.metric, owner, c.provisioned ? "Average" : "Sum", std::move(s));
  }
  if (listedWith("ReadThrottleEvents", owner)) {
    add("ReadThrottleEvents", owner, "Sum", slot(MetricChartKind::ThrottleEvents, tr("Read throttle events"), false, false, true));
  }
  if (listedWith("WriteThrottleEvents", owner)) {
    add("WriteThrottleEvents", owner, "Sum",
        slot(MetricChartKind::ThrottleEvents, tr("Write throttle events"), false, false, true));
  }

  // Per operation: DynamoDB publishes these per table only, so a GSI target
  // shows its table's.
  std::vector<const ListedMetric*> perOperation;
  for (const auto& m : listed) {
    if (m.dimension("TableName") == target.table && !m.dimension("Operation").empty() &&
        m.dimension("GlobalSecondaryIndexName").empty()) {
      perOperation.push_back(&m);
    }
  }
  std::sort(perOperation.begin(), perOperation.end(), [](const ListedMetric* a, const ListedMetric* b) {
    return std::make_tuple(a->dimension("Operation"), a->dimension("StreamLabel")) <
           std::make_tuple(b->dimension("Operation"), b->dimension("StreamLabel"));
  });
  int operationColor = 0;  // p50 solid and p99 dashed of one operation share a colour
  for (const ListedMetric* m : perOperation) {
    if (m->name != "SuccessfulRequestLatency") continue;
    const QString op = qs(m->dimension("Operation"));
    MetricSlot p50 = slot(MetricChartKind::Latency, tr("p50 %1").arg(op), false, false, false);
    MetricSlot p99 = slot(MetricChartKind::Latency, tr("p99 %1").arg(op), true, false, false);
    p50.colorIndex = p99.colorIndex = operationColor++;
    add(m->name, m->dimensions, "p50", std::move(p50));
    add(m->name, m->dimensions, "p99", std::move(p99));
  }
  for (const ListedMetric* m : perOperation) {
    if (m->name != "ReturnedItemCount") continue;
    add(m->name, m->dimensions, "Sum",
        slot(MetricChartKind::ReturnedItems, qs(m->dimension("Operation")), false, false, true));
  }
  for (const ListedMetric* m : perOperation) {
    if (m->name != "ReturnedBytes") continue;
    const std::string label = m->dimension("StreamLabel");
    const QString name = label.empty() ? qs(m->dimension("Operation"))
                                       : tr("%1, stream %2").arg(qs(m->dimension("Operation")), qs(label));
    add(m->name, m->dimensions, "Sum", slot(MetricChartKind::ReturnedBytes, name, false, false, true));
  }

  // Errors: the account's user errors (DynamoDB counts them for the whole
  // account), the table's failed conditions, system errors per operation.
  add("UserErrors", {}, "Sum", slot(MetricChartKind::Errors, tr("User errors (all tables)"), false, false, true));
  const std::vector<std::pair<std::string, std::string>> table{{"TableName", target.table}};
  if (listedWith("ConditionalCheckFailedRequests", table)) {
    add("ConditionalCheckFailedRequests", table, "Sum",
        slot(MetricChartKind::Errors, tr("Conditional check failed"), false, false, true));
  }
  for (const ListedMetric* m : perOperation) {
    if (m->name != "SystemErrors") continue;
    add(m->name, m->dimensions, "Sum",
        slot(MetricChartKind::Errors, tr("System errors %1").arg(qs(m->dimension("Operation"))), false, false, true));
  }
  if (listedWith("TimeToLiveDeletedItemCount", table)) {
    add("TimeToLiveDeletedItemCount", table, "Sum",
        slot(MetricChartKind::TtlDeletions, tr("Deleted by TTL"), false, false, true));
  }

  plan.request = {{"MetricDataQueries", std::move(queries)},
                  {"StartTime", static_cast<double>(window.queryStartMillis) / 1000.0},
                  {"EndTime", static_cast<double>(window.queryEndMillis) / 1000.0},
                  {"ScanBy", "TimestampAscending"}};
  return plan;
}

Result<MetricChartSeries> decodeMetricData(const MetricQueryPlan& plan, const nlohmann::json& answer) {
  const auto results = answer.is_object() ? answer.find("MetricDataResults") : answer.end();
  if (!answer.is_object() || results == answer.end() || !results->is_array()) {
    return Status::validation("The endpoint's GetMetricData answer has no MetricDataResults.");
  }
  std::map<std::string, const nlohmann::json*> byId;
  for (const auto& r : *results) {
    if (r.is_object() && r.contains("Id") && r["Id"].is_string()) byId[r["Id"].get<std::string>()] = &r;
  }
  const MetricWindow& w = plan.window;
  const qint64 period = static_cast<qint64>(w.periodSeconds) * kSecond;
  MetricChartSeries charts;
  for (const auto& slot : plan.entries) {
    const auto found = byId.find(slot.id);
    if (found == byId.end()) continue;
    const nlohmann::json& r = *found->second;
    const auto& times = r.contains("Timestamps") ? r["Timestamps"] : nlohmann::json();
    const auto& values = r.contains("Values") ? r["Values"] : nlohmann::json();
    if (!times.is_array() || !values.is_array() || times.size() != values.size()) {
      return Status::validation("The endpoint's GetMetricData answer for " + slot.seriesName.toStdString() +
                                " has timestamps and values that do not match.");
    }
    std::map<qint64, double> points;
    for (std::size_t i = 0; i < times.size(); ++i) {
      if (!times[i].is_number() || !values[i].is_number()) continue;
      const double v = values[i].get<double>();
      if (!std::isfinite(v)) continue;
      points[static_cast<qint64>(std::llround(times[i].get<double>() * 1000.0))] = v;
    }
    if (points.empty()) continue;  // no data: no series, so the chart can say so
    if (slot.fillZeros) {
      for (qint64 t = w.queryStartMillis; t < w.queryEndMillis; t += period) points.try_emplace(t, 0.0);
    }
    ChartSeriesData series;
    series.name = slot.seriesName;
    series.dashed = slot.dashed;
    series.colorIndex = slot.colorIndex;
    series.points.reserve(points.size());
    for (const auto& [t, v] : points) {
      double value = v;
      if (slot.perSecond) {
        // The newest period may still be running: its rate is over the
        // seconds that have passed, not the whole period.
        const qint64 elapsed = std::clamp<qint64>(w.queryEndMillis - t, kSecond, period);
        value = v / (static_cast<double>(elapsed) / 1000.0);
      }
      series.points.push_back({t, value});
    }
    charts[static_cast<std::size_t>(slot.chart)].push_back(std::move(series));
  }
  return charts;
}

}  // namespace dynadesk::ui
