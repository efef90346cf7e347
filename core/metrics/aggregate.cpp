#include "metrics/aggregate.h"

#include <algorithm>
#include <cmath>

#include "metrics/log_buckets.h"

namespace dynadesk::metrics {

void Aggregate::add(double value) {
  if (!std::isfinite(value)) return;
  if (count_ == 0) {
    min_ = max_ = value;
  } else {
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
  }
  ++count_;
  sum_ += value;
  const std::int32_t index = bucketIndex(value);
  if (index == kZeroBucket) {
    ++zeroCount_;
    return;
  }
  auto it = std::lower_bound(buckets_.begin(), buckets_.end(), index,
                             [](const Bucket& b, std::int32_t i) { return b.first < i; });
  if (it != buckets_.end() && it->first == index) {
    ++it->second;
  } else {
    buckets_.insert(it, Bucket{index, 1});
  }
}

void Aggregate::merge(const Aggregate& other) {
  if (other.count_ == 0) return;
  if (count_ == 0) {
    *this = other;
    return;
  }
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  zeroCount_ += other.zeroCount_;
  std::vector<Bucket> merged;
  merged.reserve(buckets_.size() + other.buckets_.size());
  auto a = buckets_.begin();
  auto b = other.buckets_.begin();
  while (a != buckets_.end() || b != other.buckets_.end()) {
    if (b == other.buckets_.end() || (a != buckets_.end() && a->first < b->first)) {
      merged.push_back(*a++);
    } else if (a == buckets_.end() || b->first < a->first) {
      merged.push_back(*b++);
    } else {
      merged.emplace_back(a->first, a->second + b->second);
      ++a;
      ++b;
    }
  }
  buckets_ = std::move(merged);
}

Aggregate Aggregate::fromParts(std::uint64_t count, double sum, double min, double max, std::uint64_t zeroCount,
                               std::vector<Bucket> buckets) {
  Aggregate a;
  a.count_ = count;
  a.sum_ = sum;
  a.min_ = count == 0 ? 0 : min;
  a.max_ = count == 0 ? 0 : max;
  a.zeroCount_ = zeroCount;
  a.buckets_ = std::move(buckets);
  return a;
}

double Aggregate::percentile(double percent) const {
  // The nearest rank, computed in hundredths of a percent with integers:
  // 0.9 * 10 in doubles is 9.000000000000002, whose ceiling would be 10.
  const auto hundredths = static_cast<unsigned __int128>(std::llround(std::clamp(percent, 0.0, 100.0) * 100.0));
  std::uint64_t rank = static_cast<std::uint64_t>((hundredths * count_ + 9999) / 10000);
  rank = std::clamp<std::uint64_t>(rank, 1, count_);
  if (rank == 1) return min_;
  if (rank == count_) return max_;
  std::uint64_t seen = zeroCount_;
  double value = max_;
  if (seen >= rank) {
    value = 0;
  } else {
    for (const Bucket& b : buckets_) {
      seen += b.second;
      if (seen >= rank) {
        value = bucketValue(b.first);
        break;
      }
    }
  }
  return std::clamp(value, min_, max_);
}

double Aggregate::statistic(const Statistic& s) const {
  switch (s.kind) {
    case StatisticKind::Sum: return sum_;
    case StatisticKind::Average: return average();
    case StatisticKind::Minimum: return min_;
    case StatisticKind::Maximum: return max_;
    case StatisticKind::SampleCount: return static_cast<double>(count_);
    case StatisticKind::Percentile: return percentile(s.percentile);
  }
  return 0;
}

}  // namespace dynadesk::metrics
