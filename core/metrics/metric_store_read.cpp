// MetricStore reads: GetMetricStatistics (statistics) and the alarms'
// MetricReader::read, both from the stored datapoints of the chosen resolution
// merged with the samples still in memory.
#include <algorithm>

#include "metrics/aggregate_codec.h"
#include "metrics/metric_cell.h"
#include "metrics/metric_store.h"
#include "storage/lmdb_env.h"

namespace dynadesk::metrics {

using detail::MetricCell;

Result<std::map<std::int64_t, Aggregate>> MetricStore::collectPeriods(const MetricCell& cell,
                                                                      const StatisticsPlan& plan,
                                                                      std::int64_t nowMillis) const {
  const bool minutes = plan.resolution == Resolution::Minute;
  // A datapoint past its retention is never answered, whether or not the
  // flusher has deleted it yet, so answers do not depend on its progress.
  const std::int64_t cutoff =
      nowMillis - (minutes ? options_.minuteRetentionMillis : options_.secondRetentionMillis);
  const std::int64_t lowest = std::max(plan.startMillis, cutoff);
  const auto datapointStart = [&](std::int64_t second) {
    const std::int64_t t = second * 1000;
    return minutes ? t - t % 60000 : t;
  };
  const auto wanted = [&](std::int64_t start) { return start >= lowest && start < plan.endMillis; };

  std::map<std::int64_t, Aggregate> periods;
  const auto add = [&](std::int64_t start, const Aggregate& a) {
    if (!wanted(start)) return;
    periods[start - (start - plan.startMillis) % plan.periodMillis].merge(a);
  };

  // Exclusion from flush(): every second is either in memory (slots, spilled,
  // pending_) or committed, never both or neither.
  std::shared_lock flushing(flushMutex_);
  std::vector<std::pair<std::int64_t, Aggregate>> inMemory;
  {
    // A reader holds the metric's lock while converting its few in-range
    // seconds; recorders of this one metric may wait that long.
    std::lock_guard guard(cell.lock);
    for (const SecondAccumulator& slot : cell.slots) {
      if (!slot.empty() && wanted(datapointStart(slot.second()))) {
        inMemory.emplace_back(datapointStart(slot.second()), slot.toAggregate());
      }
    }
    for (const detail::SpilledSecond& s : cell.spilled) {
      if (wanted(datapointStart(s.second))) inMemory.emplace_back(datapointStart(s.second), s.aggregate);
    }
  }
  for (const auto& [start, aggregate] : inMemory) add(start, aggregate);
  for (const PendingSecond& p : pending_) {
    if (p.cell == &cell) add(datapointStart(p.second), p.aggregate);
  }

  DYNADESK_ASSIGN_OR_RETURN(storage::ReadTxn txn, env_.read());
  const std::string prefix = metricDataPrefix(cell.number, plan.resolution);
  storage::Cursor cursor = txn.cursor();
  DYNADESK_RETURN_IF_ERROR(cursor.seek(metricDataKey(cell.number, plan.resolution, std::max<std::int64_t>(lowest, 0))));
  while (cursor.valid() && cursor.key().starts_with(prefix)) {
    const std::optional<std::int64_t> start = startOfMetricDataKey(cursor.key());
    if (start && *start >= plan.endMillis) break;
    std::optional<Aggregate> stored = start ? decodeAggregate(cursor.value()) : std::nullopt;
    if (stored) {
      add(*start, *stored);
    } else {
      corruptReads_.fetch_add(1, std::memory_order_relaxed);
    }
    DYNADESK_RETURN_IF_ERROR(cursor.next());
  }
  return periods;
}

MetricsResult<std::vector<Datapoint>> MetricStore::statistics(const MetricId& metric,
                                                              const std::vector<Statistic>& statistics,
                                                              std::int64_t startMillis, std::int64_t endMillis,
                                                              int periodSeconds) const {
  // These two messages are our best reading of CloudWatch's: its code for the
  // first is documented, the exact wording of both could not be confirmed.
  // The CloudWatch endpoint normally catches both while parsing the request.
  if (statistics.empty()) {
    return MetricsError{"InvalidParameterCombination", "Must specify either Statistics or ExtendedStatistics."};
  }
  for (const Statistic& s : statistics) {
    if (s.kind == StatisticKind::Percentile && !(s.percentile > 0 && s.percentile <= 100)) {
      return MetricsError{"InvalidParameterValue",
                          "The value " + statisticName(s) + " for parameter ExtendedStatistics is not supported."};
    }
  }
  const std::int64_t now = clock_->nowMillis();
  MetricsResult<StatisticsPlan> plan =
      planStatistics(startMillis, endMillis, periodSeconds, now, options_.secondRetentionMillis, true);
  if (!plan) return plan.error();

  const MetricCell* cell = findCell(metric);
  if (cell == nullptr) return std::vector<Datapoint>{};
  Result<std::map<std::int64_t, Aggregate>> periods = collectPeriods(*cell, plan.value(), now);
  if (!periods) return MetricsError{"InternalServiceFault", periods.status().message()};

  std::vector<Datapoint> out;
  out.reserve(periods->size());
  for (const auto& [start, aggregate] : *periods) {
    Datapoint point;
    point.timestampMillis = start;
    point.unit = cell->unit;
    point.values.reserve(statistics.size());
    for (const Statistic& s : statistics) point.values.push_back(aggregate.statistic(s));
    out.push_back(std::move(point));
  }
  return out;
}

std::vector<StatisticPoint> MetricStore::read(const MetricId& metric, const Statistic& statistic,
                                              std::int64_t startMillis, std::int64_t endMillis,
                                              int periodSeconds) const {
  if (statistic.kind == StatisticKind::Percentile && !(statistic.percentile > 0 && statistic.percentile <= 100)) {
    return {};
  }
  const std::int64_t now = clock_->nowMillis();
  MetricsResult<StatisticsPlan> plan =
      planStatistics(startMillis, endMillis, periodSeconds, now, options_.secondRetentionMillis, false);
  const MetricCell* cell = plan ? findCell(metric) : nullptr;
  if (cell == nullptr) return {};
  Result<std::map<std::int64_t, Aggregate>> periods = collectPeriods(*cell, plan.value(), now);
  if (!periods) return {};
  std::vector<StatisticPoint> out;
  out.reserve(periods->size());
  for (const auto& [start, aggregate] : *periods) out.push_back(StatisticPoint{start, aggregate.statistic(statistic)});
  return out;
}

}  // namespace dynadesk::metrics
