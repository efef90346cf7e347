// A real MetricReader over samples kept in memory, fed by each test.
//
// This is the boundary between alarms and metrics (metrics/metric_id.h): the
// alarm store only ever sees MetricReader::read, so tests feed exact samples
// and get CloudWatch's statistics over them per period, with no point for a
// period without samples (missing data).
//
// Thread-safety: record and read may be called from any thread.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "metrics/metric_id.h"

namespace alarmtest {

class InMemoryMetricReader final : public dynadesk::metrics::MetricReader {
 public:
  void record(const dynadesk::metrics::MetricId& metric, std::int64_t millis, double value) {
    std::lock_guard lock(mutex_);
    samples_[metric].emplace_back(millis, value);
  }

  std::vector<dynadesk::metrics::StatisticPoint> read(const dynadesk::metrics::MetricId& metric,
                                                       const dynadesk::metrics::Statistic& statistic,
                                                       std::int64_t startMillis, std::int64_t endMillis,
                                                       int periodSeconds) const override {
    std::lock_guard lock(mutex_);
    ++reads_;
    const std::int64_t period = static_cast<std::int64_t>(periodSeconds) * 1000;
    const std::int64_t start = startMillis - ((startMillis % period) + period) % period;
    std::map<std::int64_t, std::vector<double>> byPeriod;
    if (auto it = samples_.find(metric); it != samples_.end()) {
      for (const auto& [t, v] : it->second) {
        if (t >= start && t < endMillis) byPeriod[start + (t - start) / period * period].push_back(v);
      }
    }
    std::vector<dynadesk::metrics::StatisticPoint> points;
    for (auto& [t, values] : byPeriod) points.push_back({t, compute(statistic, values)});
    return points;
  }

  int reads() const {
    std::lock_guard lock(mutex_);
    return reads_;
  }

 private:
  static double compute(const dynadesk::metrics::Statistic& s, std::vector<double>& values) {
    using dynadesk::metrics::StatisticKind;
    double sum = 0;
    for (double v : values) sum += v;
    switch (s.kind) {
      case StatisticKind::Sum: return sum;
      case StatisticKind::Average: return sum / static_cast<double>(values.size());
      case StatisticKind::Minimum: return *std::min_element(values.begin(), values.end());
      case StatisticKind::Maximum: return *std::max_element(values.begin(), values.end());
      case StatisticKind::SampleCount: return static_cast<double>(values.size());
      case StatisticKind::Percentile: {
        // Nearest rank.
        std::sort(values.begin(), values.end());
        const auto rank = static_cast<std::size_t>(std::ceil(s.percentile / 100.0 * static_cast<double>(values.size())));
        return values[std::max<std::size_t>(rank, 1) - 1];
      }
    }
    return sum;
  }

  mutable std::mutex mutex_;
  mutable int reads_ = 0;
  std::map<dynadesk::metrics::MetricId, std::vector<std::pair<std::int64_t, double>>> samples_;
};

}  // namespace alarmtest
