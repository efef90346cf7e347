// MetricStore: opening, the registry, the recording hot path, the background
// flusher and ListMetrics. Flushing is in metric_store_flush.cpp, reading in
// metric_store_read.cpp.
#include "metrics/metric_store.h"

#include <algorithm>
#include <cmath>

#include "metrics/log_buckets.h"
#include "metrics/metric_cell.h"
#include "storage/lmdb_env.h"
#include "storage/key_codec.h"

namespace dynadesk::metrics {

using detail::MetricCell;

MetricStore::MetricStore(storage::Env& env, std::shared_ptr<const Clock> clock, MetricStoreOptions options)
    : env_(env), clock_(std::move(clock)), options_(std::move(options)) {}

Result<std::unique_ptr<MetricStore>> MetricStore::open(storage::Env& env, std::shared_ptr<const Clock> clock,
                                                       MetricStoreOptions options) {
  std::unique_ptr<MetricStore> store(new MetricStore(env, std::move(clock), std::move(options)));
  DYNADESK_RETURN_IF_ERROR(store->loadCatalog());
  return store;
}

Status MetricStore::loadCatalog() {
  DYNADESK_ASSIGN_OR_RETURN(storage::ReadTxn txn, env_.read());
  const std::string prefix = metricCatalogPrefix();
  storage::Cursor cursor = txn.cursor();
  DYNADESK_RETURN_IF_ERROR(cursor.seek(prefix));
  std::lock_guard registry(registryMutex_);
  while (cursor.valid() && cursor.key().starts_with(prefix)) {
    const auto number = metricOfCatalogKey(cursor.key());
    const auto entry = decodeCatalogEntry(cursor.value());
    // An id is never reused, even when its entry is unreadable: its data
    // would otherwise be attributed to a new metric.
    if (number) nextMetric_ = std::max<std::uint64_t>(nextMetric_, std::uint64_t{*number} + 1);
    if (!number || !entry || byId_.count(entry->id) != 0) {
      ++corruptCatalogEntries_;
    } else {
      auto cell = std::make_unique<MetricCell>(*number, entry->id, entry->unit, true);
      cells_.push_back(cell.get());
      byId_.emplace(entry->id, std::move(cell));
    }
    DYNADESK_RETURN_IF_ERROR(cursor.next());
  }

  // The newest minute of each metric, for list(): the last key of its range.
  for (MetricCell* cell : cells_) {
    storage::Cursor last = txn.cursor();
    const std::string minutes = metricDataPrefix(cell->number, Resolution::Minute);
    DYNADESK_RETURN_IF_ERROR(last.seekForPrev(storage::prefixSuccessor(minutes)));
    if (last.valid() && last.key().starts_with(minutes)) {
      if (auto start = startOfMetricDataKey(last.key())) cell->newestStoredMillis = *start;
    }
  }
  return Status::ok();
}

MetricStore::~MetricStore() {
  {
    std::lock_guard guard(flusherMutex_);
    stopping_ = true;
  }
  flusherWake_.notify_all();
  if (flusher_.joinable()) flusher_.join();
  {
    std::lock_guard announcing(tickMutex_);
    announceTicks_ = false;
  }
  (void)flush();
}

namespace {

// Ids with unsorted dimensions name the same metric as sorted ones.
const MetricId& normalised(const MetricId& id, MetricId& storage) {
  if (std::is_sorted(id.dimensions.begin(), id.dimensions.end())) return id;
  storage = makeMetricId(id.name, id.dimensions);
  return storage;
}

}  // namespace

MetricHandle MetricStore::handle(const MetricId& given, Unit unit) {
  MetricId sorted;
  const MetricId& id = normalised(given, sorted);
  std::lock_guard registry(registryMutex_);
  auto it = byId_.find(id);
  if (it != byId_.end()) return MetricHandle(it->second.get());
  if (nextMetric_ > UINT32_MAX) return MetricHandle();
  auto cell = std::make_unique<MetricCell>(static_cast<std::uint32_t>(nextMetric_++), id, unit, false);
  MetricCell* raw = cell.get();
  byId_.emplace(id, std::move(cell));
  cells_.push_back(raw);
  return MetricHandle(raw);
}

void MetricStore::record(MetricHandle metric, double value) {
  if (metric.cell_ == nullptr) return;
  recordAt(metric, value, clock_->nowMillis());
}

void MetricStore::recordAt(MetricHandle metric, double value, std::int64_t millis) {
  MetricCell* cell = metric.cell_;
  if (cell == nullptr) return;
  if (!std::isfinite(value) || millis < 0) {
    droppedSamples_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  const std::int64_t second = millis / 1000;
  // The log() of the bucket index is the costliest step: done before locking.
  const std::int32_t bucket = bucketIndex(value);
  std::lock_guard guard(cell->lock);
  SecondAccumulator& slot = cell->slots[static_cast<std::size_t>(second) % detail::kSlots];
  if (!slot.empty() && slot.second() != second) {
    // Slow path: this slot's second has waited kSlots seconds for the flusher.
    cell->spilled.push_back(detail::SpilledSecond{slot.second(), slot.toAggregate()});
    slot.clear();
    spilledSeconds_.fetch_add(1, std::memory_order_relaxed);
  }
  slot.add(second, value, bucket);
}

void MetricStore::start() {
  std::lock_guard guard(flusherMutex_);
  if (flusher_.joinable() || stopping_) return;
  flusher_ = std::thread([this] { flusherLoop(); });
}

void MetricStore::flusherLoop() {
  std::unique_lock guard(flusherMutex_);
  while (!stopping_) {
    // wait_for measures on the steady clock: the engine clock may be a
    // ManualClock that never moves, or jump.
    if (flusherWake_.wait_for(guard, options_.flushInterval, [this] { return stopping_; })) break;
    guard.unlock();
    // A failure leaves the seconds in memory for the next round; it is counted
    // in stats().failedFlushes, nowhere else to report it.
    (void)flush();
    guard.lock();
  }
}

std::vector<MetricCell*> MetricStore::cellsSnapshot() const {
  std::lock_guard registry(registryMutex_);
  return cells_;
}

MetricCell* MetricStore::findCell(const MetricId& given) const {
  MetricId sorted;
  const MetricId& id = normalised(given, sorted);
  std::lock_guard registry(registryMutex_);
  auto it = byId_.find(id);
  return it == byId_.end() ? nullptr : it->second.get();
}

std::vector<std::pair<MetricId, Unit>> MetricStore::list(std::string_view metricName,
                                                         const std::vector<Dimension>& dimensionFilters) const {
  const auto matches = [&](const MetricId& id) {
    if (!metricName.empty() && id.name != metricName) return false;
    return std::all_of(dimensionFilters.begin(), dimensionFilters.end(), [&](const Dimension& filter) {
      return std::any_of(id.dimensions.begin(), id.dimensions.end(), [&](const Dimension& d) {
        return d.name == filter.name && (filter.value.empty() || d.value == filter.value);
      });
    });
  };

  const std::int64_t cutoff = clock_->nowMillis() - options_.minuteRetentionMillis;
  std::vector<std::pair<MetricId, Unit>> out;
  std::shared_lock flushing(flushMutex_);
  for (MetricCell* cell : cellsSnapshot()) {
    if (!matches(cell->id)) continue;
    bool recent = cell->newestStoredMillis >= cutoff;
    for (const PendingSecond& p : pending_) recent = recent || (p.cell == cell && p.second * 1000 >= cutoff);
    if (!recent) {
      std::lock_guard guard(cell->lock);
      for (const SecondAccumulator& slot : cell->slots) recent = recent || (!slot.empty() && slot.second() * 1000 >= cutoff);
      for (const detail::SpilledSecond& s : cell->spilled) recent = recent || s.second * 1000 >= cutoff;
    }
    if (recent) out.emplace_back(cell->id, cell->unit);
  }
  std::sort(out.begin(), out.end());
  return out;
}

MetricStore::Stats MetricStore::stats() const {
  Stats s;
  {
    std::shared_lock flushing(flushMutex_);
    s = flushStats_;
  }
  s.spilledSeconds = spilledSeconds_.load(std::memory_order_relaxed);
  s.droppedSamples = droppedSamples_.load(std::memory_order_relaxed);
  s.corruptDatapoints += corruptReads_.load(std::memory_order_relaxed);
  s.corruptCatalogEntries = corruptCatalogEntries_;
  return s;
}

}  // namespace dynadesk::metrics
