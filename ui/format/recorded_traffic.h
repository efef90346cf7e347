// Recorded traffic: turns a table's CloudWatch metrics (ConsumedReadCapacityUnits
// and ConsumedWriteCapacityUnits, Sum per period, as GetMetricStatistics
// returns them) into average and peak rates and the monthly cost estimate
// "this workload would cost about X a month on-demand, Y provisioned".
//
// On-demand is priced on the average rate over the range (what the range's
// traffic would cost if every month looked like it). Provisioned is sized for
// the busiest period, at a target utilisation (70 % by default, the default
// target of DynamoDB auto scaling), rounded up to whole units, at least 1.
// The peak is per period (a minute for the last hour), so bursts shorter than
// a period are averaged out; the sentence names the period.
//
// Errors: parseConsumedSums() returns a ValidationException with a plain
// message when the response has no Datapoints list; malformed datapoints are
// skipped.
// Thread-safety: pure functions and plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynadesk/status.h"
#include "format/capacity_estimate.h"

namespace dynadesk::ui {

// The ranges the panel offers: the last hour, day or week.
enum class TrafficRange { Hour, Day, Week };

struct TrafficWindow {
  std::int64_t startMillis = 0;
  std::int64_t endMillis = 0;  // exclusive
  int periodSeconds = 60;
  double rangeSeconds = 3600;
};

// The window ending at `nowMillis` (engine clock). The end is one second past
// now so the current second's samples count. Periods: 1 minute for an hour,
// 5 minutes for a day, 1 hour for a week (each under CloudWatch's 1,440
// datapoints, and multiples of 60 as older data requires).
TrafficWindow trafficWindow(TrafficRange range, std::int64_t nowMillis);

// A GetMetricStatistics request (CloudWatch's JSON protocol: seconds since the
// epoch) for the Sum of `metricName` of `table` over `window`.
nlohmann::json consumedCapacityRequest(const std::string& table, const std::string& metricName,
                                       const TrafficWindow& window);

struct PeriodSum {
  std::int64_t timestampMillis = 0;
  double sum = 0;
};

// The Sum datapoints of a GetMetricStatistics response, in time order.
Result<std::vector<PeriodSum>> parseConsumedSums(const nlohmann::json& response);

struct RecordedTraffic {
  double rangeSeconds = 0;
  int periodSeconds = 0;
  double totalReadUnits = 0;
  double totalWriteUnits = 0;
  double averageReadUnitsPerSecond = 0;
  double averageWriteUnitsPerSecond = 0;
  double peakReadUnitsPerSecond = 0;  // of the busiest period
  double peakWriteUnitsPerSecond = 0;
  bool empty() const { return totalReadUnits == 0 && totalWriteUnits == 0; }
};

RecordedTraffic summarizeTraffic(const std::vector<PeriodSum>& reads, const std::vector<PeriodSum>& writes,
                                 const TrafficWindow& window);

struct TrafficEstimate {
  RecordedTraffic traffic;
  double targetUtilization = 0.7;
  long long provisionedReadUnits = 1;
  long long provisionedWriteUnits = 1;
  MonthlyCost cost;
  std::string sentence;  // the estimate in plain words
};

inline constexpr double kDefaultTargetUtilization = 0.7;

// `rangeName` names the range in the sentence ("the last hour").
TrafficEstimate estimateFromTraffic(const RecordedTraffic& traffic, const PriceTable& prices,
                                    const std::string& rangeName,
                                    double targetUtilization = kDefaultTargetUtilization,
                                    double storageBytes = 0);

std::string trafficRangeName(TrafficRange range);

}  // namespace dynadesk::ui
