// AlarmActionRunner running real commands through /bin/sh: the environment a
// command sees, the JSON lines of the action log, the Action history items,
// failures (exit status, time-out, unwritable log) and stopping while a
// command runs. Waits use the runner's own idle signal or QTRY, never sleeps.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "alarms/alarm_action_runner.h"
#include "alarms/alarm_history_log.h"
#include "alarms/alarm_store.h"
#include "in_memory_metric_reader.h"

using namespace dynadesk;
using namespace dynadesk::alarms;
using Json = nlohmann::json;

namespace {

constexpr std::int64_t kBase = 1795255200000;  // 2026-11-21T10:00:00Z
const std::string kTopicA = "arn:aws:sns:us-east-1:000000000000:ops";
const std::string kTopicB = "arn:aws:sns:us-east-1:000000000000:pager";

std::unique_ptr<storage::Env> openEnv(const QTemporaryDir& dir) {
  storage::EnvOptions options;
  options.path = dir.filePath("data").toStdString();
  options.initialMapSize = 16u << 20;
  auto env = storage::Env::open(options);
  if (!env) qFatal("open failed: %s", env.status().message().c_str());
  return std::move(env).value();
}

AlarmActionRequest request(std::vector<std::string> arns) {
  return AlarmActionRequest{"HighReadCapacityAlarm",
                            "arn:aws:cloudwatch:us-east-1:000000000000:alarm:HighReadCapacityAlarm",
                            AlarmStateValue::Ok,
                            AlarmStateValue::Alarm,
                            "Threshold Crossed: it's \"high\"",
                            std::move(arns),
                            kBase + 150'000};
}

std::vector<AlarmHistoryItem> actionItems(storage::Env& env) {
  auto txn = env.read();
  if (!txn) qFatal("read failed");
  DescribeHistoryRequest r;
  r.type = HistoryItemType::Action;
  r.oldestFirst = true;
  auto page = readHistoryPage(*txn, r);
  if (!page) qFatal("history failed: %s", page.error().message.c_str());
  return page->items;
}

std::string readFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.readAll().toStdString();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// Single-quotes a path for the shell.
std::string quoted(const QString& path) { return "'" + path.toStdString() + "'"; }

}  // namespace

class TestAlarmActionRunner : public QObject {
  Q_OBJECT

 private slots:
  void commandSeesTheAlarmInItsEnvironment();
  void logGetsOneJsonLinePerAction();
  void failingCommandIsRecordedAsFailure();
  void commandPastItsTimeLimitIsKilled();
  void unwritableLogIsRecordedAsFailure();
  void stoppingKillsARunningCommand();
  void storeTransitionsRunThroughTheRunner();
};

void TestAlarmActionRunner::commandSeesTheAlarmInItsEnvironment() {
  QTemporaryDir dir;
  auto env = openEnv(dir);
  ManualClock clock(kBase + 151'000);
  const QString out = dir.filePath("env.txt");
  AlarmActionRunnerOptions options;
  options.command = "printf '%s|%s|%s|%s|%s\\n' \"$ALARM_NAME\" \"$ALARM_OLD_STATE\" \"$ALARM_NEW_STATE\" "
                    "\"$ALARM_REASON\" \"$ALARM_ACTION\" >> " + quoted(out);
  AlarmActionRunner runner(*env, clock, options);
  runner.runActions(request({kTopicA, kTopicB}));
  QVERIFY(runner.waitIdle(std::chrono::seconds(30)));

  QCOMPARE(lines(readFile(out)),
           (std::vector<std::string>{
               "HighReadCapacityAlarm|OK|ALARM|Threshold Crossed: it's \"high\"|" + kTopicA,
               "HighReadCapacityAlarm|OK|ALARM|Threshold Crossed: it's \"high\"|" + kTopicB}));

  const auto items = actionItems(*env);
  QCOMPARE(items.size(), std::size_t{2});
  QCOMPARE(items[0].summary, "Successfully executed action " + kTopicA);
  QCOMPARE(items[1].summary, "Successfully executed action " + kTopicB);
  QCOMPARE(items[0].alarmName, std::string("HighReadCapacityAlarm"));
  QCOMPARE(items[0].timestampMillis, kBase + 151'000);
  const auto data = Json::parse(items[0].data);
  QCOMPARE(data["actionState"].get<std::string>(), std::string("Succeeded"));
  QCOMPARE(data["notificationResource"].get<std::string>(), kTopicA);
}

void TestAlarmActionRunner::logGetsOneJsonLinePerAction() {
  QTemporaryDir dir;
  auto env = openEnv(dir);
  ManualClock clock(kBase);
  AlarmActionRunnerOptions options;
  options.logPath = dir.filePath("actions.log").toStdString();
  AlarmActionRunner runner(*env, clock, options);
  runner.runActions(request({kTopicA, kTopicB}));
  AlarmActionRequest toOk = request({kTopicA});
  toOk.oldState = AlarmStateValue::Alarm;
  toOk.newState = AlarmStateValue::Ok;
  toOk.reason = "back";
  runner.runActions(toOk);
  QVERIFY(runner.waitIdle(std::chrono::seconds(30)));

  const auto logged = lines(readFile(dir.filePath("actions.log")));
  QCOMPARE(logged.size(), std::size_t{3});
  const auto first = Json::parse(logged[0]);
  QCOMPARE(first["time"].get<std::string>(), std::string("2026-11-21T10:02:30.000+0000"));
  QCOMPARE(first["alarmName"].get<std::string>(), std::string("HighReadCapacityAlarm"));
  QCOMPARE(first["alarmArn"].get<std::string>(),
           std::string("arn:aws:cloudwatch:us-east-1:000000000000:alarm:HighReadCapacityAlarm"));
  QCOMPARE(first["oldState"].get<std::string>(), std::string("OK"));
  QCOMPARE(first["newState"].get<std::string>(), std::string("ALARM"));
  QCOMPARE(first["reason"].get<std::string>(), std::string("Threshold Crossed: it's \"high\""));
  QCOMPARE(first["action"].get<std::string>(), kTopicA);
  QCOMPARE(Json::parse(logged[1])["action"].get<std::string>(), kTopicB);
  QCOMPARE(Json::parse(logged[2])["newState"].get<std::string>(), std::string("OK"));
  QCOMPARE(actionItems(*env).size(), std::size_t{3});
}

void TestAlarmActionRunner::failingCommandIsRecordedAsFailure() {
  QTemporaryDir dir;
  auto env = openEnv(dir);
  ManualClock clock(kBase);
  AlarmActionRunnerOptions options;
  options.command = "exit 3";
  AlarmActionRunner runner(*env, clock, options);
  runner.runActions(request({kTopicA}));
  QVERIFY(runner.waitIdle(std::chrono::seconds(30)));
  const auto items = actionItems(*env);
  QCOMPARE(items.size(), std::size_t{1});
  QCOMPARE(items[0].summary,
           "Failed to execute action " + kTopicA + ". Reason: the command exited with status 3");
  QCOMPARE(Json::parse(items[0].data)["actionState"].get<std::string>(), std::string("Failed"));

  // The runner goes on with the next action after a failure.
  runner.runActions(request({kTopicB}));
  QVERIFY(runner.waitIdle(std::chrono::seconds(30)));
  QCOMPARE(actionItems(*env).size(), std::size_t{2});
}

void TestAlarmActionRunner::commandPastItsTimeLimitIsKilled() {
  QTemporaryDir dir;
  auto env = openEnv(dir);
  ManualClock clock(kBase);
  AlarmActionRunnerOptions options;
  options.command = "sleep 60";
  options.commandTimeout = std::chrono::milliseconds(200);
  AlarmActionRunner runner(*env, clock, options);
  QElapsedTimer timer;
  timer.start();
  runner.runActions(request({kTopicA}));
  QVERIFY(runner.waitIdle(std::chrono::seconds(30)));
  QVERIFY(timer.elapsed() < 30'000);
  const auto items = actionItems(*env);
  QCOMPARE(items.size(), std::size_t{1});
  QCOMPARE(items[0].summary, "Failed to execute action " + kTopicA +
                                 ". Reason: the command did not finish in time and was killed");
}

void TestAlarmActionRunner::unwritableLogIsRecordedAsFailure() {
  QTemporaryDir dir;
  auto env = openEnv(dir);
  ManualClock clock(kBase);
  AlarmActionRunnerOptions options;
  options.logPath = dir.filePath("no-such-folder/actions.log").toStdString();
  options.command = "touch " + quoted(dir.filePath("ran"));
  AlarmActionRunner runner(*env, clock, options);
  runner.runActions(request({kTopicA}));
  QVERIFY(runner.waitIdle(std::chrono::seconds(30)));
  const auto items = actionItems(*env);
  QCOMPARE(items.size(), std::size_t{1});
  QVERIFY2(items[0].summary.starts_with("Failed to execute action " + kTopicA + ". Reason: cannot open the action log "),
           items[0].summary.c_str());
  QVERIFY(!QFile::exists(dir.filePath("ran")));  // an action that could not be logged does not run
}

void TestAlarmActionRunner::stoppingKillsARunningCommand() {
  QTemporaryDir dir;
  auto env = openEnv(dir);
  ManualClock clock(kBase);
  const QString started = dir.filePath("started");
  AlarmActionRunnerOptions options;
  options.command = "touch " + quoted(started) + "; sleep 60";
  QElapsedTimer timer;
  timer.start();
  {
    AlarmActionRunner runner(*env, clock, options);
    runner.runActions(request({kTopicA, kTopicB}));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(started), 30'000);
  }  // the destructor must not wait for the minute-long command
  QVERIFY(timer.elapsed() < 30'000);
  const auto items = actionItems(*env);
  QCOMPARE(items.size(), std::size_t{1});  // the second action never started
  QCOMPARE(items[0].summary, "Failed to execute action " + kTopicA +
                                 ". Reason: Dynadesk stopped before the command finished");
}

void TestAlarmActionRunner::storeTransitionsRunThroughTheRunner() {
  QTemporaryDir dir;
  auto env = openEnv(dir);
  ManualClock clock(kBase);
  alarmtest::InMemoryMetricReader reader;
  AlarmActionRunnerOptions runnerOptions;
  runnerOptions.logPath = dir.filePath("actions.log").toStdString();
  AlarmActionRunner runner(*env, clock, runnerOptions);
  AlarmStoreOptions storeOptions;
  storeOptions.actionSink = &runner;
  AlarmStore store(*env, reader, clock, storeOptions);

  AlarmDefinition d;
  d.name = "HighReadCapacityAlarm";
  d.metric = metrics::makeMetricId("ConsumedReadCapacityUnits", {{"TableName", "MusicCollection"}});
  d.periodSeconds = 60;
  d.evaluationPeriods = 1;
  d.threshold = 500;
  d.alarmActions = {kTopicA};
  QVERIFY(store.put(d).isOk());
  QVERIFY(store.setState(d.name, AlarmStateValue::Alarm, "by hand", std::nullopt).isOk());
  QVERIFY(runner.waitIdle(std::chrono::seconds(30)));

  DescribeHistoryRequest request;
  request.alarmName = d.name;
  auto page = store.describeHistory(request);
  QVERIFY(page.isOk());
  std::vector<HistoryItemType> types;
  for (const auto& item : page->items) types.push_back(item.type);
  QCOMPARE(types, (std::vector<HistoryItemType>{HistoryItemType::Action, HistoryItemType::StateUpdate,
                                                HistoryItemType::ConfigurationUpdate}));
  QCOMPARE(page->items[0].summary, "Successfully executed action " + kTopicA);
  QCOMPARE(lines(readFile(dir.filePath("actions.log"))).size(), std::size_t{1});
}

QTEST_GUILESS_MAIN(TestAlarmActionRunner)
#include "test_alarm_action_runner.moc"
