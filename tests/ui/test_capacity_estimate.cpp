// The capacity calculator and the recorded-traffic estimate: DynamoDB's
// documented capacity examples (numbers quoted from the pages named in each
// case), rounding edges, transactions, monthly cost arithmetic with the
// default and an edited price table, and metrics -> estimate with
// hand-computed expectations.
#include <QtTest>

#include "format/capacity_estimate.h"
#include "format/recorded_traffic.h"

using namespace dynadesk;
using namespace dynadesk::ui;

namespace {
constexpr double KB = 1024.0;
bool near(double a, double b, double eps = 1e-9) { return std::fabs(a - b) <= eps * std::max(1.0, std::fabs(b)); }
}  // namespace

class TestCapacityEstimate : public QObject {
  Q_OBJECT
 private slots:
  void documentedReadExamples() {
    // Developer Guide, "DynamoDB read and write operations": "reading a
    // 3,500-byte item consumes the same throughput as reading a 4 KB item."
    QCOMPARE(readUnitsPerRead(3500, ReadConsistency::Strong, false),
             readUnitsPerRead(4 * KB, ReadConsistency::Strong, false));
    QCOMPARE(readUnitsPerRead(3500, ReadConsistency::Strong, false), 1.0);
    // Same page: "if your item size is 8 KB, you require 2 read units to
    // sustain one strongly consistent read, 1 read unit if you choose
    // eventually consistent reads, or 4 read units for a transactional read."
    QCOMPARE(readUnitsPerRead(8 * KB, ReadConsistency::Strong, false), 2.0);
    QCOMPARE(readUnitsPerRead(8 * KB, ReadConsistency::Eventual, false), 1.0);
    QCOMPARE(readUnitsPerRead(8 * KB, ReadConsistency::Strong, true), 4.0);
    // A transaction is strongly consistent whatever the form's consistency says.
    QCOMPARE(readUnitsPerRead(8 * KB, ReadConsistency::Eventual, true), 4.0);
    // Same page, GetItem: "if you read an item of 10 KB, DynamoDB rounds the
    // item size to 12 KB" -> 3 units strongly consistent, half that eventually.
    QCOMPARE(readUnitsPerRead(10 * KB, ReadConsistency::Strong, false), 3.0);
    QCOMPARE(readUnitsPerRead(10 * KB, ReadConsistency::Eventual, false), 1.5);
    // Same page, BatchGetItem: "if a BatchGetItem reads a 1.5 KB item and a
    // 6.5 KB item, DynamoDB calculates the size as 12 KB (4 KB + 8 KB), not
    // 8 KB (1.5 KB + 6.5 KB)" -> 3 units, not 2.
    QCOMPARE(readUnitsPerRead(1.5 * KB, ReadConsistency::Strong, false) +
                 readUnitsPerRead(6.5 * KB, ReadConsistency::Strong, false),
             3.0);
    // Pricing overview, "Capacity planning": a 7.5 KB item rounds up to 8 KB,
    // "2 RCUs to sustain one strongly consistent read per second".
    QCOMPARE(readUnitsPerRead(7.5 * KB, ReadConsistency::Strong, false), 2.0);
  }

  void documentedWriteExamples() {
    // "Pricing for Provisioned Capacity": "a standard write request of a 1 KB
    // item would require one WCU, a standard write request of a 3 KB item
    // would require three WCUs, and a transactional write request of a 3 KB
    // item would require six WCUs."
    QCOMPARE(writeUnitsPerWrite(1 * KB, false), 1.0);
    QCOMPARE(writeUnitsPerWrite(3 * KB, false), 3.0);
    QCOMPARE(writeUnitsPerWrite(3 * KB, true), 6.0);
    // Pricing overview, "Capacity planning": a 7.5 KB item needs "8 WCUs to
    // sustain one write request per second".
    QCOMPARE(writeUnitsPerWrite(7.5 * KB, false), 8.0);
  }

  void roundingEdges() {
    QCOMPARE(readUnitsPerRead(4096, ReadConsistency::Strong, false), 1.0);
    QCOMPARE(readUnitsPerRead(4097, ReadConsistency::Strong, false), 2.0);
    QCOMPARE(readUnitsPerRead(4097, ReadConsistency::Eventual, false), 1.0);
    QCOMPARE(writeUnitsPerWrite(1024, false), 1.0);
    QCOMPARE(writeUnitsPerWrite(1025, false), 2.0);
    // An empty (or missing) item still costs DynamoDB's minimum unit.
    QCOMPARE(readUnitsPerRead(0, ReadConsistency::Strong, false), 1.0);
    QCOMPARE(readUnitsPerRead(0, ReadConsistency::Eventual, false), 0.5);
    QCOMPARE(writeUnitsPerWrite(0, false), 1.0);
    QCOMPARE(writeUnitsPerWrite(400 * KB, false), 400.0);
    QCOMPARE(writeUnitsPerWrite(400 * KB, true), 800.0);
  }

  void mixedWorkloadAndDefaultPrices() {
    // 6 KB items; 100 eventually consistent reads/s, 20 % in transactions;
    // 10 writes/s, half in transactions; 10 GB stored.
    CapacityWorkload w;
    w.itemSizeBytes = 6 * KB;
    w.readsPerSecond = 100;
    w.consistency = ReadConsistency::Eventual;
    w.transactionalReadShare = 0.2;
    w.writesPerSecond = 10;
    w.transactionalWriteShare = 0.5;
    w.tableSizeBytes = 10 * kBytesPerGb;
    auto e = estimateCapacity(w, defaultPriceTable());
    QVERIFY(e.isOk());
    // Reads: 80 x (8 KB -> 2 units, halved) = 80; 20 x (2 units x 2) = 80.
    QCOMPARE(e->readUnitsPerSecond, 160.0);
    // Writes: 5 x 6 units + 5 x 12 units = 90.
    QCOMPARE(e->writeUnitsPerSecond, 90.0);
    QCOMPARE(e->provisionedReadUnits, 160LL);
    QCOMPARE(e->provisionedWriteUnits, 90LL);
    // On-demand: units/s x 2,628,000 s a month / 1e6 x price per million.
    QVERIFY(near(e->cost.onDemandReads, 160 * 2.628 * 0.125));    // 52.56
    QVERIFY(near(e->cost.onDemandWrites, 90 * 2.628 * 0.625));    // 147.825
    // Provisioned: units x 730 h x price per unit-hour.
    QVERIFY(near(e->cost.provisionedReads, 160 * 730 * 0.00013));  // 15.184
    QVERIFY(near(e->cost.provisionedWrites, 90 * 730 * 0.00065));  // 42.705
    QVERIFY(near(e->cost.storage, 2.5));
    QVERIFY(near(e->cost.onDemand(), 52.56 + 147.825 + 2.5));
    QVERIFY(near(e->cost.provisioned(), 15.184 + 42.705 + 2.5));
    QVERIFY(!e->cost.onDemandIsCheaper());
  }

  void defaultPricesCarryTheirDate() {
    const PriceTable p = defaultPriceTable();
    QCOMPARE(QString::fromStdString(p.region), QStringLiteral("us-east-1"));
    QCOMPARE(QString::fromStdString(p.effectiveDate), QStringLiteral("2024-11-01"));
    QVERIFY(!p.source.empty());
    QCOMPARE(p.onDemandPerMillionReadUnits, 0.125);
    QCOMPARE(p.onDemandPerMillionWriteUnits, 0.625);
    QCOMPARE(p.provisionedPerReadUnitHour, 0.00013);
    QCOMPARE(p.provisionedPerWriteUnitHour, 0.00065);
    QCOMPARE(p.storagePerGbMonth, 0.25);
  }

  void editedPriceTable() {
    // A sparse workload: 1 KB items, 2 strongly consistent reads/s, 1 write/s.
    CapacityWorkload w;
    w.itemSizeBytes = 1 * KB;
    w.readsPerSecond = 2;
    w.writesPerSecond = 1;
    PriceTable p = defaultPriceTable();
    auto d = estimateCapacity(w, p);
    QVERIFY(d.isOk());
    // Default: on-demand 2 x 2.628 x 0.125 + 1 x 2.628 x 0.625 = 0.657 + 1.6425.
    QVERIFY(near(d->cost.onDemand(), 2.2995));
    // Provisioned: 2 x 730 x 0.00013 + 1 x 730 x 0.00065 = 0.1898 + 0.4745.
    QVERIFY(near(d->cost.provisioned(), 0.6643));
    // Edited: on-demand writes at $1.25 (the pre-November-2024 price) and a
    // dearer RCU-hour.
    p.onDemandPerMillionWriteUnits = 1.25;
    p.provisionedPerReadUnitHour = 0.001;
    auto e = estimateCapacity(w, p);
    QVERIFY(e.isOk());
    QVERIFY(near(e->cost.onDemandWrites, 2.628 * 1.25));
    QVERIFY(near(e->cost.provisionedReads, 2 * 730 * 0.001));
    QVERIFY(near(e->cost.onDemand(), 0.657 + 3.285));
    QVERIFY(near(e->cost.provisioned(), 1.46 + 0.4745));
  }

  void fractionalRatesRoundUpOnce() {
    // 0.1 writes/s of 3 KB items -> 0.3 WCU consumed, 1 provisioned (minimum);
    // 30 eventually consistent reads/s of 4 KB -> exactly 15 RCU, not 16.
    CapacityWorkload w;
    w.itemSizeBytes = 3 * KB;
    w.writesPerSecond = 0.1;
    w.readsPerSecond = 30;
    w.consistency = ReadConsistency::Eventual;
    auto e = estimateCapacity(w, defaultPriceTable());
    QVERIFY(e.isOk());
    QVERIFY(near(e->writeUnitsPerSecond, 0.3));
    QCOMPARE(e->provisionedWriteUnits, 1LL);
    QCOMPARE(e->readUnitsPerSecond, 15.0);
    QCOMPARE(e->provisionedReadUnits, 15LL);
  }

  void badInputsAreRefusedInPlainWords() {
    CapacityWorkload w;
    w.readsPerSecond = -1;
    auto r = estimateCapacity(w, defaultPriceTable());
    QVERIFY(!r.isOk());
    QCOMPARE(r.status().type(), ErrorType::ValidationException);
    w.readsPerSecond = 1;
    w.transactionalWriteShare = 1.5;
    QVERIFY(!estimateCapacity(w, defaultPriceTable()).isOk());
    w.transactionalWriteShare = 0;
    w.itemSizeBytes = std::nan("");
    QVERIFY(!estimateCapacity(w, defaultPriceTable()).isOk());
    w.itemSizeBytes = 401 * KB;
    QVERIFY(!estimateCapacity(w, defaultPriceTable()).isOk());
    w.itemSizeBytes = 1 * KB;
    PriceTable p = defaultPriceTable();
    p.storagePerGbMonth = -0.25;
    QVERIFY(!estimateCapacity(w, p).isOk());
  }

  void dollars() {
    QCOMPARE(QString::fromStdString(formatDollars(1234.567)), QStringLiteral("$1,234.57"));
    QCOMPARE(QString::fromStdString(formatDollars(1234567.0)), QStringLiteral("$1,234,567.00"));
    QCOMPARE(QString::fromStdString(formatDollars(0.0191625)), QStringLiteral("$0.0192"));
    QCOMPARE(QString::fromStdString(formatDollars(0)), QStringLiteral("$0.00"));
    QCOMPARE(QString::fromStdString(formatDollars(7.4022)), QStringLiteral("$7.40"));
  }

  void windowsAndRequests() {
    const std::int64_t now = 1767225600000LL;
    const TrafficWindow h = trafficWindow(TrafficRange::Hour, now);
    QCOMPARE(h.endMillis, now + 1000);
    QCOMPARE(h.startMillis, now + 1000 - 3600 * 1000);
    QCOMPARE(h.periodSeconds, 60);
    const TrafficWindow d = trafficWindow(TrafficRange::Day, now);
    QCOMPARE(d.periodSeconds, 300);
    QVERIFY(d.rangeSeconds / d.periodSeconds <= 1440);
    const TrafficWindow wk = trafficWindow(TrafficRange::Week, now);
    QCOMPARE(wk.periodSeconds, 3600);
    QVERIFY(wk.rangeSeconds / wk.periodSeconds <= 1440);
    const auto req = consumedCapacityRequest("Music", "ConsumedWriteCapacityUnits", h);
    QCOMPARE(req["Namespace"], nlohmann::json("AWS/DynamoDB"));
    QCOMPARE(req["Dimensions"][0]["Value"], nlohmann::json("Music"));
    QCOMPARE(req["Period"], nlohmann::json(60));
    QCOMPARE(req["Statistics"], nlohmann::json::array({"Sum"}));
    QCOMPARE(req["EndTime"].get<double>(), (now + 1000) / 1000.0);
  }

  void parseDatapoints() {
    const auto response = nlohmann::json::parse(R"({"Label":"ConsumedReadCapacityUnits","Datapoints":[
      {"Timestamp": 1767225660, "Sum": 120.0, "Unit": "Count"},
      {"Timestamp": 1767225600, "Sum": 60.0, "Unit": "Count"},
      {"Timestamp": 1767225720, "Unit": "Count"},
      {"Timestamp": 1767225780, "Sum": 30.0, "Unit": "Count"}]})");
    auto sums = parseConsumedSums(response);
    QVERIFY(sums.isOk());
    QCOMPARE(sums->size(), std::size_t(3));
    QCOMPARE((*sums)[0].timestampMillis, 1767225600000LL);
    QCOMPARE((*sums)[0].sum, 60.0);
    QCOMPARE((*sums)[1].sum, 120.0);
    QVERIFY(!parseConsumedSums(nlohmann::json::object()).isOk());
    QVERIFY(!parseConsumedSums(nlohmann::json("x")).isOk());
  }

  void trafficToEstimate() {
    const TrafficWindow h = trafficWindow(TrafficRange::Hour, 1767225600000LL);
    const std::vector<PeriodSum> reads{{0, 60}, {60000, 120}, {120000, 30}};
    const std::vector<PeriodSum> writes{{0, 600}, {60000, 60}};
    const RecordedTraffic t = summarizeTraffic(reads, writes, h);
    QCOMPARE(t.totalReadUnits, 210.0);
    QCOMPARE(t.totalWriteUnits, 660.0);
    QVERIFY(near(t.averageReadUnitsPerSecond, 210.0 / 3600));
    QVERIFY(near(t.averageWriteUnitsPerSecond, 660.0 / 3600));
    QCOMPARE(t.peakReadUnitsPerSecond, 2.0);    // 120 units in a minute
    QCOMPARE(t.peakWriteUnitsPerSecond, 10.0);  // 600 units in a minute

    const TrafficEstimate e = estimateFromTraffic(t, defaultPriceTable(), "the last hour");
    // Sized for the peak at 70 %: ceil(2 / 0.7) = 3 RCU, ceil(10 / 0.7) = 15 WCU.
    QCOMPARE(e.provisionedReadUnits, 3LL);
    QCOMPARE(e.provisionedWriteUnits, 15LL);
    // On-demand on the average: (210/3600) x 2.628 x 0.125 + (660/3600) x 2.628 x 0.625.
    QVERIFY(near(e.cost.onDemand(), 0.0191625 + 0.301125));
    // Provisioned: 3 x 730 x 0.00013 + 15 x 730 x 0.00065 = 0.2847 + 7.1175.
    QVERIFY(near(e.cost.provisioned(), 7.4022));
    const QString s = QString::fromStdString(e.sentence);
    QVERIFY2(s.contains("about $0.3203 a month on-demand, $7.40 provisioned"), qPrintable(s));
    QVERIFY2(s.contains("70 %"), qPrintable(s));
    QVERIFY2(s.contains("busiest minute of the last hour"), qPrintable(s));

    // Another target utilisation: 50 % -> 4 RCU, 20 WCU.
    const TrafficEstimate half = estimateFromTraffic(t, defaultPriceTable(), "the last hour", 0.5);
    QCOMPARE(half.provisionedReadUnits, 4LL);
    QCOMPARE(half.provisionedWriteUnits, 20LL);
  }

  void noTraffic() {
    const TrafficWindow d = trafficWindow(TrafficRange::Day, 1767225600000LL);
    const RecordedTraffic t = summarizeTraffic({}, {}, d);
    QVERIFY(t.empty());
    const TrafficEstimate e = estimateFromTraffic(t, defaultPriceTable(), "the last day");
    QCOMPARE(e.cost.onDemand(), 0.0);
    QCOMPARE(e.provisionedReadUnits, 1LL);  // a provisioned table still needs 1 of each
    QVERIFY(QString::fromStdString(e.sentence).contains("No reads or writes"));
  }
};

QTEST_GUILESS_MAIN(TestCapacityEstimate)
#include "test_capacity_estimate.moc"
