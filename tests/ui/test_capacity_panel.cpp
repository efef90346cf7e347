// The Capacity tab against a real engine: switching an on-demand table (with a
// global index) to provisioned capacity through the panel's editor, then
// changing its units, and DescribeTable agreeing each time; DynamoDB's refusal
// shown in its words; the calculator's numbers in the widgets, with the
// cheaper mode marked and an edited price table; and the recorded-traffic
// estimate after real writes and reads, which must match the consumed
// capacity those calls reported (ReturnConsumedCapacity) on the engine's
// manual clock. With DYNADESK_SCREENSHOT=<file.png> it saves the panel in the
// dark theme.
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include "bridge/engine_bridge.h"
#include "client/local_client.h"
#include "client/request_runner.h"
#include "temp_engine.h"
#include "widgets/app_palette.h"
#include "widgets/capacity_panel.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

Json createRequest(const std::string& name, bool withIndex) {
  Json r{{"TableName", name},
         {"KeySchema", Json::array({{{"AttributeName", "Artist"}, {"KeyType", "HASH"}},
                                    {{"AttributeName", "SongTitle"}, {"KeyType", "RANGE"}}})},
         {"AttributeDefinitions", Json::array({{{"AttributeName", "Artist"}, {"AttributeType", "S"}},
                                              {{"AttributeName", "SongTitle"}, {"AttributeType", "S"}},
                                              {{"AttributeName", "Genre"}, {"AttributeType", "S"}}})},
         {"BillingMode", "PAY_PER_REQUEST"}};
  if (withIndex) {
    r["GlobalSecondaryIndexes"] =
        Json::array({{{"IndexName", "ByGenre"},
                      {"KeySchema", Json::array({{{"AttributeName", "Genre"}, {"KeyType", "HASH"}}})},
                      {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}});
  } else {
    r["AttributeDefinitions"].erase(2);
  }
  return r;
}

template <typename W>
W* child(QWidget& parent, const char* name) {
  auto* w = parent.findChild<W*>(QString::fromLatin1(name));
  if (!w) qFatal("no widget %s", name);
  return w;
}

bool near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

}  // namespace

class TestCapacityPanel : public QObject {
  Q_OBJECT
 private slots:
  void switchToProvisionedAndChangeUnits() {
    TempEngine t;
    QCOMPARE(TempEngine::errorType(t.call("CreateTable", createRequest("Music", true))), std::string());
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    CapacityPanel panel(runner, &bridge);
    panel.setClock([&t] { return t.clock().nowMillis(); });
    panel.resize(1200, 820);
    panel.show();
    QSignalSpy described(&panel, &CapacityPanel::described);
    panel.openTable("Music");
    QVERIFY(described.wait(5000));
    QVERIFY(child<QRadioButton>(panel, "onDemandMode")->isChecked());
    QVERIFY(!child<QSpinBox>(panel, "readUnits0")->isEnabled());  // nothing to edit on-demand

    // Switch to provisioned: 7/3 on the table, 4/2 on the index.
    child<QRadioButton>(panel, "provisionedMode")->setChecked(true);
    QVERIFY(child<QSpinBox>(panel, "readUnits0")->isEnabled());
    child<QSpinBox>(panel, "readUnits0")->setValue(7);
    child<QSpinBox>(panel, "writeUnits0")->setValue(3);
    child<QSpinBox>(panel, "readUnits1")->setValue(4);
    child<QSpinBox>(panel, "writeUnits1")->setValue(2);
    QSignalSpy updated(&panel, &CapacityPanel::capacityUpdated);
    QSignalSpy status(&panel, &CapacityPanel::statusMessage);
    described.clear();
    child<QPushButton>(panel, "applyCapacity")->click();
    QVERIFY(updated.wait(5000));
    QTRY_VERIFY_WITH_TIMEOUT(described.count() >= 1, 5000);
    QVERIFY(status.count() >= 1);
    QVERIFY(status.last().at(0).toString().contains("switched to provisioned"));

    Json table = t.call("DescribeTable", {{"TableName", "Music"}})["Table"];
    QCOMPARE(table["BillingModeSummary"]["BillingMode"], Json("PROVISIONED"));
    QCOMPARE(table["ProvisionedThroughput"]["ReadCapacityUnits"], Json(7));
    QCOMPARE(table["ProvisionedThroughput"]["WriteCapacityUnits"], Json(3));
    QCOMPARE(table["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"], Json(4));
    QCOMPARE(table["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["WriteCapacityUnits"], Json(2));
    // The panel shows what DynamoDB now says.
    QCOMPARE(panel.description()["ProvisionedThroughput"]["ReadCapacityUnits"], Json(7));
    QVERIFY(child<QRadioButton>(panel, "provisionedMode")->isChecked());
    QCOMPARE(child<QSpinBox>(panel, "readUnits0")->value(), 7);

    // Change only the table's read units: the index is left alone.
    child<QSpinBox>(panel, "readUnits0")->setValue(9);
    updated.clear();
    described.clear();
    child<QPushButton>(panel, "applyCapacity")->click();
    QVERIFY(updated.wait(5000));
    QTRY_VERIFY_WITH_TIMEOUT(described.count() >= 1, 5000);
    table = t.call("DescribeTable", {{"TableName", "Music"}})["Table"];
    QCOMPARE(table["ProvisionedThroughput"]["ReadCapacityUnits"], Json(9));
    QCOMPARE(table["ProvisionedThroughput"]["WriteCapacityUnits"], Json(3));
    QCOMPARE(table["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"], Json(4));

    // Nothing changed: nothing is sent, and the status bar says so.
    status.clear();
    updated.clear();
    child<QPushButton>(panel, "applyCapacity")->click();
    QCOMPARE(status.count(), 1);
    QVERIFY(status.last().at(0).toString().contains("unchanged"));
    QCOMPARE(updated.count(), 0);

    // Back to on-demand.
    child<QRadioButton>(panel, "onDemandMode")->setChecked(true);
    described.clear();
    child<QPushButton>(panel, "applyCapacity")->click();
    QVERIFY(updated.wait(5000));
    QTRY_VERIFY_WITH_TIMEOUT(described.count() >= 1, 5000);
    table = t.call("DescribeTable", {{"TableName", "Music"}})["Table"];
    QCOMPARE(table["BillingModeSummary"]["BillingMode"], Json("PAY_PER_REQUEST"));
  }

  void refusalIsShownInDynamoDbsWords() {
    TempEngine t;
    QCOMPARE(TempEngine::errorType(t.call("CreateTable", createRequest("Gone", false))), std::string());
    LocalClient client(t.engine());
    RequestRunner runner(client);
    CapacityPanel panel(runner, nullptr);  // no events: the panel keeps its last description
    QSignalSpy described(&panel, &CapacityPanel::described);
    panel.openTable("Gone");
    QVERIFY(described.wait(5000));
    // The table goes behind the panel's back; switching it is refused.
    QCOMPARE(TempEngine::errorType(t.call("DeleteTable", {{"TableName", "Gone"}})), std::string());
    child<QRadioButton>(panel, "provisionedMode")->setChecked(true);
    QSignalSpy refused(&panel, &CapacityPanel::capacityRefused);
    child<QPushButton>(panel, "applyCapacity")->click();
    QVERIFY(refused.wait(5000));
    const QString message = refused.at(0).at(0).toString();
    QVERIFY2(message.contains("not found"), qPrintable(message));
    auto* error = child<QLabel>(panel, "billingError");
    QVERIFY(!error->isHidden());
    QVERIFY(error->text().contains("not found"));
  }

  void calculatorShowsItsNumbers() {
    TempEngine t;
    LocalClient client(t.engine());
    RequestRunner runner(client);
    CapacityPanel panel(runner, nullptr);
    panel.show();
    // 8 KB items, 100 strongly consistent reads and 10 writes a second.
    child<QDoubleSpinBox>(panel, "itemSize")->setValue(8);
    child<QDoubleSpinBox>(panel, "readsPerSecond")->setValue(100);
    child<QComboBox>(panel, "consistency")->setCurrentIndex(1);  // strongly consistent
    child<QDoubleSpinBox>(panel, "writesPerSecond")->setValue(10);
    QVERIFY(panel.calculatorEstimate().has_value());
    // 100 x 2 units = 200 RCU; 10 x 8 units = 80 WCU.
    QCOMPARE(panel.calculatorEstimate()->provisionedReadUnits, 200LL);
    QCOMPARE(panel.calculatorEstimate()->provisionedWriteUnits, 80LL);
    QVERIFY(child<QLabel>(panel, "rcuResult")->text().contains("200 RCU"));
    QVERIFY(child<QLabel>(panel, "wcuResult")->text().contains("80 WCU"));
    // On-demand: 200 x 2.628 x 0.125 + 80 x 2.628 x 0.625 = 65.70 + 131.40.
    // Provisioned: 200 x 730 x 0.00013 + 80 x 730 x 0.00065 = 18.98 + 37.96.
    auto* onDemand = child<QLabel>(panel, "onDemandCost");
    auto* provisioned = child<QLabel>(panel, "provisionedCost");
    QVERIFY2(onDemand->text().contains("$197.10"), qPrintable(onDemand->text()));
    QVERIFY2(provisioned->text().contains("$56.94"), qPrintable(provisioned->text()));
    QVERIFY(provisioned->text().contains("cheaper"));
    QVERIFY(!onDemand->text().contains("cheaper"));

    // Transactions: half the writes transactional -> 5 x 8 + 5 x 16 = 120 WCU.
    child<QDoubleSpinBox>(panel, "transactionalWrites")->setValue(50);
    QCOMPARE(panel.calculatorEstimate()->provisionedWriteUnits, 120LL);

    // An edited price: WCU-hour at $0.01 makes provisioned writes
    // 120 x 730 x 0.01 = $876, so on-demand (65.70 + 120 x 2.628 x 0.625 = 262.80) wins.
    auto* priceTable = child<QWidget>(panel, "priceTable");
    auto boxes = priceTable->findChildren<QDoubleSpinBox*>();
    QCOMPARE(boxes.size(), 5);
    QDoubleSpinBox* wcuHour = nullptr;
    for (auto* b : boxes) {
      if (b->value() == 0.00065) wcuHour = b;
    }
    QVERIFY(wcuHour);
    wcuHour->setValue(0.01);
    QCOMPARE(panel.prices().provisionedPerWriteUnitHour, 0.01);
    QVERIFY2(onDemand->text().contains("$262.80"), qPrintable(onDemand->text()));
    QVERIFY(onDemand->text().contains("cheaper"));
    QVERIFY(panel.calculatorEstimate()->cost.onDemandIsCheaper());
    QVERIFY(child<QLabel>(panel, "priceDate")->text().contains("edited"));

    child<QPushButton>(panel, "resetPrices")->click();
    QVERIFY(panel.prices() == defaultPriceTable());
    QCOMPARE(wcuHour->value(), 0.00065);
    QVERIFY(child<QLabel>(panel, "priceDate")->text().contains("2024-11-01"));
    QVERIFY(!child<QLabel>(panel, "priceDate")->text().contains("edited"));
  }

  void recordedTrafficMatchesConsumedCapacity() {
    TempEngine t;
    QCOMPARE(TempEngine::errorType(t.call("CreateTable", createRequest("Events", false))), std::string());
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    CapacityPanel panel(runner, &bridge);
    panel.setClock([&t] { return t.clock().nowMillis(); });
    panel.resize(1200, 820);
    panel.show();
    QSignalSpy estimated(&panel, &CapacityPanel::trafficEstimated);
    panel.openTable("Events");
    QVERIFY(estimated.wait(5000));
    QVERIFY(panel.trafficEstimate().has_value());
    QVERIFY(panel.trafficEstimate()->traffic.empty());
    QVERIFY(child<QLabel>(panel, "trafficEstimate")->text().contains("No reads or writes"));

    // Writes of growing items over two minutes of the engine's clock, then
    // strongly consistent reads; add up what DynamoDB reports they consumed.
    double writeUnits = 0, readUnits = 0, busiestMinuteWrites = 0;
    for (int minute = 0; minute < 2; ++minute) {
      double thisMinute = 0;
      for (int i = 0; i < 15; ++i) {
        const std::string title = "Song " + std::to_string(minute * 100 + i);
        Json r = t.call("PutItem", {{"TableName", "Events"},
                                    {"Item", {{"Artist", S("Acme")}, {"SongTitle", S(title)},
                                              {"Lyrics", S(std::string(static_cast<std::size_t>(300 * i), 'x'))}}},
                                    {"ReturnConsumedCapacity", "TOTAL"}});
        QCOMPARE(TempEngine::errorType(r), std::string());
        thisMinute += r["ConsumedCapacity"]["CapacityUnits"].get<double>();
      }
      writeUnits += thisMinute;
      busiestMinuteWrites = std::max(busiestMinuteWrites, thisMinute);
      t.clock().advanceMillis(60'000);
    }
    for (int i = 0; i < 15; ++i) {
      Json r = t.call("GetItem", {{"TableName", "Events"},
                                  {"Key", {{"Artist", S("Acme")}, {"SongTitle", S("Song " + std::to_string(i))}}},
                                  {"ConsistentRead", true},
                                  {"ReturnConsumedCapacity", "TOTAL"}});
      readUnits += r["ConsumedCapacity"]["CapacityUnits"].get<double>();
    }
    QVERIFY(writeUnits > 30);  // larger items cost more than one unit each
    // Songs 0-13 hold under 4 KB (1 unit each); Song 14's 4,200 bytes of lyrics cost 2.
    QCOMPARE(readUnits, 16.0);

    estimated.clear();
    panel.refreshTraffic();
    QVERIFY(estimated.wait(5000));
    // The item events may start the panel's own refresh too; take the latest.
    QTRY_VERIFY_WITH_TIMEOUT(panel.trafficEstimate() && panel.trafficEstimate()->traffic.totalReadUnits == readUnits,
                             5000);
    const TrafficEstimate e = *panel.trafficEstimate();
    QCOMPARE(e.traffic.totalWriteUnits, writeUnits);
    QCOMPARE(e.traffic.totalReadUnits, readUnits);
    QVERIFY(near(e.traffic.averageWriteUnitsPerSecond, writeUnits / 3600));
    QVERIFY(near(e.traffic.peakWriteUnitsPerSecond, busiestMinuteWrites / 60));
    QVERIFY(near(e.traffic.peakReadUnitsPerSecond, readUnits / 60));
    // On-demand on the hour's average; provisioned for the busiest minute at 70 %.
    QVERIFY(near(e.cost.onDemandWrites, writeUnits / 3600 * 2.628 * 0.625));
    QVERIFY(near(e.cost.onDemandReads, readUnits / 3600 * 2.628 * 0.125));
    QCOMPARE(e.provisionedWriteUnits, static_cast<long long>(std::ceil(busiestMinuteWrites / 60 / 0.7 - 1e-9)));
    QCOMPARE(e.provisionedReadUnits, 1LL);  // 16 units in the busiest minute: 0.27 a second / 0.7 -> 1
    QVERIFY(e.cost.onDemand() > 0);
    const QString sentence = child<QLabel>(panel, "trafficEstimate")->text();
    QVERIFY2(sentence.startsWith("This workload would cost about " + QString::fromStdString(formatDollars(e.cost.onDemand())) +
                                 " a month on-demand, " + QString::fromStdString(formatDollars(e.cost.provisioned())) +
                                 " provisioned"),
             qPrintable(sentence));
    QVERIFY(sentence.contains("70 %"));

    // The last day sees the same traffic, averaged over 24 hours.
    estimated.clear();
    panel.setTrafficRange(TrafficRange::Day);
    QVERIFY(estimated.wait(5000));
    QCOMPARE(panel.trafficEstimate()->traffic.totalWriteUnits, writeUnits);
    QVERIFY(near(panel.trafficEstimate()->traffic.averageWriteUnitsPerSecond, writeUnits / 86400));

    if (const QByteArray path = qgetenv("DYNADESK_SCREENSHOT"); !path.isEmpty()) {
      panel.setTrafficRange(TrafficRange::Hour);
      QVERIFY(estimated.wait(5000));
      applyTheme(ThemeChoice::Dark);
      child<QDoubleSpinBox>(panel, "itemSize")->setValue(6);
      child<QDoubleSpinBox>(panel, "transactionalReads")->setValue(20);
      QSignalSpy described(&panel, &CapacityPanel::described);
      if (panel.description().is_null()) QVERIFY(described.wait(5000));
      child<QRadioButton>(panel, "provisionedMode")->setChecked(true);
      QApplication::processEvents();
      QVERIFY(panel.grab().save(QString::fromLocal8Bit(path)));
    }
  }
};

QTEST_MAIN(TestCapacityPanel)
#include "test_capacity_panel.moc"
