// ReturnedBytes: a DynamoDB Streams GetRecords records the SizeBytes of the
// records it returned, under DynamoDB's dimensions (TableName, StreamLabel,
// Operation "GetRecords"), through both of the engine's front doors (JSON and
// the text form the HTTP endpoint uses), read back with GetMetricStatistics.
#include <QtTest>

#include "api/engine_metrics.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

namespace {

const std::string kStreams = "DynamoDBStreams_20120810.";
const std::string kCloudWatch = "GraniteServiceVersion20100801.";
constexpr std::int64_t kStart = 1'700'000'000'000;

std::string iterator(TempEngine& t, const std::string& arn) {
  Json d = t.call(kStreams + "DescribeStream", {{"StreamArn", arn}});
  Json r = t.call(kStreams + "GetShardIterator", {{"StreamArn", arn},
                                                  {"ShardId", d["StreamDescription"]["Shards"][0]["ShardId"]},
                                                  {"ShardIteratorType", "TRIM_HORIZON"}});
  return r.value("ShardIterator", std::string());
}

std::uint64_t sizeOf(const Json& records) {
  std::uint64_t total = 0;
  for (const auto& r : records) total += r["dynamodb"]["SizeBytes"].get<std::uint64_t>();
  return total;
}

// Sum and SampleCount of ReturnedBytes over the last minute.
Json returnedBytes(TempEngine& t, const std::string& table, const std::string& label) {
  const double now = static_cast<double>(t.clock().nowMillis()) / 1000.0;
  return t.call(kCloudWatch + "GetMetricStatistics",
                {{"Namespace", "AWS/DynamoDB"},
                 {"MetricName", "ReturnedBytes"},
                 {"Dimensions", Json::array({{{"Name", "TableName"}, {"Value", table}},
                                             {{"Name", "StreamLabel"}, {"Value", label}},
                                             {{"Name", "Operation"}, {"Value", "GetRecords"}}})},
                 {"StartTime", now - 60},
                 {"EndTime", now + 1},
                 {"Period", 60},
                 {"Statistics", Json::array({"Sum", "SampleCount"})}});
}

}  // namespace

class TestReturnedBytesMetric : public QObject {
  Q_OBJECT
 private slots:
  void getRecordsRecordsTheBytesOfItsRecords() {
    TempEngine t;
    t.clock().setMillis(kStart);
    Json created = t.call("CreateTable",
                          {{"TableName", "Orders"},
                           {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
                           {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})},
                           {"BillingMode", "PAY_PER_REQUEST"},
                           {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "NEW_IMAGE"}}}});
    const std::string arn = created["TableDescription"]["LatestStreamArn"];
    const std::string label = created["TableDescription"]["LatestStreamLabel"];
    for (int i = 0; i < 3; ++i) {
      t.call("PutItem", {{"TableName", "Orders"},
                         {"Item", {{"id", S("order-" + std::to_string(i))}, {"note", S(std::string(100 * (i + 1), 'x'))}}}});
    }
    // The JSON front door.
    Json page = t.call(kStreams + "GetRecords", {{"ShardIterator", iterator(t, arn)}});
    QCOMPARE(page["Records"].size(), std::size_t(3));
    const std::uint64_t first = sizeOf(page["Records"]);
    QVERIFY(first > 600);
    // The text front door (what the HTTP endpoint calls), one record.
    const std::string request = Json{{"ShardIterator", iterator(t, arn)}, {"Limit", 1}}.dump();
    auto text = t.engine().call(kStreams + "GetRecords", std::string_view(request));
    QVERIFY(text.isOk());
    const std::uint64_t second = sizeOf(Json::parse(*text)["Records"]);
    QVERIFY(second > 0);

    Json stats = returnedBytes(t, "Orders", label);
    QCOMPARE(stats["Datapoints"].size(), std::size_t(1));
    QCOMPARE(stats["Datapoints"][0]["Sum"].get<double>(), static_cast<double>(first + second));
    QCOMPARE(stats["Datapoints"][0]["SampleCount"].get<double>(), 2.0);
    QCOMPARE(stats["Datapoints"][0]["Unit"], Json("Bytes"));

    // ListMetrics shows it with DynamoDB's three dimensions.
    Json listed = t.call(kCloudWatch + "ListMetrics", {{"Namespace", "AWS/DynamoDB"}, {"MetricName", "ReturnedBytes"}});
    QCOMPARE(listed["Metrics"].size(), std::size_t(1));
    QCOMPARE(listed["Metrics"][0]["Dimensions"].size(), std::size_t(3));
  }

  void otherOperationsAndBadIteratorsRecordNothing() {
    QVERIFY(!api::returnedBytesOf("Query", Json{{"Records", Json::array()}}));
    QVERIFY(!api::returnedBytesOf("Scan", std::string_view("{\"SizeBytes\":5}")));
    // An attribute named SizeBytes inside an image is not a record size.
    const std::string text =
        R"({"Records":[{"dynamodb":{"NewImage":{"SizeBytes":{"N":"9"}},"SizeBytes":42}}]})";
    QCOMPARE(api::returnedBytesOf(kStreams + "GetRecords", std::string_view(text)), std::optional<std::uint64_t>(42));
    QCOMPARE(api::returnedBytesOf(kStreams + "GetRecords", Json::parse(text)), std::optional<std::uint64_t>(42));

    TempEngine t;
    t.clock().setMillis(kStart);
    Json bad = t.call(kStreams + "GetRecords", {{"ShardIterator", "bm90IGFuIGl0ZXJhdG9y"}});
    QCOMPARE(TempEngine::errorType(bad), std::string("ValidationException"));
    Json listed = t.call(kCloudWatch + "ListMetrics", {{"Namespace", "AWS/DynamoDB"}, {"MetricName", "ReturnedBytes"}});
    QCOMPARE(listed["Metrics"].size(), std::size_t(0));
  }
};

QTEST_GUILESS_MAIN(TestReturnedBytesMetric)
#include "test_returned_bytes_metric.moc"
