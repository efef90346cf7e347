// Per-key accounting: heavy hitters counted exactly among many light keys,
// bounded slots, minute windows on a manual clock, the hour kept, partitions.
#include <QtTest>

#include "capacity/key_activity.h"

using namespace dynadesk;
using namespace dynadesk::capacity;

namespace {

constexpr std::int64_t kStart = 1'700'000'040'000;  // a minute boundary

KeyRecord keyRecord(std::string_view pk, double readUnits, std::optional<std::string_view> sk = std::nullopt) {
  KeyRecord r;
  r.tableId = 1;
  r.partitionKey = pk;
  r.sortKey = sk;
  r.partitionHash = std::hash<std::string_view>{}(pk);
  r.units.read = readUnits;
  return r;
}

ReportQuery lastHour(std::int64_t now, std::size_t max = 10) {
  ReportQuery q;
  q.startMillis = now - 3600'000;
  q.endMillis = now + 60'000;
  q.periodMillis = 60'000;
  q.maxContributors = max;
  return q;
}

}  // namespace

class TestKeyActivity : public QObject {
  Q_OBJECT
 private slots:
  void heavyHittersAreExactAmongManyLightKeys() {
    auto clock = std::make_shared<ManualClock>(kStart);
    KeyActivity activity(clock, {100, 50});
    // 5,000 distinct light keys (1 unit each), interleaved with three hot keys.
    for (int i = 0; i < 5000; ++i) {
      const std::string light = "light-" + std::to_string(i);
      activity.record(keyRecord(light, 1));
      if (i % 10 == 0) activity.record(keyRecord("hot-a", 4));   // 500 x 4 = 2000
      if (i % 20 == 0) activity.record(keyRecord("hot-b", 4));   // 250 x 4 = 1000
      if (i % 50 == 0) activity.record(keyRecord("hot-c", 5));   // 100 x 5 = 500
    }
    RuleReport r = activity.report(1, "", KeyRule::PartitionAccessed, lastHour(clock->nowMillis(), 3));
    QCOMPARE(r.aggregateValue, 5000.0 + 2000 + 1000 + 500);
    QCOMPARE(r.contributors.size(), std::size_t(3));
    QCOMPARE(r.contributors[0].keys, std::vector<std::string>{"hot-a"});
    QCOMPARE(r.contributors[1].keys, std::vector<std::string>{"hot-b"});
    QCOMPARE(r.contributors[2].keys, std::vector<std::string>{"hot-c"});
    // Space-saving never undercounts; with 100 slots the error is at most sum / 100.
    const double bound = r.aggregateValue / 100;
    QVERIFY(r.contributors[0].total >= 2000 && r.contributors[0].total <= 2000 + bound);
    QVERIFY(r.contributors[1].total >= 1000 && r.contributors[1].total <= 1000 + bound);
    // Distinct keys are estimated within a few percent (HyperLogLog, 256 registers: ~6.5%).
    QVERIFY2(std::abs(static_cast<double>(r.approximateUniqueCount) - 5003) < 5003 * 0.2,
             std::to_string(r.approximateUniqueCount).c_str());
    QCOMPARE(r.periods.size(), std::size_t(1));
    QCOMPARE(r.periods[0].sampleCount, std::uint64_t(5000 + 500 + 250 + 100));
    QCOMPARE(r.periods[0].minimum, 1.0);
    QCOMPARE(r.periods[0].maximum, 5.0);
  }

  void fewKeysAreCountedExactly() {
    auto clock = std::make_shared<ManualClock>(kStart);
    KeyActivity activity(clock);
    for (int i = 0; i < 30; ++i) activity.record(keyRecord("k" + std::to_string(i % 3), 0.5, "s" + std::to_string(i % 2)));
    RuleReport items = activity.report(1, "", KeyRule::ItemAccessed, lastHour(clock->nowMillis()));
    QCOMPARE(items.contributors.size(), std::size_t(6));
    for (const auto& c : items.contributors) {
      QCOMPARE(c.keys.size(), std::size_t(2));
      QCOMPARE(c.total, 2.5);  // 5 records of 0.5 each
    }
    RuleReport parts = activity.report(1, "", KeyRule::PartitionAccessed, lastHour(clock->nowMillis()));
    QCOMPARE(parts.contributors.size(), std::size_t(3));
    QCOMPARE(parts.approximateUniqueCount, std::uint64_t(3));
    // Throttles count requests, in their own rules.
    KeyRecord t = keyRecord("k0", 0);
    t.throttled = true;
    activity.record(t);
    activity.record(t);
    RuleReport throttled = activity.report(1, "", KeyRule::PartitionThrottled, lastHour(clock->nowMillis()));
    QCOMPARE(throttled.contributors.size(), std::size_t(1));
    QCOMPARE(throttled.contributors[0].total, 2.0);
    QCOMPARE(activity.report(1, "", KeyRule::ItemThrottled, lastHour(clock->nowMillis())).contributors.size(),
             std::size_t(0));
    // Other targets are separate.
    QVERIFY(activity.report(1, "ByGenre", KeyRule::PartitionAccessed, lastHour(clock->nowMillis())).contributors.empty());
    QVERIFY(activity.report(2, "", KeyRule::PartitionAccessed, lastHour(clock->nowMillis())).contributors.empty());
  }

  void minutesAreSeparateAndTheHourIsKept() {
    auto clock = std::make_shared<ManualClock>(kStart);
    KeyActivity activity(clock);
    activity.record(keyRecord("early", 1));
    clock->advanceMillis(60'000);
    activity.record(keyRecord("late", 3));
    activity.record(keyRecord("late", 3));
    ReportQuery q = lastHour(clock->nowMillis());
    RuleReport r = activity.report(1, "", KeyRule::PartitionAccessed, q);
    QCOMPARE(r.periods.size(), std::size_t(2));
    QCOMPARE(r.periods[0].periodStartMillis, kStart);
    QCOMPARE(r.periods[0].sum, 1.0);
    QCOMPARE(r.periods[1].periodStartMillis, kStart + 60'000);
    QCOMPARE(r.periods[1].sum, 6.0);
    QCOMPARE(r.contributors[0].keys, std::vector<std::string>{"late"});
    QCOMPARE(r.contributors[0].points.size(), std::size_t(1));
    QCOMPARE(r.contributors[0].points[0].periodStartMillis, kStart + 60'000);
    // A range holding only the first minute.
    q.startMillis = kStart;
    q.endMillis = kStart + 60'000;
    r = activity.report(1, "", KeyRule::PartitionAccessed, q);
    QCOMPARE(r.aggregateValue, 1.0);
    QCOMPARE(r.contributors[0].keys, std::vector<std::string>{"early"});
    // notBeforeMillis leaves earlier minutes out.
    q = lastHour(clock->nowMillis());
    q.notBeforeMillis = kStart + 60'000;
    QCOMPARE(activity.report(1, "", KeyRule::PartitionAccessed, q).aggregateValue, 6.0);
    // Five-minute periods sum their minutes.
    q = lastHour(clock->nowMillis());
    q.startMillis = kStart;
    q.periodMillis = 300'000;
    r = activity.report(1, "", KeyRule::PartitionAccessed, q);
    QCOMPARE(r.periods.size(), std::size_t(1));
    QCOMPARE(r.periods[0].sum, 7.0);
    QCOMPARE(r.periods[0].maxContributorValue, 6.0);
    // After an hour the first minutes are gone.
    clock->advanceMillis(60 * 60'000);
    activity.record(keyRecord("now", 1));
    r = activity.report(1, "", KeyRule::PartitionAccessed, lastHour(clock->nowMillis()));
    QCOMPARE(r.aggregateValue, 1.0);
  }

  void pastMinutesKeepTheirLargestEntries() {
    auto clock = std::make_shared<ManualClock>(kStart);
    KeyActivity activity(clock, {50, 5});
    for (int i = 0; i < 20; ++i) {
      for (int n = 0; n <= i; ++n) activity.record(keyRecord("key-" + std::to_string(i), 1));
    }
    clock->advanceMillis(60'000);
    activity.record(keyRecord("next", 1));  // closes the first minute
    ReportQuery q = lastHour(clock->nowMillis(), 100);
    RuleReport r = activity.report(1, "", KeyRule::PartitionAccessed, q);
    QCOMPARE(r.contributors.size(), std::size_t(6));  // 5 kept + "next"
    QCOMPARE(r.contributors[0].keys, std::vector<std::string>{"key-19"});
    QCOMPARE(r.contributors[0].total, 20.0);
    QCOMPARE(r.aggregateValue, 210.0 + 1);  // sums stay exact
  }

  void partitionsFollowTheGovernorsLayout() {
    auto clock = std::make_shared<ManualClock>(kStart);
    KeyActivity activity(clock);
    KeyRecord r = keyRecord("p", 0);
    r.readCapacityUnits = 6000;  // two partitions by throughput
    r.partitionHash = 0;
    r.units.write = 2;
    activity.record(r);
    r.partitionHash = ~0ull;
    r.units = {};
    r.throttled = true;
    activity.record(r);
    auto minutes = activity.partitions(1, "", kStart, kStart + 60'000);
    QCOMPARE(minutes.size(), std::size_t(1));
    QCOMPARE(minutes[0].partitionCount, 2);
    QCOMPARE(minutes[0].writeUnits, (std::vector<double>{2, 0}));
    QCOMPARE(minutes[0].throttles, (std::vector<std::uint32_t>{0, 1}));
    activity.forget(1);
    QVERIFY(activity.partitions(1, "", kStart, kStart + 60'000).empty());
  }
};

QTEST_APPLESS_MAIN(TestKeyActivity)
#include "test_key_activity.moc"
