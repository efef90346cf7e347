// Provisioned throttling: burst capacity, refill on the engine clock, global
// indexes holding back table writes, hot partitions, on-demand and the off switch.
#include <QtTest>

#include "capacity/throughput_governor.h"

using namespace dynadesk;
using namespace dynadesk::capacity;

namespace {

TableDef provisioned(std::int64_t rcu, std::int64_t wcu) {
  TableDef t;
  t.id = 7;
  t.name = "Music";
  t.billingMode = BillingMode::Provisioned;
  t.throughput.readCapacityUnits = rcu;
  t.throughput.writeCapacityUnits = wcu;
  return t;
}

Consumption writes(double units) {
  Consumption c;
  c.table.write = units;
  return c;
}

}  // namespace

class TestThroughputGovernor : public QObject {
  Q_OBJECT
 private slots:
  void partitionsFollowThroughputAndSize() {
    QCOMPARE(partitionCount(0, 0, 0), 1);
    QCOMPARE(partitionCount(1000, 500, 0), 1);  // 0.33 + 0.5
    QCOMPARE(partitionCount(3000, 1000, 0), 2);
    QCOMPARE(partitionCount(3001, 0, 0), 2);
    QCOMPARE(partitionCount(5, 5, 10ull << 30), 1);
    QCOMPARE(partitionCount(5, 5, (10ull << 30) + 1), 2);
    QCOMPARE(partitionCount(5, 5, 25ull << 30), 3);
    QCOMPARE(partitionOf(0, 4), 0);
    QCOMPARE(partitionOf(~0ull, 4), 3);
    QCOMPARE(partitionOf(1ull << 63, 4), 2);
  }

  void burstCapacityIsSpentThenRefills() {
    auto clock = std::make_shared<ManualClock>(1'000'000);
    ThroughputGovernor g(clock);
    const TableDef t = provisioned(5, 5);
    // 300 seconds of 5 WCU saved up.
    for (int i = 0; i < 1500; ++i) {
      QVERIFY(!g.admitWrite(t, std::nullopt));
      g.charge(t, writes(1), std::nullopt);
    }
    auto throttle = g.admitWrite(t, std::nullopt);
    QVERIFY(throttle);
    QVERIFY(!throttle->read);
    QVERIFY(throttle->index.empty());
    QVERIFY(!g.admitRead(t, nullptr, std::nullopt));  // reads have their own bucket
    clock->advanceMillis(200);  // one unit back
    QVERIFY(!g.admitWrite(t, std::nullopt));
    g.charge(t, writes(1), std::nullopt);
    QVERIFY(g.admitWrite(t, std::nullopt));
  }

  void raisingThroughputKeepsWhatWasSaved() {
    auto clock = std::make_shared<ManualClock>(0);
    ThroughputGovernor g(clock);
    TableDef t = provisioned(1, 1);
    g.charge(t, writes(300), std::nullopt);
    QVERIFY(g.admitWrite(t, std::nullopt));
    t.throughput.writeCapacityUnits = 100;  // UpdateTable
    clock->advanceMillis(1000);
    QVERIFY(!g.admitWrite(t, std::nullopt));  // refills at the new rate
  }

  void aGlobalIndexWithoutCapacityThrottlesTheTablesWrites() {
    auto clock = std::make_shared<ManualClock>(0);
    ThroughputGovernor g(clock);
    TableDef t = provisioned(100, 100);
    IndexDef gsi;
    gsi.id = 1;
    gsi.name = "ByGenre";
    gsi.kind = IndexKind::Global;
    gsi.throughput.readCapacityUnits = 1;
    gsi.throughput.writeCapacityUnits = 1;
    t.indexes.push_back(gsi);
    Consumption c = writes(1);
    c.addIndex("ByGenre", true, Units{0, 300});
    g.charge(t, c, std::nullopt);
    auto throttle = g.admitWrite(t, std::nullopt);
    QVERIFY(throttle);
    QCOMPARE(throttle->index, std::string("ByGenre"));
    // Reading the table is unaffected; reading the index has its own bucket.
    QVERIFY(!g.admitRead(t, nullptr, std::nullopt));
    QVERIFY(!g.admitRead(t, &t.indexes[0], std::nullopt));
  }

  void localIndexesUseTheTablesCapacity() {
    auto clock = std::make_shared<ManualClock>(0);
    ThroughputGovernor g(clock);
    const TableDef t = provisioned(1, 1);
    Consumption c;
    c.addIndex("ByYear", false, Units{0, 300});
    g.charge(t, c, std::nullopt);
    QVERIFY(g.admitWrite(t, std::nullopt));
  }

  void aHotPartitionThrottlesWhileTheTableHasCapacity() {
    auto clock = std::make_shared<ManualClock>(0);
    ThroughputGovernor g(clock);
    const TableDef t = provisioned(0, 4000);  // four partitions
    const std::uint64_t hot = 1, cold = ~0ull;
    for (int i = 0; i < 1000; ++i) {
      QVERIFY(!g.admitWrite(t, hot));
      g.charge(t, writes(1), hot);
    }
    auto throttle = g.admitWrite(t, hot);
    QVERIFY(throttle);
    QVERIFY(throttle->partition);
    QVERIFY(!g.admitWrite(t, cold));  // the table and the other partitions still have room
    clock->advanceMillis(1000);
    QVERIFY(!g.admitWrite(t, hot));
  }

  void onDemandAndDisabledNeverThrottle() {
    auto clock = std::make_shared<ManualClock>(0);
    ThroughputGovernor g(clock);
    TableDef onDemand = provisioned(0, 0);
    onDemand.billingMode = BillingMode::PayPerRequest;
    g.charge(onDemand, writes(1e9), std::nullopt);
    QVERIFY(!g.admitWrite(onDemand, std::nullopt));
    const TableDef t = provisioned(1, 1);
    g.charge(t, writes(1000), std::nullopt);
    QVERIFY(g.admitWrite(t, std::nullopt));
    g.setEnabled(false);
    QVERIFY(!g.admitWrite(t, std::nullopt));
  }
};

QTEST_APPLESS_MAIN(TestThroughputGovernor)
#include "test_throughput_governor.moc"
