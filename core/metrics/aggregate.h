// Aggregate: everything kept about one period of one metric — sample count,
// sum, minimum, maximum and a log-bucketed histogram for percentiles.
//
// Aggregates merge exactly (a minute is the merge of its seconds, a 5-minute
// period the merge of its minutes): count, sum, minimum and maximum are exact
// (sum up to double rounding), and the histogram counts add bucket by bucket,
// so merging never loses accuracy.
//
// Percentiles are approximations, as CloudWatch's are: pXX is the sample at
// nearest rank ceil(XX/100 * count) in sorted order, reported as the
// representative of the histogram bucket that sample fell in, so the answer is
// within 1 % (relative) of that sample (log_buckets.h). The ranks of the
// smallest and largest samples answer the exact minimum and maximum, and every
// answer is clamped to [minimum, maximum].
//
// The histogram is sparse: a sorted vector of (bucket index, count) pairs,
// typically a few dozen to a few hundred entries. add() is O(buckets) and meant
// for tests and slow paths; the recording hot path uses SecondAccumulator.
//
// Thread-safety: a plain value.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "metrics/metric_id.h"

namespace dynadesk::metrics {

class Aggregate {
 public:
  using Bucket = std::pair<std::int32_t, std::uint64_t>;  // index (log_buckets.h), count

  Aggregate() = default;

  // Adds one sample. NaN and infinities are ignored (they have no sum).
  void add(double value);
  // Adds every sample of `other`.
  void merge(const Aggregate& other);

  // Assembles an aggregate from parts (the codec and SecondAccumulator use it).
  // Preconditions, not checked: `buckets` sorted by index, unique, counts > 0,
  // no kZeroBucket entry; zeroCount + the bucket counts == count; min <= max
  // when count > 0.
  static Aggregate fromParts(std::uint64_t count, double sum, double min, double max, std::uint64_t zeroCount,
                             std::vector<Bucket> buckets);

  bool empty() const { return count_ == 0; }
  std::uint64_t sampleCount() const { return count_; }
  double sum() const { return sum_; }
  // Precondition for the three below: !empty().
  double minimum() const { return min_; }
  double maximum() const { return max_; }
  double average() const { return sum_ / static_cast<double>(count_); }
  // Precondition: !empty(), 0 < percent <= 100.
  double percentile(double percent) const;
  // Any statistic; precondition: !empty().
  double statistic(const Statistic& statistic) const;

  std::uint64_t zeroCount() const { return zeroCount_; }
  const std::vector<Bucket>& buckets() const { return buckets_; }

  friend bool operator==(const Aggregate&, const Aggregate&) = default;

 private:
  std::uint64_t count_ = 0;
  double sum_ = 0;
  double min_ = 0;
  double max_ = 0;
  std::uint64_t zeroCount_ = 0;
  std::vector<Bucket> buckets_;
};

}  // namespace dynadesk::metrics
