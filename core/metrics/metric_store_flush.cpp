// MetricStore::flush: finished seconds leave memory and are merged into their
// 1-second and 1-minute datapoints, new metrics get their catalog entries, and
// some expired datapoints are deleted — all in one Env::write() transaction.
#include <algorithm>
#include <optional>

#include "metrics/aggregate_codec.h"
#include "metrics/metric_cell.h"
#include "metrics/metric_store.h"
#include "storage/lmdb_env.h"

namespace dynadesk::metrics {

using detail::MetricCell;

namespace {

constexpr std::size_t kSecondsIndex = 0;
constexpr std::size_t kMinutesIndex = 1;

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

// What a batch found out, applied to the in-memory state only once it has
// committed (the batch may run twice, or fail).
struct MetricStore::BatchOutcome {
  struct Bound {
    MetricCell* cell;
    std::size_t resolution;  // kSecondsIndex / kMinutesIndex
    std::int64_t start;
  };
  std::vector<MetricCell*> catalogWritten;
  std::vector<Bound> scannedOldest;   // exact oldest stored start after expiry (or kNothingStored)
  std::vector<Bound> writtenStarts;   // starts of the datapoints written
  std::size_t nextExpiryStart = 0;
  std::uint64_t expired = 0;
  std::uint64_t corrupt = 0;
  std::uint64_t persistedSeconds = 0;
  std::optional<std::int64_t> newestSecond;
};

void MetricStore::collectFinishedSeconds(const std::vector<MetricCell*>& cells, std::int64_t nowSecond) {
  SecondAccumulator scratch;
  std::vector<detail::SpilledSecond> spilled;
  for (MetricCell* cell : cells) {
    for (std::size_t i = 0; i < detail::kSlots; ++i) {
      {
        // Held for a copy of the used part of one window, not for the conversion.
        std::lock_guard guard(cell->lock);
        SecondAccumulator& slot = cell->slots[i];
        if (slot.empty() || slot.second() == nowSecond) continue;
        slot.moveTo(scratch);
      }
      pending_.push_back(PendingSecond{cell, scratch.second(), scratch.toAggregate()});
    }
    {
      std::lock_guard guard(cell->lock);
      if (cell->spilled.empty()) continue;
      spilled.swap(cell->spilled);
    }
    for (detail::SpilledSecond& s : spilled) pending_.push_back(PendingSecond{cell, s.second, std::move(s.aggregate)});
    spilled.clear();
  }
}

bool MetricStore::needsWrite(const std::vector<MetricCell*>& cells, std::int64_t nowMillis) const {
  if (!pending_.empty()) return true;
  const std::int64_t secondCutoff = nowMillis - options_.secondRetentionMillis;
  const std::int64_t minuteCutoff = nowMillis - options_.minuteRetentionMillis;
  return std::any_of(cells.begin(), cells.end(), [&](const MetricCell* cell) {
    return !cell->catalogStored || cell->oldestStored[kSecondsIndex] < secondCutoff ||
           cell->oldestStored[kMinutesIndex] < minuteCutoff;
  });
}

namespace {

// Merges `add` into the datapoint stored at key (if any) and stores the result.
// An undecodable stored value is counted and replaced: a corrupt datapoint
// must not wedge every later flush.
Status mergeStored(storage::WriteTxn& txn, const std::string& key, const Aggregate& add, std::uint64_t& corrupt) {
  DYNADESK_ASSIGN_OR_RETURN(auto stored, txn.get(key));
  if (!stored) return txn.put(key, encodeAggregate(add));
  std::optional<Aggregate> merged = decodeAggregate(*stored);
  if (!merged) {
    ++corrupt;
    return txn.put(key, encodeAggregate(add));
  }
  merged->merge(add);
  return txn.put(key, encodeAggregate(*merged));
}

}  // namespace

Status MetricStore::expireBatch(storage::WriteTxn& txn, const std::vector<MetricCell*>& cells,
                                std::int64_t nowMillis, BatchOutcome& outcome) const {
  const std::int64_t cutoffs[2] = {nowMillis - options_.secondRetentionMillis,
                                   nowMillis - options_.minuteRetentionMillis};
  const Resolution resolutions[2] = {Resolution::Second, Resolution::Minute};
  std::size_t budget = options_.maxExpiredPerFlush;
  const std::size_t n = cells.size();
  const std::size_t first = n == 0 ? 0 : expiryStart_ % n;
  outcome.nextExpiryStart = first;
  for (std::size_t k = 0; k < n; ++k) {
    MetricCell* cell = cells[(first + k) % n];
    for (std::size_t r = 0; r < 2; ++r) {
      if (cell->oldestStored[r] >= cutoffs[r]) continue;
      if (budget == 0) {
        // Resume here next time, so every metric gets its turn.
        outcome.nextExpiryStart = (first + k) % n;
        return Status::ok();
      }
      const std::string prefix = metricDataPrefix(cell->number, resolutions[r]);
      storage::Cursor cursor = txn.cursor();
      DYNADESK_RETURN_IF_ERROR(cursor.seek(prefix));
      std::int64_t oldest = detail::kNothingStored;
      while (cursor.valid() && cursor.key().starts_with(prefix)) {
        const std::optional<std::int64_t> start = startOfMetricDataKey(cursor.key());
        // A key of the wrong shape is not ours to interpret: treat it as expired.
        if (budget == 0 || (start && *start >= cutoffs[r])) {
          oldest = start.value_or(detail::kUnknownOldest);
          break;
        }
        DYNADESK_RETURN_IF_ERROR(txn.erase(std::string(cursor.key())).status());
        --budget;
        ++outcome.expired;
        DYNADESK_RETURN_IF_ERROR(cursor.next());
      }
      outcome.scannedOldest.push_back({cell, r, oldest});
    }
  }
  return Status::ok();
}

Status MetricStore::writeBatch(storage::WriteTxn& txn, const std::vector<MetricCell*>& cells,
                               std::int64_t nowMillis, BatchOutcome& outcome) const {
  for (MetricCell* cell : cells) {
    if (cell->catalogStored) continue;
    DYNADESK_RETURN_IF_ERROR(txn.put(metricCatalogKey(cell->number), encodeCatalogEntry(cell->id, cell->unit)));
    outcome.catalogWritten.push_back(cell);
  }
  // Expire first, so the lower bounds it finds are lowered again by what this
  // batch writes (applied after commit in that order).
  DYNADESK_RETURN_IF_ERROR(expireBatch(txn, cells, nowMillis, outcome));

  const std::int64_t secondCutoff = nowMillis - options_.secondRetentionMillis;
  const std::int64_t minuteCutoff = nowMillis - options_.minuteRetentionMillis;

  // By metric, then time: one read-merge-write per second and per minute even
  // when a second appears several times (a retry after a failed flush).
  std::vector<const PendingSecond*> order;
  order.reserve(pending_.size());
  for (const PendingSecond& p : pending_) order.push_back(&p);
  std::sort(order.begin(), order.end(), [](const PendingSecond* a, const PendingSecond* b) {
    return a->cell->number != b->cell->number ? a->cell->number < b->cell->number : a->second < b->second;
  });

  MetricCell* minuteCell = nullptr;
  std::int64_t minuteStart = 0;
  Aggregate minute;
  const auto writeMinute = [&]() -> Status {
    if (minuteCell == nullptr || minute.empty() || minuteStart < minuteCutoff) return Status::ok();
    DYNADESK_RETURN_IF_ERROR(mergeStored(txn, metricDataKey(minuteCell->number, Resolution::Minute, minuteStart),
                                         minute, outcome.corrupt));
    outcome.writtenStarts.push_back({minuteCell, kMinutesIndex, minuteStart});
    return Status::ok();
  };

  for (std::size_t i = 0; i < order.size();) {
    MetricCell* cell = order[i]->cell;
    const std::int64_t second = order[i]->second;
    Aggregate merged;
    for (; i < order.size() && order[i]->cell == cell && order[i]->second == second; ++i) {
      merged.merge(order[i]->aggregate);
    }
    const std::int64_t startMillis = second * 1000;
    if (startMillis >= secondCutoff) {
      DYNADESK_RETURN_IF_ERROR(
          mergeStored(txn, metricDataKey(cell->number, Resolution::Second, startMillis), merged, outcome.corrupt));
      outcome.writtenStarts.push_back({cell, kSecondsIndex, startMillis});
    }
    const std::int64_t thisMinute = startMillis - startMillis % 60000;
    if (cell != minuteCell || thisMinute != minuteStart) {
      DYNADESK_RETURN_IF_ERROR(writeMinute());
      minuteCell = cell;
      minuteStart = thisMinute;
      minute = Aggregate();
    }
    minute.merge(merged);
    ++outcome.persistedSeconds;
    outcome.newestSecond = std::max(outcome.newestSecond.value_or(startMillis), startMillis);
  }
  return writeMinute();
}

Status MetricStore::flush() {
  std::optional<std::int64_t> tick;
  {
    std::unique_lock flushing(flushMutex_);
    const std::int64_t now = clock_->nowMillis();
    const std::vector<MetricCell*> cells = cellsSnapshot();
    collectFinishedSeconds(cells, floorDiv(now, 1000));
    if (!needsWrite(cells, now)) return Status::ok();

    BatchOutcome outcome;
    const Status written = env_.write([&](storage::WriteTxn& txn) {
      outcome = BatchOutcome{};  // the batch may run again after the map grows
      return writeBatch(txn, cells, now, outcome);
    });
    if (!written.isOk()) {
      // pending_ keeps the seconds: readers still see them, the next flush retries.
      ++flushStats_.failedFlushes;
      return written;
    }

    for (MetricCell* cell : outcome.catalogWritten) cell->catalogStored = true;
    for (const auto& b : outcome.scannedOldest) b.cell->oldestStored[b.resolution] = b.start;
    for (const auto& b : outcome.writtenStarts) {
      std::int64_t& oldest = b.cell->oldestStored[b.resolution];
      oldest = std::min(oldest, b.start);
      if (b.resolution == kMinutesIndex) b.cell->newestStoredMillis = std::max(b.cell->newestStoredMillis, b.start);
    }
    expiryStart_ = outcome.nextExpiryStart;
    ++flushStats_.flushes;
    flushStats_.persistedSeconds += outcome.persistedSeconds;
    flushStats_.expiredDatapoints += outcome.expired;
    flushStats_.corruptDatapoints += outcome.corrupt;
    pending_.clear();

    if (outcome.newestSecond && *outcome.newestSecond / 1000 != lastTickSecond_) {
      lastTickSecond_ = *outcome.newestSecond / 1000;
      tick = outcome.newestSecond;
    }
  }
  if (tick && options_.onTick) {
    std::lock_guard announcing(tickMutex_);
    if (announceTicks_) options_.onTick(*tick);
  }
  return Status::ok();
}

}  // namespace dynadesk::metrics
