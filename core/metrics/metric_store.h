// MetricStore: CloudWatch-style metrics of the engine — recording on the hot
// path, 1-second and 1-minute datapoints persisted in the engine's LMDB
// environment, and the statistics GetMetricStatistics, ListMetrics and alarms
// ask for. Design notes: core/metrics/README.md; stored layout: FORMAT.md
// (key spaces 0x0C MetricCatalog and 0x0D MetricData).
//
// Recording. handle() names a metric once (the engine caches handles per
// table, index and operation); record() then adds one sample to the metric's
// accumulator for the clock's current second. record() takes no global lock,
// touches no LMDB and does not allocate in steady state: it computes the
// sample's histogram bucket (one log()), then holds the metric's own spinlock
// for a few instructions. Measured at 17-65 ns uncontended with a ManualClock
// on the (shared, busy) development VM, plus the clock read: SystemClock's
// clock_gettime costs ~50 ns more there (tests/metrics prints the figures).
// The target is well under 100 ns; code recording several metrics for one
// request can read the clock once and use recordAt(). It allocates only when
// a value lands outside the range the metric's accumulator has seen so far
// (its window grows once), or when more than four distinct seconds of one
// metric wait for the flusher (the flusher is stalled, or recordAt() writes
// far into the past or future).
//
// Persisting. flush() moves every finished second (any second other than the
// clock's current one) out of memory and, in ONE Env::write() transaction,
// merges it into its 1-second datapoint and its 1-minute datapoint, writes
// the catalog entries of new metrics, and deletes a bounded number of
// datapoints past their retention. Datapoints are merged with what is stored,
// so late samples (recordAt in the past, a clock moved backwards) add to their
// second rather than replacing it. start() runs flush() about once per
// flushInterval of real (steady-clock) time on a background thread; the
// destructor stops it and flushes once more.
//
// Reading. statistics() and read() merge stored datapoints with the samples
// still in memory (the current second and anything not yet flushed), so a
// sample is visible as soon as record() returns.
//
// Thread-safety: every member may be called from any thread at once, with
// these exceptions: do not call flush(), statistics(), read() or list() while
// the calling thread holds a storage::ReadTxn or from inside a WriteFn (they
// open their own transactions, Env's rule); the destructor must not race
// other calls. record() and recordAt() never wait for flush(); statistics(),
// read() and list() wait while a flush writes (they must not see a second
// both in memory and on disk).
//
// Lifetime: the Env and the clock must outlive the store. Handles are valid
// for the store's lifetime; a default-constructed handle is ignored.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "dynadesk/clock.h"
#include "dynadesk/status.h"
#include "metrics/aggregate.h"
#include "metrics/metric_id.h"
#include "metrics/metric_keys.h"
#include "metrics/metrics_error.h"
#include "metrics/statistics_plan.h"

namespace dynadesk::storage {
class Env;
class WriteTxn;
}  // namespace dynadesk::storage

namespace dynadesk::metrics {

namespace detail {
struct MetricCell;
}

struct MetricStoreOptions {
  // How long datapoints of each resolution are kept (engine clock).
  std::int64_t secondRetentionMillis = 60LL * 60 * 1000;             // 1 hour
  std::int64_t minuteRetentionMillis = 15LL * 24 * 60 * 60 * 1000;  // 15 days
  // Real time between two background flushes (start()).
  std::chrono::milliseconds flushInterval{1000};
  // At most this many expired datapoints are deleted per flush, so a clock
  // moved forward by days turns into several bounded flushes, not one huge
  // transaction holding up the engine's writes batched with it. Steady state
  // needs about one deletion per active metric per second.
  std::size_t maxExpiredPerFlush = 2000;
  // Called after a flush that persisted at least one new second, with the
  // start (millis) of the newest second it persisted; at most once per such
  // second. Runs on the thread that called flush() (the background flusher
  // after start()), after the flush has released its locks, never two calls
  // at once. It may call statistics()/read()/list(), but not flush().
  std::function<void(std::int64_t secondMillis)> onTick;
};

// Names one metric for record(). Cheap to copy; valid while its store lives.
class MetricHandle {
 public:
  MetricHandle() = default;
  bool valid() const { return cell_ != nullptr; }
  friend bool operator==(const MetricHandle&, const MetricHandle&) = default;

 private:
  friend class MetricStore;
  explicit MetricHandle(detail::MetricCell* cell) : cell_(cell) {}
  detail::MetricCell* cell_ = nullptr;
};

// One period of GetMetricStatistics.
struct Datapoint {
  std::int64_t timestampMillis = 0;  // start of the period
  std::vector<double> values;        // one per requested statistic, in request order
  Unit unit = Unit::None;
};

class MetricStore final : public MetricReader {
 public:
  struct Stats {
    std::uint64_t flushes = 0;            // flush() calls that wrote to LMDB and committed
    std::uint64_t failedFlushes = 0;      // ... that failed (their seconds stay in memory and are retried)
    std::uint64_t persistedSeconds = 0;   // (metric, second) accumulators written
    std::uint64_t expiredDatapoints = 0;  // datapoints deleted past their retention
    std::uint64_t corruptDatapoints = 0;  // stored datapoints that did not decode (skipped when read, overwritten when written)
    std::uint64_t corruptCatalogEntries = 0;  // catalog entries that did not decode at open (their metrics are not listed)
    std::uint64_t spilledSeconds = 0;     // seconds moved aside because the flusher fell behind (slow path)
    std::uint64_t droppedSamples = 0;     // NaN, infinite, or before the Unix epoch
  };

  // Loads the metric catalog from env. Fails (InternalServerError, LMDB's
  // text) only when storage cannot be read; an undecodable catalog entry is
  // skipped and counted (its id is never reused). Does not start the
  // background flusher (start()).
  static Result<std::unique_ptr<MetricStore>> open(storage::Env& env, std::shared_ptr<const Clock> clock,
                                                   MetricStoreOptions options = {});

  // Stops the background flusher and flushes once more (errors are dropped:
  // there is no one left to tell). That last flush does not call onTick: the
  // hook's target may already be going away.
  ~MetricStore() override;
  MetricStore(const MetricStore&) = delete;
  MetricStore& operator=(const MetricStore&) = delete;

  // The handle of a metric, creating it (in memory; its catalog entry is
  // written by the next flush) on first use. Dimensions need not be sorted
  // (the id is normalised as makeMetricId does). A metric keeps the unit it was
  // created with; `unit` is ignored for an existing metric. Takes the store's
  // registry lock: call it once per metric and cache the result, not per
  // sample. Returns an invalid handle only if 2^32 metrics exist.
  MetricHandle handle(const MetricId& id, Unit unit);

  // Adds one sample at the clock's current second. Ignores invalid handles;
  // NaN, infinities and times before the Unix epoch are dropped and counted.
  // Values are meant to be >= 0 (DynamoDB's metrics are); a negative value
  // counts fully in Sum/Minimum/Maximum/SampleCount but falls in the zero
  // bucket of the percentile histogram.
  void record(MetricHandle metric, double value);
  // The same at an explicit time (tests, back-filled gauges).
  void recordAt(MetricHandle metric, double value, std::int64_t millis);

  // Persists what is finished (see above). Returns Ok, or the InternalServerError
  // Env::write reported — then nothing was written and the seconds it held stay
  // in memory (still visible to readers) for the next flush. Serialised with
  // other flushes.
  Status flush();

  // Starts the background flusher (idempotent).
  void start();

  // GetMetricStatistics: per period of periodSeconds in [startMillis,
  // endMillis), the requested statistics, for periods that have samples, in
  // time order; rules in statistics_plan.h. Errors, in CloudWatch's codes:
  // InvalidParameterCombination (no statistics, more than 1,440 datapoints),
  // InvalidParameterValue (StartTime/EndTime, Period, a percentile outside
  // (0, 100]), ValidationError (Period < 1), InternalServiceFault (storage).
  // An unknown metric has no datapoints (not an error, as in CloudWatch).
  MetricsResult<std::vector<Datapoint>> statistics(const MetricId& metric, const std::vector<Statistic>& statistics,
                                                   std::int64_t startMillis, std::int64_t endMillis,
                                                   int periodSeconds) const;

  // MetricReader (alarms): the same rules without the 1,440 limit; a request
  // that statistics() would refuse, or a storage failure, reads as no data.
  std::vector<StatisticPoint> read(const MetricId& metric, const Statistic& statistic, std::int64_t startMillis,
                                   std::int64_t endMillis, int periodSeconds) const override;

  // ListMetrics: metrics named metricName (empty: any name) having every
  // filter dimension (a filter with an empty value matches any value), that
  // have data within the 1-minute retention (stored or in memory), as
  // CloudWatch lists only metrics with recent data. Sorted by id.
  std::vector<std::pair<MetricId, Unit>> list(std::string_view metricName,
                                              const std::vector<Dimension>& dimensionFilters) const;

  Stats stats() const;

 private:
  struct PendingSecond {
    detail::MetricCell* cell = nullptr;
    std::int64_t second = 0;
    Aggregate aggregate;
  };
  struct BatchOutcome;

  MetricStore(storage::Env& env, std::shared_ptr<const Clock> clock, MetricStoreOptions options);

  Status loadCatalog();
  std::vector<detail::MetricCell*> cellsSnapshot() const;
  detail::MetricCell* findCell(const MetricId& id) const;
  void collectFinishedSeconds(const std::vector<detail::MetricCell*>& cells, std::int64_t nowSecond);
  bool needsWrite(const std::vector<detail::MetricCell*>& cells, std::int64_t nowMillis) const;
  Status writeBatch(storage::WriteTxn& txn, const std::vector<detail::MetricCell*>& cells, std::int64_t nowMillis,
                    BatchOutcome& outcome) const;
  Status expireBatch(storage::WriteTxn& txn, const std::vector<detail::MetricCell*>& cells, std::int64_t nowMillis,
                     BatchOutcome& outcome) const;
  Result<std::map<std::int64_t, Aggregate>> collectPeriods(const detail::MetricCell& cell, const StatisticsPlan& plan,
                                                           std::int64_t nowMillis) const;
  void flusherLoop();

  storage::Env& env_;
  const std::shared_ptr<const Clock> clock_;
  const MetricStoreOptions options_;

  // The registry: every metric, by id. Cells never move or die before the store.
  mutable std::mutex registryMutex_;
  std::map<MetricId, std::unique_ptr<detail::MetricCell>> byId_;
  std::vector<detail::MetricCell*> cells_;
  std::uint64_t nextMetric_ = 0;  // next unused metric id (u32 range)

  // Held exclusively by flush() from taking seconds out of memory until they
  // are committed (or put back), shared by readers, so a reader sees each
  // second exactly once. record() never takes it.
  mutable std::shared_mutex flushMutex_;
  std::vector<PendingSecond> pending_;  // taken from memory, not yet committed
  std::size_t expiryStart_ = 0;        // round-robin start of expiry over cells
  std::int64_t lastTickSecond_ = INT64_MIN;
  Stats flushStats_;                    // the flush-owned counters

  std::mutex tickMutex_;       // one onTick call at a time
  bool announceTicks_ = true;  // guarded by tickMutex_; false once the destructor runs

  // Slow-path counters bumped by record().
  mutable std::atomic<std::uint64_t> spilledSeconds_{0};
  mutable std::atomic<std::uint64_t> droppedSamples_{0};
  std::uint64_t corruptCatalogEntries_ = 0;  // set by open()
  mutable std::atomic<std::uint64_t> corruptReads_{0};

  std::mutex flusherMutex_;
  std::condition_variable flusherWake_;
  bool stopping_ = false;
  std::thread flusher_;
};

}  // namespace dynadesk::metrics
