// The alarm state machine as a table of cases: datapoint patterns over the
// evaluation range ("0" not breaching, "X" breaching, "-" missing, oldest
// first), M out of N, each TreatMissingData, each comparison operator at the
// threshold, and the StateReason / StateReasonData text CloudWatch writes.
// The first two groups of rows are the CloudWatch user guide's tables
// ("How alarm state is evaluated when data is missing") row by row.
#include <QtTest>

#include <sstream>

#include <nlohmann/json.hpp>

#include "alarms/alarm_evaluation.h"

using namespace dynadesk;
using namespace dynadesk::alarms;

namespace {

// 2026-11-21T10:00:00Z, a period boundary for every period used here.
constexpr std::int64_t kBase = 1795255200000;
constexpr double kThreshold = 10;

AlarmDefinition alarm(int n, std::optional<int> m, TreatMissingData treatment,
                      ComparisonOperator op = ComparisonOperator::GreaterThanThreshold, double threshold = kThreshold) {
  AlarmDefinition d;
  d.name = "HighReadCapacityAlarm";
  d.metric = metrics::makeMetricId("ConsumedReadCapacityUnits", {{"TableName", "MusicCollection"}});
  d.statistic = metrics::Statistic{metrics::StatisticKind::Sum, 0};
  d.periodSeconds = 60;
  d.evaluationPeriods = n;
  d.datapointsToAlarm = m;
  d.threshold = threshold;
  d.comparison = op;
  d.treatMissingData = treatment;
  return d;
}

std::vector<std::string> tokens(const std::string& pattern) {
  std::istringstream in(pattern);
  std::vector<std::string> out;
  for (std::string t; in >> t;) out.push_back(t);
  return out;
}

// Points for a pattern laid over the range that ends at `end`.
std::vector<metrics::StatisticPoint> pointsFor(const std::string& pattern, const EvaluationRange& range,
                                               double breaching = kThreshold + 1, double fine = kThreshold - 1) {
  std::vector<metrics::StatisticPoint> points;
  const auto cells = tokens(pattern);
  const std::int64_t period = (range.endMillis - range.startMillis) / range.periods;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::int64_t t = range.startMillis + static_cast<std::int64_t>(i) * period;
    if (cells[i] == "X") points.push_back({t, breaching});
    if (cells[i] == "0") points.push_back({t, fine});
  }
  return points;
}

TreatMissingData treatment(const std::string& name) {
  auto t = parseTreatMissingData(name);
  if (!t) qFatal("bad treatment %s", name.c_str());
  return *t;
}

}  // namespace

class TestAlarmEvaluation : public QObject {
  Q_OBJECT

 private slots:
  void stateMachine_data();
  void stateMachine();
  void comparisonAtThreshold_data();
  void comparisonAtThreshold();
  void evaluationRangeEndsAtTheLastCompletePeriod();
  void reasonForMOutOfNAlarm();
  void reasonWithoutDatapointsToAlarm();
  void reasonForOkListsTheNonBreachingDatapoints();
  void reasonNamesFilledInMissingDatapoints();
  void reasonWhenNoDatapointsWereReceived();
  void reasonForInsufficientData();
  void reasonDataForPercentileWithUnit();
  void pointsOutsideTheRangeAreIgnored();
};

void TestAlarmEvaluation::stateMachine_data() {
  QTest::addColumn<std::string>("pattern");
  QTest::addColumn<int>("m");
  QTest::addColumn<int>("n");
  QTest::addColumn<std::string>("treatment");
  QTest::addColumn<std::string>("current");
  QTest::addColumn<std::string>("expected");  // a state, or "keep" (ignore: not decided)

  // One row per treatment: missing, ignore, breaching, notBreaching.
  auto rows = [](const std::string& pattern, int m, int n, const std::string& current, const std::string& missing,
                 const std::string& ignore, const std::string& breaching, const std::string& notBreaching) {
    const std::string base = pattern + " M" + std::to_string(m) + "/N" + std::to_string(n) + " from " + current;
    QTest::newRow((base + " missing").c_str()) << pattern << m << n << std::string("missing") << current << missing;
    QTest::newRow((base + " ignore").c_str()) << pattern << m << n << std::string("ignore") << current << ignore;
    QTest::newRow((base + " breaching").c_str()) << pattern << m << n << std::string("breaching") << current << breaching;
    QTest::newRow((base + " notBreaching").c_str())
        << pattern << m << n << std::string("notBreaching") << current << notBreaching;
  };
  const std::string OK = "OK", ALARM = "ALARM", INSUF = "INSUFFICIENT_DATA", KEEP = "keep";

  // User guide, first table: DatapointsToAlarm = EvaluationPeriods = 3, five
  // datapoints retrieved.
  rows("0 - X - X", 3, 3, ALARM, OK, OK, OK, OK);
  rows("0 - - - -", 3, 3, ALARM, OK, OK, OK, OK);
  rows("- - - - -", 3, 3, ALARM, INSUF, KEEP, ALARM, OK);
  rows("- - - - -", 3, 3, OK, INSUF, KEEP, ALARM, OK);
  rows("0 X X - X", 3, 3, OK, ALARM, ALARM, ALARM, ALARM);
  rows("- - - - X", 3, 3, OK, INSUF, KEEP, ALARM, OK);
  rows("X - - - -", 3, 3, OK, ALARM, KEEP, ALARM, OK);

  // User guide, second table: 2 out of 3.
  rows("0 - X - X", 2, 3, OK, ALARM, ALARM, ALARM, ALARM);
  rows("0 0 X 0 X", 2, 3, OK, ALARM, ALARM, ALARM, ALARM);
  rows("0 - X - -", 2, 3, ALARM, OK, OK, ALARM, OK);
  rows("- - - - 0", 2, 3, ALARM, OK, OK, ALARM, OK);
  rows("- - - - X", 2, 3, ALARM, INSUF, KEEP, ALARM, OK);
  rows("- - - - X", 2, 3, OK, INSUF, KEEP, ALARM, OK);

  // M out of N with every period present: only the N most recent count.
  rows("0 0 X 0 X X 0", 3, 5, OK, ALARM, ALARM, ALARM, ALARM);
  rows("X X X 0 X 0 0", 3, 5, ALARM, OK, OK, OK, OK);
  rows("0 0 0 0 X X X", 3, 5, OK, ALARM, ALARM, ALARM, ALARM);
  rows("X X 0 0 X 0 X", 2, 5, OK, ALARM, ALARM, ALARM, ALARM);
  rows("X X 0 0 0 0 X", 2, 5, ALARM, OK, OK, OK, OK);

  // One out of one.
  rows("- - X", 1, 1, OK, ALARM, ALARM, ALARM, ALARM);
  rows("- - 0", 1, 1, ALARM, OK, OK, OK, OK);
  rows("- - -", 1, 1, ALARM, INSUF, KEEP, ALARM, OK);

  // INSUFFICIENT_DATA on start: nothing yet, and ignore keeps what it has.
  rows("- - - - -", 2, 3, INSUF, INSUF, KEEP, ALARM, OK);
  // Data stops: the last datapoint is evaluated while it is in the range...
  rows("X - -", 1, 1, OK, ALARM, ALARM, ALARM, ALARM);
  rows("0 - -", 1, 1, ALARM, OK, OK, OK, OK);
  // ... and once it has left, missing says INSUFFICIENT_DATA.
  rows("- - -", 1, 1, OK, INSUF, KEEP, ALARM, OK);

  // Fewer real datapoints than N: the missing ones are filled in as few times
  // as possible, the most recent first.
  rows("X 0 - - -", 3, 3, ALARM, OK, OK, OK, OK);
  rows("- X - X -", 3, 3, OK, ALARM, KEEP, ALARM, OK);
  rows("- - 0 - X", 1, 3, OK, ALARM, ALARM, ALARM, ALARM);
  // Breaching data nothing contradicted for M periods (missing only).
  rows("- - X - -", 2, 3, OK, ALARM, KEEP, ALARM, OK);
  rows("- - - X -", 2, 3, OK, ALARM, KEEP, ALARM, OK);
  rows("- - - X -", 3, 3, OK, INSUF, KEEP, ALARM, OK);
}

void TestAlarmEvaluation::stateMachine() {
  QFETCH(std::string, pattern);
  QFETCH(int, m);
  QFETCH(int, n);
  QFETCH(std::string, treatment);
  QFETCH(std::string, current);
  QFETCH(std::string, expected);

  const AlarmDefinition d = alarm(n, m, ::treatment(treatment));
  QVERIFY(!validate(d).has_value());
  QCOMPARE(static_cast<int>(tokens(pattern).size()), evaluationRangePeriods(d));
  const std::int64_t now = kBase + 3600'000 + 25'000;  // 25 s into a period
  const EvaluationRange range = evaluationRange(d, now);
  const auto currentState = parseStateValue(current);
  QVERIFY(currentState.has_value());

  const AlarmEvaluation e = evaluateAlarm(d, *currentState, now, range, pointsFor(pattern, range));
  if (expected == "keep") {
    QVERIFY2(!e.decided, stateValueName(e.state).data());
    QCOMPARE(e.state, *currentState);
    QVERIFY(e.reason.empty());
  } else {
    QVERIFY(e.decided);
    QCOMPARE(std::string(stateValueName(e.state)), expected);
    QVERIFY(!e.reason.empty());
    QVERIFY(nlohmann::json::accept(e.reasonData));
  }
}

void TestAlarmEvaluation::comparisonAtThreshold_data() {
  QTest::addColumn<std::string>("op");
  QTest::addColumn<double>("value");
  QTest::addColumn<bool>("breaching");
  QTest::newRow(">= at") << std::string("GreaterThanOrEqualToThreshold") << 10.0 << true;
  QTest::newRow(">= below") << std::string("GreaterThanOrEqualToThreshold") << 9.999 << false;
  QTest::newRow("> at") << std::string("GreaterThanThreshold") << 10.0 << false;
  QTest::newRow("> above") << std::string("GreaterThanThreshold") << 10.001 << true;
  QTest::newRow("< at") << std::string("LessThanThreshold") << 10.0 << false;
  QTest::newRow("< below") << std::string("LessThanThreshold") << 9.999 << true;
  QTest::newRow("<= at") << std::string("LessThanOrEqualToThreshold") << 10.0 << true;
  QTest::newRow("<= above") << std::string("LessThanOrEqualToThreshold") << 10.001 << false;
}

void TestAlarmEvaluation::comparisonAtThreshold() {
  QFETCH(std::string, op);
  QFETCH(double, value);
  QFETCH(bool, breaching);
  const auto parsed = parseComparisonOperator(op);
  QVERIFY(parsed.has_value());
  QCOMPARE(comparisonOperatorName(*parsed), std::string_view(op));
  QCOMPARE(isBreaching(*parsed, value, 10.0), breaching);

  // The same through a whole evaluation: one datapoint, one out of one.
  const AlarmDefinition d = alarm(1, 1, TreatMissingData::Missing, *parsed, 10.0);
  const std::int64_t now = kBase + 180'000 + 1;
  const EvaluationRange range = evaluationRange(d, now);
  const AlarmEvaluation e =
      evaluateAlarm(d, AlarmStateValue::InsufficientData, now, range, {{range.endMillis - 60'000, value}});
  QCOMPARE(e.state, breaching ? AlarmStateValue::Alarm : AlarmStateValue::Ok);
}

void TestAlarmEvaluation::evaluationRangeEndsAtTheLastCompletePeriod() {
  AlarmDefinition d = alarm(3, std::nullopt, TreatMissingData::Missing);
  QCOMPARE(evaluationRangePeriods(d), 5);  // the user guide's five datapoints for three periods
  const std::int64_t now = kBase + 15 * 60'000 + 30'500;  // 10:15:30.5
  EvaluationRange r = evaluationRange(d, now);
  QCOMPARE(r.endMillis, kBase + 15 * 60'000);
  QCOMPARE(r.startMillis, kBase + 10 * 60'000);
  QCOMPARE(r.periods, 5);
  // Exactly on a boundary, the period that just ended is complete.
  QCOMPARE(evaluationRange(d, kBase + 15 * 60'000).endMillis, kBase + 15 * 60'000);

  d.periodSeconds = 300;
  r = evaluationRange(d, kBase + 17 * 60'000);
  QCOMPARE(r.endMillis, kBase + 15 * 60'000);
  QCOMPARE(r.startMillis, kBase + 15 * 60'000 - 5 * 300'000);
  d.periodSeconds = 10;
  QCOMPARE(evaluationRange(d, kBase + 25'999).endMillis, kBase + 20'000);
  QCOMPARE(lastPeriodBoundary(60, -1), -60'000);
}

void TestAlarmEvaluation::reasonForMOutOfNAlarm() {
  AlarmDefinition d = alarm(1, 1, TreatMissingData::Missing, ComparisonOperator::GreaterThanThreshold, 500);
  const std::int64_t now = kBase + 16 * 60'000 + 10'000;  // 10:16:10
  const EvaluationRange range = evaluationRange(d, now);
  const AlarmEvaluation e = evaluateAlarm(d, AlarmStateValue::Ok, now, range, {{kBase + 15 * 60'000, 512}});
  QCOMPARE(e.state, AlarmStateValue::Alarm);
  QCOMPARE(e.reason,
           std::string("Threshold Crossed: 1 out of the last 1 datapoints [512.0 (21/11/26 10:15:00)] was greater "
                       "than the threshold (500.0) (minimum 1 datapoint for OK -> ALARM transition)."));
  QCOMPARE(e.reasonData,
           std::string(R"({"version":"1.0","queryDate":"2026-11-21T10:16:10.000+0000",)"
                       R"("startDate":"2026-11-21T10:15:00.000+0000","statistic":"Sum","period":60,)"
                       R"("recentDatapoints":[512.0],"threshold":500.0,)"
                       R"("evaluatedDatapoints":[{"timestamp":"2026-11-21T10:15:00.000+0000","value":512.0}]})"));
}

void TestAlarmEvaluation::reasonWithoutDatapointsToAlarm() {
  AlarmDefinition d = alarm(3, std::nullopt, TreatMissingData::Missing, ComparisonOperator::GreaterThanOrEqualToThreshold, 7);
  const std::int64_t now = kBase + 25 * 60'000;
  const EvaluationRange range = evaluationRange(d, now);
  const AlarmEvaluation e = evaluateAlarm(d, AlarmStateValue::Ok, now, range,
                                          {{kBase + 22 * 60'000, 9.18241509182415},
                                           {kBase + 23 * 60'000, 9.72},
                                           {kBase + 24 * 60'000, 8.891518474692088}});
  QCOMPARE(e.state, AlarmStateValue::Alarm);
  QCOMPARE(e.reason,
           std::string("Threshold Crossed: 3 datapoints [8.891518474692088 (21/11/26 10:24:00), 9.72 (21/11/26 "
                       "10:23:00), 9.18241509182415 (21/11/26 10:22:00)] were greater than or equal to the "
                       "threshold (7.0)."));
  const auto data = nlohmann::json::parse(e.reasonData);
  QCOMPARE(data["recentDatapoints"].size(), std::size_t{3});
  QCOMPARE(data["recentDatapoints"][0].get<double>(), 9.18241509182415);  // oldest first
  QCOMPARE(data["evaluatedDatapoints"][0]["timestamp"].get<std::string>(),
           std::string("2026-11-21T10:24:00.000+0000"));  // newest first
  QCOMPARE(data["startDate"].get<std::string>(), std::string("2026-11-21T10:22:00.000+0000"));
}

void TestAlarmEvaluation::reasonForOkListsTheNonBreachingDatapoints() {
  AlarmDefinition d = alarm(3, 2, TreatMissingData::Missing, ComparisonOperator::GreaterThanThreshold, 500);
  const std::int64_t now = kBase + 16 * 60'000;
  const EvaluationRange range = evaluationRange(d, now);
  const AlarmEvaluation e = evaluateAlarm(
      d, AlarmStateValue::Alarm, now, range,
      {{kBase + 13 * 60'000, 600}, {kBase + 14 * 60'000, 300}, {kBase + 15 * 60'000, 400}});
  QCOMPARE(e.state, AlarmStateValue::Ok);
  QCOMPARE(e.reason,
           std::string("Threshold Crossed: 2 out of the last 3 datapoints [400.0 (21/11/26 10:15:00), 300.0 "
                       "(21/11/26 10:14:00)] were not greater than the threshold (500.0) (minimum 2 datapoints for "
                       "ALARM -> OK transition)."));
}

void TestAlarmEvaluation::reasonNamesFilledInMissingDatapoints() {
  AlarmDefinition d = alarm(2, std::nullopt, TreatMissingData::Breaching, ComparisonOperator::LessThanThreshold, 1);
  const std::int64_t now = kBase + 10 * 60'000;
  const EvaluationRange range = evaluationRange(d, now);
  AlarmEvaluation e = evaluateAlarm(d, AlarmStateValue::Alarm, now, range, {{kBase + 8 * 60'000, 1}});
  QCOMPARE(e.state, AlarmStateValue::Ok);
  QCOMPARE(e.reason, std::string("Threshold Crossed: 1 datapoint [1.0 (21/11/26 10:08:00)] was not less than the "
                                 "threshold (1.0) and 1 missing datapoint was treated as [Breaching]."));
  const auto data = nlohmann::json::parse(e.reasonData);
  QCOMPARE(data["evaluatedDatapoints"].size(), std::size_t{2});
  QCOMPARE(data["evaluatedDatapoints"][0].contains("value"), false);  // the filled-in 10:09 period
  QCOMPARE(data["evaluatedDatapoints"][0]["timestamp"].get<std::string>(), std::string("2026-11-21T10:09:00.000+0000"));

  d.datapointsToAlarm = 1;
  d.evaluationPeriods = 20;
  d.treatMissingData = TreatMissingData::NotBreaching;
  d.comparison = ComparisonOperator::GreaterThanOrEqualToThreshold;
  const std::int64_t later = kBase + 30 * 60'000;
  const EvaluationRange wide = evaluationRange(d, later);
  e = evaluateAlarm(d, AlarmStateValue::Ok, later, wide, {{kBase + 15 * 60'000, 613}});
  QCOMPARE(e.reason, std::string("Threshold Crossed: 1 out of the last 20 datapoints [613.0 (21/11/26 10:15:00)] was "
                                 "greater than or equal to the threshold (1.0) and 19 missing datapoints were treated "
                                 "as [NonBreaching] (minimum 1 datapoint for OK -> ALARM transition)."));
}

void TestAlarmEvaluation::reasonWhenNoDatapointsWereReceived() {
  const AlarmDefinition d = alarm(3, std::nullopt, TreatMissingData::Breaching);
  const std::int64_t now = kBase + 10 * 60'000;
  AlarmEvaluation e = evaluateAlarm(d, AlarmStateValue::Ok, now, evaluationRange(d, now), {});
  QCOMPARE(e.state, AlarmStateValue::Alarm);
  QCOMPARE(e.reason, std::string("Threshold Crossed: no datapoints were received for 3 periods and 3 missing "
                                 "datapoints were treated as [Breaching]."));
  const auto data = nlohmann::json::parse(e.reasonData);
  QCOMPARE(data.contains("startDate"), false);
  QCOMPARE(data["recentDatapoints"].size(), std::size_t{0});

  const AlarmDefinition one = alarm(1, std::nullopt, TreatMissingData::NotBreaching);
  e = evaluateAlarm(one, AlarmStateValue::Alarm, now, evaluationRange(one, now), {});
  QCOMPARE(e.reason, std::string("Threshold Crossed: no datapoints were received for 1 period and 1 missing "
                                 "datapoint was treated as [NonBreaching]."));
}

void TestAlarmEvaluation::reasonForInsufficientData() {
  const AlarmDefinition d = alarm(3, std::nullopt, TreatMissingData::Missing);
  const std::int64_t now = kBase + 10 * 60'000;
  AlarmEvaluation e = evaluateAlarm(d, AlarmStateValue::Ok, now, evaluationRange(d, now), {});
  QCOMPARE(e.state, AlarmStateValue::InsufficientData);
  QCOMPARE(e.reason, std::string("Insufficient Data: 3 datapoints were unknown."));
  const auto data = nlohmann::json::parse(e.reasonData);
  QCOMPARE(data["evaluatedDatapoints"].size(), std::size_t{3});
  QCOMPARE(data["evaluatedDatapoints"][2]["timestamp"].get<std::string>(), std::string("2026-11-21T10:07:00.000+0000"));

  const AlarmDefinition one = alarm(1, std::nullopt, TreatMissingData::Missing);
  e = evaluateAlarm(one, AlarmStateValue::Ok, now, evaluationRange(one, now), {});
  QCOMPARE(e.reason, std::string("Insufficient Data: 1 datapoint was unknown."));
}

void TestAlarmEvaluation::reasonDataForPercentileWithUnit() {
  AlarmDefinition d = alarm(1, std::nullopt, TreatMissingData::Missing);
  d.statistic = *metrics::parseStatistic("p99");
  d.unit = "Milliseconds";
  const std::int64_t now = kBase + 60'000;
  const AlarmEvaluation e = evaluateAlarm(d, AlarmStateValue::Ok, now, evaluationRange(d, now), {{kBase, 12.5}});
  const auto data = nlohmann::json::parse(e.reasonData);
  QCOMPARE(data["extendedStatistic"].get<std::string>(), std::string("p99"));
  QCOMPARE(data.contains("statistic"), false);
  QCOMPARE(data["unit"].get<std::string>(), std::string("Milliseconds"));
  QCOMPARE(data["queryDate"].get<std::string>(), std::string("2026-11-21T10:01:00.000+0000"));
}

void TestAlarmEvaluation::pointsOutsideTheRangeAreIgnored() {
  const AlarmDefinition d = alarm(1, std::nullopt, TreatMissingData::Missing);
  const std::int64_t now = kBase + 10 * 60'000;
  const EvaluationRange range = evaluationRange(d, now);
  // The period still running (10:10) and one long gone do not count.
  const AlarmEvaluation e =
      evaluateAlarm(d, AlarmStateValue::Ok, now, range, {{range.endMillis, 50}, {range.startMillis - 60'000, 50}});
  QCOMPARE(e.state, AlarmStateValue::InsufficientData);
}

QTEST_APPLESS_MAIN(TestAlarmEvaluation)
#include "test_alarm_evaluation.moc"
