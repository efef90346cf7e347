#include "capacity/key_activity.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <unordered_map>

#include "capacity/throughput_governor.h"

namespace dynadesk::capacity {

namespace {

std::int64_t minuteOf(std::int64_t millis) {
  return millis >= 0 ? millis / kMinuteMillis : (millis - kMinuteMillis + 1) / kMinuteMillis;
}

std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

std::uint64_t keyHash(std::string_view pk, std::optional<std::string_view> sk) {
  std::uint64_t h = mix(std::hash<std::string_view>{}(pk));
  if (sk) h = mix(h ^ (std::hash<std::string_view>{}(*sk) + 0x9e3779b97f4a7c15ULL));
  return h;
}

// 256-register HyperLogLog: distinct keys of a minute, mergeable over minutes.
struct DistinctCounter {
  std::array<std::uint8_t, 256> registers{};

  void add(std::uint64_t hash) {
    const std::size_t i = hash >> 56;
    const std::uint64_t rest = (hash << 8) | 0x80;  // never all zero
    const auto rank = static_cast<std::uint8_t>(std::countl_zero(rest) + 1);
    registers[i] = std::max(registers[i], rank);
  }
  void merge(const DistinctCounter& o) {
    for (std::size_t i = 0; i < registers.size(); ++i) registers[i] = std::max(registers[i], o.registers[i]);
  }
  void clear() { registers.fill(0); }
  std::uint64_t estimate() const {
    constexpr double m = 256;
    double sum = 0;
    int zeros = 0;
    for (auto r : registers) {
      sum += std::ldexp(1.0, -r);
      zeros += r == 0;
    }
    double e = 0.7182725932495458 * m * m / sum;  // alpha(256) = 0.7213 / (1 + 1.079 / 256)
    if (e <= 2.5 * m && zeros > 0) e = m * std::log(m / zeros);  // small ranges: linear counting
    return static_cast<std::uint64_t>(std::llround(e));
  }
};

struct Entry {
  std::string pk, sk;
  double value = 0;
};

// The minute's exact statistics of one rule.
struct MinuteStats {
  std::uint64_t samples = 0;
  double sum = 0, minimum = 0, maximum = 0;
  DistinctCounter distinct;

  void add(double w, std::uint64_t hash) {
    minimum = samples == 0 ? w : std::min(minimum, w);
    maximum = samples == 0 ? w : std::max(maximum, w);
    ++samples;
    sum += w;
    distinct.add(hash);
  }
  void clear() {
    samples = 0;
    sum = minimum = maximum = 0;
    distinct.clear();
  }
};

// Weighted space-saving over a fixed number of slots: an open-addressing index
// finds a key's slot, an indexed min-heap finds the slot to replace.
class SpaceSaving {
 public:
  explicit SpaceSaving(std::size_t capacity) : slots_(capacity), heap_(capacity), heapPos_(capacity) {
    index_.assign(std::bit_ceil(capacity * 2), kEmpty);
  }

  void clear() {
    used_ = 0;
    std::fill(index_.begin(), index_.end(), kEmpty);
  }

  void add(std::uint64_t hash, std::string_view pk, std::optional<std::string_view> sk, double w) {
    const std::size_t mask = index_.size() - 1;
    std::size_t at = hash & mask;
    for (; index_[at] != kEmpty; at = (at + 1) & mask) {
      Slot& s = slots_[index_[at]];
      if (s.hash == hash && s.pk == pk && s.sk == sk.value_or(std::string_view())) {
        s.count += w;
        siftDown(heapPos_[index_[at]]);
        return;
      }
    }
    std::uint32_t id;
    double base = 0;
    if (used_ < slots_.size()) {
      id = static_cast<std::uint32_t>(used_);
      heap_[used_] = id;
      heapPos_[id] = static_cast<std::uint32_t>(used_);
      ++used_;
      index_[at] = id;
      siftUp(heapPos_[id]);
    } else {
      id = heap_[0];
      base = slots_[id].count;
      erase(id);
      // The slot's position may have moved with the erase: probe again.
      for (at = hash & mask; index_[at] != kEmpty; at = (at + 1) & mask) {
      }
      index_[at] = id;
    }
    Slot& s = slots_[id];
    s.hash = hash;
    s.pk.assign(pk);
    s.sk.assign(sk.value_or(std::string_view()));
    s.count = base + w;
    s.error = base;
    siftDown(heapPos_[id]);
  }

  // The largest `n` entries, largest first.
  void top(std::size_t n, std::vector<Entry>& out) const {
    std::vector<std::uint32_t> ids(used_);
    for (std::size_t i = 0; i < used_; ++i) ids[i] = static_cast<std::uint32_t>(i);
    n = std::min(n, ids.size());
    std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(n), ids.end(),
                      [&](std::uint32_t a, std::uint32_t b) { return slots_[a].count > slots_[b].count; });
    out.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const Slot& s = slots_[ids[i]];
      out[i].pk.assign(s.pk);
      out[i].sk.assign(s.sk);
      out[i].value = s.count;
    }
  }

  std::size_t size() const { return used_; }

 private:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFF;
  struct Slot {
    std::uint64_t hash = 0;
    std::string pk, sk;
    double count = 0, error = 0;
  };

  void erase(std::uint32_t id) {
    const std::size_t mask = index_.size() - 1;
    std::size_t hole = slots_[id].hash & mask;
    while (index_[hole] != id) hole = (hole + 1) & mask;
    index_[hole] = kEmpty;
    // Backward-shift: move later entries of the probe run into the hole when
    // their home position allows it, so lookups never stop early.
    for (std::size_t j = (hole + 1) & mask; index_[j] != kEmpty; j = (j + 1) & mask) {
      const std::size_t home = slots_[index_[j]].hash & mask;
      const bool between = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
      if (between) continue;
      index_[hole] = index_[j];
      index_[j] = kEmpty;
      hole = j;
    }
  }

  bool less(std::size_t a, std::size_t b) const { return slots_[heap_[a]].count < slots_[heap_[b]].count; }
  void swapAt(std::size_t a, std::size_t b) {
    std::swap(heap_[a], heap_[b]);
    heapPos_[heap_[a]] = static_cast<std::uint32_t>(a);
    heapPos_[heap_[b]] = static_cast<std::uint32_t>(b);
  }
  void siftUp(std::size_t i) {
    while (i > 0 && less(i, (i - 1) / 2)) {
      swapAt(i, (i - 1) / 2);
      i = (i - 1) / 2;
    }
  }
  void siftDown(std::size_t i) {
    for (;;) {
      std::size_t smallest = i;
      const std::size_t l = 2 * i + 1, r = l + 1;
      if (l < used_ && less(l, smallest)) smallest = l;
      if (r < used_ && less(r, smallest)) smallest = r;
      if (smallest == i) return;
      swapAt(i, smallest);
      i = smallest;
    }
  }

  std::vector<Slot> slots_;
  std::vector<std::uint32_t> heap_, heapPos_;
  std::vector<std::uint32_t> index_;
  std::size_t used_ = 0;
};

struct PastMinute {
  std::int64_t minute = -1;  // -1: empty
  MinuteStats stats;
  std::vector<Entry> top;  // largest first
};

struct RuleState {
  explicit RuleState(std::size_t topK) : sketch(topK) {}
  std::int64_t minute = -1;  // of the sketch
  SpaceSaving sketch;
  MinuteStats stats;
  std::array<PastMinute, kMinutesKept> past;
};

struct HeatMinute {
  std::int64_t minute = -1;
  int partitionCount = 0;
  std::vector<double> read, write;
  std::vector<std::uint32_t> throttles;
};

}  // namespace

struct KeyActivity::Target {
  explicit Target(std::size_t topK)
      : rules{RuleState(topK), RuleState(topK), RuleState(topK), RuleState(topK)} {}
  std::array<RuleState, kKeyRuleCount> rules;
  std::array<HeatMinute, kMinutesKept> heat;
  std::int64_t lastMinute = 0;
};

namespace {

std::size_t ringSlot(std::int64_t minute) {
  return static_cast<std::size_t>(((minute % kMinutesKept) + kMinutesKept) % kMinutesKept);
}

// Moves the sketch's finished minute into the ring (cut to `kept` entries) and starts `minute`.
void roll(RuleState& rule, std::int64_t minute, std::size_t kept) {
  if (rule.minute == minute) return;
  if (rule.minute >= 0 && rule.stats.samples > 0) {
    PastMinute& p = rule.past[ringSlot(rule.minute)];
    p.minute = rule.minute;
    p.stats = rule.stats;
    rule.sketch.top(kept, p.top);
  }
  rule.sketch.clear();
  rule.stats.clear();
  rule.minute = minute;
}

void count(RuleState& rule, std::int64_t minute, std::size_t kept, std::uint64_t hash, std::string_view pk,
           std::optional<std::string_view> sk, double w) {
  roll(rule, minute, kept);
  rule.stats.add(w, hash);
  rule.sketch.add(hash, pk, sk, w);
}

}  // namespace

KeyActivity::KeyActivity(std::shared_ptr<const Clock> clock, KeyActivityOptions options)
    : clock_(std::move(clock)), options_(options) {
  options_.topK = std::max<std::size_t>(options_.topK, 1);
  options_.keptPerMinute = std::min(std::max<std::size_t>(options_.keptPerMinute, 1), options_.topK);
}

KeyActivity::~KeyActivity() = default;


KeyActivity::Target& KeyActivity::targetOf(std::uint32_t tableId, std::string_view index, std::int64_t minute) {
  auto it = targets_.find(std::pair<std::uint32_t, std::string_view>(tableId, index));
  if (it == targets_.end()) {
    it = targets_.emplace(std::make_pair(tableId, std::string(index)), std::make_unique<Target>(options_.topK)).first;
  }
  it->second->lastMinute = minute;
  return *it->second;
}

const KeyActivity::Target* KeyActivity::findTarget(std::uint32_t tableId, std::string_view index) const {
  auto it = targets_.find(std::pair<std::uint32_t, std::string_view>(tableId, index));
  return it == targets_.end() ? nullptr : it->second.get();
}

void KeyActivity::dropIdle(std::int64_t minute) {
  if (minute == lastSweepMinute_) return;
  lastSweepMinute_ = minute;
  std::erase_if(targets_, [&](const auto& e) { return minute - e.second->lastMinute > kMinutesKept; });
}

void KeyActivity::record(const KeyRecord& r) {
  const std::int64_t minute = minuteOf(clock_->nowMillis());
  const std::uint64_t partHash = keyHash(r.partitionKey, std::nullopt);
  const std::uint64_t itemHash = r.sortKey ? keyHash(r.partitionKey, r.sortKey) : 0;
  const double units = r.units.total();
  const std::size_t kept = options_.keptPerMinute;

  std::lock_guard lock(mutex_);
  std::uint64_t size = 0;
  if (r.index.empty()) {
    if (auto it = tableSizes_.find(r.tableId); it != tableSizes_.end()) size = it->second;
  }
  const int parts = partitionCount(r.readCapacityUnits, r.writeCapacityUnits, size);
  const auto partition = static_cast<std::size_t>(partitionOf(r.partitionHash, parts));
  dropIdle(minute);
  Target& t = targetOf(r.tableId, r.index, minute);
  if (r.throttled) {
    count(t.rules[static_cast<int>(KeyRule::PartitionThrottled)], minute, kept, partHash, r.partitionKey, std::nullopt, 1);
    if (r.sortKey) {
      count(t.rules[static_cast<int>(KeyRule::ItemThrottled)], minute, kept, itemHash, r.partitionKey, r.sortKey, 1);
    }
  } else if (units > 0) {
    count(t.rules[static_cast<int>(KeyRule::PartitionAccessed)], minute, kept, partHash, r.partitionKey, std::nullopt,
          units);
    if (r.sortKey) {
      count(t.rules[static_cast<int>(KeyRule::ItemAccessed)], minute, kept, itemHash, r.partitionKey, r.sortKey, units);
    }
  }
  HeatMinute& h = t.heat[ringSlot(minute)];
  if (h.minute != minute || h.partitionCount != parts) {
    // A new minute, or the table split within it (that minute starts over at the new count).
    h.minute = minute;
    h.partitionCount = parts;
    h.read.assign(static_cast<std::size_t>(parts), 0);
    h.write.assign(static_cast<std::size_t>(parts), 0);
    h.throttles.assign(static_cast<std::size_t>(parts), 0);
  }
  h.read[partition] += r.units.read;
  h.write[partition] += r.units.write;
  if (r.throttled) ++h.throttles[partition];
}

RuleReport KeyActivity::report(std::uint32_t tableId, std::string_view index, KeyRule rule,
                               const ReportQuery& q) const {
  RuleReport out;
  const std::int64_t period = std::max<std::int64_t>(kMinuteMillis, q.periodMillis);
  // Minutes starting inside the range, and only the last hour's.
  const std::int64_t firstMinute =
      std::max({minuteOf(q.startMillis + kMinuteMillis - 1), minuteOf(clock_->nowMillis()) - kMinutesKept + 1,
                minuteOf(q.notBeforeMillis)});
  const std::int64_t endMinute = minuteOf(q.endMillis + kMinuteMillis - 1);      // exclusive
  auto periodOf = [&](std::int64_t minute) {
    const std::int64_t offset = minute * kMinuteMillis - q.startMillis;
    return q.startMillis + (offset / period) * period;
  };

  struct Totals {
    std::vector<std::string> keys;
    double total = 0;
    std::map<std::int64_t, double> byPeriod;
  };
  std::unordered_map<std::string, Totals> contributors;  // by pk + '\0' + sk
  std::map<std::int64_t, RulePeriod> periods;
  std::map<std::int64_t, DistinctCounter> periodDistinct;
  DistinctCounter distinct;
  {
    std::lock_guard lock(mutex_);
    const Target* t = findTarget(tableId, index);
    if (!t) return out;
    const RuleState& r = t->rules[static_cast<int>(rule)];
    auto take = [&](std::int64_t minute, const MinuteStats& stats, const std::vector<Entry>& top) {
      if (minute < firstMinute || minute >= endMinute || stats.samples == 0) return;
      const std::int64_t p = periodOf(minute);
      RulePeriod& rp = periods[p];
      rp.periodStartMillis = p;
      rp.minimum = rp.sampleCount == 0 ? stats.minimum : std::min(rp.minimum, stats.minimum);
      rp.maximum = rp.sampleCount == 0 ? stats.maximum : std::max(rp.maximum, stats.maximum);
      rp.sampleCount += stats.samples;
      rp.sum += stats.sum;
      periodDistinct[p].merge(stats.distinct);
      distinct.merge(stats.distinct);
      out.aggregateValue += stats.sum;
      for (const Entry& e : top) {
        std::string id = e.pk;
        id += '\0';
        id += e.sk;
        Totals& c = contributors[id];
        if (c.keys.empty()) {
          c.keys.push_back(e.pk);
          if (keyedBySortKey(rule)) c.keys.push_back(e.sk);
        }
        c.total += e.value;
        c.byPeriod[p] += e.value;
      }
    };
    for (const PastMinute& p : r.past) {
      if (p.minute >= 0 && p.minute != r.minute) take(p.minute, p.stats, p.top);
    }
    if (r.minute >= 0) {
      std::vector<Entry> current;
      r.sketch.top(options_.topK, current);
      take(r.minute, r.stats, current);
    }
  }
  out.approximateUniqueCount = distinct.estimate();
  std::vector<Totals*> ranked;
  ranked.reserve(contributors.size());
  for (auto& [id, c] : contributors) ranked.push_back(&c);
  auto best = [](const Totals& c) {
    double m = 0;
    for (const auto& [p, v] : c.byPeriod) m = std::max(m, v);
    return m;
  };
  std::sort(ranked.begin(), ranked.end(), [&](const Totals* a, const Totals* b) {
    const double va = q.orderByMaximum ? best(*a) : a->total, vb = q.orderByMaximum ? best(*b) : b->total;
    if (va != vb) return va > vb;
    return a->keys < b->keys;  // stable answers for ties
  });
  for (const Totals* c : ranked) {
    for (const auto& [p, v] : c->byPeriod) {
      RulePeriod& rp = periods[p];
      rp.maxContributorValue = std::max(rp.maxContributorValue, v);
    }
  }
  if (ranked.size() > q.maxContributors) ranked.resize(q.maxContributors);
  for (const Totals* c : ranked) {
    ContributorReport cr;
    cr.keys = c->keys;
    cr.total = c->total;
    for (const auto& [p, v] : c->byPeriod) cr.points.push_back({p, v});
    out.contributors.push_back(std::move(cr));
  }
  for (auto& [p, rp] : periods) {
    rp.uniqueContributors = periodDistinct[p].estimate();
    out.periods.push_back(rp);
  }
  return out;
}

std::vector<PartitionMinute> KeyActivity::partitions(std::uint32_t tableId, std::string_view index,
                                                     std::int64_t startMillis, std::int64_t endMillis) const {
  std::vector<PartitionMinute> out;
  const std::int64_t firstMinute =
      std::max(minuteOf(startMillis + kMinuteMillis - 1), minuteOf(clock_->nowMillis()) - kMinutesKept + 1);
  const std::int64_t endMinute = minuteOf(endMillis + kMinuteMillis - 1);
  {
    std::lock_guard lock(mutex_);
    const Target* t = findTarget(tableId, index);
    if (!t) return out;
    for (const HeatMinute& h : t->heat) {
      if (h.minute < firstMinute || h.minute >= endMinute) continue;
      out.push_back({h.minute * kMinuteMillis, h.partitionCount, h.read, h.write, h.throttles});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const PartitionMinute& a, const PartitionMinute& b) { return a.minuteStartMillis < b.minuteStartMillis; });
  return out;
}

void KeyActivity::setTableSize(std::uint32_t tableId, std::uint64_t sizeBytes) {
  std::lock_guard lock(mutex_);
  tableSizes_[tableId] = sizeBytes;
}

void KeyActivity::forget(std::uint32_t tableId) {
  std::lock_guard lock(mutex_);
  tableSizes_.erase(tableId);
  std::erase_if(targets_, [&](const auto& e) { return e.first.first == tableId; });
}

}  // namespace dynadesk::capacity
