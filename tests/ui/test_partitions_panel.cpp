// The Partitions tab against a real engine and the real HTTP server: a boto3
// process hammers one key and the heat map's hottest cell and the top of the
// most-accessed list are that key's (and the operation answers a
// botocore-signed request over HTTP too); a tiny provisioned table refuses
// writes and the throttled keys, items and marked cells show them; moving the
// engine's ManualClock moves the minutes, and an hour later the map is empty
// and says so; a global index is a target of its own and stale answers never
// show; without live events a timer reads again, and a hidden panel reads
// nothing. With DYNADESK_SCREENSHOT_DIR set it saves the panel in both themes.
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

#include "bridge/engine_bridge.h"
#include "client/local_client.h"
#include "client/request_runner.h"
#include "dynadesk/http_server.h"
#include "boto3_script.h"
#include "temp_engine.h"
#include "widget_screenshot.h"
#include "widgets/app_palette.h"
#include "widgets/partition_heat_map.h"
#include "widgets/partitions_panel.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

void ok(TempEngine& t, const std::string& op, const Json& request) {
  const Json r = t.call(op, request);
  QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
}

Json table(const std::string& name, bool sortKey, int rcu, int wcu) {
  Json r{{"TableName", name},
         {"KeySchema", Json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}})},
         {"AttributeDefinitions", Json::array({{{"AttributeName", "pk"}, {"AttributeType", "S"}},
                                               {{"AttributeName", "kind"}, {"AttributeType", "S"}}})},
         {"GlobalSecondaryIndexes",
          Json::array({{{"IndexName", "ByKind"},
                        {"KeySchema", Json::array({{{"AttributeName", "kind"}, {"KeyType", "HASH"}}})},
                        {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}})}};
  if (sortKey) {
    r["KeySchema"].push_back({{"AttributeName", "sk"}, {"KeyType", "RANGE"}});
    r["AttributeDefinitions"].push_back({{"AttributeName", "sk"}, {"AttributeType", "S"}});
  }
  if (rcu > 0) {
    r["ProvisionedThroughput"] = {{"ReadCapacityUnits", rcu}, {"WriteCapacityUnits", wcu}};
    r["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"] = {{"ReadCapacityUnits", 100}, {"WriteCapacityUnits", 100}};
  } else {
    r["BillingMode"] = "PAY_PER_REQUEST";
  }
  return r;
}

// Runs a Python program with Debian's boto3 against `url`; returns its output.
QString runBoto3(const QString& code, const std::string& url) {
  const ScriptResult r = runBoto3Script(code, {QString::fromStdString(url)});
  return r.ok() ? r.output : QStringLiteral("FAILED: ") + r.report();
}

QString cellText(QTableWidget* t, int row, int column) {
  const QTableWidgetItem* item = t->item(row, column);
  return item ? item->text() : QString();
}


}  // namespace

class TestPartitionsPanel : public QObject {
  Q_OBJECT
 private slots:
  void aHotKeyFromBoto3IsTheHottestCellAndTheTopKey() {
    TempEngine t;
    // 3,000 RCU and 3,000 WCU: four partitions, so where the key lands matters.
    ok(t, "CreateTable", table("Hot", false, 3000, 3000));
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    auto server = server::HttpServer::start(t.engine());
    QVERIFY(server.isOk());
    PartitionsPanel panel(runner, &bridge);
    panel.setClock([&t] { return t.clock().nowMillis(); });
    panel.resize(1200, 800);
    panel.show();
    QSignalSpy shown(&panel, &PartitionsPanel::reportShown);
    panel.openTable("Hot");
    QVERIFY(shown.wait(5000));
    QVERIFY(panel.heatMap()->showingEmptyState());
    QVERIFY2(panel.heatMap()->emptyText().contains("Nothing was read or written in the last hour"),
             qPrintable(panel.heatMap()->emptyText()));
    QCOMPARE(panel.report()->partitionCount, 4);
    QTRY_COMPARE(panel.indexes(), QStringList{"ByKind"});
    QCOMPARE(panel.targetBox()->count(), 2);

    const QString out = runBoto3(QStringLiteral(
        "import boto3, sys, json, urllib.request, botocore.session\n"
        "from botocore.awsrequest import AWSRequest\n"
        "from botocore.auth import SigV4Auth\n"
        "url = sys.argv[1]\n"
        "t = boto3.resource('dynamodb', endpoint_url=url).Table('Hot')\n"
        "for i in range(60):\n"
        "    t.put_item(Item={'pk': 'hot', 'n': i})\n"
        "for i in range(12):\n"
        "    t.put_item(Item={'pk': 'cold-%d' % i})\n"
        "for i in range(10):\n"
        "    t.get_item(Key={'pk': 'hot'})\n"
        "# The workbench's own operation over HTTP, signed as an SDK signs.\n"
        "body = json.dumps({'TableName': 'Hot', 'MaxContributors': 1})\n"
        "headers = {'X-Amz-Target': 'DynadeskWorkbench_20261122.DescribeKeyActivity',\n"
        "           'Content-Type': 'application/x-amz-json-1.0'}\n"
        "req = AWSRequest(method='POST', url=url + '/', data=body, headers=headers)\n"
        "SigV4Auth(botocore.session.get_session().get_credentials(), 'dynamodb', 'us-east-1').add_auth(req)\n"
        "answer = json.loads(urllib.request.urlopen(urllib.request.Request(\n"
        "    url + '/', data=body.encode(), headers=dict(req.headers.items()), method='POST')).read())\n"
        "print('top=%s value=%s partitions=%d' % (answer['MostAccessedKeys'][0]['Keys'][0],\n"
        "      answer['MostAccessedKeys'][0]['Value'], answer['PartitionCount']))\n"),
        (*server)->url());
    QVERIFY2(out.contains("top=hot value=65.0 partitions=4"), qPrintable(out));

    // The clock moves a second: the metrics tick and the panel reads again.
    t.clock().advanceMillis(1000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.report() && !panel.report()->mostAccessedKeys.entries.empty(), 10000);
    const KeyActivityReport& report = *panel.report();
    // 60 one-unit writes and 10 half-unit reads of the hot key.
    QCOMPARE(report.mostAccessedKeys.entries[0].keys, std::vector<std::string>{"hot"});
    QCOMPARE(report.mostAccessedKeys.entries[0].value, 65.0);
    QCOMPARE(report.mostAccessedKeys.total, 77.0);
    QCOMPARE(cellText(panel.accessedKeysTable(), 0, 0), QString("hot"));
    QCOMPARE(cellText(panel.accessedKeysTable(), 0, 1), QString("65"));
    QCOMPARE(cellText(panel.accessedKeysTable(), 0, 2), QLocale().toString(65.0 / 77.0 * 100, 'f', 1) + " %");
    QCOMPARE(panel.accessedKeysTable()->horizontalHeaderItem(0)->text(), QString("pk"));
    QCOMPARE(panel.accessedKeysTable()->rowCount(), 10);  // the ten best of 13 keys
    QVERIFY(!panel.showingItems());
    QVERIFY(!panel.accessedItemsTable()->isVisibleTo(&panel));

    // The hottest cell is the current minute of the hot key's partition: it
    // holds all 65 units, and only the hot key was read, so the read-only
    // view's hottest cell is the same partition.
    PartitionHeatMap* map = panel.heatMap();
    QVERIFY(!map->showingEmptyState());
    QCOMPARE(map->grid().columns, 60);
    QCOMPARE(map->grid().rows, 4);
    const HeatCellRef hot = map->hottest();
    QVERIFY(hot.valid());
    QCOMPARE(hot.column, map->grid().columns - 1);
    QVERIFY2(hot.value >= 65.0 && hot.value <= 77.0, qPrintable(QString::number(hot.value)));
    double elsewhere = 0;
    for (int r = 0; r < 4; ++r) {
      if (r != hot.row) elsewhere += measureOf(*map->grid().at(hot.column, r), HeatMeasure::ReadAndWrite);
    }
    QCOMPARE(hot.value + elsewhere, 77.0);
    QVERIFY(hot.value > elsewhere);
    QCOMPARE(map->colourOf(hot.value), map->colourOf(map->scaleMax()));
    QVERIFY(map->colourOf(hot.value) != map->colourOf(0));
    panel.setMeasure(HeatMeasure::Read);
    QCOMPARE(map->hottest().row, hot.row);
    QCOMPARE(map->hottest().value, 5.0);
    panel.setMeasure(HeatMeasure::ReadAndWrite);
    // The hover text has the exact numbers of that cell.
    const QString tip = map->cellToolTip(hot.column, hot.row);
    QVERIFY2(tip.startsWith(QString("P%1 · %2").arg(hot.row).arg(map->columnLabel(hot.column))), qPrintable(tip));
    QVERIFY2(tip.contains("Read: 5 units"), qPrintable(tip));
    const HeatCellRef under = map->cellAt(map->cellRect(hot.column, hot.row).center());
    QCOMPARE(under.column, hot.column);
    QCOMPARE(under.row, hot.row);
    QVERIFY2(panel.summaryLabel()->text().contains(QString("busiest: P%1").arg(hot.row)),
             qPrintable(panel.summaryLabel()->text()));
    maybeScreenshot(panel, "partitions-hot-key");
    (*server)->stop();
  }

  void aTinyProvisionedTableShowsItsThrottledKeys() {
    TempEngine t;
    ok(t, "CreateTable", table("Tiny", true, 1, 1));
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    auto server = server::HttpServer::start(t.engine());
    QVERIFY(server.isOk());
    PartitionsPanel panel(runner, &bridge);
    panel.setClock([&t] { return t.clock().nowMillis(); });
    panel.resize(1200, 800);
    panel.show();
    QSignalSpy shown(&panel, &PartitionsPanel::reportShown);
    panel.openTable("Tiny");
    QVERIFY(shown.wait(5000));

    // One WCU saves 300 units; items just over 100 KB cost 101 each, so the fourth
    // write of the hot key and everything after it is refused. No retries
    // (botocore's max_attempts counts retries; total_max_attempts counts tries):
    // each refusal is one throttled request.
    const QString out = runBoto3(QStringLiteral(
        "import boto3, sys\n"
        "from botocore.config import Config\n"
        "cfg = Config(retries={'total_max_attempts': 1, 'mode': 'standard'})\n"
        "t = boto3.resource('dynamodb', endpoint_url=sys.argv[1], config=cfg).Table('Tiny')\n"
        "refused = 0\n"
        "for i in range(8):\n"
        "    try:\n"
        "        t.put_item(Item={'pk': 'hot', 'sk': 'song-%d' % (i % 2), 'blob': 'x' * 102400})\n"
        "    except t.meta.client.exceptions.ProvisionedThroughputExceededException:\n"
        "        refused += 1\n"
        "try:\n"
        "    t.put_item(Item={'pk': 'other', 'sk': 'a'})\n"
        "except t.meta.client.exceptions.ProvisionedThroughputExceededException:\n"
        "    refused += 1\n"
        "print('refused=%d' % refused)\n"),
        (*server)->url());
    QVERIFY2(out.contains("refused=6"), qPrintable(out));

    t.clock().advanceMillis(1000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.report() && !panel.report()->mostThrottledKeys.entries.empty(), 10000);
    const KeyActivityReport& report = *panel.report();
    QCOMPARE(report.mostThrottledKeys.entries[0].keys, std::vector<std::string>{"hot"});
    QCOMPARE(report.mostThrottledKeys.entries[0].value, 5.0);
    QCOMPARE(report.mostThrottledKeys.total, 6.0);
    QCOMPARE(cellText(panel.throttledKeysTable(), 0, 0), QString("hot"));
    QCOMPARE(cellText(panel.throttledKeysTable(), 0, 1), QString("5"));
    QCOMPARE(cellText(panel.throttledKeysTable(), 1, 0), QString("other"));
    QCOMPARE(panel.throttledKeysTable()->horizontalHeaderItem(1)->text(), QString("Requests"));
    // With a sort key the items show too; song-1 was refused 3 times (writes 4, 6, 8), song-0 twice.
    QVERIFY(panel.showingItems());
    QVERIFY(panel.throttledItemsTable()->isVisibleTo(&panel));
    QCOMPARE(panel.throttledItemsTable()->horizontalHeaderItem(1)->text(), QString("sk"));
    QCOMPARE(cellText(panel.throttledItemsTable(), 0, 0), QString("hot"));
    QCOMPARE(cellText(panel.throttledItemsTable(), 0, 1), QString("song-1"));
    QCOMPARE(cellText(panel.throttledItemsTable(), 0, 2), QString("3"));
    QCOMPARE(cellText(panel.accessedItemsTable(), 0, 0), QString("hot"));
    // The one partition's current minute is marked throttled, with the count in its hover text.
    PartitionHeatMap* map = panel.heatMap();
    QCOMPARE(map->grid().rows, 1);
    const int now = map->grid().columns - 1;
    QCOMPARE(map->grid().at(now, 0)->throttled, 6u);
    QVERIFY2(map->cellToolTip(now, 0).contains("Throttled: 6 requests"), qPrintable(map->cellToolTip(now, 0)));
    QVERIFY2(panel.summaryLabel()->text().contains("6 throttled"), qPrintable(panel.summaryLabel()->text()));
    maybeScreenshot(panel, "partitions-throttled");
    (*server)->stop();
  }

  void movingTheClockMovesTheMinutes() {
    TempEngine t;
    ok(t, "CreateTable", table("Clocked", true, 0, 0));
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    PartitionsPanel panel(runner, &bridge);
    panel.setClock([&t] { return t.clock().nowMillis(); });
    panel.resize(1000, 700);
    panel.show();
    panel.openTable("Clocked");
    QTRY_VERIFY(panel.report().has_value());
    for (int i = 0; i < 4; ++i) {
      ok(t, "PutItem", {{"TableName", "Clocked"}, {"Item", {{"pk", S("a")}, {"sk", S("1")}, {"kind", S("k")}}}});
    }
    t.clock().advanceMillis(1000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.heatMap()->hottest().valid(), 10000);
    const int columns = panel.heatMap()->grid().columns;
    QCOMPARE(panel.heatMap()->hottest().column, columns - 1);
    const QString label = panel.heatMap()->columnLabel(columns - 1);

    // Three minutes later the writes sit three columns further left.
    t.clock().advanceMillis(3 * 60'000);
    QTRY_COMPARE_WITH_TIMEOUT(panel.heatMap()->hottest().column, columns - 4, 10000);
    QCOMPARE(panel.heatMap()->columnLabel(columns - 4), label);
    // The last 15 minutes: 15 columns, the same minute.
    panel.setRange(ActivityRange::Last15Minutes);
    QTRY_COMPARE_WITH_TIMEOUT(panel.heatMap()->grid().columns, 15, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(panel.heatMap()->hottest().column, 11, 5000);

    // A global index is a target of its own: its reads, not the table's writes.
    ok(t, "Query", {{"TableName", "Clocked"}, {"IndexName", "ByKind"}, {"KeyConditionExpression", "kind = :k"},
                    {"ExpressionAttributeValues", {{":k", S("k")}}}});
    QTRY_COMPARE(panel.indexes(), QStringList{"ByKind"});
    // Three changes at once: the answers for the first two are dropped, the last one's is shown.
    panel.setTarget("ByKind");
    panel.setTarget("");
    panel.setTarget("ByKind");
    QTRY_VERIFY_WITH_TIMEOUT(panel.report() && panel.report()->index == "ByKind", 5000);
    QCOMPARE(panel.report()->partitionKeyName, std::string("kind"));
    QCOMPARE(panel.report()->mostAccessedKeys.entries[0].keys, std::vector<std::string>{"k"});
    QCOMPARE(panel.heatMap()->hottest().column, 14);
    QVERIFY(!panel.showingItems());  // the index has no sort key
    QCOMPARE(panel.targetBox()->currentData().toString(), QString("ByKind"));
    panel.setTarget("");
    QTRY_VERIFY_WITH_TIMEOUT(panel.report() && panel.report()->index.empty(), 5000);
    QVERIFY(panel.showingItems());

    // An hour on, nothing is left, and the map says so in words.
    t.clock().advanceMillis(61 * 60'000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.heatMap()->showingEmptyState(), 10000);
    QVERIFY2(panel.heatMap()->emptyText().contains("Nothing was read or written in the last 15 minutes"),
             qPrintable(panel.heatMap()->emptyText()));
    QVERIFY(panel.report()->mostAccessedKeys.entries.empty());
    QCOMPARE(cellText(panel.accessedKeysTable(), 0, 0), QString("No reads or writes in this range."));

    // The table is deleted: the endpoint's words are shown.
    QSignalSpy failed(&panel, &PartitionsPanel::reportFailed);
    ok(t, "DeleteTable", {{"TableName", "Clocked"}});
    panel.refresh();
    QVERIFY(failed.wait(5000) || !failed.isEmpty());
    QVERIFY2(panel.messageLabel()->text().contains("not found"), qPrintable(panel.messageLabel()->text()));
    QVERIFY(!panel.report().has_value());
  }

  void withoutLiveEventsATimerReadsAgain() {
    TempEngine t;
    ok(t, "CreateTable", table("Polled", false, 0, 0));
    LocalClient client(t.engine());
    RequestRunner runner(client);
    PartitionsPanel panel(runner, nullptr);  // as against a remote endpoint: no engine events
    panel.setClock([&t] { return t.clock().nowMillis(); });
    QSignalSpy shown(&panel, &PartitionsPanel::reportShown);
    panel.openTable("Polled");
    QVERIFY(!panel.requestInFlight());  // hidden: nothing is read
    panel.show();
    QVERIFY(panel.requestInFlight());
    QVERIFY(shown.wait(5000));
    QVERIFY(panel.heatMap()->showingEmptyState());
    ok(t, "PutItem", {{"TableName", "Polled"}, {"Item", {{"pk", S("p")}}}});
    QTRY_VERIFY_WITH_TIMEOUT(!panel.heatMap()->showingEmptyState(), PartitionsPanel::kPollMillis + 3000);
    QCOMPARE(panel.report()->mostAccessedKeys.entries[0].keys, std::vector<std::string>{"p"});
  }
};

QTEST_MAIN(TestPartitionsPanel)
#include "test_partitions_panel.moc"
