// The bucket layout of the percentile histograms (part of the stored format:
// changing any constant here needs a new aggregate encoding version).
//
// Positive values are mapped to logarithmic buckets: bucket i holds the values
// in (g^(i-1), g^i] with g = (1 + a) / (1 - a), and is represented by
// 2 g^i / (1 + g). Every value of a bucket is within a relative error of `a`
// of that representative. `a` is 0.9 %, leaving a tenth of the promised 1 %
// for floating-point rounding where a value sits exactly on a bucket edge.
//
// Values below kMinTrackedValue (zero, which counters record all the time,
// tiny values and negatives, which DynamoDB's metrics never have) go to a
// separate zero bucket represented by 0. Values above kMaxTrackedValue share
// the top bucket. Percentiles are clamped to the period's exact minimum and
// maximum (aggregate.h), which keeps both cases sensible.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>

namespace dynadesk::metrics {

inline constexpr double kRelativeAccuracy = 0.009;
inline constexpr double kMinTrackedValue = 1e-9;
inline constexpr double kMaxTrackedValue = 1e18;

// The bucket of a value, or kZeroBucket for values below kMinTrackedValue
// (and NaN). Never returns an index outside [kMinBucket, kMaxBucket].
inline constexpr std::int32_t kZeroBucket = INT32_MIN;
std::int32_t bucketIndex(double value);

// The first and last indices bucketIndex returns for positive values.
std::int32_t minBucketIndex();
std::int32_t maxBucketIndex();

// The value a bucket stands for (0 for kZeroBucket).
double bucketValue(std::int32_t index);

}  // namespace dynadesk::metrics
