// Capacity units on the Developer Guide's examples and at each rounding edge.
#include <QtTest>

#include "capacity/capacity_units.h"
#include "capacity/consumption.h"
#include "capacity/token_bucket.h"

using namespace dynadesk::capacity;

class TestCapacityUnits : public QObject {
  Q_OBJECT
 private slots:
  void readsRoundUpToFourKilobytes() {
    // "An 8 KB item: 2 RCU strongly consistent, 1 eventually consistent, 4 transactional."
    QCOMPARE(itemReadUnits(8 * 1024, ReadKind::Strong), 2.0);
    QCOMPARE(itemReadUnits(8 * 1024, ReadKind::Eventual), 1.0);
    QCOMPARE(itemReadUnits(8 * 1024, ReadKind::Transactional), 4.0);
    // "A 3.5 KB item is rounded up to 4 KB."
    QCOMPARE(itemReadUnits(3584, ReadKind::Strong), 1.0);
    QCOMPARE(itemReadUnits(4096, ReadKind::Strong), 1.0);
    QCOMPARE(itemReadUnits(4097, ReadKind::Strong), 2.0);
    QCOMPARE(itemReadUnits(4097, ReadKind::Eventual), 1.0);
    QCOMPARE(itemReadUnits(10 * 1024, ReadKind::Eventual), 1.5);
  }

  void aMissingItemStillCostsTheMinimumRead() {
    QCOMPARE(itemReadUnits(0, ReadKind::Eventual), 0.5);
    QCOMPARE(itemReadUnits(0, ReadKind::Strong), 1.0);
    QCOMPARE(itemReadUnits(0, ReadKind::Transactional), 2.0);
  }

  void writesRoundUpToOneKilobyte() {
    QCOMPARE(itemWriteUnits(0), 1.0);  // a delete of nothing still writes
    QCOMPARE(itemWriteUnits(500), 1.0);
    QCOMPARE(itemWriteUnits(1024), 1.0);
    QCOMPARE(itemWriteUnits(1025), 2.0);
    // "A 1.5 KB item: 2 WCU; 4 in a transaction."
    QCOMPARE(itemWriteUnits(1536), 2.0);
    QCOMPARE(itemWriteUnits(1536, true), 4.0);
    QCOMPARE(itemWriteUnits(400 * 1024), 400.0);
  }

  void queryAndScanRoundTheSumOnce() {
    // "A Query returning 10 items of 40 bytes reads 400 bytes: one 4 KB unit, not ten."
    QCOMPARE(pageReadUnits(10 * 40, ReadKind::Strong), 1.0);
    QCOMPARE(pageReadUnits(10 * 40, ReadKind::Eventual), 0.5);
    // 3 items of 1.5 KB: 4.5 KB in all, two units (each alone would be one).
    QCOMPARE(pageReadUnits(3 * 1536, ReadKind::Strong), 2.0);
    // An empty page still costs the minimum.
    QCOMPARE(pageReadUnits(0, ReadKind::Eventual), 0.5);
    // A full 1 MB page.
    QCOMPARE(pageReadUnits(1024 * 1024, ReadKind::Eventual), 128.0);
  }

  void consumptionAddsUpPerIndex() {
    Consumption c;
    c.table.write = 1;
    c.addIndex("ByGenre", true, Units{0, 1});
    c.addIndex("ByYear", false, Units{0, 2});
    c.addIndex("ByGenre", true, Units{0, 2});
    QCOMPARE(c.indexes.size(), std::size_t(2));
    QCOMPARE(c.indexes[0].units.write, 3.0);
    QCOMPARE(c.total().write, 6.0);
    Consumption d;
    d.table.read = 0.5;
    d += c;
    QCOMPARE(d.total().total(), 6.5);
  }

  void bucketsSaveUpToTheirCapacityAndGoIntoDebt() {
    TokenBucket b(5, 5 * 300.0, 0);
    QVERIFY(b.admits());
    b.take(1500);
    QVERIFY(!b.admits());
    b.refill(1000);  // one second: 5 units
    QCOMPARE(b.tokens(), 5.0);
    b.take(20);  // a large write runs on credit
    QCOMPARE(b.tokens(), -15.0);
    QVERIFY(!b.admits());
    b.refill(5000);
    QCOMPARE(b.tokens(), 5.0);
    b.refill(4000);  // a clock that went back refills nothing
    QCOMPARE(b.tokens(), 5.0);
    b.refill(10'000'000);  // never beyond 300 seconds' worth
    QCOMPARE(b.tokens(), 1500.0);
  }
};

QTEST_APPLESS_MAIN(TestCapacityUnits)
#include "test_capacity_units.moc"
