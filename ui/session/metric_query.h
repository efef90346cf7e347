// Metric queries of the Metrics tab: pure functions that turn a target (a
// table, or one of its global secondary indexes) and a time range into the
// CloudWatch requests the endpoint serves (ListMetrics, then one
// GetMetricData), and the answers into the series of each chart.
//
// Flow: listMetricsRequest(table) -> parseListedMetrics(answer) tells which
// metrics have data (and so which operations and streams to chart);
// buildMetricQuery(target, window, listed) makes one GetMetricData request
// (ScanBy TimestampAscending) with an entry per series; decodeMetricData(plan,
// answer) fills the eight charts.
//
// Ranges and periods (the endpoint keeps 1-second data for 1 hour and
// 1-minute data for 15 days, core/metrics/README.md; every range stays far
// below MetricChart::kMaxPointsPerSeries and CloudWatch's 1,440 datapoints):
//   Live 5 minutes  1 s    300 points, whole seconds up to the current one
//   1 hour          10 s   about 355 points, from 1-second data
//   1 day           5 min  289 points, from 1-minute data
//   1 week          1 h    169 points, from 1-minute data
// Period starts are multiples of the period (since the epoch), as the
// endpoint rounds them, so points keep their place from one refresh to the
// next.
//
// Values: consumed capacity is drawn per second (Sum divided by the seconds
// of its period, the partial newest period by its elapsed seconds) so that it
// compares with provisioned capacity (Average); counts (throttle events,
// returned items and bytes, errors, TTL deletions) are Sum per period;
// latency is p50 and p99 per operation in milliseconds. Counts of a metric
// that has data are filled with 0 where a period has none (the endpoint, like
// CloudWatch, answers only periods with data); a metric with no data in the
// range gives no series at all.
//
// Errors: decoding returns a ValidationException-typed Status in plain words
// when an answer is not shaped as CloudWatch answers.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <QString>
#include <nlohmann/json.hpp>

#include "charts/chart_series.h"
#include "dynadesk/status.h"

namespace dynadesk::ui {

enum class MetricRange { Live5Minutes, Hour, Day, Week };

enum class MetricChartKind {
  ReadCapacity,
  WriteCapacity,
  ThrottleEvents,
  Latency,
  ReturnedItems,
  ReturnedBytes,
  Errors,
  TtlDeletions,
};
inline constexpr std::size_t kMetricChartCount = 8;

// "Read capacity", ... and the value axis title of each chart.
QString metricChartTitle(MetricChartKind kind);
QString metricChartUnit(MetricChartKind kind);
// A stable name for object names and file names: "read-capacity", ...
QString metricChartKey(MetricChartKind kind);
// "Live (5 minutes)", "1 hour", ...
QString metricRangeName(MetricRange range);

struct MetricTarget {
  std::string table;
  std::string index;  // a global secondary index; empty: the table itself
};

struct MetricWindow {
  qint64 fromMillis = 0;       // what the time axis shows
  qint64 toMillis = 0;
  qint64 queryStartMillis = 0;  // the first period's start (a multiple of the period)
  qint64 queryEndMillis = 0;    // exclusive
  int periodSeconds = 1;
};

// The window of `range` ending at `nowMillis` (engine clock).
MetricWindow metricWindow(MetricRange range, qint64 nowMillis);

struct ListedMetric {
  std::string name;
  std::vector<std::pair<std::string, std::string>> dimensions;  // as listed
  std::string dimension(const std::string& key) const;           // "" when absent
};

// ListMetrics (namespace AWS/DynamoDB) of every metric with a TableName
// dimension equal to `table`.
nlohmann::json listMetricsRequest(const std::string& table);
Result<std::vector<ListedMetric>> parseListedMetrics(const nlohmann::json& answer);
// True when the table has recorded traffic (anything besides the gauges the
// engine samples every second: item count, size, provisioned capacity).
bool hasTraffic(const std::vector<ListedMetric>& listed);
// The global secondary indexes that have metrics, sorted.
std::vector<std::string> indexesOf(const std::vector<ListedMetric>& listed);

// One series of the plan: which chart it belongs to and how its values read.
struct MetricSlot {
  std::string id;  // the MetricDataQuery Id ("m0", "m1", ...)
  MetricChartKind chart = MetricChartKind::ReadCapacity;
  QString seriesName;
  bool dashed = false;
  bool perSecond = false;  // divide by the period's seconds
  bool fillZeros = false;  // a count: periods without data are 0
  int colorIndex = -1;     // ChartSeriesData::colorIndex: capacity and each operation's pair keep theirs
};

struct MetricQueryPlan {
  nlohmann::json request;  // GetMetricData
  std::vector<MetricSlot> entries;
  MetricWindow window;
};

MetricQueryPlan buildMetricQuery(const MetricTarget& target, const MetricWindow& window,
                                 const std::vector<ListedMetric>& listed);

using MetricChartSeries = std::array<std::vector<ChartSeriesData>, kMetricChartCount>;

Result<MetricChartSeries> decodeMetricData(const MetricQueryPlan& plan, const nlohmann::json& answer);

}  // namespace dynadesk::ui
