#include "metrics/second_accumulator.h"

#include <algorithm>
#include <cstring>

#include "metrics/log_buckets.h"

namespace dynadesk::metrics {

static_assert(kZeroBucket == std::numeric_limits<std::int32_t>::min(),
              "SecondAccumulator::add tests for the zero bucket with its own constant");

namespace {
// Buckets added on each side when the window grows: 64 buckets span a factor
// of about 3.2, so a metric whose values wander a little does not regrow.
constexpr std::int32_t kSlack = 64;
}

void SecondAccumulator::makeRoomFor(std::int32_t bucket) {
  const bool used = lo_ <= hi_;
  const std::int32_t low = used ? std::min(lo_, bucket) : bucket;
  const std::int32_t high = used ? std::max(hi_, bucket) : bucket;
  const std::int32_t span = high - low + 1;
  // An empty window (all zero) can simply move if it is wide enough.
  if (!used && span <= static_cast<std::int32_t>(counts_.size())) {
    base_ = std::max(minBucketIndex(), bucket - static_cast<std::int32_t>(counts_.size()) / 2);
    base_ = std::min(base_, maxBucketIndex() + 1 - static_cast<std::int32_t>(counts_.size()));
    return;
  }
  const std::int32_t newBase = std::max(minBucketIndex(), low - kSlack);
  const std::int32_t newTop = std::min(maxBucketIndex(), high + kSlack);
  const auto newSize = static_cast<std::size_t>(std::max(newTop - newBase + 1, static_cast<std::int32_t>(counts_.size())));
  std::vector<std::uint32_t> grown(newSize, 0);
  if (used) {
    std::memcpy(&grown[static_cast<std::size_t>(lo_ - newBase)], &counts_[static_cast<std::size_t>(lo_ - base_)],
                static_cast<std::size_t>(hi_ - lo_ + 1) * sizeof(std::uint32_t));
  }
  counts_.swap(grown);
  base_ = newBase;
}

void SecondAccumulator::copyTo(SecondAccumulator& out) const {
  out.clear();
  out.second_ = second_;
  out.count_ = count_;
  out.sum_ = sum_;
  out.min_ = min_;
  out.max_ = max_;
  out.zeroCount_ = zeroCount_;
  if (lo_ > hi_) return;
  const auto span = static_cast<std::size_t>(hi_ - lo_ + 1);
  if (out.counts_.size() < span) out.counts_.assign(span, 0);
  // out is all zero after clear(): placing its window at lo_ keeps it so.
  out.base_ = lo_;
  std::memcpy(out.counts_.data(), &counts_[static_cast<std::size_t>(lo_ - base_)], span * sizeof(std::uint32_t));
  out.lo_ = lo_;
  out.hi_ = hi_;
}

void SecondAccumulator::moveTo(SecondAccumulator& out) {
  copyTo(out);
  clear();
}

void SecondAccumulator::clear() {
  if (lo_ <= hi_) {
    std::memset(&counts_[static_cast<std::size_t>(lo_ - base_)], 0,
                static_cast<std::size_t>(hi_ - lo_ + 1) * sizeof(std::uint32_t));
  }
  second_ = kNoSecond;
  count_ = 0;
  sum_ = 0;
  min_ = max_ = 0;
  zeroCount_ = 0;
  lo_ = kNoBucketLow;
  hi_ = kNoBucketHigh;
}

Aggregate SecondAccumulator::toAggregate() const {
  std::vector<Aggregate::Bucket> buckets;
  if (lo_ <= hi_) {
    for (std::int32_t b = lo_; b <= hi_; ++b) {
      const std::uint32_t n = counts_[static_cast<std::size_t>(b - base_)];
      if (n != 0) buckets.emplace_back(b, n);
    }
  }
  return Aggregate::fromParts(count_, sum_, min_, max_, zeroCount_, std::move(buckets));
}

}  // namespace dynadesk::metrics
