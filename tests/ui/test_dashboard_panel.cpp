// The connection dashboard against a real engine and the real HTTP endpoint:
// a boto3 process writes and reads two tables and hammers a provisioned table
// of 1 write unit (with the SDK's retries off, so its throttles stay visible);
// the dashboard's totals, its busiest-tables list (in order, with the units
// DynamoDB charges) and its all-tables chart follow. An alarm set to ALARM
// appears in its list, and moving the engine's clock past the 5-minute window
// empties the busiest list while the items stay counted.
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

#include "bridge/engine_bridge.h"
#include "charts/metric_chart.h"
#include "client/local_client.h"
#include "client/request_runner.h"
#include "dynadesk/http_server.h"
#include "boto3_script.h"
#include "temp_engine.h"
#include "widgets/dashboard_panel.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

void createTable(TempEngine& t, const std::string& name, bool provisioned) {
  Json request{{"TableName", name},
               {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
               {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})}};
  if (provisioned) {
    request["BillingMode"] = "PROVISIONED";
    request["ProvisionedThroughput"] = {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 1}};
  } else {
    request["BillingMode"] = "PAY_PER_REQUEST";
  }
  const Json r = t.call("CreateTable", request);
  QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
}

// Runs `code` in Debian's Python with boto3 against `url`; fails the test with its output.
void runBoto3(const QString& code, const std::string& url) {
  const ScriptResult r = runBoto3Script(code, {QString::fromStdString(url)});
  QVERIFY2(r.ok(), qPrintable(r.report()));
}

const TableActivity* activityOf(const DashboardSummary& s, const std::string& table) {
  for (const auto& t : s.tables) {
    if (t.table == table) return &t;
  }
  return nullptr;
}

}  // namespace

class TestDashboardPanel : public QObject {
  Q_OBJECT
 private slots:
  void followsTrafficThroughTheEndpoint() {
    TempEngine t;
    createTable(t, "Orders", false);
    createTable(t, "Users", false);
    createTable(t, "Tiny", true);
    createTable(t, "Quiet", false);
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    auto server = server::HttpServer::start(t.engine());
    QVERIFY(server.isOk());

    DashboardPanel panel(runner, &bridge);
    panel.setClock([&t] { return t.clock().nowMillis(); });
    panel.resize(1200, 760);
    panel.show();
    QSignalSpy refreshed(&panel, &DashboardPanel::refreshed);
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(panel.tileText("Tables"), QString("4"));
    QVERIFY(panel.busiestTable()->isHidden());  // no traffic yet: the empty note instead

    // Orders: 30 puts of 1 WCU each and 10 strongly consistent reads of 1 RCU;
    // Users: 5 puts. Tiny: 40 puts as fast as boto3 goes against 1 WCU
    // (a burst bucket of 300 units), then a batch of large items it throttles.
    runBoto3(QStringLiteral(
                 "import boto3, sys\n"
                 "from botocore.config import Config\n"
                 "from botocore.exceptions import ClientError\n"
                 "db = boto3.resource('dynamodb', endpoint_url=sys.argv[1],\n"
                 "                    config=Config(retries={'max_attempts': 1, 'mode': 'standard'}))\n"
                 "orders, users, tiny = db.Table('Orders'), db.Table('Users'), db.Table('Tiny')\n"
                 "for i in range(30): orders.put_item(Item={'id': 'o%d' % i, 'total': i})\n"
                 "for i in range(10): orders.get_item(Key={'id': 'o%d' % i}, ConsistentRead=True)\n"
                 "for i in range(5): users.put_item(Item={'id': 'u%d' % i})\n"
                 "throttled = 0\n"
                 "big = 'x' * 300000\n"
                 "for i in range(20):\n"
                 "    try: tiny.put_item(Item={'id': 't%d' % i, 'blob': big})\n"
                 "    except ClientError as e:\n"
                 "        assert e.response['Error']['Code'] == 'ProvisionedThroughputExceededException', e\n"
                 "        throttled += 1\n"
                 "assert throttled > 0, 'expected throttles'\n"
                 "print(throttled)\n"),
             (*server)->url());

    // The figures follow: Orders is the busiest, with exactly what DynamoDB charges.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          panel.refresh();
          if (!refreshed.wait(5000) || !panel.summary()) return false;
          const TableActivity* orders = activityOf(*panel.summary(), "Orders");
          const TableActivity* tiny = activityOf(*panel.summary(), "Tiny");
          return orders && orders->writeUnits == 30 && orders->readUnits == 10 && tiny && tiny->writeThrottles > 0;
        }(),
        20000);
    const DashboardSummary& s = *panel.summary();
    QCOMPARE(activityOf(s, "Users")->writeUnits, 5.0);
    QCOMPARE(activityOf(s, "Quiet")->units(), 0.0);
    QVERIFY(s.totalThrottles() > 0);
    QCOMPARE(panel.tileText("Write units"), QLocale().toString(s.totalWriteUnits(), 'f', 0));
    QVERIFY(panel.tileText("Throttled") != "0");

    // The busiest list shows the tables with traffic, busiest first; Quiet is not listed.
    QTableWidget* busiest = panel.busiestTable();
    QVERIFY(!busiest->isHidden());
    QStringList order;
    for (int r = 0; r < busiest->rowCount(); ++r) order << busiest->item(r, 0)->text();
    QVERIFY(!order.contains("Quiet"));
    QCOMPARE(order.indexOf("Orders") < order.indexOf("Users"), true);
    QVERIFY(order.contains("Tiny"));

    // The chart sums every table per 10-second period: 30 + 5 + Tiny's
    // accepted writes, once their period is over (a running one is left out).
    const double totalWrites = s.totalWriteUnits();
    t.clock().advanceMillis(kDashboardPeriodSeconds * 1000);
    double reads = 0, writes = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          panel.refresh();
          if (!refreshed.wait(5000)) return false;
          const auto& series = panel.chart()->series();
          if (series.size() != 2) return false;
          reads = writes = 0;
          for (const auto& p : series[0].points) reads += p.value;
          for (const auto& p : series[1].points) writes += p.value;
          return reads > 0;
        }(),
        20000);
    QCOMPARE(reads, 10.0);
    QCOMPARE(writes, totalWrites);

    // Double-clicking a busy table asks to open it.
    QSignalSpy open(&panel, &DashboardPanel::openTableRequested);
    emit busiest->cellDoubleClicked(0, 0);
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toString(), busiest->item(0, 0)->text());

    // An alarm in ALARM is listed (the live alarm event triggers the refresh).
    const Json put = t.call("GraniteServiceVersion20100801.PutMetricAlarm",
                            {{"AlarmName", "orders-writes"},
                             {"Namespace", "AWS/DynamoDB"},
                             {"MetricName", "ConsumedWriteCapacityUnits"},
                             {"Dimensions", Json::array({{{"Name", "TableName"}, {"Value", "Orders"}}})},
                             {"Statistic", "Sum"},
                             {"Period", 60},
                             {"EvaluationPeriods", 1},
                             {"Threshold", 1000},
                             {"ComparisonOperator", "GreaterThanThreshold"},
                             {"TreatMissingData", "notBreaching"}});
    QVERIFY2(TempEngine::errorType(put).empty(), put.dump().c_str());
    // SetAlarmState holds until the alarm's next evaluation; the first one
    // comes within a second of PutMetricAlarm (the running minute has no
    // datapoint yet, treated as not breaching: OK), so wait for it.
    QTRY_COMPARE_WITH_TIMEOUT(
        t.call("GraniteServiceVersion20100801.DescribeAlarms", {{"AlarmNames", Json::array({"orders-writes"})}})
            ["MetricAlarms"][0]["StateValue"].get<std::string>(),
        std::string("OK"), 10000);
    const Json set = t.call("GraniteServiceVersion20100801.SetAlarmState",
                            {{"AlarmName", "orders-writes"}, {"StateValue", "ALARM"}, {"StateReason", "Testing the dashboard"}});
    QVERIFY2(TempEngine::errorType(set).empty(), set.dump().c_str());
    QTRY_COMPARE_WITH_TIMEOUT(panel.alarmsInAlarm().size(), std::size_t{1}, 10000);
    QCOMPARE(panel.alarmsInAlarm()[0].name, QString("orders-writes"));
    QCOMPARE(panel.alarmsInAlarm()[0].reason, QString("Testing the dashboard"));
    QCOMPARE(panel.tileText("In alarm"), QString("1"));

    // Ten minutes later on the engine's clock nothing is busy, but the items stay.
    t.clock().advanceMillis(10 * 60'000);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          panel.refresh();
          if (!refreshed.wait(5000) || !panel.summary()) return false;
          return panel.summary()->totalReadUnits() + panel.summary()->totalWriteUnits() == 0 &&
                 panel.summary()->totalItems() >= 35;
        }(),
        20000);
    QVERIFY(panel.busiestTable()->isHidden());
  }
};

QTEST_MAIN(TestDashboardPanel)
#include "test_dashboard_panel.moc"
