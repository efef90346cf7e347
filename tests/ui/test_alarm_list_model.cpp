// The alarm list's model and the alarm text it shows: conditions in words,
// periods, the round trip DescribeAlarms -> AlarmSpec -> PutMetricAlarm
// against a real engine (nothing the workbench knows is lost), StateUpdate
// history read from a real engine, and the model under
// QAbstractItemModelTester: state colours, counts per state, sorting values,
// and snapshots merged by name (rows inserted, removed and changed in place).
#include <QAbstractItemModelTester>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QtTest>

#include "format/alarm_text.h"
#include "models/alarm_list_model.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

const std::string kCw = "GraniteServiceVersion20100801.";

AlarmSpec writeAlarm(const QString& name) {
  AlarmSpec s;
  s.name = name;
  s.metricName = "ConsumedWriteCapacityUnits";
  s.dimensions = {{"TableName", "Orders"}};
  s.statistic = "Sum";
  s.periodSeconds = 60;
  s.evaluationPeriods = 3;
  s.datapointsToAlarm = 2;
  s.threshold = 100;
  s.comparison = "GreaterThanThreshold";
  return s;
}

AlarmStatus status(const QString& name, AlarmState state, qint64 at, const QString& reason = {}) {
  AlarmStatus a;
  a.spec = writeAlarm(name);
  a.state = state;
  a.stateUpdatedMillis = at;
  a.reason = reason;
  return a;
}

}  // namespace

class TestAlarmListModel : public QObject {
  Q_OBJECT
 private slots:
  void conditionsAndPeriodsInWords() {
    QCOMPARE(conditionText(writeAlarm("a")), QString("ConsumedWriteCapacityUnits Sum > 100 for 2 of 3 periods of 1 minute"));
    AlarmSpec s = writeAlarm("b");
    s.evaluationPeriods = 1;
    s.datapointsToAlarm = 1;
    s.statistic = "p99";
    s.metricName = "SuccessfulRequestLatency";
    s.comparison = "GreaterThanOrEqualToThreshold";
    s.threshold = 12.5;
    s.periodSeconds = 300;
    QCOMPARE(conditionText(s), QString("SuccessfulRequestLatency p99 >= 12.5 for 1 period of 5 minutes"));
    QCOMPARE(periodText(10), QString("10 seconds"));
    QCOMPARE(periodText(60), QString("1 minute"));
    QCOMPARE(periodText(3600), QString("1 hour"));
    QCOMPARE(periodText(21600), QString("6 hours"));
    QCOMPARE(periodText(86400), QString("1 day"));
    QCOMPARE(comparisonSymbol("LessThanThreshold"), QString("<"));
    QCOMPARE(comparisonSymbol("LessThanOrEqualToThreshold"), QString("<="));
    QCOMPARE(numberText(100), QString("100"));
    QCOMPARE(numberText(0.25), QString("0.25"));
    QVERIFY(isPercentileStatistic("p99.9"));
    QVERIFY(!isPercentileStatistic("Sum"));
    QCOMPARE(alarmTimeText(1767225600000LL), QString("2026-01-01 00:00:00 UTC"));
    const QString review = reviewText(s);
    QVERIFY2(review.contains("greater than or equal to 12.5 in 1 of the last 1 period"), qPrintable(review));
    QVERIFY(review.contains("On ALARM: no actions."));
  }

  void stateColoursAreDistinctInBothThemes() {
    for (const QColor window : {QColor(Qt::white), QColor(30, 30, 30)}) {
      QPalette p;
      p.setColor(QPalette::Window, window);
      const QColor alarm = alarmStateColor(AlarmState::Alarm, p);
      const QColor ok = alarmStateColor(AlarmState::Ok, p);
      const QColor grey = alarmStateColor(AlarmState::InsufficientData, p);
      QVERIFY(alarm.red() > alarm.green() && alarm.red() > alarm.blue());  // red
      QVERIFY(ok.green() > ok.red() && ok.green() > ok.blue());            // green
      QVERIFY(grey.hslSaturation() < 60);                                  // grey
    }
  }

  // What the wizard sends comes back from DescribeAlarms as the same spec.
  void putAndDescribeRoundTripThroughARealEngine() {
    TempEngine t;
    AlarmSpec s = writeAlarm("Orders-writes");
    s.description = "Writes above 100 a minute";
    s.dimensions.insert(s.dimensions.begin(), {"Operation", "PutItem"});  // in name order, as DescribeAlarms lists them
    s.treatMissingData = "breaching";
    s.actionsEnabled = false;
    s.alarmActions = QStringList{"arn:aws:sns:us-east-1:123456789012:ops"};
    s.okActions = QStringList{"arn:aws:sns:us-east-1:123456789012:calm"};
    s.unit = "Count";
    Json put = t.call(kCw + "PutMetricAlarm", putMetricAlarmRequest(s));
    QVERIFY2(TempEngine::errorType(put).empty(), put.dump().c_str());
    AlarmSpec p = writeAlarm("Orders-latency");
    p.metricName = "SuccessfulRequestLatency";
    p.statistic = "p99.9";
    put = t.call(kCw + "PutMetricAlarm", putMetricAlarmRequest(p));
    QVERIFY2(TempEngine::errorType(put).empty(), put.dump().c_str());

    const Json described = t.call(kCw + "DescribeAlarms", Json::object());
    const auto alarms = parseDescribeAlarms(described);
    QCOMPARE(alarms.size(), std::size_t(2));
    QCOMPARE(alarms[1].spec, s);
    QCOMPARE(alarms[0].spec, p);
    QCOMPARE(alarms[1].state, AlarmState::InsufficientData);
    QVERIFY(alarms[1].arn.endsWith(":alarm:Orders-writes"));
    QCOMPARE(alarms[1].stateUpdatedMillis, qint64(1767225600000LL));
    QVERIFY(putMetricAlarmRequest(p).contains("ExtendedStatistic"));
    QVERIFY(!putMetricAlarmRequest(p).contains("Statistic"));

    // A malformed entry is skipped, not thrown.
    Json odd = described;
    odd["MetricAlarms"].push_back(Json{{"StateValue", "ALARM"}});
    odd["MetricAlarms"].push_back(42);
    QCOMPARE(parseDescribeAlarms(odd).size(), std::size_t(2));
    QVERIFY(!alarmFromDescribe(Json::array()).isOk());
  }

  void stateHistoryFromARealEngineOldestFirst() {
    TempEngine t;
    QVERIFY(TempEngine::errorType(t.call(kCw + "PutMetricAlarm", putMetricAlarmRequest(writeAlarm("h")))).empty());
    QVERIFY(TempEngine::errorType(t.call(kCw + "SetAlarmState", {{"AlarmName", "h"}, {"StateValue", "ALARM"},
                                                                 {"StateReason", "first"}}))
                .empty());
    t.clock().advanceMillis(5000);
    QVERIFY(TempEngine::errorType(t.call(kCw + "SetAlarmState", {{"AlarmName", "h"}, {"StateValue", "OK"},
                                                                 {"StateReason", "second"}}))
                .empty());
    const Json history = t.call(kCw + "DescribeAlarmHistory", {{"AlarmName", "h"}});
    const auto changes = parseStateHistory(history);  // the ConfigurationUpdate item is not a change
    QCOMPARE(changes.size(), std::size_t(2));
    QCOMPARE(changes[0].oldState, AlarmState::InsufficientData);
    QCOMPARE(changes[0].newState, AlarmState::Alarm);
    QCOMPARE(changes[0].reason, QString("first"));
    QCOMPARE(changes[1].oldState, AlarmState::Alarm);
    QCOMPARE(changes[1].newState, AlarmState::Ok);
    QCOMPARE(changes[1].millis - changes[0].millis, qint64(5000));
    QCOMPARE(changes[1].summary, QString("Alarm updated from ALARM to OK"));
  }

  void modelShowsStatesCountsAndMergesSnapshots() {
    AlarmListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counts(&model, &AlarmListModel::countsChanged);
    model.setAlarms({status("b-writes", AlarmState::Ok, 2000), status("a-reads", AlarmState::Alarm, 1000, "too busy"),
                     status("c-latency", AlarmState::InsufficientData, 3000)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(AlarmListModel::ColumnCount));
    QCOMPARE(counts.count(), 1);
    QCOMPARE(model.count(AlarmState::Alarm), 1);
    QCOMPARE(model.count(AlarmState::Ok), 1);
    QCOMPARE(model.count(AlarmState::InsufficientData), 1);
    // Name order; every column's text.
    QCOMPARE(model.index(0, AlarmListModel::NameColumn).data().toString(), QString("a-reads"));
    QCOMPARE(model.index(0, AlarmListModel::StateColumn).data().toString(), QString("ALARM"));
    QCOMPARE(model.index(0, AlarmListModel::ConditionColumn).data().toString(),
             QString("ConsumedWriteCapacityUnits Sum > 100 for 2 of 3 periods of 1 minute"));
    QCOMPARE(model.index(0, AlarmListModel::ReasonColumn).data().toString(), QString("too busy"));
    QCOMPARE(model.index(0, AlarmListModel::LastChangeColumn).data().toString(), QString("1970-01-01 00:00:01 UTC"));
    QCOMPARE(model.index(0, AlarmListModel::ActionsColumn).data().toString(), QString("Enabled"));
    // Colours: the same function everywhere, any column.
    const QPalette pal = QGuiApplication::palette();
    QCOMPARE(model.index(0, AlarmListModel::NameColumn).data(AlarmListModel::StateColorRole).value<QColor>(),
             alarmStateColor(AlarmState::Alarm, pal));
    QCOMPARE(model.index(1, AlarmListModel::StateColumn).data(Qt::DecorationRole).value<QColor>(),
             alarmStateColor(AlarmState::Ok, pal));
    QCOMPARE(model.index(2, AlarmListModel::StateColumn).data(Qt::ForegroundRole).value<QColor>(),
             alarmStateColor(AlarmState::InsufficientData, pal));
    QCOMPARE(model.index(2, AlarmListModel::ReasonColumn).data(AlarmListModel::StateRole).toString(),
             QString("INSUFFICIENT_DATA"));
    // Sorting: ALARM before INSUFFICIENT_DATA before OK; times as numbers.
    QVERIFY(model.index(0, AlarmListModel::StateColumn).data(AlarmListModel::SortRole).toInt() <
            model.index(2, AlarmListModel::StateColumn).data(AlarmListModel::SortRole).toInt());
    QVERIFY(model.index(2, AlarmListModel::StateColumn).data(AlarmListModel::SortRole).toInt() <
            model.index(1, AlarmListModel::StateColumn).data(AlarmListModel::SortRole).toInt());
    QCOMPARE(model.index(2, AlarmListModel::LastChangeColumn).data(AlarmListModel::SortRole).toLongLong(), 3000LL);

    // A new snapshot: b-writes goes to ALARM, a-reads is gone, d-new arrives.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    AlarmStatus disabled = status("d-new", AlarmState::Ok, 4000);
    disabled.spec.actionsEnabled = false;
    disabled.spec.alarmActions = QStringList{"arn:aws:sns:us-east-1:1:x"};
    model.setAlarms({status("c-latency", AlarmState::InsufficientData, 3000), disabled,
                     status("b-writes", AlarmState::Alarm, 5000, "busy now")});
    QCOMPARE(reset.count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 1);  // b-writes only; c-latency is unchanged
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOf("a-reads"), -1);
    QCOMPARE(model.rowOf("b-writes"), 0);
    QCOMPARE(model.rowOf("d-new"), 2);
    QCOMPARE(model.find("b-writes")->reason, QString("busy now"));
    QCOMPARE(model.count(AlarmState::Alarm), 1);
    QCOMPARE(model.count(AlarmState::Ok), 1);
    QCOMPARE(model.index(2, AlarmListModel::ActionsColumn).data().toString(), QString("Disabled (1 action)"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.count(AlarmState::Alarm), 0);
  }
};

QTEST_MAIN(TestAlarmListModel)
#include "test_alarm_list_model.moc"
