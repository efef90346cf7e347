#include "metrics/log_buckets.h"

#include <cmath>

namespace dynadesk::metrics {

namespace {

const double kGamma = (1.0 + kRelativeAccuracy) / (1.0 - kRelativeAccuracy);
const double kLogGamma = std::log(kGamma);

std::int32_t rawIndex(double value) { return static_cast<std::int32_t>(std::ceil(std::log(value) / kLogGamma)); }

const std::int32_t kMinIndex = rawIndex(kMinTrackedValue);
const std::int32_t kMaxIndex = rawIndex(kMaxTrackedValue);

}  // namespace

std::int32_t bucketIndex(double value) {
  // `!(value >= min)` also catches NaN.
  if (!(value >= kMinTrackedValue)) return kZeroBucket;
  if (value >= kMaxTrackedValue) return kMaxIndex;
  const std::int32_t index = rawIndex(value);
  return index < kMinIndex ? kMinIndex : index;
}

std::int32_t minBucketIndex() { return kMinIndex; }
std::int32_t maxBucketIndex() { return kMaxIndex; }

double bucketValue(std::int32_t index) {
  if (index == kZeroBucket) return 0;
  return 2.0 * std::pow(kGamma, index) / (1.0 + kGamma);
}

}  // namespace dynadesk::metrics
