// What names one metric: CloudWatch's (namespace, metric name, dimensions).
// Dynadesk publishes only namespace "AWS/DynamoDB"; the dimensions it uses are
// TableName, GlobalSecondaryIndexName, Operation and StreamLabel, as DynamoDB's
// CloudWatch metrics do. Metrics without dimensions (UserErrors) are
// account-wide.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynadesk::metrics {

inline constexpr std::string_view kNamespace = "AWS/DynamoDB";

struct Dimension {
  std::string name;
  std::string value;
  friend bool operator==(const Dimension&, const Dimension&) = default;
  friend auto operator<=>(const Dimension&, const Dimension&) = default;
};

// A metric. `dimensions` are kept sorted by name (makeMetricId does it), so
// two ids naming the same metric compare equal, as CloudWatch treats them.
struct MetricId {
  std::string name;
  std::vector<Dimension> dimensions;
  friend bool operator==(const MetricId&, const MetricId&) = default;
  friend auto operator<=>(const MetricId&, const MetricId&) = default;
};

// Sorts the dimensions by name (then value) so equal metrics compare equal.
// Does not validate names or reject duplicate dimension names: the API layer
// checks requests against CloudWatch's rules before building ids.
MetricId makeMetricId(std::string name, std::vector<Dimension> dimensions);

// The unit a metric's datapoints carry (CloudWatch's StandardUnit, restricted to
// the ones DynamoDB's metrics use). Kept per metric: the unit given when the
// metric is first created.
enum class Unit : std::uint8_t { Count = 0, Milliseconds = 1, Bytes = 2, None = 3 };

// "Count", "Milliseconds", "Bytes", "None".
std::string_view unitName(Unit unit);
// The inverse of unitName (exact, case-sensitive, as CloudWatch); nullopt otherwise.
std::optional<Unit> parseUnit(std::string_view text);

// CloudWatch's statistics. A percentile is Percentile with `percentile` in
// (0, 100], written "p99" or "p99.9" in requests (ExtendedStatistics).
enum class StatisticKind { Sum, Average, Minimum, Maximum, SampleCount, Percentile };

struct Statistic {
  StatisticKind kind = StatisticKind::Sum;
  double percentile = 0;  // Percentile only
  friend bool operator==(const Statistic&, const Statistic&) = default;
};

// "Sum", "Average", "Minimum", "Maximum", "SampleCount", or "p<number>" with
// 0 < number <= 100 (at most two decimals); nullopt for anything else.
std::optional<Statistic> parseStatistic(std::string_view text);
// The inverse of parseStatistic ("p99", "p99.9").
std::string statisticName(const Statistic& s);

// One period's value of one statistic: the period starts at timestampMillis.
struct StatisticPoint {
  std::int64_t timestampMillis = 0;
  double value = 0;
};

// What alarms (and anything else that evaluates metrics) read.
//
// Thread-safety: implementations are safe to call from any thread.
class MetricReader {
 public:
  virtual ~MetricReader() = default;
  // The statistic over each period of `periodSeconds` in [startMillis, endMillis)
  // (start rounded down as GetMetricStatistics rounds StartTime: to a multiple
  // of the period below a minute, to the whole minute otherwise), in time order.
  // A period without any sample has no point: that is what CloudWatch calls
  // missing data.
  virtual std::vector<StatisticPoint> read(const MetricId& metric, const Statistic& statistic,
                                           std::int64_t startMillis, std::int64_t endMillis,
                                           int periodSeconds) const = 0;
};

}  // namespace dynadesk::metrics
