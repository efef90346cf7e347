// PutMetricAlarm's rules (validate), the Statistic / ExtendedStatistic pair,
// the enum spellings, the ARN, and CloudWatch's number and time formats.
#include <QtTest>

#include <cmath>
#include <functional>

#include "alarms/alarm_definition.h"
#include "alarms/alarm_keys.h"
#include "alarms/cloudwatch_format.h"

using namespace dynadesk;
using namespace dynadesk::alarms;

namespace {

AlarmDefinition valid() {
  AlarmDefinition d;
  d.name = "HighReadCapacityAlarm";
  d.description = "Read capacity over 500 on MusicCollection";
  d.metric = metrics::makeMetricId("ConsumedReadCapacityUnits", {{"TableName", "MusicCollection"}});
  d.statistic = metrics::Statistic{metrics::StatisticKind::Sum, 0};
  d.periodSeconds = 60;
  d.evaluationPeriods = 3;
  d.datapointsToAlarm = 2;
  d.threshold = 500;
  d.comparison = ComparisonOperator::GreaterThanThreshold;
  d.alarmActions = {"arn:aws:sns:us-east-1:000000000000:ops"};
  return d;
}

using Change = std::function<void(AlarmDefinition&)>;

}  // namespace

Q_DECLARE_METATYPE(Change)

class TestAlarmDefinition : public QObject {
  Q_OBJECT

 private slots:
  void validates_data();
  void validates();
  void reportsConstraintViolationsTogether();
  void statisticOrExtendedStatistic_data();
  void statisticOrExtendedStatistic();
  void enumSpellings();
  void arn();
  void historyKeysRoundTripAndKeepTimeOrder();
  void numbersAsCloudWatchPrintsThem_data();
  void numbersAsCloudWatchPrintsThem();
  void times();
};

void TestAlarmDefinition::validates_data() {
  QTest::addColumn<Change>("change");
  QTest::addColumn<QString>("code");  // "" when valid
  QTest::addColumn<QString>("message");
  auto ok = [](const char* name, Change c) { QTest::newRow(name) << c << QString() << QString(); };
  auto bad = [](const char* name, Change c, const char* code, const char* message) {
    QTest::newRow(name) << c << QString(code) << QString(message);
  };

  ok("as is", [](AlarmDefinition&) {});
  ok("period 10", [](AlarmDefinition& d) { d.periodSeconds = 10; });
  ok("period 30", [](AlarmDefinition& d) { d.periodSeconds = 30; });
  ok("period 300", [](AlarmDefinition& d) { d.periodSeconds = 300; });
  ok("M equals N", [](AlarmDefinition& d) { d.datapointsToAlarm = 3; });
  ok("no M", [](AlarmDefinition& d) { d.datapointsToAlarm.reset(); });
  ok("name of 255", [](AlarmDefinition& d) { d.name = std::string(255, 'a'); });
  ok("non-ASCII name of 255 characters", [](AlarmDefinition& d) {
    d.name.clear();
    for (int i = 0; i < 255; ++i) d.name += "\xC3\xA9";  // é, two bytes each
  });
  ok("one day of one-minute periods", [](AlarmDefinition& d) { d.evaluationPeriods = 1440; });
  ok("seven days of hours", [](AlarmDefinition& d) {
    d.periodSeconds = 3600;
    d.evaluationPeriods = 168;
  });
  ok("five actions", [](AlarmDefinition& d) { d.okActions.assign(5, "arn:aws:sns:us-east-1:1:t"); });
  ok("p99.9", [](AlarmDefinition& d) { d.statistic = *metrics::parseStatistic("p99.9"); });
  ok("unit", [](AlarmDefinition& d) { d.unit = "Count/Second"; });
  ok("automate ARN", [](AlarmDefinition& d) { d.alarmActions = {"arn:aws:automate:us-east-1:ec2:stop"}; });

  bad("empty name", [](AlarmDefinition& d) { d.name.clear(); }, "ValidationError",
      "1 validation error detected: Value '' at 'alarmName' failed to satisfy constraint: Member must have length "
      "greater than or equal to 1");
  bad("name of 256", [](AlarmDefinition& d) { d.name = std::string(256, 'n'); }, "ValidationError",
      ("1 validation error detected: Value '" + std::string(256, 'n') +
       "' at 'alarmName' failed to satisfy constraint: Member must have length less than or equal to 255")
          .c_str());
  bad("control character in name", [](AlarmDefinition& d) { d.name = "a\tb"; }, "ValidationError",
      "AlarmName must be UTF-8 text without ASCII control characters.");
  bad("name not UTF-8", [](AlarmDefinition& d) { d.name = "a\xFF"; }, "ValidationError",
      "AlarmName must be UTF-8 text without ASCII control characters.");
  bad("period 20", [](AlarmDefinition& d) { d.periodSeconds = 20; }, "ValidationError",
      "Period must be 10, 30 or a multiple of 60");
  bad("period 90", [](AlarmDefinition& d) { d.periodSeconds = 90; }, "ValidationError",
      "Period must be 10, 30 or a multiple of 60");
  bad("period 0", [](AlarmDefinition& d) { d.periodSeconds = 0; }, "ValidationError",
      "1 validation error detected: Value '0' at 'period' failed to satisfy constraint: Member must have value "
      "greater than or equal to 1");
  bad("no evaluation periods", [](AlarmDefinition& d) { d.evaluationPeriods = 0; }, "ValidationError",
      "1 validation error detected: Value '0' at 'evaluationPeriods' failed to satisfy constraint: Member must have "
      "value greater than or equal to 1");
  bad("M over N", [](AlarmDefinition& d) { d.datapointsToAlarm = 4; }, "ValidationError",
      "DatapointsToAlarm must be less than or equal to EvaluationPeriods");
  bad("M zero", [](AlarmDefinition& d) { d.datapointsToAlarm = 0; }, "ValidationError",
      "1 validation error detected: Value '0' at 'datapointsToAlarm' failed to satisfy constraint: Member must have "
      "value greater than or equal to 1");
  bad("over a day", [](AlarmDefinition& d) { d.evaluationPeriods = 1441; }, "InvalidParameterCombination",
      "Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400 when Period "
      "is less than 3600).");
  bad("over seven days", [](AlarmDefinition& d) {
    d.periodSeconds = 3600;
    d.evaluationPeriods = 169;
  }, "InvalidParameterCombination",
      "Metrics cannot be checked across more than seven days (EvaluationPeriods * Period must be <= 604800).");
  bad("six actions", [](AlarmDefinition& d) { d.alarmActions.assign(6, "arn:aws:sns:us-east-1:1:t"); },
      "ValidationError",
      "1 validation error detected: Value '[arn:aws:sns:us-east-1:1:t, arn:aws:sns:us-east-1:1:t, "
      "arn:aws:sns:us-east-1:1:t, arn:aws:sns:us-east-1:1:t, arn:aws:sns:us-east-1:1:t, arn:aws:sns:us-east-1:1:t]' "
      "at 'alarmActions' failed to satisfy constraint: Member must have length less than or equal to 5");
  bad("not an ARN", [](AlarmDefinition& d) { d.okActions = {"my-topic"}; }, "ValidationError",
      "Invalid arn syntax: my-topic");
  bad("ARN without resource", [](AlarmDefinition& d) { d.insufficientDataActions = {"arn:aws:sns:us-east-1:1:"}; },
      "ValidationError", "Invalid arn syntax: arn:aws:sns:us-east-1:1:");
  bad("other namespace", [](AlarmDefinition& d) { d.metricNamespace = "AWS/EC2"; }, "InvalidParameterValue",
      "The namespace AWS/EC2 is not supported: Dynadesk records metrics only in AWS/DynamoDB.");
  bad("duplicate dimension", [](AlarmDefinition& d) {
    d.metric.dimensions = {{"TableName", "a"}, {"TableName", "b"}};
  }, "InvalidParameterValue", "The dimension TableName is specified more than once.");
  bad("unknown unit", [](AlarmDefinition& d) { d.unit = "Furlongs"; }, "ValidationError", nullptr);
  bad("NaN threshold", [](AlarmDefinition& d) { d.threshold = std::nan(""); }, "InvalidParameterValue",
      "The parameter Threshold must be a finite number.");
  bad("empty metric name", [](AlarmDefinition& d) { d.metric.name.clear(); }, "ValidationError",
      "1 validation error detected: Value '' at 'metricName' failed to satisfy constraint: Member must have length "
      "greater than or equal to 1");
}

void TestAlarmDefinition::validates() {
  QFETCH(Change, change);
  QFETCH(QString, code);
  QFETCH(QString, message);
  AlarmDefinition d = valid();
  change(d);
  const auto error = validate(d);
  if (code.isEmpty()) {
    QVERIFY2(!error, error ? error->message.c_str() : "");
    return;
  }
  QVERIFY(error.has_value());
  QCOMPARE(QString::fromStdString(std::string(alarmErrorCodeName(error->code))), code);
  if (!message.isNull()) QCOMPARE(QString::fromStdString(error->message), message);
}

void TestAlarmDefinition::reportsConstraintViolationsTogether() {
  AlarmDefinition d = valid();
  d.periodSeconds = 0;
  d.evaluationPeriods = 0;
  const auto error = validate(d);
  QVERIFY(error.has_value());
  QCOMPARE(error->code, AlarmErrorCode::ValidationError);
  QCOMPARE(error->message,
           std::string("2 validation errors detected: Value '0' at 'period' failed to satisfy constraint: Member must "
                       "have value greater than or equal to 1; Value '0' at 'evaluationPeriods' failed to satisfy "
                       "constraint: Member must have value greater than or equal to 1"));
}

void TestAlarmDefinition::statisticOrExtendedStatistic_data() {
  QTest::addColumn<QString>("statistic");          // "-" when absent
  QTest::addColumn<QString>("extendedStatistic");  // "-" when absent
  QTest::addColumn<QString>("result");             // statistic name, or the error code
  QTest::newRow("Sum") << "Sum" << "-" << "Sum";
  QTest::newRow("SampleCount") << "SampleCount" << "-" << "SampleCount";
  QTest::newRow("p99") << "-" << "p99" << "p99";
  QTest::newRow("p99.9") << "-" << "p99.9" << "p99.9";
  QTest::newRow("both") << "Sum" << "p99" << "InvalidParameterCombination";
  QTest::newRow("neither") << "-" << "-" << "MissingParameter";
  QTest::newRow("bad statistic") << "Median" << "-" << "ValidationError";
  QTest::newRow("percentile as Statistic") << "p99" << "-" << "ValidationError";
  QTest::newRow("p101") << "-" << "p101" << "InvalidParameterValue";
  QTest::newRow("simple as extended") << "-" << "Sum" << "InvalidParameterValue";
}

void TestAlarmDefinition::statisticOrExtendedStatistic() {
  QFETCH(QString, statistic);
  QFETCH(QString, extendedStatistic);
  QFETCH(QString, result);
  auto opt = [](const QString& s) { return s == "-" ? std::nullopt : std::optional<std::string>(s.toStdString()); };
  const auto parsed = parseAlarmStatistic(opt(statistic), opt(extendedStatistic));
  if (parsed) {
    QCOMPARE(QString::fromStdString(metrics::statisticName(*parsed)), result);
  } else {
    QCOMPARE(QString::fromStdString(std::string(alarmErrorCodeName(parsed.error().code))), result);
  }
}

void TestAlarmDefinition::enumSpellings() {
  for (auto t : {TreatMissingData::Missing, TreatMissingData::NotBreaching, TreatMissingData::Breaching,
                 TreatMissingData::Ignore}) {
    QCOMPARE(parseTreatMissingData(treatMissingDataName(t)), std::optional(t));
  }
  QCOMPARE(treatMissingDataName(TreatMissingData::NotBreaching), std::string_view("notBreaching"));
  QVERIFY(!parseTreatMissingData("NotBreaching"));  // exact, as CloudWatch
  QCOMPARE(stateValueName(AlarmStateValue::InsufficientData), std::string_view("INSUFFICIENT_DATA"));
  QCOMPARE(parseStateValue("ALARM"), std::optional(AlarmStateValue::Alarm));
  QVERIFY(!parseStateValue("alarm"));
  QCOMPARE(parseComparisonOperator("LessThanOrEqualToThreshold"),
           std::optional(ComparisonOperator::LessThanOrEqualToThreshold));
  QVERIFY(!parseComparisonOperator("GreaterThanUpperThreshold"));  // anomaly detection: not modelled
  QVERIFY(isStandardUnit("Count"));
  QVERIFY(!isStandardUnit("count"));
}

void TestAlarmDefinition::arn() {
  QCOMPARE(alarmArn("us-east-1", "000000000000", "HighReadCapacityAlarm"),
           std::string("arn:aws:cloudwatch:us-east-1:000000000000:alarm:HighReadCapacityAlarm"));
  QCOMPARE(alarmArn("eu-west-1", "123456789012", "a:b"), std::string("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:a:b"));
}

void TestAlarmDefinition::historyKeysRoundTripAndKeepTimeOrder() {
  const std::string odd("a\0b", 3);  // no valid alarm name has NUL, but the key must not break on one
  for (const std::string& name : {std::string("HighReadCapacityAlarm"), odd, std::string("é")}) {
    const auto parsed = parseHistoryKey(historyKey(name, 1795255200123, 7));
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->name, name);
    QCOMPARE(parsed->millis, std::int64_t{1795255200123});
    QCOMPARE(parsed->sequence, std::uint32_t{7});
  }
  QVERIFY(historyKey("a", 2, 0) > historyKey("a", 1, 99));
  QVERIFY(historyKey("a", 1, 1) > historyKey("a", 1, 0));
  // One alarm's items never interleave with another's whose name extends it.
  QVERIFY(historyKey("ab", 0, 0) > historyKey("a", 9'999'999'999'999, 0));
  QVERIFY(!parseHistoryKey(alarmKey("a")));
  QCOMPARE(alarmNameOfKey(alarmKey("x y")), std::string("x y"));
}

void TestAlarmDefinition::numbersAsCloudWatchPrintsThem_data() {
  QTest::addColumn<double>("value");
  QTest::addColumn<QString>("text");
  QTest::newRow("integral") << 512.0 << "512.0";
  QTest::newRow("zero") << 0.0 << "0.0";
  QTest::newRow("negative") << -3.5 << "-3.5";
  QTest::newRow("fraction") << 0.01 << "0.01";
  QTest::newRow("long fraction") << 3.4666088898518357 << "3.4666088898518357";
  QTest::newRow("thousandth") << 0.001 << "0.001";
  QTest::newRow("below a thousandth") << 0.0001 << "1.0E-4";
  QTest::newRow("just under ten million") << 9999999.0 << "9999999.0";
  QTest::newRow("ten million") << 1e7 << "1.0E7";
  QTest::newRow("large") << 1.25e10 << "1.25E10";
  QTest::newRow("twenty thousand") << 20000.0 << "20000.0";
}

void TestAlarmDefinition::numbersAsCloudWatchPrintsThem() {
  QFETCH(double, value);
  QFETCH(QString, text);
  QCOMPARE(QString::fromStdString(formatCloudWatchNumber(value)), text);
}

void TestAlarmDefinition::times() {
  QCOMPARE(formatReasonTime(1795256100000), std::string("21/11/26 10:15:00"));
  QCOMPARE(formatIsoTime(1795256100123), std::string("2026-11-21T10:15:00.123+0000"));
  QCOMPARE(formatIsoTime(0), std::string("1970-01-01T00:00:00.000+0000"));
  QCOMPARE(formatReasonTime(946684799000), std::string("31/12/99 23:59:59"));
}

QTEST_APPLESS_MAIN(TestAlarmDefinition)
#include "test_alarm_definition.moc"
