// SecondAccumulator: the samples of one metric in one second, as the
// recording hot path collects them.
//
// Same content as an Aggregate, but the histogram is a dense window of 32-bit
// counters indexed by bucket, so adding a sample is an increment with no
// search and no allocation. The window covers the buckets seen so far plus
// some slack and is kept when the accumulator is emptied, so in steady state a
// metric's accumulators stop allocating after their first seconds. It grows
// (one allocation) only when a sample lands outside it; its size is bounded by
// the bucket range of log_buckets.h (~14 KB at worst, a few hundred bytes for
// a typical latency metric).
//
// Thread-safety: none; MetricStore guards each accumulator with its metric's
// SpinLock.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "metrics/aggregate.h"

namespace dynadesk::metrics {

class SecondAccumulator {
 public:
  static constexpr std::int64_t kNoSecond = std::numeric_limits<std::int64_t>::min();

  // The second (millis / 1000) the samples belong to; kNoSecond while empty.
  std::int64_t second() const { return second_; }
  bool empty() const { return count_ == 0; }
  std::uint64_t sampleCount() const { return count_; }

  // Adds one sample of `second`. `bucket` is bucketIndex(value), computed by the
  // caller before taking the lock. Precondition: value is finite, and the
  // accumulator is empty or already holds `second`.
  void add(std::int64_t second, double value, std::int32_t bucket) {
    if (count_ == 0) {
      second_ = second;
      min_ = max_ = value;
    } else {
      if (value < min_) min_ = value;
      if (value > max_) max_ = value;
    }
    ++count_;
    sum_ += value;
    if (bucket == kZeroBucketIndex) {
      ++zeroCount_;
      return;
    }
    if (bucket < base_ || bucket >= base_ + static_cast<std::int32_t>(counts_.size())) makeRoomFor(bucket);
    ++counts_[static_cast<std::size_t>(bucket - base_)];
    if (bucket < lo_) lo_ = bucket;
    if (bucket > hi_) hi_ = bucket;
  }

  // Copies the content into `out` (reusing out's window) and leaves this
  // accumulator empty. Costs a copy and a clear of the used part of the window.
  void moveTo(SecondAccumulator& out);
  // Copies the content into `out`, keeping this one.
  void copyTo(SecondAccumulator& out) const;
  // Empties the accumulator, keeping its window.
  void clear();

  Aggregate toAggregate() const;

 private:
  static constexpr std::int32_t kZeroBucketIndex = std::numeric_limits<std::int32_t>::min();
  static constexpr std::int32_t kNoBucketLow = std::numeric_limits<std::int32_t>::max();
  static constexpr std::int32_t kNoBucketHigh = std::numeric_limits<std::int32_t>::min();

  void makeRoomFor(std::int32_t bucket);

  std::int64_t second_ = kNoSecond;
  std::uint64_t count_ = 0;
  double sum_ = 0;
  double min_ = 0;
  double max_ = 0;
  std::uint64_t zeroCount_ = 0;
  std::vector<std::uint32_t> counts_;  // counts_[i] counts bucket base_ + i
  std::int32_t base_ = 0;
  std::int32_t lo_ = kNoBucketLow;    // lowest and highest bucket counted; lo_ > hi_ when none
  std::int32_t hi_ = kNoBucketHigh;
};

}  // namespace dynadesk::metrics
