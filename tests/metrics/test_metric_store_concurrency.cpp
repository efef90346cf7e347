// MetricStore under concurrency: recorders on several threads while flushes
// run and the clock moves must lose and double-count nothing. Meant to be run
// under ThreadSanitizer as well (see core/metrics/README.md).
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "metrics/metric_store.h"
#include "storage/lmdb_env.h"

using namespace dynadesk;
using namespace dynadesk::metrics;

namespace {

constexpr std::int64_t kT0 = 1'700'000'040'000;
constexpr int kThreads = 4;
// Fewer samples under ThreadSanitizer, which slows everything ~10x; the
// interleavings that matter happen at second boundaries, not in bulk.
#if defined(__SANITIZE_THREAD__)
constexpr int kSamplesPerThread = 20'000;
#else
constexpr int kSamplesPerThread = 100'000;
#endif

std::unique_ptr<storage::Env> openEnv(const QTemporaryDir& dir) {
  storage::EnvOptions options;
  options.path = dir.path().toStdString();
  options.durable = false;
  auto env = storage::Env::open(options);
  if (!env) qFatal("env open failed: %s", env.status().message().c_str());
  return std::move(env).value();
}

double valueOf(int thread, int i) { return static_cast<double>((i % 100) + thread); }

}  // namespace

class TestMetricStoreConcurrency : public QObject {
  Q_OBJECT

 private slots:
  void recordersFlushersAndReaders();
  void manyMetricsManyThreads();
};

void TestMetricStoreConcurrency::recordersFlushersAndReaders() {
  QTemporaryDir dir;
  auto env = openEnv(dir);
  auto clock = std::make_shared<ManualClock>(kT0);
  auto opened = MetricStore::open(*env, clock);
  QVERIFY(opened.isOk());
  MetricStore& store = *opened.value();
  const MetricId id = makeMetricId("ConsumedWriteCapacityUnits", {{"TableName", "Music"}});
  const MetricHandle h = store.handle(id, Unit::Count);

  std::atomic<int> running{kThreads};
  std::vector<std::thread> recorders;
  for (int t = 0; t < kThreads; ++t) {
    recorders.emplace_back([&, t] {
      for (int i = 0; i < kSamplesPerThread; ++i) {
        store.record(h, valueOf(t, i));
        // On two cores a recorder would otherwise finish inside one time
        // slice; yielding makes its samples straddle many clock seconds.
        if (i % 256 == 0) std::this_thread::yield();
      }
      running.fetch_sub(1);
    });
  }
  // The flusher moves the clock on by a second before every flush, so every
  // flush races recorders at a second boundary; a reader reads meanwhile.
  int flushes = 0;
  std::thread flusher([&] {
    while (running.load() > 0) {
      clock->advanceMillis(1000);
      if (!store.flush().isOk()) qFatal("flush failed");
      ++flushes;
      std::this_thread::yield();
    }
  });
  std::atomic<int> reads{0};
  std::thread reader([&] {
    while (running.load() > 0) {
      (void)store.read(id, {StatisticKind::SampleCount, 0}, kT0, kT0 + 3'600'000, 60);
      (void)store.list("", {});
      ++reads;
    }
  });
  for (auto& r : recorders) r.join();
  flusher.join();
  reader.join();
  clock->advanceMillis(1000);
  QVERIFY(store.flush().isOk());

  double expectedSum = 0;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kSamplesPerThread; ++i) expectedSum += valueOf(t, i);
  }
  // One period covering everything; answered from minute data if the clock
  // ran past the 1-second retention, from seconds otherwise.
  const std::int64_t end = clock->nowMillis() + 1000;
  const int period = static_cast<int>((end - kT0) / 1000 / 60 + 1) * 60;
  auto points = store.statistics(id, {{StatisticKind::Sum, 0}, {StatisticKind::SampleCount, 0}}, kT0, end, period);
  QVERIFY(points.isOk());
  QCOMPARE(points.value().size(), std::size_t{1});
  QCOMPARE(points.value()[0].values[0], expectedSum);
  QCOMPARE(points.value()[0].values[1], double(kThreads * kSamplesPerThread));
  qInfo("%d flushes and %d reads ran during %d x %d samples; %llu seconds persisted, %llu spilled", flushes,
        reads.load(), kThreads, kSamplesPerThread,
        static_cast<unsigned long long>(store.stats().persistedSeconds),
        static_cast<unsigned long long>(store.stats().spilledSeconds));
}

void TestMetricStoreConcurrency::manyMetricsManyThreads() {
  // Handles created concurrently with recording and the background flusher.
  QTemporaryDir dir;
  auto env = openEnv(dir);
  auto clock = std::make_shared<ManualClock>(kT0);
  MetricStoreOptions options;
  options.flushInterval = std::chrono::milliseconds(1);
  auto opened = MetricStore::open(*env, clock, options);
  QVERIFY(opened.isOk());
  MetricStore& store = *opened.value();
  store.start();
  constexpr int kTables = 16;
  constexpr int kPerTable = 2000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerTable; ++i) {
        for (int table = t; table < kTables; table += kThreads) {
          const MetricId id = makeMetricId("ReturnedItemCount", {{"TableName", "T" + std::to_string(table)}});
          store.record(store.handle(id, Unit::Count), 1);
        }
        if (t == 0 && i % 100 == 0) clock->advanceMillis(1000);
      }
    });
  }
  for (auto& th : threads) th.join();
  clock->advanceMillis(1000);
  QVERIFY(store.flush().isOk());
  QCOMPARE(store.list("ReturnedItemCount", {}).size(), std::size_t{kTables});
  for (int table = 0; table < kTables; ++table) {
    const MetricId id = makeMetricId("ReturnedItemCount", {{"TableName", "T" + std::to_string(table)}});
    auto points = store.statistics(id, {{StatisticKind::SampleCount, 0}}, kT0, kT0 + 3'600'000, 3600);
    QVERIFY(points.isOk());
    QCOMPARE(points.value().size(), std::size_t{1});
    QCOMPARE(points.value()[0].values[0], double(kPerTable));
  }
}

QTEST_GUILESS_MAIN(TestMetricStoreConcurrency)
#include "test_metric_store_concurrency.moc"
