// KeyActivity: per-key and per-partition accounting of a table's traffic, the
// data behind Contributor Insights (GetInsightRuleReport) and the workbench's
// partition heat map.
//
// Per target (a table, or one global index of it), per minute of engine time:
//   - four bounded top-K counters, one per Contributor Insights rule:
//       PartitionAccessed (PKC)  partition key  -> capacity units consumed (Sum)
//       PartitionThrottled (PKT) partition key  -> throttled requests (Count)
//       ItemAccessed (SKC)       partition+sort -> capacity units consumed (Sum)
//       ItemThrottled (SKT)      partition+sort -> throttled requests (Count)
//     Each also keeps the minute's exact sum, sample count, smallest and largest
//     single observation, and an approximate count of distinct keys (a
//     256-register HyperLogLog). Records without a sort key (tables without
//     one, Query pages) feed only the partition rules.
//   - the read and write units consumed and the throttles per partition
//     (partition = capacity::partitionOf(hash, count), as the governor places it).
//
// Counting: the current minute's counters are space-saving sketches of
// `topK` slots (weighted: each record adds its weight to its key, or replaces
// the smallest slot, whose count it inherits as its error). A key whose true
// total in the minute exceeds (minute's sum / topK) is always present, and
// every reported count is at most that much above the truth. When a minute
// ends its sketch is cut to its `keptPerMinute` largest entries, which are
// what a report over past minutes sees (a key outside a minute's kept entries
// counts 0 there).
//
// Memory, with k = topK, m = keptPerMinute, L = average key bytes: per target
// about 4 x k x (L + 80) bytes for the current minute plus 4 x 60 x m x (L + 48)
// for the hour kept and 60 x partitions x 24 for the heat map — with the
// defaults (1,000 / 100) and 32-byte keys, about 0.5 MB + 1.9 MB. Slots and
// their strings are reused from minute to minute, so the steady state does not
// allocate (a key longer than any its slot held before grows that slot once).
// A target nothing recorded for in an hour is dropped.
//
// Only the last 60 minutes are kept, in memory: the counters are diagnostics
// of recent traffic (DynamoDB's own graphs are read over the last hours), and
// writing every access to disk would cost the writes they describe. A restart
// forgets them.
//
// Thread-safety: every member may be called from any thread; record() takes
// one mutex for a few hundred nanoseconds.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "capacity/consumption.h"
#include "dynadesk/clock.h"

namespace dynadesk::capacity {

enum class KeyRule : std::uint8_t { PartitionAccessed = 0, PartitionThrottled = 1, ItemAccessed = 2, ItemThrottled = 3 };
inline constexpr int kKeyRuleCount = 4;
inline constexpr std::int64_t kMinuteMillis = 60'000;
inline constexpr int kMinutesKept = 60;

// True for the rules that count throttled requests (Count) rather than units (Sum).
constexpr bool countsThrottles(KeyRule rule) {
  return rule == KeyRule::PartitionThrottled || rule == KeyRule::ItemThrottled;
}
// True for the rules keyed by partition and sort key.
constexpr bool keyedBySortKey(KeyRule rule) { return rule == KeyRule::ItemAccessed || rule == KeyRule::ItemThrottled; }

struct KeyActivityOptions {
  std::size_t topK = 1000;          // slots per rule in the current minute
  std::size_t keptPerMinute = 100;  // entries per rule kept for each past minute
};

// One item (or one queried partition) a request touched.
struct KeyRecord {
  std::uint32_t tableId = 0;
  std::string_view index;         // a global index read; empty: the table
  std::string_view partitionKey;  // rendered as CloudWatch shows it
  std::optional<std::string_view> sortKey;  // absent: none (no sort key, or a Query page)
  std::uint64_t partitionHash = 0;
  // The target's provisioned throughput (0 for on-demand): with the table's
  // size (setTableSize) it gives the partition count, as the governor sizes it.
  std::int64_t readCapacityUnits = 0, writeCapacityUnits = 0;
  Units units;                    // consumed (0 when throttled)
  bool throttled = false;
};

// A report over [startMillis, endMillis) in periods of `periodMillis` (a
// multiple of a minute); minutes are whole: a minute belongs to the report
// when it starts inside the range.
struct ReportQuery {
  std::int64_t startMillis = 0;
  std::int64_t endMillis = 0;
  std::int64_t periodMillis = kMinuteMillis;
  std::size_t maxContributors = 10;
  bool orderByMaximum = false;  // OrderBy Maximum: by the largest period value, else by the sum
  std::int64_t notBeforeMillis = 0;  // minutes starting before this are left out (periods stay aligned to start)
};

struct ContributorPoint {
  std::int64_t periodStartMillis = 0;
  double value = 0;
};

struct ContributorReport {
  std::vector<std::string> keys;  // partition key, then sort key for the item rules
  double total = 0;               // approximate sum over the report
  std::vector<ContributorPoint> points;  // periods where it had a value
};

struct RulePeriod {
  std::int64_t periodStartMillis = 0;
  std::uint64_t uniqueContributors = 0;  // approximate
  double maxContributorValue = 0;        // the period's top contributor (approximate)
  std::uint64_t sampleCount = 0;         // exact
  double sum = 0;                        // exact
  double minimum = 0, maximum = 0;       // of single observations, exact
};

struct RuleReport {
  double aggregateValue = 0;           // exact sum over the report
  std::uint64_t approximateUniqueCount = 0;
  std::vector<ContributorReport> contributors;  // best first, at most maxContributors
  std::vector<RulePeriod> periods;     // periods with at least one sample, in time order
};

// One minute of one target's partitions.
struct PartitionMinute {
  std::int64_t minuteStartMillis = 0;
  int partitionCount = 0;
  std::vector<double> readUnits, writeUnits;  // by partition
  std::vector<std::uint32_t> throttles;       // by partition
};

class KeyActivity {
 public:
  explicit KeyActivity(std::shared_ptr<const Clock> clock, KeyActivityOptions options = {});
  ~KeyActivity();
  KeyActivity(const KeyActivity&) = delete;
  KeyActivity& operator=(const KeyActivity&) = delete;

  // Counts one record at the engine clock's current minute.
  void record(const KeyRecord& r);

  // A rule's report; empty when nothing was recorded for the target.
  // Precondition (not checked): query.periodMillis is a positive multiple of a minute.
  RuleReport report(std::uint32_t tableId, std::string_view index, KeyRule rule, const ReportQuery& query) const;

  // The target's per-partition minutes starting in [startMillis, endMillis), in time order.
  std::vector<PartitionMinute> partitions(std::uint32_t tableId, std::string_view index, std::int64_t startMillis,
                                          std::int64_t endMillis) const;

  // The table's data size (partitions grow with it); global indexes count as empty.
  void setTableSize(std::uint32_t tableId, std::uint64_t sizeBytes);

  // Drops everything recorded for a table (deleted).
  void forget(std::uint32_t tableId);

  const KeyActivityOptions& options() const { return options_; }

 private:
  struct Target;
  Target& targetOf(std::uint32_t tableId, std::string_view index, std::int64_t minute);
  const Target* findTarget(std::uint32_t tableId, std::string_view index) const;
  void dropIdle(std::int64_t minute);

  std::shared_ptr<const Clock> clock_;
  KeyActivityOptions options_;
  mutable std::mutex mutex_;
  // (table id, index name) ordered so that (id, string_view) finds without allocating.
  struct TargetLess {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      if (a.first != b.first) return a.first < b.first;
      return std::string_view(a.second) < std::string_view(b.second);
    }
  };
  std::map<std::pair<std::uint32_t, std::string>, std::unique_ptr<Target>, TargetLess> targets_;
  std::int64_t lastSweepMinute_ = 0;
  std::map<std::uint32_t, std::uint64_t> tableSizes_;
};

}  // namespace dynadesk::capacity
