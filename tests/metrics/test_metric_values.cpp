// The metrics' value types: statistic names, units, metric ids, the bucket
// layout, Aggregate (merge, percentiles, encoding), SecondAccumulator, the
// stored key and catalog layouts, and the request checks of planStatistics.
#include <QTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "metrics/aggregate.h"
#include "metrics/aggregate_codec.h"
#include "metrics/log_buckets.h"
#include "metrics/metric_id.h"
#include "metrics/metric_keys.h"
#include "metrics/second_accumulator.h"
#include "metrics/statistics_plan.h"

using namespace dynadesk::metrics;

Q_DECLARE_METATYPE(std::string)

namespace {

double relativeError(double estimate, double exact) { return std::fabs(estimate - exact) / std::fabs(exact); }

// The nearest-rank percentile of sorted samples: what Aggregate approximates.
double exactPercentile(const std::vector<double>& sorted, double percent) {
  const auto n = static_cast<double>(sorted.size());
  auto rank = static_cast<std::size_t>(std::ceil(percent / 100.0 * n - 1e-9));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

Aggregate aggregateOf(const std::vector<double>& values) {
  Aggregate a;
  for (double v : values) a.add(v);
  return a;
}

}  // namespace

class TestMetricValues : public QObject {
  Q_OBJECT

 private slots:
  void parseStatistic_data();
  void parseStatistic();
  void statisticNamesRoundTrip();
  void unitNames();
  void metricIdsSortDimensions();

  void everyBucketIsWithinOnePercent();
  void zeroAndOutOfRangeValues();

  void mergeEqualsAddingEverything();
  void percentilesOnKnownDistributions_data();
  void percentilesOnKnownDistributions();
  void percentileEdgesAreExact();

  void encodingRoundTrips();
  void decodingRefusesDamagedBytes();

  void accumulatorMatchesAggregate();
  void accumulatorReusesItsWindow();

  void keyLayoutIsPinned();
  void catalogEntriesRoundTrip();

  void planStatistics_data();
  void planStatistics();
};

void TestMetricValues::parseStatistic_data() {
  QTest::addColumn<std::string>("text");
  QTest::addColumn<bool>("valid");
  QTest::addColumn<int>("kind");
  QTest::addColumn<double>("percentile");
  const int P = static_cast<int>(StatisticKind::Percentile);
  QTest::newRow("Sum") << std::string("Sum") << true << static_cast<int>(StatisticKind::Sum) << 0.0;
  QTest::newRow("Average") << std::string("Average") << true << static_cast<int>(StatisticKind::Average) << 0.0;
  QTest::newRow("Minimum") << std::string("Minimum") << true << static_cast<int>(StatisticKind::Minimum) << 0.0;
  QTest::newRow("Maximum") << std::string("Maximum") << true << static_cast<int>(StatisticKind::Maximum) << 0.0;
  QTest::newRow("SampleCount") << std::string("SampleCount") << true << static_cast<int>(StatisticKind::SampleCount)
                               << 0.0;
  QTest::newRow("p99") << std::string("p99") << true << P << 99.0;
  QTest::newRow("p99.9") << std::string("p99.9") << true << P << 99.9;
  QTest::newRow("p99.99") << std::string("p99.99") << true << P << 99.99;
  QTest::newRow("p50") << std::string("p50") << true << P << 50.0;
  QTest::newRow("p0.01") << std::string("p0.01") << true << P << 0.01;
  QTest::newRow("p100") << std::string("p100") << true << P << 100.0;
  QTest::newRow("p100.00") << std::string("p100.00") << true << P << 100.0;
  QTest::newRow("empty") << std::string("") << false << 0 << 0.0;
  QTest::newRow("lower case") << std::string("sum") << false << 0 << 0.0;
  QTest::newRow("p alone") << std::string("p") << false << 0 << 0.0;
  QTest::newRow("p0") << std::string("p0") << false << 0 << 0.0;
  QTest::newRow("p0.00") << std::string("p0.00") << false << 0 << 0.0;
  QTest::newRow("p100.01") << std::string("p100.01") << false << 0 << 0.0;
  QTest::newRow("p101") << std::string("p101") << false << 0 << 0.0;
  QTest::newRow("three decimals") << std::string("p99.999") << false << 0 << 0.0;
  QTest::newRow("no whole part") << std::string("p.5") << false << 0 << 0.0;
  QTest::newRow("dangling dot") << std::string("p5.") << false << 0 << 0.0;
  QTest::newRow("negative") << std::string("p-1") << false << 0 << 0.0;
  QTest::newRow("space") << std::string("p 9") << false << 0 << 0.0;
  QTest::newRow("capital P") << std::string("P99") << false << 0 << 0.0;
  QTest::newRow("exponent") << std::string("p1e2") << false << 0 << 0.0;
  QTest::newRow("word") << std::string("Percentile") << false << 0 << 0.0;
}

void TestMetricValues::parseStatistic() {
  QFETCH(std::string, text);
  QFETCH(bool, valid);
  QFETCH(int, kind);
  QFETCH(double, percentile);
  const auto parsed = dynadesk::metrics::parseStatistic(text);
  QCOMPARE(parsed.has_value(), valid);
  if (!valid) return;
  QCOMPARE(static_cast<int>(parsed->kind), kind);
  QCOMPARE(parsed->percentile, percentile);
}

void TestMetricValues::statisticNamesRoundTrip() {
  for (const char* name : {"Sum", "Average", "Minimum", "Maximum", "SampleCount", "p50", "p90", "p99", "p99.9",
                           "p99.99", "p0.01", "p0.1", "p100", "p12.34"}) {
    const auto s = dynadesk::metrics::parseStatistic(name);
    QVERIFY2(s.has_value(), name);
    QCOMPARE(statisticName(*s), std::string(name));
  }
  // Trailing zeros are not kept: the shortest spelling comes back.
  QCOMPARE(statisticName(*dynadesk::metrics::parseStatistic("p99.90")), std::string("p99.9"));
  QCOMPARE(statisticName(*dynadesk::metrics::parseStatistic("p050")), std::string("p50"));
}

void TestMetricValues::unitNames() {
  for (Unit u : {Unit::Count, Unit::Milliseconds, Unit::Bytes, Unit::None}) {
    QCOMPARE(parseUnit(unitName(u)), std::optional<Unit>(u));
  }
  QCOMPARE(unitName(Unit::Milliseconds), std::string_view("Milliseconds"));
  QVERIFY(!parseUnit("count").has_value());
  QVERIFY(!parseUnit("Seconds").has_value());
}

void TestMetricValues::metricIdsSortDimensions() {
  const MetricId a = makeMetricId("ConsumedReadCapacityUnits",
                                  {{"TableName", "Music"}, {"GlobalSecondaryIndexName", "ByArtist"}});
  const MetricId b = makeMetricId("ConsumedReadCapacityUnits",
                                  {{"GlobalSecondaryIndexName", "ByArtist"}, {"TableName", "Music"}});
  QCOMPARE(a, b);
  QCOMPARE(a.dimensions.front().name, std::string("GlobalSecondaryIndexName"));
  QVERIFY(a != makeMetricId("ConsumedReadCapacityUnits", {{"TableName", "Music"}}));
}

void TestMetricValues::everyBucketIsWithinOnePercent() {
  // Walk values in steps of 0.05 % over 18 decades, which lands on and next
  // to many bucket edges.
  double worst = 0;
  for (double v = 1e-6; v < 1e12; v *= 1.0005) {
    const std::int32_t index = bucketIndex(v);
    QVERIFY(index != kZeroBucket);
    worst = std::max(worst, relativeError(bucketValue(index), v));
  }
  qInfo("worst relative error of a bucket representative: %.5f %%", worst * 100);
  QVERIFY(worst <= 0.01);
  // Bucket indices grow with the value.
  QVERIFY(bucketIndex(1.0) < bucketIndex(1.1));
  QVERIFY(bucketIndex(0.5) < bucketIndex(1.0));
}

void TestMetricValues::zeroAndOutOfRangeValues() {
  QCOMPARE(bucketIndex(0.0), kZeroBucket);
  QCOMPARE(bucketIndex(-3.0), kZeroBucket);
  QCOMPARE(bucketIndex(std::nan("")), kZeroBucket);
  QCOMPARE(bucketIndex(kMinTrackedValue / 2), kZeroBucket);
  QCOMPARE(bucketIndex(1e30), maxBucketIndex());
  QCOMPARE(bucketValue(kZeroBucket), 0.0);

  Aggregate a = aggregateOf({0, 0, 0, 5});
  QCOMPARE(a.zeroCount(), std::uint64_t{3});
  QCOMPARE(a.percentile(50), 0.0);
  QCOMPARE(a.percentile(100), 5.0);
  // NaN and infinities have no sum: ignored.
  a.add(std::nan(""));
  a.add(INFINITY);
  QCOMPARE(a.sampleCount(), std::uint64_t{4});
  // Values past the top bucket still report exactly at the ends.
  Aggregate huge = aggregateOf({1e25, 2e25});
  QCOMPARE(huge.maximum(), 2e25);
  QCOMPARE(huge.percentile(100), 2e25);
}

void TestMetricValues::mergeEqualsAddingEverything() {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> dist(0, 5000);
  std::vector<double> left, right, all;
  for (int i = 0; i < 3000; ++i) {
    const double v = dist(rng);  // integers: every sum is exact
    (i % 3 == 0 ? left : right).push_back(v);
    all.push_back(v);
  }
  Aggregate merged = aggregateOf(left);
  merged.merge(aggregateOf(right));
  QCOMPARE(merged, aggregateOf(all));

  // Merging into and from empty aggregates.
  Aggregate empty;
  empty.merge(aggregateOf(left));
  QCOMPARE(empty, aggregateOf(left));
  Aggregate copy = aggregateOf(left);
  copy.merge(Aggregate());
  QCOMPARE(copy, aggregateOf(left));
}

void TestMetricValues::percentilesOnKnownDistributions_data() {
  QTest::addColumn<int>("distribution");
  QTest::newRow("uniform integers 1..100000") << 0;
  QTest::newRow("exponential, mean 20 ms") << 1;
  QTest::newRow("log-normal over nine decades") << 2;
  QTest::newRow("bimodal: cache hits and misses") << 3;
}

void TestMetricValues::percentilesOnKnownDistributions() {
  QFETCH(int, distribution);
  std::mt19937_64 rng(42);
  std::vector<double> values;
  switch (distribution) {
    case 0:
      for (int i = 1; i <= 100000; ++i) values.push_back(i);
      std::shuffle(values.begin(), values.end(), rng);
      break;
    case 1: {
      std::exponential_distribution<double> d(1.0 / 20.0);
      for (int i = 0; i < 200000; ++i) values.push_back(d(rng));
      break;
    }
    case 2: {
      std::lognormal_distribution<double> d(0.0, 3.0);
      for (int i = 0; i < 200000; ++i) values.push_back(d(rng));
      break;
    }
    case 3: {
      std::normal_distribution<double> hit(0.8, 0.1), miss(45.0, 8.0);
      for (int i = 0; i < 100000; ++i) values.push_back(std::max(0.01, i % 10 == 0 ? miss(rng) : hit(rng)));
      break;
    }
  }
  const Aggregate a = aggregateOf(values);
  std::sort(values.begin(), values.end());
  for (double p : {50.0, 90.0, 99.0, 99.9}) {
    const double exact = exactPercentile(values, p);
    const double estimate = a.percentile(p);
    QVERIFY2(relativeError(estimate, exact) <= 0.01,
             qPrintable(QString("p%1: estimate %2, exact %3").arg(p).arg(estimate).arg(exact)));
  }
  QCOMPARE(a.minimum(), values.front());
  QCOMPARE(a.maximum(), values.back());
  QCOMPARE(a.sampleCount(), std::uint64_t(values.size()));
  qInfo("%zu samples kept in %zu buckets (%zu bytes encoded)", values.size(), a.buckets().size(),
        encodeAggregate(a).size());
}

void TestMetricValues::percentileEdgesAreExact() {
  const Aggregate a = aggregateOf({3, 1, 2});
  QCOMPARE(a.percentile(99), 3.0);   // rank 3 of 3: the maximum
  QCOMPARE(a.percentile(100), 3.0);
  QCOMPARE(a.percentile(0.01), 1.0);  // rank 1: the minimum
  QVERIFY(relativeError(a.percentile(50), 2.0) <= 0.01);
  // 90 % of 10 samples is rank 9 exactly, not 10 (no floating-point ceiling slip).
  std::vector<double> ten;
  for (int i = 1; i <= 10; ++i) ten.push_back(i * 100);
  QVERIFY(relativeError(aggregateOf(ten).percentile(90), 900) <= 0.01);
  const Aggregate one = aggregateOf({7.5});
  QCOMPARE(one.percentile(50), 7.5);
  QCOMPARE(one.statistic({StatisticKind::Average, 0}), 7.5);
}

void TestMetricValues::encodingRoundTrips() {
  std::mt19937 rng(3);
  std::lognormal_distribution<double> d(2.0, 2.5);
  std::vector<double> many;
  for (int i = 0; i < 5000; ++i) many.push_back(i % 17 == 0 ? 0.0 : d(rng));
  for (const Aggregate& a : {Aggregate(), aggregateOf({0}), aggregateOf({1}), aggregateOf({1e-12, 1e25, 3}),
                            aggregateOf({-2, 4}), aggregateOf(many)}) {
    const std::string bytes = encodeAggregate(a);
    const auto back = decodeAggregate(bytes);
    QVERIFY(back.has_value());
    QCOMPARE(*back, a);
  }
  QVERIFY(encodeAggregate(aggregateOf({1})).size() <= 32);
}

void TestMetricValues::decodingRefusesDamagedBytes() {
  const std::string good = encodeAggregate(aggregateOf({1, 2, 3, 0, 500}));
  for (std::size_t n = 0; n < good.size(); ++n) QVERIFY(!decodeAggregate(good.substr(0, n)).has_value());
  QVERIFY(!decodeAggregate(good + '\0').has_value());
  std::string badVersion = good;
  badVersion[0] = 2;
  QVERIFY(!decodeAggregate(badVersion).has_value());
  // A count that disagrees with the buckets.
  std::string badCount = good;
  badCount[1] = 9;
  QVERIFY(!decodeAggregate(badCount).has_value());
}

void TestMetricValues::accumulatorMatchesAggregate() {
  std::mt19937 rng(11);
  std::lognormal_distribution<double> d(0.0, 4.0);
  SecondAccumulator acc;
  Aggregate expected;
  for (int i = 0; i < 20000; ++i) {
    // Zeros, and values wandering over many decades so the window grows.
    const double v = i % 9 == 0 ? 0.0 : d(rng);
    acc.add(1234, v, bucketIndex(v));
    expected.add(v);
  }
  QCOMPARE(acc.second(), std::int64_t{1234});
  QCOMPARE(acc.toAggregate(), expected);

  SecondAccumulator out;
  acc.moveTo(out);
  QVERIFY(acc.empty());
  QCOMPARE(acc.second(), SecondAccumulator::kNoSecond);
  QCOMPARE(out.toAggregate(), expected);
  QCOMPARE(acc.toAggregate(), Aggregate());
}

void TestMetricValues::accumulatorReusesItsWindow() {
  SecondAccumulator acc;
  SecondAccumulator out;
  // Second after second of the same kind of values: results stay right and
  // nothing of an earlier second leaks into a later one.
  for (std::int64_t second = 0; second < 50; ++second) {
    Aggregate expected;
    for (int i = 0; i < 100; ++i) {
      const double v = 1.0 + static_cast<double>((second * 37 + i * 13) % 400) / 10.0;
      acc.add(second, v, bucketIndex(v));
      expected.add(v);
    }
    acc.moveTo(out);
    QCOMPARE(out.toAggregate(), expected);
    QCOMPARE(out.second(), second);
  }
  // A value far from the window moves an empty one or grows a used one.
  acc.add(1, 1e12, bucketIndex(1e12));
  acc.add(1, 1e-6, bucketIndex(1e-6));
  QCOMPARE(acc.toAggregate(), aggregateOf({1e12, 1e-6}));
}

void TestMetricValues::keyLayoutIsPinned() {
  const std::string key = metricDataKey(0x01020304, Resolution::Minute, 0x0A0B0C0D0E0F);
  QCOMPARE(key, std::string("\x0D\x01\x02\x03\x04\x3C\x00\x00\x0A\x0B\x0C\x0D\x0E\x0F", 14));
  QVERIFY(key.starts_with(metricDataPrefix(0x01020304, Resolution::Minute)));
  QCOMPARE(startOfMetricDataKey(key), std::optional<std::int64_t>(0x0A0B0C0D0E0F));
  QCOMPARE(metricDataPrefix(7, Resolution::Second), std::string("\x0D\x00\x00\x00\x07\x01", 6));
  QCOMPARE(metricCatalogKey(7), std::string("\x0C\x00\x00\x00\x07", 5));
  QCOMPARE(metricOfCatalogKey(metricCatalogKey(7)), std::optional<std::uint32_t>(7));
  QVERIFY(!metricOfCatalogKey(std::string("\x0C\x00", 2)).has_value());
  // Time order is key order.
  QVERIFY(metricDataKey(1, Resolution::Second, 1000) < metricDataKey(1, Resolution::Second, 256000));
}

void TestMetricValues::catalogEntriesRoundTrip() {
  const MetricId id = makeMetricId("SuccessfulRequestLatency", {{"TableName", "Music"}, {"Operation", "GetItem"}});
  const auto back = decodeCatalogEntry(encodeCatalogEntry(id, Unit::Milliseconds));
  QVERIFY(back.has_value());
  QCOMPARE(back->id, id);
  QCOMPARE(back->unit, Unit::Milliseconds);
  const auto none = decodeCatalogEntry(encodeCatalogEntry(makeMetricId("UserErrors", {}), Unit::Count));
  QVERIFY(none.has_value());
  QVERIFY(none->id.dimensions.empty());

  const std::string good = encodeCatalogEntry(id, Unit::Bytes);
  for (std::size_t n = 0; n < good.size(); ++n) QVERIFY(!decodeCatalogEntry(good.substr(0, n)).has_value());
  std::string badUnit = good;
  badUnit[1] = 9;
  QVERIFY(!decodeCatalogEntry(badUnit).has_value());
}

void TestMetricValues::planStatistics_data() {
  QTest::addColumn<qint64>("start");
  QTest::addColumn<qint64>("end");
  QTest::addColumn<int>("period");
  QTest::addColumn<QString>("code");  // empty: accepted
  QTest::addColumn<QString>("message");
  QTest::addColumn<int>("resolution");
  QTest::addColumn<qint64>("alignedStart");

  const qint64 now = 1'700'000'040'000;  // a whole minute
  const qint64 hour = 3'600'000;
  QTest::newRow("recent, 1 s") << now - 60'000 << now << 1 << "" << "" << 1 << now - 60'000;
  QTest::newRow("recent, 7 s aligned down") << now - 60'000 << now << 7 << "" << ""
                                            << 1 << (now - 60'000) / 7000 * 7000;
  QTest::newRow("exactly the retention") << now - hour << now << 5 << "" << "" << 1 << now - hour;
  QTest::newRow("older, 60 s") << now - 2 * hour << now << 60 << "" << "" << 60 << now - 2 * hour;
  QTest::newRow("older, 300 s: to the minute") << now - 2 * hour - 1234 << now << 300 << "" << "" << 60
                                              << now - 2 * hour - 60'000;
  QTest::newRow("90 s on seconds: to the minute") << now - 90'500 << now << 90 << "" << "" << 1 << now - 120'000;
  QTest::newRow("10 s: even divisions of a minute") << now - 25'000 << now << 10 << "" << "" << 1 << now - 30'000;
  const qint64 twentyDays = now - 20 * 24 * hour - 61'000;
  QTest::newRow("20 days ago: to 5 minutes") << twentyDays << twentyDays + hour << 300 << "" << "" << 60
                                             << twentyDays / 300'000 * 300'000;
  const qint64 seventyDays = now - 70 * 24 * hour - 61'000;
  QTest::newRow("70 days ago: to the hour") << seventyDays << seventyDays + hour << 3600 << "" << "" << 60
                                            << seventyDays / hour * hour;
  QTest::newRow("older, 30 s") << now - hour - 1 << now << 30 << "InvalidParameterValue"
                               << "The parameter Period must be a multiple of 60." << 0 << qint64(0);
  QTest::newRow("period 0") << now - 60'000 << now << 0 << "ValidationError"
                            << "1 validation error detected: Value '0' at 'period' failed to satisfy constraint: "
                               "Member must have value greater than or equal to 1"
                            << 0 << qint64(0);
  QTest::newRow("start equals end") << now << now << 60 << "InvalidParameterValue"
                                    << "The parameter StartTime must not equal parameter EndTime." << 0 << qint64(0);
  QTest::newRow("start after end") << now << now - 1000 << 60 << "InvalidParameterValue"
                                   << "The parameter StartTime must be less than the parameter EndTime." << 0
                                   << qint64(0);
  QTest::newRow("1,440 points") << now - 1440'000 << now << 1 << "" << "" << 1 << now - 1440'000;
  QTest::newRow("1,441 points") << now - 1441'000 << now << 1 << "InvalidParameterCombination"
                                << "You have requested up to 1441 datapoints, which exceeds the limit of 1440. You "
                                   "may reduce the datapoints requested by increasing Period, or decreasing the time "
                                   "range."
                                << 0 << qint64(0);
  QTest::newRow("15 days by hour") << now - 15 * 24 * hour << now << 3600 << "" << "" << 60 << now - 15 * 24 * hour;
}

void TestMetricValues::planStatistics() {
  QFETCH(qint64, start);
  QFETCH(qint64, end);
  QFETCH(int, period);
  QFETCH(QString, code);
  QFETCH(QString, message);
  QFETCH(int, resolution);
  QFETCH(qint64, alignedStart);
  const qint64 now = 1'700'000'040'000;
  const auto plan = dynadesk::metrics::planStatistics(start, end, period, now, 3'600'000, true);
  if (!code.isEmpty()) {
    QVERIFY(!plan.isOk());
    QCOMPARE(QString::fromStdString(plan.error().code), code);
    QCOMPARE(QString::fromStdString(plan.error().message), message);
    return;
  }
  QVERIFY2(plan.isOk(), plan.isOk() ? "" : plan.error().message.c_str());
  QCOMPARE(static_cast<int>(plan.value().resolution), resolution);
  QCOMPARE(qint64(plan.value().startMillis), alignedStart);
  QCOMPARE(qint64(plan.value().endMillis), end);
  QCOMPARE(qint64(plan.value().periodMillis), qint64(period) * 1000);
}

QTEST_GUILESS_MAIN(TestMetricValues)
#include "test_metric_values.moc"
