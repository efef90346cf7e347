// CloudWatch's query protocol: form bodies as botocore writes them become
// CloudWatch's JSON shapes, and JSON answers become the XML botocore parses.
#include <QtTest>

#include "server/cloudwatch_query.h"

using namespace dynadesk;
using namespace dynadesk::server;
using Json = nlohmann::json;

namespace QTest {
template <>
inline char* toString(const Json& value) {
  return qstrdup(value.dump().c_str());
}
}  // namespace QTest

class TestCloudWatchQuery : public QObject {
  Q_OBJECT
 private slots:
  void decodesNestedListsAndTypes() {
    // What boto3's put_metric_alarm sends for the seed's HighReadCapacityAlarm.
    const std::string body =
        "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=HighReadCapacityAlarm"
        "&ActionsEnabled=false&OKActions=&AlarmActions.member.1=arn%3Aaws%3Asns%3Aus-east-1%3A1%3Aops"
        "&MetricName=ConsumedReadCapacityUnits&Namespace=AWS%2FDynamoDB&Statistic=Sum"
        "&Dimensions.member.1.Name=TableName&Dimensions.member.1.Value=MusicCollection"
        "&Period=60&EvaluationPeriods=1&Threshold=500.0&ComparisonOperator=GreaterThanThreshold"
        "&AlarmDescription=Alarm+when+read+capacity+exceeds+500+units";
    auto q = decodeCloudWatchQuery(body);
    QVERIFY2(q.isOk(), q.status().message().c_str());
    QCOMPARE(q->action, std::string("PutMetricAlarm"));
    QCOMPARE(q->request, Json({{"AlarmName", "HighReadCapacityAlarm"},
                               {"ActionsEnabled", false},
                               {"OKActions", Json::array()},
                               {"AlarmActions", Json::array({"arn:aws:sns:us-east-1:1:ops"})},
                               {"MetricName", "ConsumedReadCapacityUnits"},
                               {"Namespace", "AWS/DynamoDB"},
                               {"Statistic", "Sum"},
                               {"Dimensions", Json::array({{{"Name", "TableName"}, {"Value", "MusicCollection"}}})},
                               {"Period", 60},
                               {"EvaluationPeriods", 1},
                               {"Threshold", 500.0},
                               {"ComparisonOperator", "GreaterThanThreshold"},
                               {"AlarmDescription", "Alarm when read capacity exceeds 500 units"}}));
  }

  void decodesTimestampsAndDeepMembers() {
    const std::string body =
        "Action=GetMetricData&Version=2010-08-01&StartTime=2026-11-21T10%3A15%3A00Z"
        "&EndTime=2026-11-21T10%3A16%3A30.500000Z"
        "&MetricDataQueries.member.1.Id=reads"
        "&MetricDataQueries.member.1.MetricStat.Metric.Namespace=AWS%2FDynamoDB"
        "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=TableName"
        "&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value=Music"
        "&MetricDataQueries.member.1.MetricStat.Period=60&MetricDataQueries.member.1.ReturnData=true";
    auto q = decodeCloudWatchQuery(body);
    QVERIFY2(q.isOk(), q.status().message().c_str());
    QCOMPARE(q->request["StartTime"], Json(1795256100.0));
    QCOMPARE(q->request["EndTime"], Json(1795256190.5));
    const Json& first = q->request["MetricDataQueries"][0];
    QCOMPARE(first["MetricStat"]["Metric"]["Dimensions"][0]["Value"], Json("Music"));
    QCOMPARE(first["MetricStat"]["Period"], Json(60));
    QCOMPARE(first["ReturnData"], Json(true));
  }

  void refusesWhatItCannotRead() {
    QCOMPARE(decodeCloudWatchQuery("Version=2010-08-01").status().type(), ErrorType::MissingParameter);
    auto period = decodeCloudWatchQuery("Action=GetMetricStatistics&Period=sixty");
    QCOMPARE(period.status().type(), ErrorType::InvalidParameterValue);
    QCOMPARE(period.status().message(), std::string("The value 'sixty' for parameter Period is not a valid integer."));
    QCOMPARE(decodeCloudWatchQuery("Action=GetMetricStatistics&StartTime=yesterday").status().type(),
             ErrorType::InvalidParameterValue);
    QCOMPARE(decodeCloudWatchQuery("Action=X&A=%zz").status().type(), ErrorType::InvalidParameterValue);
    QCOMPARE(decodeCloudWatchQuery("Action=X&A=%2").status().type(), ErrorType::InvalidParameterValue);
    QCOMPARE(decodeCloudWatchQuery("Action=X&A.member.0=x").status().type(), ErrorType::InvalidParameterValue);
  }

  void timestampsRoundTrip() {
    QCOMPARE(isoTimestamp(0), std::string("1970-01-01T00:00:00.000Z"));
    QCOMPARE(isoTimestamp(1795256100.25), std::string("2026-11-21T10:15:00.250Z"));
    QCOMPARE(*parseIsoTimestamp("2026-11-21T10:15:00.250Z"), 1795256100.25);
    QCOMPARE(*parseIsoTimestamp("2026-11-21T12:15:00+02:00"), 1795256100.0);
    QCOMPARE(*parseIsoTimestamp("2024-02-29T00:00:00Z"), 1709164800.0);
    QVERIFY(!parseIsoTimestamp("2026-13-01T00:00:00Z").isOk());
    QVERIFY(!parseIsoTimestamp("2026-11-21").isOk());
  }

  void encodesResultsAsBotocoreReadsThem() {
    const Json response{{"Label", "ConsumedReadCapacityUnits"},
                        {"Datapoints", Json::array({{{"Timestamp", 1795256100.0},
                                                     {"Sum", 512.0},
                                                     {"SampleCount", 3},
                                                     {"Unit", "Count"},
                                                     {"ExtendedStatistics", {{"p99", 200.5}}}}})}};
    const std::string xml = encodeCloudWatchResponse("GetMetricStatistics", response, "req-1");
    QCOMPARE(xml, std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                              "<GetMetricStatisticsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                              "<GetMetricStatisticsResult>"
                              "<Datapoints><member><ExtendedStatistics><entry><key>p99</key><value>200.5</value></entry>"
                              "</ExtendedStatistics><SampleCount>3</SampleCount><Sum>512.0</Sum>"
                              "<Timestamp>2026-11-21T10:15:00.000Z</Timestamp><Unit>Count</Unit></member></Datapoints>"
                              "<Label>ConsumedReadCapacityUnits</Label>"
                              "</GetMetricStatisticsResult>"
                              "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>"
                              "</GetMetricStatisticsResponse>\n"));
    // Operations without output answer with the metadata alone; text is escaped.
    QCOMPARE(encodeCloudWatchResponse("DeleteAlarms", Json::object(), "r"),
             std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DeleteAlarmsResponse "
                         "xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><ResponseMetadata><RequestId>r"
                         "</RequestId></ResponseMetadata></DeleteAlarmsResponse>\n"));
    const std::string history = encodeCloudWatchResponse(
        "DescribeAlarmHistory",
        Json{{"AlarmHistoryItems", Json::array({{{"HistoryData", "{\"a\":\"<b>&\"}"}, {"Timestamp", 0}}})}}, "r");
    QVERIFY(history.find("<HistoryData>{&quot;a&quot;:&quot;&lt;b&gt;&amp;&quot;}</HistoryData>") != std::string::npos);
    QVERIFY(history.find("<Timestamp>1970-01-01T00:00:00.000Z</Timestamp>") != std::string::npos);
    const std::string times = encodeCloudWatchResponse(
        "GetMetricData", Json{{"MetricDataResults", Json::array({{{"Timestamps", Json::array({60.0})}}})}}, "r");
    QVERIFY(times.find("<Timestamps><member>1970-01-01T00:01:00.000Z</member></Timestamps>") != std::string::npos);
  }

  void encodesErrorsWithCloudWatchCodes() {
    QCOMPARE(encodeCloudWatchError(Status(ErrorType::InvalidParameterValue, "Bad <value>"), "r1"),
             std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse "
                         "xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error><Type>Sender</Type>"
                         "<Code>InvalidParameterValue</Code><Message>Bad &lt;value&gt;</Message></Error>"
                         "<RequestId>r1</RequestId></ErrorResponse>\n"));
    const std::string sig = encodeCloudWatchError(Status(ErrorType::InvalidSignatureException, "no"), "r");
    QVERIFY(sig.find("<Code>SignatureDoesNotMatch</Code>") != std::string::npos);
    const std::string internal = encodeCloudWatchError(Status::internal("oops"), "r");
    QVERIFY(internal.find("<Type>Receiver</Type><Code>InternalServiceError</Code>") != std::string::npos);
  }
};

QTEST_APPLESS_MAIN(TestCloudWatchQuery)
#include "test_cloudwatch_query.moc"
