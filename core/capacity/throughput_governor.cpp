#include "capacity/throughput_governor.h"

#include <algorithm>
#include <cmath>

namespace dynadesk::capacity {

int partitionCount(std::int64_t readUnits, std::int64_t writeUnits, std::uint64_t sizeBytes) {
  const double byThroughput =
      std::ceil(static_cast<double>(readUnits) / kPartitionReadUnits + static_cast<double>(writeUnits) / kPartitionWriteUnits);
  const double bySize = std::ceil(static_cast<double>(sizeBytes) / static_cast<double>(kPartitionBytes));
  return static_cast<int>(std::max({1.0, byThroughput, bySize}));
}

int partitionOf(std::uint64_t partitionHash, int count) {
  // Equal hash ranges, like parallel-scan segments.
  return static_cast<int>((static_cast<unsigned __int128>(partitionHash) * static_cast<unsigned>(count)) >> 64);
}

namespace {

// `changedAt` is when UpdateTable changed the throughput (0: unknown): the old
// rate applies up to then, the new one after, however late the governor learns of it.
void size(TokenBucket& bucket, double rate, double burstSeconds, std::int64_t now, bool fresh, std::int64_t changedAt) {
  if (fresh) {
    bucket = TokenBucket(rate, rate * burstSeconds, now);
  } else {
    bucket.reconfigure(rate, rate * burstSeconds, changedAt > 0 ? std::min(changedAt, now) : now);
  }
}

std::int64_t changeTime(const ProvisionedThroughput& t) {
  return std::max(t.lastIncreaseMillis, t.lastDecreaseMillis);
}

}  // namespace

ThroughputGovernor::ThroughputGovernor(std::shared_ptr<const Clock> clock) : clock_(std::move(clock)) {}

void ThroughputGovernor::setEnabled(bool enabled) {
  std::lock_guard lock(mutex_);
  enabled_ = enabled;
}

bool ThroughputGovernor::enabled() const {
  std::lock_guard lock(mutex_);
  return enabled_;
}

void ThroughputGovernor::resizePartitions(TableState& s, std::int64_t now) {
  const auto count =
      static_cast<std::size_t>(partitionCount(s.readUnits, s.writeUnits, s.sizeBytes));
  if (s.partitions.size() == count) return;
  // Splitting hands each new partition the full per-partition rate; what was
  // saved up is not carried over (a split partition starts with one second).
  s.partitions.assign(count, Pair{});
  for (auto& p : s.partitions) {
    p.read = TokenBucket(kPartitionReadUnits, kPartitionReadUnits, now);
    p.write = TokenBucket(kPartitionWriteUnits, kPartitionWriteUnits, now);
  }
}

ThroughputGovernor::TableState& ThroughputGovernor::stateOf(const TableDef& table, std::int64_t now) {
  auto [it, fresh] = tables_.try_emplace(table.id);
  TableState& s = it->second;
  const std::int64_t r = table.throughput.readCapacityUnits, w = table.throughput.writeCapacityUnits;
  if (fresh || s.readUnits != r || s.writeUnits != w) {
    size(s.table.read, static_cast<double>(r), kBurstSeconds, now, fresh, changeTime(table.throughput));
    size(s.table.write, static_cast<double>(w), kBurstSeconds, now, fresh, changeTime(table.throughput));
    s.readUnits = r;
    s.writeUnits = w;
  }
  s.table.read.refill(now);
  s.table.write.refill(now);
  resizePartitions(s, now);
  return s;
}

ThroughputGovernor::Pair& ThroughputGovernor::partitionOfHash(TableState& s, std::uint64_t partitionHash,
                                                              std::int64_t now) {
  Pair& p = s.partitions[static_cast<std::size_t>(partitionOf(partitionHash, static_cast<int>(s.partitions.size())))];
  p.read.refill(now);
  p.write.refill(now);
  return p;
}

ThroughputGovernor::Pair& ThroughputGovernor::indexBuckets(TableState& s, const IndexDef& index, std::int64_t now) {
  const std::int64_t r = index.throughput.readCapacityUnits, w = index.throughput.writeCapacityUnits;
  const std::int64_t sized = (r << 32) | (w & 0xFFFFFFFF);
  auto [it, fresh] = s.globalIndexes.try_emplace(index.id);
  auto& [was, pair] = it->second;
  if (fresh || was != sized) {
    size(pair.read, static_cast<double>(r), kBurstSeconds, now, fresh, changeTime(index.throughput));
    size(pair.write, static_cast<double>(w), kBurstSeconds, now, fresh, changeTime(index.throughput));
    was = sized;
  }
  pair.read.refill(now);
  pair.write.refill(now);
  return pair;
}

std::optional<Throttle> ThroughputGovernor::admitRead(const TableDef& table, const IndexDef* index,
                                                      std::optional<std::uint64_t> partitionHash) {
  if (table.billingMode != BillingMode::Provisioned) return std::nullopt;
  const std::int64_t now = clock_->nowMillis();
  std::lock_guard lock(mutex_);
  if (!enabled_) return std::nullopt;
  TableState& s = stateOf(table, now);
  if (index && index->kind == IndexKind::Global) {
    if (!indexBuckets(s, *index, now).read.admits()) return Throttle{true, index->name, false};
    return std::nullopt;
  }
  if (!s.table.read.admits()) return Throttle{true, {}, false};
  if (partitionHash && !partitionOfHash(s, *partitionHash, now).read.admits()) return Throttle{true, {}, true};
  return std::nullopt;
}

std::optional<Throttle> ThroughputGovernor::admitWrite(const TableDef& table,
                                                       std::optional<std::uint64_t> partitionHash) {
  if (table.billingMode != BillingMode::Provisioned) return std::nullopt;
  const std::int64_t now = clock_->nowMillis();
  std::lock_guard lock(mutex_);
  if (!enabled_) return std::nullopt;
  TableState& s = stateOf(table, now);
  for (const auto& index : table.indexes) {
    if (index.kind != IndexKind::Global || index.status == IndexStatus::Deleting) continue;
    if (!indexBuckets(s, index, now).write.admits()) return Throttle{false, index.name, false};
  }
  if (!s.table.write.admits()) return Throttle{false, {}, false};
  if (partitionHash && !partitionOfHash(s, *partitionHash, now).write.admits()) return Throttle{false, {}, true};
  return std::nullopt;
}

void ThroughputGovernor::charge(const TableDef& table, const Consumption& consumed,
                                std::optional<std::uint64_t> partitionHash) {
  if (table.billingMode != BillingMode::Provisioned) return;
  const std::int64_t now = clock_->nowMillis();
  std::lock_guard lock(mutex_);
  if (!enabled_) return;
  TableState& s = stateOf(table, now);
  Units onTable = consumed.table;
  for (const auto& i : consumed.indexes) {
    if (!i.global) {
      onTable += i.units;  // local indexes share the table's capacity
      continue;
    }
    if (const IndexDef* index = table.findIndex(i.name)) {
      Pair& p = indexBuckets(s, *index, now);
      p.read.take(i.units.read);
      p.write.take(i.units.write);
    }
  }
  s.table.read.take(onTable.read);
  s.table.write.take(onTable.write);
  if (partitionHash) {
    Pair& p = partitionOfHash(s, *partitionHash, now);
    p.read.take(onTable.read);
    p.write.take(onTable.write);
  }
}

void ThroughputGovernor::setTableSize(std::uint32_t tableId, std::uint64_t sizeBytes) {
  const std::int64_t now = clock_->nowMillis();
  std::lock_guard lock(mutex_);
  auto it = tables_.find(tableId);
  if (it == tables_.end()) return;
  it->second.sizeBytes = sizeBytes;
  resizePartitions(it->second, now);
}

void ThroughputGovernor::forget(std::uint32_t tableId) {
  std::lock_guard lock(mutex_);
  tables_.erase(tableId);
}

}  // namespace dynadesk::capacity
