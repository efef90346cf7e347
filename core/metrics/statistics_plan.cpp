#include "metrics/statistics_plan.h"

#include <algorithm>
#include <string>

namespace dynadesk::metrics {

MetricsResult<StatisticsPlan> planStatistics(std::int64_t startMillis, std::int64_t endMillis, int periodSeconds,
                                             std::int64_t nowMillis, std::int64_t secondRetentionMillis,
                                             bool enforceDatapointLimit) {
  // Messages as CloudWatch's responses word them (seen in its error replies);
  // "must be a multiple of 60" is the one whose exact wording is unconfirmed.
  if (periodSeconds < 1) {
    return MetricsError{"ValidationError", "1 validation error detected: Value '" + std::to_string(periodSeconds) +
                                               "' at 'period' failed to satisfy constraint: Member must have value "
                                               "greater than or equal to 1"};
  }
  if (startMillis == endMillis) {
    return MetricsError{"InvalidParameterValue", "The parameter StartTime must not equal parameter EndTime."};
  }
  if (startMillis > endMillis) {
    return MetricsError{"InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime."};
  }

  StatisticsPlan plan;
  plan.resolution = startMillis >= nowMillis - secondRetentionMillis ? Resolution::Second : Resolution::Minute;
  if (plan.resolution == Resolution::Minute && periodSeconds % 60 != 0) {
    return MetricsError{"InvalidParameterValue", "The parameter Period must be a multiple of 60."};
  }
  plan.periodMillis = static_cast<std::int64_t>(periodSeconds) * 1000;

  if (enforceDatapointLimit) {
    // Computed on the range as given, as CloudWatch counts it; in 128 bits so
    // that no pair of 64-bit times overflows (the quotient then fits in 64).
    const auto span = static_cast<__int128>(endMillis) - startMillis;
    const auto requested = static_cast<std::int64_t>((span + plan.periodMillis - 1) / plan.periodMillis);
    if (requested > kMaxDatapointsPerRequest) {
      return MetricsError{"InvalidParameterCombination",
                          "You have requested up to " + std::to_string(requested) +
                              " datapoints, which exceeds the limit of " + std::to_string(kMaxDatapointsPerRequest) +
                              ". You may reduce the datapoints requested by increasing Period, or decreasing the "
                              "time range."};
    }
  }

  // CloudWatch's rounding of StartTime: sub-minute periods start on a
  // multiple of the period (for 5, 10, 20 and 30 s, even divisions of a
  // minute); longer ones on a whole minute, or 5 minutes / 1 hour for starts
  // more than 15 / 63 days ago. Periods then follow each other from there.
  // Stored period starts are never negative (keys hold them unsigned).
  constexpr std::int64_t kDay = 24LL * 60 * 60 * 1000;
  std::int64_t granularity = 3'600'000;
  if (periodSeconds < 60) {
    granularity = plan.periodMillis;
  } else if (startMillis >= nowMillis - 15 * kDay) {
    granularity = 60'000;
  } else if (startMillis >= nowMillis - 63 * kDay) {
    granularity = 300'000;
  }
  const std::int64_t start = std::max<std::int64_t>(startMillis, 0);
  plan.startMillis = start - start % granularity;
  plan.endMillis = std::max<std::int64_t>(endMillis, 0);
  return plan;
}

}  // namespace dynadesk::metrics
