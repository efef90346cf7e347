// The Metrics tab's request building and answer decoding, without a display:
// windows and periods per range (aligned, within the stored resolutions and
// point limits), the GetMetricData request made from what ListMetrics listed
// (table against index target, one latency pair per operation, stream bytes),
// and answers turned into chart series (per-second consumed capacity, zero
// filling of counts, no series without data, malformed answers refused).
#include <QtTest>

#include "charts/metric_chart.h"
#include "session/metric_query.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using Json = nlohmann::json;

namespace {

constexpr qint64 kNow = 1'767'225'600'000LL + 12'345;  // 2026-01-01T00:00:12.345Z

ListedMetric listed(const std::string& name, std::vector<std::pair<std::string, std::string>> dims) {
  return ListedMetric{name, std::move(dims)};
}

std::vector<ListedMetric> ordersMetrics() {
  return {
      listed("ItemCount", {{"TableName", "Orders"}}),
      listed("ConsumedReadCapacityUnits", {{"TableName", "Orders"}}),
      listed("ConsumedWriteCapacityUnits", {{"TableName", "Orders"}}),
      listed("ProvisionedWriteCapacityUnits", {{"TableName", "Orders"}}),
      listed("WriteThrottleEvents", {{"TableName", "Orders"}}),
      listed("ConsumedWriteCapacityUnits", {{"TableName", "Orders"}, {"GlobalSecondaryIndexName", "byCustomer"}}),
      listed("SuccessfulRequestLatency", {{"TableName", "Orders"}, {"Operation", "PutItem"}}),
      listed("SuccessfulRequestLatency", {{"TableName", "Orders"}, {"Operation", "GetItem"}}),
      listed("ReturnedItemCount", {{"TableName", "Orders"}, {"Operation", "Query"}}),
      listed("ReturnedBytes",
             {{"TableName", "Orders"}, {"StreamLabel", "2026-01-01T00:00:00.000"}, {"Operation", "GetRecords"}}),
      listed("SystemErrors", {{"TableName", "Orders"}, {"Operation", "Scan"}}),
      listed("TimeToLiveDeletedItemCount", {{"TableName", "Orders"}}),
  };
}

const MetricSlot* slotNamed(const MetricQueryPlan& plan, MetricChartKind chart, const QString& name) {
  for (const auto& s : plan.entries) {
    if (s.chart == chart && s.seriesName == name) return &s;
  }
  return nullptr;
}

const Json* queryOf(const MetricQueryPlan& plan, const MetricSlot* slot) {
  for (const auto& q : plan.request["MetricDataQueries"]) {
    if (q["Id"] == slot->id) return &q;
  }
  return nullptr;
}

Json dims(const Json& query) {
  Json out = Json::object();
  for (const auto& d : query["MetricStat"]["Metric"]["Dimensions"]) out[d["Name"].get<std::string>()] = d["Value"];
  return out;
}

Json answerOf(std::vector<std::tuple<std::string, std::vector<double>, std::vector<double>>> results) {
  Json r = Json::array();
  for (auto& [id, times, values] : results) {
    r.push_back({{"Id", id}, {"Label", id}, {"Timestamps", times}, {"Values", values}, {"StatusCode", "Complete"}});
  }
  return {{"MetricDataResults", r}, {"Messages", Json::array()}};
}

}  // namespace

class TestMetricQuery : public QObject {
  Q_OBJECT
 private slots:
  void windowsFitTheStoredResolutions_data() {
    QTest::addColumn<int>("range");
    QTest::addColumn<int>("period");
    QTest::addColumn<qint64>("span");
    QTest::newRow("live") << int(MetricRange::Live5Minutes) << 1 << qint64(5 * 60'000);
    QTest::newRow("hour") << int(MetricRange::Hour) << 10 << qint64(3'600'000);
    QTest::newRow("day") << int(MetricRange::Day) << 300 << qint64(86'400'000);
    QTest::newRow("week") << int(MetricRange::Week) << 3600 << qint64(7 * 86'400'000LL);
  }
  void windowsFitTheStoredResolutions() {
    QFETCH(int, range);
    QFETCH(int, period);
    QFETCH(qint64, span);
    const MetricWindow w = metricWindow(static_cast<MetricRange>(range), kNow);
    QCOMPARE(w.periodSeconds, period);
    const qint64 periodMillis = qint64(period) * 1000;
    QCOMPARE(w.queryStartMillis % periodMillis, qint64(0));
    QCOMPARE(w.toMillis, kNow - 345);  // the axis ends at the current whole second
    QCOMPARE(w.toMillis - w.fromMillis, span);
    QVERIFY(w.queryEndMillis <= kNow + 1000);
    const qint64 points = (w.queryEndMillis - w.queryStartMillis + periodMillis - 1) / periodMillis;
    QVERIFY2(points <= 400, qPrintable(QString::number(points)));
    QVERIFY(std::size_t(points) < MetricChart::kMaxPointsPerSeries);
    if (static_cast<MetricRange>(range) == MetricRange::Live5Minutes) {
      // Whole seconds only: the second in progress is left out.
      QCOMPARE(w.queryEndMillis, kNow - 345);
      QCOMPARE(points, qint64(300));
    }
    if (static_cast<MetricRange>(range) == MetricRange::Hour) {
      // 10-second periods need 1-second data: the start stays within its hour
      // even when the endpoint reads it a little later.
      QVERIFY(w.queryStartMillis >= kNow + 30'000 - 3'600'000);
    }
  }

  void tableTargetAsksForWhatWasListed() {
    const MetricWindow w = metricWindow(MetricRange::Live5Minutes, kNow);
    const MetricQueryPlan plan = buildMetricQuery({"Orders", ""}, w, ordersMetrics());
    QCOMPARE(plan.request["ScanBy"], Json("TimestampAscending"));
    QCOMPARE(plan.request["StartTime"].get<double>(), double(w.queryStartMillis) / 1000);
    QCOMPARE(plan.request["EndTime"].get<double>(), double(w.queryEndMillis) / 1000);
    QCOMPARE(plan.request["MetricDataQueries"].size(), plan.entries.size());

    const MetricSlot* consumed = slotNamed(plan, MetricChartKind::WriteCapacity, "Consumed");
    QVERIFY(consumed);
    QVERIFY(consumed->perSecond);
    QCOMPARE((*queryOf(plan, consumed))["MetricStat"]["Stat"], Json("Sum"));
    QCOMPARE((*queryOf(plan, consumed))["MetricStat"]["Period"], Json(1));
    QCOMPARE(dims(*queryOf(plan, consumed)), (Json{{"TableName", "Orders"}}));
    const MetricSlot* provisioned = slotNamed(plan, MetricChartKind::WriteCapacity, "Provisioned");
    QVERIFY(provisioned);
    QVERIFY(provisioned->dashed);
    QCOMPARE((*queryOf(plan, provisioned))["MetricStat"]["Stat"], Json("Average"));
    // Not listed: not asked for.
    QVERIFY(!slotNamed(plan, MetricChartKind::ReadCapacity, "Provisioned"));
    QVERIFY(!slotNamed(plan, MetricChartKind::ThrottleEvents, "Read throttle events"));
    QVERIFY(slotNamed(plan, MetricChartKind::ThrottleEvents, "Write throttle events"));

    // One p50/p99 pair per operation that has latency data.
    for (const QString op : {"GetItem", "PutItem"}) {
      const MetricSlot* p50 = slotNamed(plan, MetricChartKind::Latency, "p50 " + op);
      const MetricSlot* p99 = slotNamed(plan, MetricChartKind::Latency, "p99 " + op);
      QVERIFY(p50 && p99);
      QCOMPARE((*queryOf(plan, p50))["MetricStat"]["Stat"], Json("p50"));
      QCOMPARE((*queryOf(plan, p99))["MetricStat"]["Stat"], Json("p99"));
      QCOMPARE(dims(*queryOf(plan, p99)), (Json{{"TableName", "Orders"}, {"Operation", op.toStdString()}}));
    }
    QVERIFY(!slotNamed(plan, MetricChartKind::Latency, "p50 Query"));
    QVERIFY(slotNamed(plan, MetricChartKind::ReturnedItems, "Query"));
    const MetricSlot* bytes = slotNamed(plan, MetricChartKind::ReturnedBytes, "GetRecords, stream 2026-01-01T00:00:00.000");
    QVERIFY(bytes);
    QCOMPARE(dims(*queryOf(plan, bytes)), (Json{{"TableName", "Orders"},
                                                {"StreamLabel", "2026-01-01T00:00:00.000"},
                                                {"Operation", "GetRecords"}}));
    const MetricSlot* userErrors = slotNamed(plan, MetricChartKind::Errors, "User errors (all tables)");
    QVERIFY(userErrors);
    QCOMPARE(dims(*queryOf(plan, userErrors)), Json::object());
    QVERIFY(slotNamed(plan, MetricChartKind::Errors, "System errors Scan"));
    QVERIFY(slotNamed(plan, MetricChartKind::TtlDeletions, "Deleted by TTL"));
    // CloudWatch ids: a lower-case letter first.
    for (const auto& q : plan.request["MetricDataQueries"]) QVERIFY(q["Id"].get<std::string>()[0] == 'm');
  }

  void indexTargetAsksForTheIndexCapacity() {
    const MetricQueryPlan plan =
        buildMetricQuery({"Orders", "byCustomer"}, metricWindow(MetricRange::Hour, kNow), ordersMetrics());
    const MetricSlot* consumed = slotNamed(plan, MetricChartKind::WriteCapacity, "Consumed");
    QVERIFY(consumed);
    QCOMPARE(dims(*queryOf(plan, consumed)), (Json{{"TableName", "Orders"}, {"GlobalSecondaryIndexName", "byCustomer"}}));
    QCOMPARE((*queryOf(plan, consumed))["MetricStat"]["Period"], Json(10));
    // The table's provisioned writes are not the index's.
    QVERIFY(!slotNamed(plan, MetricChartKind::WriteCapacity, "Provisioned"));
    // Per-table metrics still come from the table.
    QVERIFY(slotNamed(plan, MetricChartKind::Latency, "p99 PutItem"));
    QCOMPARE(indexesOf(ordersMetrics()), (std::vector<std::string>{"byCustomer"}));
  }

  void listingParsesAndTellsTraffic() {
    const Json answer = Json::parse(R"({"Metrics": [
      {"Namespace": "AWS/DynamoDB", "MetricName": "ItemCount", "Dimensions": [{"Name": "TableName", "Value": "T"}]},
      {"Namespace": "AWS/DynamoDB", "MetricName": "ProvisionedReadCapacityUnits",
       "Dimensions": [{"Name": "TableName", "Value": "T"}]},
      {"MetricName": 7}, "junk"]})");
    auto parsed = parseListedMetrics(answer);
    QVERIFY(parsed.isOk());
    QCOMPARE(parsed->size(), std::size_t(2));
    QCOMPARE((*parsed)[0].dimension("TableName"), std::string("T"));
    QVERIFY(!hasTraffic(*parsed));
    parsed->push_back(listed("ConsumedReadCapacityUnits", {{"TableName", "T"}}));
    QVERIFY(hasTraffic(*parsed));
    QVERIFY(!parseListedMetrics(Json::array()).isOk());
    QCOMPARE(listMetricsRequest("T"),
             (Json{{"Namespace", "AWS/DynamoDB"}, {"Dimensions", Json::array({{{"Name", "TableName"}, {"Value", "T"}}})}}));
  }

  void answersBecomeSeries() {
    const MetricWindow w = metricWindow(MetricRange::Live5Minutes, kNow);
    const MetricQueryPlan plan = buildMetricQuery({"Orders", ""}, w, ordersMetrics());
    const MetricSlot* consumed = slotNamed(plan, MetricChartKind::WriteCapacity, "Consumed");
    const MetricSlot* provisioned = slotNamed(plan, MetricChartKind::WriteCapacity, "Provisioned");
    const MetricSlot* p99 = slotNamed(plan, MetricChartKind::Latency, "p99 GetItem");
    const double t1 = double(w.queryEndMillis - 3000) / 1000, t2 = double(w.queryEndMillis - 1000) / 1000;
    // Descending on purpose: the decoder must not rely on the order.
    const Json answer = answerOf({{consumed->id, {t2, t1}, {4, 7}},
                                  {provisioned->id, {t1, t2}, {5, 5}},
                                  {p99->id, {t2}, {3.25}}});
    auto series = decodeMetricData(plan, answer);
    QVERIFY(series.isOk());
    const auto& write = (*series)[std::size_t(MetricChartKind::WriteCapacity)];
    QCOMPARE(write.size(), std::size_t(2));
    QCOMPARE(write[0].name, QString("Consumed"));
    // Counts are filled with 0 over the whole window, in time order.
    QCOMPARE(write[0].points.size(), std::size_t(300));
    double sum = 0;
    for (std::size_t i = 0; i < write[0].points.size(); ++i) {
      sum += write[0].points[i].value;
      if (i) QVERIFY(write[0].points[i].millis - write[0].points[i - 1].millis == 1000);
    }
    QCOMPARE(sum, 11.0);
    QCOMPARE(write[0].points.back().millis, w.queryEndMillis - 1000);
    QCOMPARE(write[0].points.back().value, 4.0);
    // Gauges are not filled.
    QCOMPARE(write[1].points.size(), std::size_t(2));
    QVERIFY(write[1].dashed);
    const auto& latency = (*series)[std::size_t(MetricChartKind::Latency)];
    QCOMPARE(latency.size(), std::size_t(1));
    QCOMPARE(latency[0].points.size(), std::size_t(1));
    QCOMPARE(latency[0].points[0].value, 3.25);
    // No data: no series at all.
    QVERIFY((*series)[std::size_t(MetricChartKind::ReadCapacity)].empty());
    QVERIFY((*series)[std::size_t(MetricChartKind::Errors)].empty());
  }

  void consumedIsPerSecondOverLongerPeriods() {
    const MetricWindow w = metricWindow(MetricRange::Day, kNow);
    const MetricQueryPlan plan = buildMetricQuery({"Orders", ""}, w, ordersMetrics());
    const MetricSlot* consumed = slotNamed(plan, MetricChartKind::WriteCapacity, "Consumed");
    const qint64 full = w.queryStartMillis + 300'000;          // a whole 5-minute period
    const qint64 newest = w.queryEndMillis - (w.queryEndMillis - w.queryStartMillis) % 300'000;  // still running
    auto series = decodeMetricData(plan, answerOf({{consumed->id, {double(full) / 1000, double(newest) / 1000}, {600, 26}}}));
    QVERIFY(series.isOk());
    const auto& points = (*series)[std::size_t(MetricChartKind::WriteCapacity)][0].points;
    auto at = [&](qint64 t) {
      for (const auto& p : points) {
        if (p.millis == t) return p.value;
      }
      return -1.0;
    };
    QCOMPARE(at(full), 2.0);  // 600 units over 300 seconds
    const double elapsed = double(w.queryEndMillis - newest) / 1000;
    QCOMPARE(at(newest), 26 / elapsed);
  }

  void malformedAnswersAreRefused() {
    const MetricQueryPlan plan =
        buildMetricQuery({"Orders", ""}, metricWindow(MetricRange::Live5Minutes, kNow), ordersMetrics());
    QVERIFY(!decodeMetricData(plan, Json::object()).isOk());
    QVERIFY(!decodeMetricData(plan, Json("text")).isOk());
    Json uneven = answerOf({{plan.entries[0].id, {1.0, 2.0}, {1.0}}});
    auto r = decodeMetricData(plan, uneven);
    QVERIFY(!r.isOk());
    QCOMPARE(r.status().type(), ErrorType::ValidationException);
    // Unknown ids and non-numbers are skipped, not fatal.
    Json odd = answerOf({{"zz", {1.0}, {1.0}}});
    odd["MetricDataResults"].push_back({{"Id", plan.entries[0].id}, {"Timestamps", {"x"}}, {"Values", {"y"}}});
    QVERIFY(decodeMetricData(plan, odd).isOk());
  }
};

QTEST_GUILESS_MAIN(TestMetricQuery)
#include "test_metric_query.moc"
