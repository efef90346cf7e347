// MetricStore on a real LMDB folder with a ManualClock: recording and
// statistics per 1-second and 1-minute periods, the unflushed current second,
// persistence across reopen, retention and bounded expiry, clock jumps, a
// stalled flusher, and percentiles per period.
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "metric_store_fixture.h"

using namespace dynadesk;
using namespace dynadesk::metrics;
using namespace dynadesk::metrics::testing;

class TestMetricStore : public QObject {
  Q_OBJECT

 private slots:
  void statisticsPerSecondAndPerMinute();
  void currentSecondIsVisibleBeforeFlush();
  void flushPersistsOnlyFinishedSeconds();
  void lateSamplesMergeWithStoredSeconds();
  void historySurvivesReopen();
  void minuteDataOutlivesSecondData();
  void expiredDataIsGoneAfterFifteenDays();
  void expiryIsBoundedPerFlush();
  void clockJumpsBackAndForth();
  void stalledFlusherSpillsButLosesNothing();
  void percentilesPerPeriod();
};

void TestMetricStore::statisticsPerSecondAndPerMinute() {
  Fixture f;
  MetricHandle h = f.store().handle(readUnits("Music"), Unit::Count);
  f.store().record(h, 1);
  f.store().record(h, 2);
  f.store().record(h, 3);
  f.clock().advanceMillis(kSecond);
  f.store().record(h, 10);
  f.clock().advanceMillis(2 * kSecond);  // t+2 has no samples
  QVERIFY(f.store().flush().isOk());
  f.store().record(h, 5);
  f.store().record(h, 5);

  const auto perSecond = mustRead(f.store(), readUnits("Music"), kAll, kT0, kT0 + 10 * kSecond, 1);
  QCOMPARE(show(perSecond), (std::vector<std::string>{
                                "t+0 6 2 1 3 3 3 Count",
                                "t+1 10 10 10 10 1 10 Count",
                                "t+3 10 5 5 5 2 5 Count",
                            }));
  const auto perMinute = mustRead(f.store(), readUnits("Music"), kAll, kT0, kT0 + 10 * kSecond, 60);
  QCOMPARE(show(perMinute), (std::vector<std::string>{"t+0 26 4.33333 1 10 6 10 Count"}));

  // A 2-second period groups t+0 with t+1, and t+2 (empty) with t+3.
  const auto perTwo = mustRead(f.store(), readUnits("Music"), {kSum, kSampleCount}, kT0, kT0 + 4 * kSecond, 2);
  QCOMPARE(show(perTwo), (std::vector<std::string>{"t+0 16 4 Count", "t+2 10 2 Count"}));

  // The range's start is rounded down to a period boundary; its end is exclusive.
  const auto clipped = mustRead(f.store(), readUnits("Music"), {kSum}, kT0 + 500, kT0 + 3 * kSecond, 1);
  QCOMPARE(show(clipped), (std::vector<std::string>{"t+0 6 Count", "t+1 10 Count"}));
}

void TestMetricStore::currentSecondIsVisibleBeforeFlush() {
  Fixture f;
  MetricHandle h = f.store().handle(readUnits("Music"), Unit::Count);
  f.store().record(h, 4);
  QCOMPARE(show(mustRead(f.store(), readUnits("Music"), {kSum}, kT0, kT0 + kSecond, 1)),
           (std::vector<std::string>{"t+0 4 Count"}));
  // flush() keeps the clock's current second in memory; it is still read.
  QVERIFY(f.store().flush().isOk());
  f.store().record(h, 4);
  QCOMPARE(show(mustRead(f.store(), readUnits("Music"), {kSum}, kT0, kT0 + kSecond, 1)),
           (std::vector<std::string>{"t+0 8 Count"}));
}

void TestMetricStore::flushPersistsOnlyFinishedSeconds() {
  Fixture f;
  MetricHandle h = f.store().handle(readUnits("Music"), Unit::Count);
  f.store().record(h, 1);
  QVERIFY(f.store().flush().isOk());
  QCOMPARE(f.storedDatapoints(Resolution::Second), 0);
  QCOMPARE(f.store().stats().persistedSeconds, std::uint64_t{0});

  f.clock().advanceMillis(kSecond);
  f.store().record(h, 2);
  QVERIFY(f.store().flush().isOk());
  QCOMPARE(f.storedDatapoints(Resolution::Second), 1);
  QCOMPARE(f.storedDatapoints(Resolution::Minute), 1);
  QCOMPARE(f.store().stats().persistedSeconds, std::uint64_t{1});

  // Nothing new: no write at all.
  const auto flushes = f.store().stats().flushes;
  QVERIFY(f.store().flush().isOk());
  QCOMPARE(f.store().stats().flushes, flushes);
}

void TestMetricStore::lateSamplesMergeWithStoredSeconds() {
  Fixture f;
  MetricHandle h = f.store().handle(readUnits("Music"), Unit::Count);
  f.store().record(h, 1);
  f.clock().advanceMillis(kSecond);
  QVERIFY(f.store().flush().isOk());
  // A sample for the second that is already stored adds to it.
  f.store().recordAt(h, 2, kT0 + 999);
  QVERIFY(f.store().flush().isOk());
  QCOMPARE(show(mustRead(f.store(), readUnits("Music"), {kSum, kSampleCount}, kT0, kT0 + kSecond, 1)),
           (std::vector<std::string>{"t+0 3 2 Count"}));
  QCOMPARE(show(mustRead(f.store(), readUnits("Music"), {kSum, kSampleCount}, kT0, kT0 + kMinute, 60)),
           (std::vector<std::string>{"t+0 3 2 Count"}));
  QCOMPARE(f.storedDatapoints(Resolution::Second), 1);
}

void TestMetricStore::historySurvivesReopen() {
  Fixture f;
  {
    MetricHandle h = f.store().handle(readUnits("Music"), Unit::Count);
    for (int s = 0; s < 90; ++s) {
      for (int i = 0; i <= s % 5; ++i) f.store().record(h, s + i);
      f.clock().advanceMillis(kSecond);
    }
    f.store().record(h, 1000);  // the current second: stays in memory
    QVERIFY(f.store().flush().isOk());
  }
  const auto before1 = mustRead(f.store(), readUnits("Music"), kAll, kT0, kT0 + 90 * kSecond, 1);
  const auto before60 = mustRead(f.store(), readUnits("Music"), kAll, kT0, kT0 + 90 * kSecond, 60);
  QCOMPARE(before1.size(), std::size_t{90});
  QCOMPARE(before60.size(), std::size_t{2});

  // The clock moves on before the store closes, so its last flush stores
  // every second, including the one that was current.
  f.clock().advanceMillis(kSecond);
  f.reopenAll();
  QCOMPARE(show(mustRead(f.store(), readUnits("Music"), kAll, kT0, kT0 + 90 * kSecond, 1)), show(before1));
  QCOMPARE(show(mustRead(f.store(), readUnits("Music"), kAll, kT0, kT0 + 90 * kSecond, 60)), show(before60));
  QCOMPARE(show(mustRead(f.store(), readUnits("Music"), {kSum}, kT0 + 90 * kSecond, kT0 + 91 * kSecond, 1)),
           (std::vector<std::string>{"t+90 1000 Count"}));
  // The catalog came back too: the metric is listed and keeps its handle.
  QCOMPARE(f.store().list("", {}).size(), std::size_t{1});
  MetricHandle again = f.store().handle(readUnits("Music"), Unit::Count);
  f.store().record(again, 1);
  QCOMPARE(f.store().list("", {}).size(), std::size_t{1});
}

void TestMetricStore::minuteDataOutlivesSecondData() {
  Fixture f;
  MetricHandle h = f.store().handle(readUnits("Music"), Unit::Count);
  for (int s = 0; s < 120; ++s) {
    f.store().record(h, 2);
    f.clock().advanceMillis(kSecond);
  }
  QVERIFY(f.store().flush().isOk());
  QCOMPARE(f.storedDatapoints(Resolution::Second), 120);
  QCOMPARE(f.storedDatapoints(Resolution::Minute), 2);

  f.clock().advanceMillis(2 * kHour);
  QVERIFY(f.store().flush().isOk());
  QCOMPARE(f.storedDatapoints(Resolution::Second), 0);
  QCOMPARE(f.storedDatapoints(Resolution::Minute), 2);
  QCOMPARE(f.store().stats().expiredDatapoints, std::uint64_t{120});

  // The range is older than the 1-second retention: answered from minutes.
  QCOMPARE(show(mustRead(f.store(), readUnits("Music"), {kSum, kSampleCount, kAverage}, kT0, kT0 + 3 * kMinute, 60)),
           (std::vector<std::string>{"t+0 120 60 2 Count", "t+60 120 60 2 Count"}));
  QCOMPARE(show(mustRead(f.store(), readUnits("Music"), {kSum}, kT0, kT0 + 3 * kMinute, 180)),
           (std::vector<std::string>{"t+0 240 Count"}));
  // ... where 1-second periods are refused.
  auto refused = f.store().statistics(readUnits("Music"), {kSum}, kT0, kT0 + kMinute, 1);
  QVERIFY(!refused);
  QCOMPARE(refused.error().code, std::string("InvalidParameterValue"));
  QCOMPARE(refused.error().message, std::string("The parameter Period must be a multiple of 60."));

  // Survives a restart as well.
  f.reopenAll();
  QCOMPARE(show(mustRead(f.store(), readUnits("Music"), {kSum}, kT0, kT0 + 3 * kMinute, 60)),
           (std::vector<std::string>{"t+0 120 Count", "t+60 120 Count"}));
}

void TestMetricStore::expiredDataIsGoneAfterFifteenDays() {
  Fixture f;
  MetricHandle h = f.store().handle(readUnits("Music"), Unit::Count);
  for (int s = 0; s < 5; ++s) {
    f.store().record(h, 1);
    f.clock().advanceMillis(kMinute);
  }
  QVERIFY(f.store().flush().isOk());
  QCOMPARE(f.storedDatapoints(Resolution::Minute), 5);

  f.clock().advanceMillis(14 * kDay);
  QVERIFY(f.store().flush().isOk());
  QCOMPARE(f.storedDatapoints(Resolution::Minute), 5);
  QCOMPARE(f.store().list("", {}).size(), std::size_t{1});

  f.clock().advanceMillis(kDay + kHour);
  QVERIFY(f.store().flush().isOk());
  QCOMPARE(f.storedDatapoints(Resolution::Minute), 0);
  QCOMPARE(f.storedDatapoints(Resolution::Second), 0);
  QVERIFY(mustRead(f.store(), readUnits("Music"), {kSum}, kT0, kT0 + 10 * kMinute, 60).empty());
  // CloudWatch lists only metrics with recent data.
  QVERIFY(f.store().list("", {}).empty());
  f.reopenAll();
  QVERIFY(f.store().list("", {}).empty());
}

void TestMetricStore::expiryIsBoundedPerFlush() {
  MetricStoreOptions options;
  options.maxExpiredPerFlush = 7;
  Fixture f(options);
  std::vector<MetricHandle> handles;
  for (int t = 0; t < 3; ++t) handles.push_back(f.store().handle(readUnits("T" + std::to_string(t)), Unit::Count));
  for (int s = 0; s < 10; ++s) {
    for (MetricHandle h : handles) f.store().record(h, 1);
    f.clock().advanceMillis(kSecond);
  }
  QVERIFY(f.store().flush().isOk());
  QCOMPARE(f.storedDatapoints(Resolution::Second), 30);

  f.clock().advanceMillis(2 * kHour);
  int flushes = 0;
  while (f.storedDatapoints(Resolution::Second) > 0 && flushes < 20) {
    const auto before = f.store().stats().expiredDatapoints;
    QVERIFY(f.store().flush().isOk());
    QVERIFY(f.store().stats().expiredDatapoints - before <= 7);
    ++flushes;
  }
  QCOMPARE(flushes, 5);  // 30 datapoints, 7 per flush
  QCOMPARE(f.storedDatapoints(Resolution::Minute), 3);
}

void TestMetricStore::clockJumpsBackAndForth() {
  Fixture f;
  MetricHandle h = f.store().handle(readUnits("Music"), Unit::Count);
  f.clock().setMillis(kT0 + 100 * kSecond);
  f.store().record(h, 1);
  f.clock().advanceMillis(kSecond);
  QVERIFY(f.store().flush().isOk());

  // Backwards by 90 seconds: new samples land in their own (earlier) seconds.
  f.clock().setMillis(kT0 + 10 * kSecond);
  f.store().record(h, 2);
  f.clock().advanceMillis(kSecond);
  QVERIFY(f.store().flush().isOk());
  // The stored second "in the future" is still answered.
  QCOMPARE(show(mustRead(f.store(), readUnits("Music"), {kSum}, kT0, kT0 + 200 * kSecond, 100)),
           (std::vector<std::string>{"t+0 2 Count", "t+100 1 Count"}));

  // Far forward, then before the epoch, then far back again: nothing crashes,
  // every flush finishes, and samples before the epoch are dropped and counted.
  f.clock().setMillis(kT0 + 400 * kDay);
  f.store().record(h, 3);
  f.clock().advanceMillis(kSecond);
  for (int i = 0; i < 3; ++i) QVERIFY(f.store().flush().isOk());
  QCOMPARE(f.storedDatapoints(Resolution::Second), 1);
  QCOMPARE(f.storedDatapoints(Resolution::Minute), 1);

  f.clock().setMillis(-5 * kSecond);
  f.store().record(h, 4);
  QCOMPARE(f.store().stats().droppedSamples, std::uint64_t{1});
  QVERIFY(f.store().flush().isOk());
  f.clock().setMillis(0);
  f.store().record(h, 5);
  f.clock().advanceMillis(kSecond);
  QVERIFY(f.store().flush().isOk());
  QCOMPARE(show(mustRead(f.store(), readUnits("Music"), {kSum}, 0, kSecond, 1)),
           (std::vector<std::string>{"t+-1700000040 5 Count"}));
  f.store().recordAt(h, NAN, kT0);
  f.store().recordAt(h, INFINITY, kT0);
  QCOMPARE(f.store().stats().droppedSamples, std::uint64_t{3});

  // Absurd ranges are bounded by the data, not by the number of periods.
  QVERIFY(f.store().read(readUnits("Music"), kSum, 0, INT64_MAX, 60).size() >= 1);
  QVERIFY(f.store().read(readUnits("Music"), kSum, INT64_MIN, INT64_MAX, 1).empty());
}

void TestMetricStore::stalledFlusherSpillsButLosesNothing() {
  Fixture f;
  MetricHandle h = f.store().handle(readUnits("Music"), Unit::Count);
  for (int s = 0; s < 12; ++s) {
    f.store().record(h, s);
    f.clock().advanceMillis(kSecond);
  }
  QVERIFY(f.store().stats().spilledSeconds >= 8);  // four slots, twelve seconds
  const std::vector<std::string> expected = {"t+0 66 12 Count"};
  QCOMPARE(show(mustRead(f.store(), readUnits("Music"), {kSum, kSampleCount}, kT0, kT0 + kMinute, 60)), expected);
  QCOMPARE(mustRead(f.store(), readUnits("Music"), {kSum}, kT0, kT0 + kMinute, 1).size(), std::size_t{12});
  QVERIFY(f.store().flush().isOk());
  QCOMPARE(f.storedDatapoints(Resolution::Second), 12);
  QCOMPARE(show(mustRead(f.store(), readUnits("Music"), {kSum, kSampleCount}, kT0, kT0 + kMinute, 60)), expected);
}

void TestMetricStore::percentilesPerPeriod() {
  Fixture f;
  const MetricId latency = makeMetricId("SuccessfulRequestLatency", {{"TableName", "Music"}, {"Operation", "GetItem"}});
  MetricHandle h = f.store().handle(latency, Unit::Milliseconds);
  // Second k holds 1..100 ms times (k+1); p50/p90/p99 are known exactly.
  for (int k = 0; k < 3; ++k) {
    for (int i = 100; i >= 1; --i) f.store().record(h, i * (k + 1));
    f.clock().advanceMillis(kSecond);
  }
  QVERIFY(f.store().flush().isOk());
  const std::vector<Statistic> stats = {{StatisticKind::Percentile, 50}, {StatisticKind::Percentile, 90},
                                        {StatisticKind::Percentile, 99}};
  const auto points = mustRead(f.store(), latency, stats, kT0, kT0 + 3 * kSecond, 1);
  QCOMPARE(points.size(), std::size_t{3});
  for (int k = 0; k < 3; ++k) {
    QCOMPARE(points[k].unit, Unit::Milliseconds);
    const double expected[3] = {50.0 * (k + 1), 90.0 * (k + 1), 99.0 * (k + 1)};
    for (int j = 0; j < 3; ++j) {
      QVERIFY2(std::fabs(points[k].values[j] - expected[j]) <= 0.01 * expected[j],
               qPrintable(QString("second %1, statistic %2: %3").arg(k).arg(j).arg(points[k].values[j])));
    }
  }
  // Over the minute: 300 samples; p99 is the 297th smallest = 291 (97 * 3).
  const auto minute = mustRead(f.store(), latency, {{StatisticKind::Percentile, 99}}, kT0, kT0 + kMinute, 60);
  QCOMPARE(minute.size(), std::size_t{1});
  QVERIFY(std::fabs(minute[0].values[0] - 291) <= 2.91);
}

QTEST_GUILESS_MAIN(TestMetricStore)
#include "test_metric_store.moc"
