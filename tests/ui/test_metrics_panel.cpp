// The Metrics tab against a real engine (a temp folder, its ManualClock) and
// the real HTTP endpoint, with Debian's boto3 in its own process driving the
// load. The panel's chart series follow what the requests consumed (read and
// write units per second, table and index), latency series appear per
// operation, returned items and stream bytes and errors match what the script
// saw; a provisioned table with one unit hammered by 20 KB items shows read
// and write throttle events; after the clock moves, the 1-hour, 1-day and
// 1-week ranges read the stored history; the PNG and CSV exports read back.
// Without live events (a remote endpoint) the panel polls instead.
// Nothing sleeps: ticks come from the engine's metric store as the clock moves.
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "bridge/engine_bridge.h"
#include "client/local_client.h"
#include "client/request_runner.h"
#include "dynadesk/http_server.h"
#include "boto3_script.h"
#include "temp_engine.h"
#include "widget_screenshot.h"
#include "widgets/app_palette.h"
#include "widgets/metrics_panel.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

// 2026-01-01T10:00:00Z: a whole hour, so every period of every range starts on it.
constexpr std::int64_t kStart = 1'767'261'600'000LL;
constexpr int kWait = 20'000;  // ticks arrive about once a second; the machine may be busy


// The load, in its own boto3 process; prints one JSON object of what it saw.
const char kScript[] = R"PY(
import json, sys
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

url, mode = sys.argv[1], sys.argv[2]
# No retries: every refusal is one request the test can count.
config = Config(retries={'max_attempts': 0, 'mode': 'legacy'})
ddb = boto3.client('dynamodb', endpoint_url=url, config=config)
out = {}

def split(cc):
    indexes = sum(i['CapacityUnits'] for i in cc.get('GlobalSecondaryIndexes', {}).values())
    return cc['Table']['CapacityUnits'], indexes

if mode == 'orders':
    read = write = index_write = 0.0
    for i in range(10):
        r = ddb.put_item(TableName='Orders', ReturnConsumedCapacity='INDEXES',
                         Item={'id': {'S': 'o%d' % i}, 'customer': {'S': 'c%d' % (i % 3)}, 'total': {'N': str(i)}})
        t, g = split(r['ConsumedCapacity'])
        write += t
        index_write += g
    for i in range(5):
        r = ddb.get_item(TableName='Orders', Key={'id': {'S': 'o%d' % i}}, ReturnConsumedCapacity='INDEXES')
        read += split(r['ConsumedCapacity'])[0]
    r = ddb.query(TableName='Orders', KeyConditionExpression='id = :i',
                  ExpressionAttributeValues={':i': {'S': 'o1'}}, ReturnConsumedCapacity='INDEXES')
    read += split(r['ConsumedCapacity'])[0]
    out['queried'] = r['Count']
    try:
        ddb.put_item(TableName='Orders', Item={'id': {'S': 'o1'}}, ConditionExpression='attribute_not_exists(id)')
    except ClientError as e:
        out['conditionFailed'] = e.response['Error']['Code']
    try:
        ddb.get_item(TableName='NoSuchTable', Key={'id': {'S': 'x'}})
    except ClientError as e:
        out['userError'] = e.response['Error']['Code']
    streams = boto3.client('dynamodbstreams', endpoint_url=url, config=config)
    arn = streams.list_streams(TableName='Orders')['Streams'][0]['StreamArn']
    shard = streams.describe_stream(StreamArn=arn)['StreamDescription']['Shards'][0]['ShardId']
    it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType='TRIM_HORIZON')['ShardIterator']
    records = streams.get_records(ShardIterator=it)['Records']
    out['streamBytes'] = sum(r['dynamodb']['SizeBytes'] for r in records)
    out.update(read=read, write=write, indexWrite=index_write)
elif mode == 'tiny':
    big = 'x' * (20 * 1024)
    throttled = {'read': 0, 'write': 0}
    for i in range(25):
        try:
            ddb.put_item(TableName='Tiny', Item={'id': {'S': 't%d' % (i % 10)}, 'blob': {'S': big}})
        except ClientError as e:
            if e.response['Error']['Code'] != 'ProvisionedThroughputExceededException':
                raise
            throttled['write'] += 1
    for i in range(75):
        try:
            ddb.get_item(TableName='Tiny', Key={'id': {'S': 't%d' % (i % 10)}}, ConsistentRead=True)
        except ClientError as e:
            if e.response['Error']['Code'] != 'ProvisionedThroughputExceededException':
                raise
            throttled['read'] += 1
    out.update(throttled)
print(json.dumps(out))
)PY";

Json runLoad(const QString& url, const QString& mode) {
  const ScriptResult r = runBoto3Script(QString::fromUtf8(kScript), {url, mode});
  if (!r.ok()) {
    qWarning().noquote() << "boto3 load failed:" << r.report();
    return {};
  }
  return Json::parse(r.output.toStdString(), nullptr, false);
}

const ChartSeriesData* seriesNamed(const MetricChart* chart, const QString& name) {
  for (const auto& s : chart->series()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

// The sum of a series' values (NaN when the series is not drawn).
double sumOf(const MetricChart* chart, const QString& name) {
  const ChartSeriesData* s = seriesNamed(chart, name);
  if (!s) return std::nan("");
  double sum = 0;
  for (const auto& p : s->points) sum += p.value;
  return sum;
}

bool near(double a, double b) { return std::abs(a - b) < 1e-9; }

// What a chart draws, for failure messages.
QByteArray drawn(const MetricChart* chart) {
  QString out = chart->title() + ":";
  for (const auto& s : chart->series()) {
    double sum = 0;
    for (const auto& p : s.points) sum += p.value;
    out += QStringLiteral(" [%1: %2 points, sum %3]").arg(s.name).arg(s.points.size()).arg(sum);
  }
  return out.toUtf8();
}

void createTables(TempEngine& t) {
  Json orders = t.call("CreateTable", Json::parse(R"({
    "TableName": "Orders",
    "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                             {"AttributeName": "customer", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
    "GlobalSecondaryIndexes": [{"IndexName": "byCustomer",
      "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"}],
      "Projection": {"ProjectionType": "ALL"}}],
    "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"},
    "BillingMode": "PAY_PER_REQUEST"})"));
  QVERIFY2(TempEngine::errorType(orders).empty(), orders.dump().c_str());
  Json tiny = t.call("CreateTable", Json::parse(R"({
    "TableName": "Tiny",
    "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
    "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}})"));
  QVERIFY2(TempEngine::errorType(tiny).empty(), tiny.dump().c_str());
}

std::vector<QStringList> readCsv(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  std::vector<QStringList> rows;
  for (const QString& line : QString::fromUtf8(f.readAll()).split("\r\n", Qt::SkipEmptyParts)) rows.push_back(line.split(','));
  return rows;
}


}  // namespace

class TestMetricsPanel : public QObject {
  Q_OBJECT
 private slots:
  void chartsFollowLoadThroughTheEndpoint() {
    TempEngine t;
    t.clock().setMillis(kStart);
    createTables(t);
    auto server = server::HttpServer::start(t.engine());
    QVERIFY(server.isOk());
    const QString url = QString::fromStdString((*server)->url());
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    MetricsPanel panel(runner, &bridge);
    panel.setClock([&t] { return t.clock().nowMillis(); });
    panel.resize(1280, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy refreshed(&panel, &MetricsPanel::refreshed);

    // No traffic yet: said plainly, in the charts area and in each chart.
    panel.openTable("Orders");
    QVERIFY(refreshed.wait(kWait));
    QVERIFY(!panel.hasTraffic());
    auto* empty = panel.findChild<QLabel*>("metricsEmpty");
    QVERIFY(empty && empty->isVisible());
    QVERIFY(empty->text().contains("no traffic yet"));
    for (MetricChart* c : panel.charts()) QVERIFY(c->placeholderShown());
    QCOMPARE(panel.charts().size(), kMetricChartCount);
    QCOMPARE(panel.window().periodSeconds, 1);
    QTRY_COMPARE(panel.targetIndexes(), QStringList{"byCustomer"});
    maybeScreenshot(panel, "metrics-empty");

    // Load through the endpoint, all within the clock's current second; the
    // next second makes it a completed second, and the tick redraws.
    const Json load = runLoad(url, "orders");
    QVERIFY2(load.is_object() && load.contains("write"), load.dump().c_str());
    const double wrote = load["write"].get<double>(), read = load["read"].get<double>();
    QCOMPARE(wrote, 10.0);  // ten small items, one unit each
    QVERIFY(read > 0);
    // The refused conditional put consumed a unit too (DynamoDB charges a
    // failed conditional write like a write of its item); its error answer
    // carries no ConsumedCapacity, so the script could not count it.
    const double tableWrites = wrote + 1;
    t.clock().setMillis(kStart + 1000);
    MetricChart* writes = panel.chart(MetricChartKind::WriteCapacity);
    MetricChart* reads = panel.chart(MetricChartKind::ReadCapacity);
    QTRY_VERIFY2_WITH_TIMEOUT(near(sumOf(writes, "Consumed"), tableWrites), drawn(writes), kWait);
    QTRY_VERIFY2_WITH_TIMEOUT(near(sumOf(reads, "Consumed"), read), drawn(reads), kWait);
    // Charts take an answer one per pass of the event loop; refreshed() says
    // all of them have it. The engine's clock stands still (no new tick), so
    // read once more and wait for that.
    QSignalSpy allCharts(&panel, &MetricsPanel::refreshed);
    panel.refresh();
    QVERIFY(allCharts.wait(kWait));
    QVERIFY(panel.hasTraffic());
    QVERIFY(!empty->isVisible());
    // One second of traffic: the point is at that second, the rest are 0.
    const ChartSeriesData* consumed = seriesNamed(writes, "Consumed");
    QCOMPARE(consumed->points.size(), std::size_t(300));
    QCOMPARE(consumed->points.back().millis, kStart);
    QCOMPARE(consumed->points.back().value, tableWrites);
    QCOMPARE(writes->rangeTo(), kStart + 1000);
    // On-demand: nothing provisioned to draw.
    QVERIFY(!seriesNamed(writes, "Provisioned"));

    // Latency per operation that ran.
    MetricChart* latency = panel.chart(MetricChartKind::Latency);
    for (const QString op : {"PutItem", "GetItem", "Query"}) {
      for (const QString p : {"p50 ", "p99 "}) {
        const ChartSeriesData* s = seriesNamed(latency, p + op);
        QVERIFY2(s, qPrintable(p + op));
        QCOMPARE(s->points.size(), std::size_t(1));
        QVERIFY(s->points[0].value >= 0);
      }
    }
    QVERIFY(!seriesNamed(latency, "p50 Scan"));
    QVERIFY(near(sumOf(panel.chart(MetricChartKind::ReturnedItems), "Query"), load["queried"].get<double>()));
    const auto& bytes = panel.chart(MetricChartKind::ReturnedBytes)->series();
    QCOMPARE(bytes.size(), std::size_t(1));
    QVERIFY(bytes[0].name.startsWith("GetRecords, stream "));
    double streamBytes = 0;
    for (const auto& p : bytes[0].points) streamBytes += p.value;
    QCOMPARE(streamBytes, load["streamBytes"].get<double>());
    QVERIFY(streamBytes > 0);
    MetricChart* errors = panel.chart(MetricChartKind::Errors);
    QCOMPARE(load["userError"], Json("ResourceNotFoundException"));
    QCOMPARE(load["conditionFailed"], Json("ConditionalCheckFailedException"));
    QVERIFY(near(sumOf(errors, "User errors (all tables)"), 1));
    QVERIFY(near(sumOf(errors, "Conditional check failed"), 1));
    // No TTL deletions: an empty chart that says so.
    QVERIFY(panel.chart(MetricChartKind::TtlDeletions)->placeholderShown());

    // Hovering: the exact values at that second, in the panel's hover line too.
    QVERIFY(writes->hoverText(kStart).contains("Consumed: 11"));
    emit writes->hovered(writes->hoverText(kStart));
    QVERIFY(panel.hoverLine().startsWith("Write capacity"));
    QVERIFY(panel.hoverLine().contains("Consumed: 11"));

    // The index as target: its own write units.
    refreshed.clear();
    panel.setTarget("byCustomer");
    QVERIFY(refreshed.wait(kWait));
    QVERIFY(near(sumOf(writes, "Consumed"), load["indexWrite"].get<double>()));
    QVERIFY(load["indexWrite"].get<double>() > 0);
    QVERIFY(writes->title().contains("byCustomer"));
    QVERIFY(latency->title().contains("table"));
    maybeScreenshot(panel, "metrics-live");

    // Exports of what is drawn, read back.
    panel.setTarget("");
    QTRY_VERIFY2_WITH_TIMEOUT(near(sumOf(writes, "Consumed"), tableWrites), drawn(writes), kWait);
    QTemporaryDir dir;
    const QString csv = dir.filePath("writes.csv");
    QVERIFY(panel.saveChartData(MetricChartKind::WriteCapacity, csv).isOk());
    const auto rows = readCsv(csv);
    QCOMPARE(rows.at(0), (QStringList{"time", "Consumed"}));
    QCOMPARE(rows.size(), std::size_t(301));
    double csvSum = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) csvSum += rows[r][1].toDouble();
    QCOMPARE(csvSum, tableWrites);
    QCOMPARE(rows.back().at(0), QString("2026-01-01T10:00:00Z"));
    const QString png = dir.filePath("writes.png");
    QVERIFY(panel.saveChartImage(MetricChartKind::WriteCapacity, png).isOk());
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), writes->size() * writes->devicePixelRatioF());

    // A provisioned table with one unit, hammered: throttle events.
    const Json tiny = runLoad(url, "tiny");
    QVERIFY2(tiny.is_object() && tiny.contains("write"), tiny.dump().c_str());
    QVERIFY(tiny["write"].get<int>() > 0);
    QVERIFY(tiny["read"].get<int>() > 0);
    refreshed.clear();
    panel.openTable("Tiny");
    t.clock().setMillis(kStart + 2000);
    MetricChart* throttles = panel.chart(MetricChartKind::ThrottleEvents);
    QTRY_VERIFY_WITH_TIMEOUT(near(sumOf(throttles, "Write throttle events"), tiny["write"].get<double>()), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(near(sumOf(throttles, "Read throttle events"), tiny["read"].get<double>()), kWait);
    const ChartSeriesData* provisioned = seriesNamed(panel.chart(MetricChartKind::ReadCapacity), "Provisioned");
    QVERIFY(provisioned);
    QVERIFY(provisioned->dashed);
    for (const auto& p : provisioned->points) QCOMPARE(p.value, 1.0);
    maybeScreenshot(panel, "metrics-throttled");

    // Ten minutes on: the hour range reads 10-second periods of stored seconds.
    t.clock().setMillis(kStart + 10 * 60'000);
    panel.openTable("Orders");
    refreshed.clear();
    panel.setRange(MetricRange::Hour);
    QTRY_VERIFY_WITH_TIMEOUT(panel.window().periodSeconds == 10 && near(sumOf(writes, "Consumed") * 10, tableWrites), kWait);

    // Two hours on, the seconds have expired: the day and the week read minutes.
    t.clock().setMillis(kStart + 2 * 3'600'000);
    panel.setRange(MetricRange::Day);
    QTRY_VERIFY_WITH_TIMEOUT(panel.window().periodSeconds == 300 && near(sumOf(writes, "Consumed") * 300, tableWrites), kWait);
    QVERIFY(writes->rangeTo() - writes->rangeFrom() == 86'400'000);
    QVERIFY(near(sumOf(panel.chart(MetricChartKind::Errors), "Conditional check failed"), 1));
    panel.setRange(MetricRange::Week);
    QTRY_VERIFY_WITH_TIMEOUT(panel.window().periodSeconds == 3600 && near(sumOf(writes, "Consumed") * 3600, tableWrites),
                             kWait);
    maybeScreenshot(panel, "metrics-week");
  }

  void remoteEndpointsArePolled() {
    // Without live events (a remote endpoint) the panel reads every 5 seconds.
    TempEngine t;
    t.clock().setMillis(kStart);
    createTables(t);
    LocalClient client(t.engine());
    RequestRunner runner(client);
    MetricsPanel panel(runner, nullptr);
    panel.setClock([&t] { return t.clock().nowMillis(); });
    panel.resize(1280, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy refreshed(&panel, &MetricsPanel::refreshed);
    panel.openTable("Orders");
    QVERIFY(refreshed.wait(kWait));
    QVERIFY(!panel.hasTraffic());
    // Each chart offers its exports in its context menu.
    for (MetricChart* c : panel.charts()) {
      QCOMPARE(c->contextMenuPolicy(), Qt::ActionsContextMenu);
      QCOMPARE(c->actions().size(), 2);
    }
    const Json put = t.call("PutItem", {{"TableName", "Orders"}, {"Item", {{"id", S("a")}, {"customer", S("c")}}}});
    QVERIFY2(TempEngine::errorType(put).empty(), put.dump().c_str());
    t.clock().setMillis(kStart + 1000);
    refreshed.clear();
    QVERIFY(refreshed.wait(kWait));  // the poll, not an explicit refresh
    QVERIFY(panel.hasTraffic());
    QVERIFY(near(sumOf(panel.chart(MetricChartKind::WriteCapacity), "Consumed"), 1));
  }
};

QTEST_MAIN(TestMetricsPanel)
#include "test_metrics_panel.moc"
