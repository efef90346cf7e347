// planStatistics: checks a statistics request's time range and period the way
// CloudWatch's GetMetricStatistics does, and decides which stored resolution
// answers it.
//
// Rules (CloudWatch's, with Dynadesk's retentions):
//  - Period is at least 1 second ("ValidationError", as CloudWatch's
//    constraint check words it).
//  - StartTime must be before EndTime ("InvalidParameterValue").
//  - A range that starts within the 1-second retention (default: the last
//    hour) is answered from 1-second data and any whole number of seconds is a
//    valid period; an older start is answered from 1-minute data and the period
//    must be a multiple of 60 ("InvalidParameterValue").
//  - With enforceDatapointLimit, at most 1,440 periods
//    ("InvalidParameterCombination"). MetricReader::read (alarms) has no limit.
//
// The start is rounded down as CloudWatch rounds StartTime: for periods under
// a minute to a multiple of the period (since the Unix epoch, so 5, 10, 20
// and 30 s periods fall on even divisions of a minute); otherwise to the whole
// minute (to 5 minutes for starts more than 15 days ago, to the hour past 63
// days). Periods follow one another from the rounded start; the last one may
// reach past endMillis but holds only data before it.
//
// Thread-safety: a pure function.
#pragma once

#include <cstdint>

#include "metrics/metric_keys.h"
#include "metrics/metrics_error.h"

namespace dynadesk::metrics {

inline constexpr std::int64_t kMaxDatapointsPerRequest = 1440;

struct StatisticsPlan {
  Resolution resolution = Resolution::Second;
  std::int64_t startMillis = 0;   // first period's start (rounded down; never negative)
  std::int64_t endMillis = 0;     // exclusive
  std::int64_t periodMillis = 1000;
};

MetricsResult<StatisticsPlan> planStatistics(std::int64_t startMillis, std::int64_t endMillis, int periodSeconds,
                                             std::int64_t nowMillis, std::int64_t secondRetentionMillis,
                                             bool enforceDatapointLimit);

}  // namespace dynadesk::metrics
