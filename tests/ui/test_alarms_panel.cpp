// The Alarms panel against a real engine and the real HTTP endpoint.
//
// End to end: the empty state; an alarm created through the four-step wizard
// (metric picked from ListMetrics, preview chart with the threshold line, a
// refusal shown in the wizard which stays open, then Finish); boto3 in its own
// process (Debian's /usr/bin/python3) writes through the endpoint while the
// engine's manual clock moves past the periods, and the list follows the
// alarm from INSUFFICIENT_DATA to OK to ALARM with CloudWatch's reason, the
// chips count it, the notifier fires, and the timeline gains the transition.
// Disabling actions reaches DescribeAlarms and silences the notifier; enabling
// restores it; editing pre-fills every step and updates the alarm; deleting
// empties the list. Also: the timeline's segments, list and hover text on
// their own; the notifier's rules; and a remote endpoint (no live events)
// noticing ALARM between two snapshots.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "bridge/engine_bridge.h"
#include "charts/metric_chart.h"
#include "client/local_client.h"
#include "client/request_runner.h"
#include "dynadesk/http_server.h"
#include "boto3_script.h"
#include "temp_engine.h"
#include "widget_screenshot.h"
#include "widgets/alarm_history_timeline.h"
#include "widgets/alarm_notifier.h"
#include "widgets/alarm_wizard.h"
#include "widgets/alarms_panel.h"
#include "widgets/app_palette.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

const std::string kCw = "GraniteServiceVersion20100801.";
constexpr qint64 kT0 = 1767225600000LL;  // TempEngine's start: 2026-01-01 00:00:00 UTC, a minute boundary

template <typename W>
W* child(QWidget& parent, const char* name) {
  auto* w = parent.findChild<W*>(QString::fromLatin1(name));
  if (!w) qFatal("no widget %s", name);
  return w;
}

// Runs Python code with boto3 against the endpoint; the code gets the URL as
// sys.argv[1]. Returns stdout, or a failure text the test shows.
QString runBoto3(const std::string& url, const QString& code) {
  const ScriptResult r = runBoto3Script(code, {QString::fromStdString(url)});
  return r.ok() ? r.output : QStringLiteral("FAILED: ") + r.report();
}

// `count` put_items through a batch writer, each one write capacity unit.
QString writeOrders(const std::string& url, int first, int count) {
  return runBoto3(url, QStringLiteral("import boto3, sys\n"
                                      "t = boto3.resource('dynamodb', endpoint_url=sys.argv[1]).Table('Orders')\n"
                                      "with t.batch_writer() as b:\n"
                                      "    for i in range(%1, %2):\n"
                                      "        b.put_item(Item={'id': 'order-%d' % i, 'status': 'new'})\n"
                                      "print('ok')\n")
                           .arg(first)
                           .arg(first + count));
}

Json describe(TempEngine& t, const std::string& name) {
  const Json r = t.call(kCw + "DescribeAlarms", {{"AlarmNames", Json::array({name})}});
  if (!r.contains("MetricAlarms") || r["MetricAlarms"].empty()) return Json();
  return r["MetricAlarms"][0];
}

QString stateOf(AlarmsPanel& panel, const QString& name) {
  const AlarmStatus* a = panel.model().find(name);
  return a ? alarmStateName(a->state) : QString();
}

bool hasChange(const AlarmHistoryTimeline& timeline, AlarmState from, AlarmState to) {
  for (const auto& c : timeline.changes()) {
    if (c.oldState == from && c.newState == to) return true;
  }
  return false;
}


}  // namespace

class TestAlarmsPanel : public QObject {
  Q_OBJECT
 private slots:
  void timelineShowsTheTransitions() {
    AlarmHistoryTimeline timeline;
    timeline.resize(800, 300);
    timeline.show();
    QVERIFY(QTest::qWaitForWindowExposed(&timeline));
    std::vector<AlarmStateChange> changes{
        {kT0 + 120'000, AlarmState::Ok, AlarmState::Alarm, "2 out of the last 3 datapoints were greater", ""},
        {kT0 + 60'000, AlarmState::InsufficientData, AlarmState::Ok, "no breaching datapoints", ""},
        {kT0 + 300'000, AlarmState::Alarm, AlarmState::Ok, "calm again", ""}};
    timeline.setHistory(changes, kT0, kT0 + 600'000, AlarmState::Ok);
    // Oldest first; one period before the first change, then one per change.
    QCOMPARE(timeline.changes().size(), std::size_t(3));
    QCOMPARE(timeline.changes()[0].newState, AlarmState::Ok);
    const auto& segs = timeline.segments();
    QCOMPARE(segs.size(), std::size_t(4));
    QCOMPARE(segs[0].state, AlarmState::InsufficientData);
    QCOMPARE(segs[0].fromMillis, kT0);
    QCOMPARE(segs[1].state, AlarmState::Ok);
    QCOMPARE(segs[2].state, AlarmState::Alarm);
    QCOMPARE(segs[2].fromMillis, kT0 + 120'000);
    QCOMPARE(segs[2].toMillis, kT0 + 300'000);
    QCOMPARE(segs[3].state, AlarmState::Ok);
    QCOMPARE(segs[3].toMillis, kT0 + 600'000);
    // Hover: the change that began the period under the pointer.
    const QString hover = timeline.hoverText(kT0 + 200'000);
    QVERIFY2(hover.contains("2026-01-01 00:02:00 UTC"), qPrintable(hover));
    QVERIFY(hover.contains(QString("OK \u2192 ALARM")));
    QVERIFY(hover.contains("2 out of the last 3"));
    QVERIFY(timeline.hoverText(kT0 + 10'000).startsWith("INSUFFICIENT_DATA until"));
    QVERIFY(timeline.hoverText(kT0 + 700'000).isEmpty());
    // The list: newest first.
    QCOMPARE(timeline.list()->topLevelItemCount(), 3);
    QCOMPARE(timeline.list()->topLevelItem(0)->text(1), QString("ALARM \u2192 OK"));
    QCOMPARE(timeline.list()->topLevelItem(2)->text(0), QString("2026-01-01 00:01:00 UTC"));
    QCOMPARE(timeline.list()->topLevelItem(1)->text(2), QString("2 out of the last 3 datapoints were greater"));
    // The mouse over the middle of the ALARM period says so.
    QSignalSpy hovered(&timeline, &AlarmHistoryTimeline::hovered);
    QWidget* strip = timeline.strip();
    const int x = 8 + static_cast<int>((strip->width() - 16) * 0.35);
    QTest::mouseMove(strip, QPoint(x, strip->height() / 2));
    QTRY_VERIFY(!hovered.isEmpty());
    QVERIFY2(hovered.last().at(0).toString().contains(QString("OK \u2192 ALARM")),
             qPrintable(hovered.last().at(0).toString()));
    // No history: the current state over the whole range.
    timeline.setHistory({}, kT0, kT0 + 1000, AlarmState::Alarm);
    QCOMPARE(timeline.segments().size(), std::size_t(1));
    QCOMPARE(timeline.segments()[0].state, AlarmState::Alarm);
    QCOMPARE(timeline.list()->topLevelItemCount(), 0);
    timeline.clear();
    QVERIFY(timeline.segments().empty());
  }

  void notifierNotifiesOnAlarmWithActionsEnabled() {
    AlarmNotifier notifier;
    QSignalSpy spy(&notifier, &AlarmNotifier::notified);
    AlarmEvent toAlarm{"busy", "OK", "ALARM", "Threshold Crossed", kT0, true, {}};
    AlarmEvent toOk{"busy", "ALARM", "OK", "fine", kT0, true, {}};
    notifier.handleEvents({toOk});
    QCOMPARE(spy.count(), 0);
    notifier.handleEvents({toAlarm});
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QString("busy"));
    QCOMPARE(spy.at(0).at(1).toString(), QString("busy went from OK to ALARM. Threshold Crossed"));
    QCOMPARE(notifier.recent().size(), std::size_t(1));
    // Actions disabled (as the last snapshot said): no notification.
    notifier.setActionsEnabled("busy", false);
    notifier.handleEvents({toAlarm});
    QCOMPARE(spy.count(), 1);
    // Enabled again, but this desktop is told not to.
    notifier.setActionsEnabled("busy", true);
    notifier.setDesktopNotification("busy", false);
    notifier.handleEvents({toAlarm});
    QCOMPARE(spy.count(), 1);
    notifier.setDesktopNotification("busy", true);
    // An alarm the snapshot enabled although the event ran no action (no ARNs).
    AlarmEvent noArns{"quiet", "OK", "ALARM", "", kT0, false, {}};
    notifier.handleEvents({noArns});
    QCOMPARE(spy.count(), 1);  // unknown alarm: the event's flag decides
    notifier.setActionsEnabled("quiet", true);
    notifier.handleEvents({noArns, toAlarm});
    QCOMPARE(spy.count(), 3);
    QCOMPARE(notifier.recent().back().alarm, QString("busy"));
  }

  void alarmFollowsLoadThroughTheEndpoint() {
    TempEngine t;
    const Json created = t.call("CreateTable",
                                {{"TableName", "Orders"},
                                 {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
                                 {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})},
                                 {"BillingMode", "PAY_PER_REQUEST"}});
    QVERIFY2(TempEngine::errorType(created).empty(), created.dump().c_str());
    auto server = server::HttpServer::start(t.engine());
    QVERIFY(server.isOk());
    const std::string url = (*server)->url();
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    QVERIFY(bridge.live());
    AlarmsPanel panel(runner, &bridge);
    panel.setClock([&t] { return t.clock().nowMillis(); });
    panel.resize(1280, 800);
    panel.show();
    QTRY_VERIFY(panel.showingEmptyState());
    QVERIFY(child<QPushButton>(panel, "createFirstAlarm")->isVisible());
    maybeScreenshot(panel, "alarms-empty");
    QSignalSpy notified(&panel.notifier(), &AlarmNotifier::notified);
    int alarmEvents = 0;  // changes to ALARM the bridge delivered (the notifier sees the same)
    QObject::connect(&bridge, &EngineBridge::alarmsChanged, &panel, [&alarmEvents](const std::vector<AlarmEvent>& events) {
      for (const auto& e : events) alarmEvents += e.newState == "ALARM" ? 1 : 0;
    });

    // One write so the metric is listed (the console lists only metrics with data).
    QCOMPARE(writeOrders(url, 0, 1), QString("ok\n"));

    // Step 1: the metric from ListMetrics.
    QPointer<AlarmWizard> wizard = panel.createAlarm();
    QVERIFY(wizard);
    QSignalSpy listed(wizard.data(), &AlarmWizard::metricsListed);
    bool picked = false;
    for (int attempt = 0; attempt < 50 && !picked; ++attempt) {
      if (listed.isEmpty()) QVERIFY(listed.wait(10000));
      listed.clear();
      picked = wizard->selectMetric("ConsumedWriteCapacityUnits", {{"TableName", "Orders"}});
      if (!picked) wizard->reloadMetrics();  // the catalog is written by the metric store's flusher
    }
    QVERIFY(picked);
    QCOMPARE(child<QComboBox>(*wizard, "metricName")->currentText(), QString("ConsumedWriteCapacityUnits"));
    QCOMPARE(child<QLineEdit>(*wizard, "tableDimension")->text(), QString("Orders"));
    maybeScreenshot(*wizard, "alarm-wizard-metric");
    child<QComboBox>(*wizard, "statistic")->setCurrentText("Sum");
    auto* period = child<QComboBox>(*wizard, "period");
    period->setCurrentIndex(period->findData(60));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(AlarmWizard::ConditionPageId));

    // Step 2: Sum > 100 for 2 of 3 minutes, missing data as good; the preview
    // shows the one write and the threshold line.
    QSignalSpy previewed(wizard.data(), &AlarmWizard::previewUpdated);
    auto* comparison = child<QComboBox>(*wizard, "comparison");
    comparison->setCurrentIndex(comparison->findData("GreaterThanThreshold"));
    child<QDoubleSpinBox>(*wizard, "threshold")->setValue(100);
    child<QSpinBox>(*wizard, "evaluationPeriods")->setValue(3);
    child<QSpinBox>(*wizard, "datapointsToAlarm")->setValue(2);
    auto* missing = child<QComboBox>(*wizard, "missingData");
    missing->setCurrentIndex(missing->findData("notBreaching"));
    wizard->refreshPreview();
    QTRY_VERIFY(!wizard->preview()->series().empty() && !wizard->preview()->series()[0].points.empty());
    QCOMPARE(wizard->preview()->series()[0].points.back().millis, kT0);
    QCOMPARE(wizard->preview()->series()[0].points.back().value, 1.0);
    QCOMPARE(wizard->preview()->threshold(), std::optional<double>(100));
    QVERIFY(wizard->preview()->rangeTo() >= kT0);
    child<QDoubleSpinBox>(*wizard, "threshold")->setValue(100.5);
    QCOMPARE(wizard->preview()->threshold(), std::optional<double>(100.5));  // redrawn at once
    child<QDoubleSpinBox>(*wizard, "threshold")->setValue(100);
    QCOMPARE(child<QLabel>(*wizard, "conditionText")->text(),
             QString("Goes to ALARM when ConsumedWriteCapacityUnits Sum > 100 for 2 of 3 periods of 1 minute."));
    maybeScreenshot(*wizard, "alarm-wizard-conditions");
    wizard->next();

    // Step 3: an action the engine refuses (not an ARN).
    QCOMPARE(wizard->currentId(), int(AlarmWizard::ActionsPageId));
    child<QPlainTextEdit>(*wizard, "alarmActions")->setPlainText("not-an-arn");
    QVERIFY(child<QCheckBox>(*wizard, "notifyOnDesktop")->isChecked());
    wizard->next();

    // Step 4: name, review, Finish -> refused in plain words, the wizard stays.
    QCOMPARE(wizard->currentId(), int(AlarmWizard::ReviewPageId));
    child<QLineEdit>(*wizard, "alarmName")->setText("Orders-writes");
    QVERIFY(wizard->reviewLabel()->text().contains("greater than 100 in 2 of the last 3 periods"));
    const Json shown = Json::parse(wizard->requestJson()->toPlainText().toStdString());
    QCOMPARE(shown["MetricName"], Json("ConsumedWriteCapacityUnits"));
    QCOMPARE(shown["DatapointsToAlarm"], Json(2));
    QCOMPARE(shown["TreatMissingData"], Json("notBreaching"));
    QSignalSpy refused(wizard.data(), &AlarmWizard::refused);
    QSignalSpy saved(wizard.data(), &AlarmWizard::saved);
    wizard->button(QWizard::FinishButton)->click();
    QVERIFY(refused.wait(10000));
    QVERIFY2(wizard->errorLabel()->isVisible(), "the refusal is shown");
    QVERIFY2(wizard->errorLabel()->text().contains("Invalid arn syntax: not-an-arn"),
             qPrintable(wizard->errorLabel()->text()));
    QVERIFY(wizard->isVisible());
    QVERIFY(describe(t, "Orders-writes").is_null());
    maybeScreenshot(*wizard, "alarm-wizard-refused");
    // Fixed: back to step 3, a real ARN, Finish.
    wizard->back();
    child<QPlainTextEdit>(*wizard, "alarmActions")->setPlainText("arn:aws:sns:us-east-1:123456789012:ops");
    wizard->next();
    wizard->button(QWizard::FinishButton)->click();
    QVERIFY(saved.wait(10000));
    QTRY_VERIFY(wizard.isNull());  // closed and deleted
    Json alarm = describe(t, "Orders-writes");
    QCOMPARE(alarm["Threshold"], Json(100.0));
    QCOMPARE(alarm["EvaluationPeriods"], Json(3));
    QCOMPARE(alarm["Dimensions"], Json::array({{{"Name", "TableName"}, {"Value", "Orders"}}}));
    QCOMPARE(alarm["AlarmActions"], Json::array({"arn:aws:sns:us-east-1:123456789012:ops"}));

    // The list shows it, selected; with no breaching data it settles at OK.
    QTRY_VERIFY(!panel.showingEmptyState());
    QTRY_COMPARE(panel.selectedAlarm(), QString("Orders-writes"));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(panel, "Orders-writes"), QString("OK"), 15000);
    QCOMPARE(panel.model().index(0, AlarmListModel::ConditionColumn).data().toString(),
             QString("ConsumedWriteCapacityUnits Sum > 100 for 2 of 3 periods of 1 minute"));

    // Load through the endpoint: 150 writes in minute 0, 150 in minute 1.
    QCOMPARE(writeOrders(url, 1, 150), QString("ok\n"));
    t.clock().setMillis(kT0 + 60'000);
    QCOMPARE(writeOrders(url, 151, 150), QString("ok\n"));
    QCOMPARE(stateOf(panel, "Orders-writes"), QString("OK"));  // minute 1 is not complete yet
    t.clock().setMillis(kT0 + 120'000);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(panel, "Orders-writes"), QString("ALARM"), 15000);
    const AlarmStatus* a = panel.model().find("Orders-writes");
    QVERIFY2(a->reason.startsWith("Threshold Crossed: 2 out of the last 3 datapoints"), qPrintable(a->reason));
    QCOMPARE(a->stateUpdatedMillis, kT0 + 120'000);
    QTRY_COMPARE(panel.detailReason()->text(), a->reason);
    QCOMPARE(panel.detailState()->text(), QString("ALARM"));
    QCOMPARE(panel.detailLastChange()->text(), QString("2026-01-01 00:02:00 UTC"));
    QCOMPARE(panel.chip(AlarmState::Alarm)->text(), QString("In alarm  1"));
    QCOMPARE(panel.chip(AlarmState::Ok)->text(), QString("OK  0"));
    // The desktop notification.
    QTRY_COMPARE(notified.count(), 1);
    QCOMPARE(notified.at(0).at(0).toString(), QString("Orders-writes"));
    QVERIFY(notified.at(0).at(1).toString().startsWith("Orders-writes went from OK to ALARM."));
    // The timeline gained the transition.
    QTRY_VERIFY(hasChange(*panel.timeline(), AlarmState::Ok, AlarmState::Alarm));
    QVERIFY(hasChange(*panel.timeline(), AlarmState::InsufficientData, AlarmState::Ok));
    QCOMPARE(panel.timeline()->list()->topLevelItem(0)->text(1), QString("OK \u2192 ALARM"));
    QVERIFY(panel.timeline()->hoverText(kT0 + 120'000).contains(QString("OK \u2192 ALARM")));
    maybeScreenshot(panel, "alarms-alarm");

    // Filters: by state (the chip) and by name.
    QTest::mouseClick(panel.chip(AlarmState::Ok), Qt::LeftButton);
    QCOMPARE(panel.proxy().rowCount(), 0);
    QCOMPARE(panel.stateFilter()->currentText(), QString("OK"));
    QTest::mouseClick(panel.chip(AlarmState::Alarm), Qt::LeftButton);
    QCOMPARE(panel.proxy().rowCount(), 1);
    QVERIFY(!panel.chip(AlarmState::Ok)->isChecked());
    panel.stateFilter()->setCurrentIndex(0);
    panel.nameFilter()->setText("nothing-like-it");
    QCOMPARE(panel.proxy().rowCount(), 0);
    panel.nameFilter()->setText("orders");
    QCOMPARE(panel.proxy().rowCount(), 1);
    panel.nameFilter()->clear();
    panel.selectAlarm("Orders-writes");

    // Disable actions: DescribeAlarms says so, and the next ALARM is silent.
    panel.setActionsEnabled({"Orders-writes"}, false);
    QTRY_COMPARE(describe(t, "Orders-writes")["ActionsEnabled"], Json(false));
    QTRY_VERIFY(!panel.model().find("Orders-writes")->spec.actionsEnabled);
    QCOMPARE(panel.model().index(0, AlarmListModel::ActionsColumn).data().toString(), QString("Disabled (1 action)"));
    const Json setOk = t.call(kCw + "SetAlarmState",
                              {{"AlarmName", "Orders-writes"}, {"StateValue", "OK"}, {"StateReason", "Reset by the test"}});
    QVERIFY2(TempEngine::errorType(setOk).empty(), setOk.dump().c_str());
    QTRY_COMPARE(stateOf(panel, "Orders-writes"), QString("OK"));
    t.clock().setMillis(kT0 + 180'000);  // minutes 0 and 1 still breach: back to ALARM
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(panel, "Orders-writes"), QString("ALARM"), 15000);
    QTRY_COMPARE(alarmEvents, 2);
    QCOMPARE(notified.count(), 1);  // the second ALARM came while actions were disabled
    // Enabled again.
    panel.setActionsEnabled({"Orders-writes"}, true);
    QTRY_COMPARE(describe(t, "Orders-writes")["ActionsEnabled"], Json(true));
    QTRY_VERIFY(panel.model().find("Orders-writes")->spec.actionsEnabled);

    // Edit: every step pre-filled from DescribeAlarms; the name is fixed.
    wizard = panel.editAlarm("Orders-writes");
    QVERIFY(wizard);
    QVERIFY(wizard->editing());
    const AlarmSpec before = panel.model().find("Orders-writes")->spec;
    QCOMPARE(wizard->spec(), before);
    QCOMPARE(child<QComboBox>(*wizard, "metricName")->currentText(), QString("ConsumedWriteCapacityUnits"));
    QCOMPARE(child<QLineEdit>(*wizard, "tableDimension")->text(), QString("Orders"));
    QCOMPARE(child<QComboBox>(*wizard, "statistic")->currentText(), QString("Sum"));
    QCOMPARE(child<QComboBox>(*wizard, "period")->currentData().toInt(), 60);
    QCOMPARE(child<QComboBox>(*wizard, "comparison")->currentData().toString(), QString("GreaterThanThreshold"));
    QCOMPARE(child<QDoubleSpinBox>(*wizard, "threshold")->value(), 100.0);
    QCOMPARE(child<QSpinBox>(*wizard, "datapointsToAlarm")->value(), 2);
    QCOMPARE(child<QSpinBox>(*wizard, "evaluationPeriods")->value(), 3);
    QCOMPARE(child<QComboBox>(*wizard, "missingData")->currentData().toString(), QString("notBreaching"));
    QCOMPARE(child<QPlainTextEdit>(*wizard, "alarmActions")->toPlainText(),
             QString("arn:aws:sns:us-east-1:123456789012:ops"));
    QVERIFY(child<QCheckBox>(*wizard, "actionsEnabled")->isChecked());
    QVERIFY(child<QCheckBox>(*wizard, "notifyOnDesktop")->isChecked());
    QCOMPARE(child<QLineEdit>(*wizard, "alarmName")->text(), QString("Orders-writes"));
    QVERIFY(child<QLineEdit>(*wizard, "alarmName")->isReadOnly());
    QSignalSpy listedAgain(wizard.data(), &AlarmWizard::metricsListed);
    QVERIFY(listedAgain.wait(10000));
    const auto pickedRows = wizard->metricTable()->selectionModel()->selectedRows();
    QCOMPARE(pickedRows.size(), 1);  // the metric's row is picked
    QCOMPARE(wizard->metricTable()->item(pickedRows.first().row(), 0)->text(), QString("ConsumedWriteCapacityUnits"));
    QCOMPARE(wizard->metricTable()->item(pickedRows.first().row(), 1)->text(), QString("Orders"));
    wizard->next();
    child<QDoubleSpinBox>(*wizard, "threshold")->setValue(500);
    QSignalSpy updated(wizard.data(), &AlarmWizard::saved);
    QVERIFY(wizard->button(QWizard::NextButton)->isEnabled());
    wizard->button(QWizard::FinishButton)->click();  // Finish from an early step when editing
    QVERIFY(updated.wait(10000));
    QCOMPARE(describe(t, "Orders-writes")["Threshold"], Json(500.0));
    QTRY_COMPARE(panel.model().index(0, AlarmListModel::ConditionColumn).data().toString(),
                 QString("ConsumedWriteCapacityUnits Sum > 500 for 2 of 3 periods of 1 minute"));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(panel, "Orders-writes"), QString("OK"), 15000);  // re-evaluated

    // Delete: the list empties and the empty state returns.
    panel.deleteAlarms({"Orders-writes"});
    QTRY_COMPARE(panel.model().rowCount(), 0);
    QVERIFY(describe(t, "Orders-writes").is_null());
    QTRY_VERIFY(panel.showingEmptyState());
    (*server)->stop();
  }

  void remoteEndpointNoticesAlarmBetweenSnapshots() {
    TempEngine t;
    AlarmSpec s;
    s.name = "remote";
    s.metricName = "UserErrors";
    s.threshold = 5;
    s.periodSeconds = 3600;
    const Json put = t.call(kCw + "PutMetricAlarm", putMetricAlarmRequest(s));
    QVERIFY2(TempEngine::errorType(put).empty(), put.dump().c_str());
    LocalClient client(t.engine());
    RequestRunner runner(client);
    AlarmsPanel panel(runner, nullptr);  // no live events, as against a remote endpoint
    QSignalSpy loaded(&panel, &AlarmsPanel::alarmsLoaded);
    QSignalSpy notified(&panel.notifier(), &AlarmNotifier::notified);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(panel.model().rowCount(), 1);
    const Json set = t.call(kCw + "SetAlarmState",
                            {{"AlarmName", "remote"}, {"StateValue", "ALARM"}, {"StateReason", "Set by hand"}});
    QVERIFY2(TempEngine::errorType(set).empty(), set.dump().c_str());
    panel.refresh();  // what the timer does every kRemoteRefreshMillis
    QTRY_COMPARE(stateOf(panel, "remote"), QString("ALARM"));
    QCOMPARE(notified.count(), 1);
    QCOMPARE(notified.at(0).at(1).toString(), QString("remote went from INSUFFICIENT_DATA to ALARM. Set by hand"));
  }
};

QTEST_MAIN(TestAlarmsPanel)
#include "test_alarms_panel.moc"
