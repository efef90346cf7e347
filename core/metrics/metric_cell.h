// MetricCell: MetricStore's in-memory state of one metric (internal to
// core/metrics; MetricHandle points at one).
//
// Guarded by the cell's SpinLock: the per-second accumulators and the spilled
// seconds — what record() touches. A sample of second s goes to slot
// s mod kSlots; the flusher empties every slot whose second is finished, so a
// slot still holds another second only when that second has waited for the
// flusher kSlots seconds or more (or recordAt() jumped around). That second is
// then converted and moved to `spilled` (the allocating slow path).
//
// Guarded by MetricStore::flushMutex_: what the flusher knows about storage.
//
// Thread-safety: as above; number, id and unit are immutable.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "metrics/aggregate.h"
#include "metrics/metric_id.h"
#include "metrics/second_accumulator.h"
#include "metrics/spin_lock.h"

namespace dynadesk::metrics::detail {

inline constexpr std::size_t kSlots = 4;

// Lower bounds on the start of a metric's stored datapoints, per resolution.
// kUnknown (the value after open) makes the next expiry pass look on disk.
inline constexpr std::int64_t kUnknownOldest = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t kNothingStored = std::numeric_limits<std::int64_t>::max();

struct SpilledSecond {
  std::int64_t second = 0;
  Aggregate aggregate;
};

// Aligned to a cache line so two metrics recorded by different threads do
// not share one.
struct alignas(64) MetricCell {
  // `stored`: the metric comes from the catalog, so it may have datapoints
  // on disk (their oldest is unknown until an expiry pass looks).
  MetricCell(std::uint32_t number, MetricId id, Unit unit, bool stored)
      : number(number), id(std::move(id)), unit(unit), catalogStored(stored) {
    const std::int64_t oldest = stored ? kUnknownOldest : kNothingStored;
    oldestStored = {oldest, oldest};
  }

  const std::uint32_t number;  // the metric id in storage keys
  const MetricId id;
  const Unit unit;

  mutable SpinLock lock;  // readers lock through a const cell
  std::array<SecondAccumulator, kSlots> slots;  // guarded by lock
  std::vector<SpilledSecond> spilled;           // guarded by lock

  // Guarded by MetricStore::flushMutex_.
  bool catalogStored;
  std::array<std::int64_t, 2> oldestStored;  // [0] seconds, [1] minutes
  std::int64_t newestStoredMillis = std::numeric_limits<std::int64_t>::min();
};

}  // namespace dynadesk::metrics::detail
