// AlarmStore on a real LMDB folder, with a manual clock and an in-memory
// MetricReader fed per test: the life of an alarm (created, ALARM after
// DatapointsToAlarm periods, back to OK), its history, SetAlarmState,
// disabled actions, persistence across reopen, paging, deletion, a moved
// clock, and the evaluator thread.
#include <QTemporaryDir>
#include <QtTest>

#include <mutex>

#include <nlohmann/json.hpp>

#include "alarms/alarm_evaluator.h"
#include "alarms/alarm_store.h"
#include "in_memory_metric_reader.h"

using namespace dynadesk;
using namespace dynadesk::alarms;
using alarmtest::InMemoryMetricReader;
using Json = nlohmann::json;

namespace {

constexpr std::int64_t kBase = 1795255200000;  // 2026-11-21T10:00:00Z
constexpr std::int64_t kSecond = 1000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kDay = 24 * 60 * kMinute;
const std::string kAlarmTopic = "arn:aws:sns:us-east-1:000000000000:ops-alarm";
const std::string kOkTopic = "arn:aws:sns:us-east-1:000000000000:ops-ok";

metrics::MetricId readCapacity(const std::string& table = "MusicCollection") {
  return metrics::makeMetricId("ConsumedReadCapacityUnits", {{"TableName", table}});
}

// The seed documents' alarm: ConsumedReadCapacityUnits over 500 on
// MusicCollection, here as 2 out of 3 one-minute periods.
AlarmDefinition highReadCapacity(const std::string& name = "HighReadCapacityAlarm") {
  AlarmDefinition d;
  d.name = name;
  d.description = "Read capacity over 500";
  d.metric = readCapacity();
  d.statistic = metrics::Statistic{metrics::StatisticKind::Sum, 0};
  d.periodSeconds = 60;
  d.evaluationPeriods = 3;
  d.datapointsToAlarm = 2;
  d.threshold = 500;
  d.comparison = ComparisonOperator::GreaterThanThreshold;
  d.alarmActions = {kAlarmTopic};
  d.okActions = {kOkTopic};
  return d;
}

class RecordingSink final : public AlarmActionSink {
 public:
  void runActions(AlarmActionRequest request) override {
    std::lock_guard lock(mutex_);
    requests_.push_back(std::move(request));
  }
  std::vector<AlarmActionRequest> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(requests_, {});
  }

 private:
  std::mutex mutex_;
  std::vector<AlarmActionRequest> requests_;
};

// A store on a fresh folder; reopen() closes and opens it again.
struct Fixture {
  QTemporaryDir dir;
  ManualClock clock{kBase};
  InMemoryMetricReader reader;
  RecordingSink sink;
  AlarmStoreOptions options;
  std::unique_ptr<storage::Env> env;
  std::unique_ptr<AlarmStore> store;

  explicit Fixture(std::size_t maxAlarms = 10'000) {
    options.actionSink = &sink;
    options.maxAlarms = maxAlarms;
    open();
  }
  void open() {
    storage::EnvOptions envOptions;
    envOptions.path = dir.path().toStdString();
    envOptions.initialMapSize = 16u << 20;
    auto opened = storage::Env::open(envOptions);
    if (!opened) qFatal("open failed: %s", opened.status().message().c_str());
    env = std::move(opened).value();
    store = std::make_unique<AlarmStore>(*env, reader, clock, options);
  }
  void reopen() {
    store.reset();
    env.reset();
    open();
  }
  std::vector<AlarmTransition> evaluateAt(std::int64_t millis) {
    clock.setMillis(millis);
    auto result = store->evaluateDue(millis);
    if (!result) qFatal("evaluateDue failed: %s", result.error().message.c_str());
    return std::move(result).value();
  }
  AlarmRecord describeOne(const std::string& name) {
    DescribeAlarmsRequest request;
    request.names = {name};
    auto page = store->describe(request);
    if (!page || page->alarms.size() != 1) qFatal("alarm %s not found", name.c_str());
    return page->alarms.front();
  }
  std::vector<AlarmHistoryItem> history(const std::string& name, std::optional<HistoryItemType> type = {}) {
    DescribeHistoryRequest request;
    request.alarmName = name;
    request.type = type;
    auto page = store->describeHistory(request);
    if (!page) qFatal("history failed: %s", page.error().message.c_str());
    return page->items;
  }
};

std::vector<std::string> summaries(const std::vector<AlarmHistoryItem>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.summary);
  return out;
}

std::vector<std::string> names(const std::vector<AlarmRecord>& alarms) {
  std::vector<std::string> out;
  for (const auto& a : alarms) out.push_back(a.definition.name);
  return out;
}

// Puts the seed alarm at 10:00:30 and drives it INSUFFICIENT_DATA -> ALARM ->
// OK with samples at 10:00 (600), 10:01 (700), 10:02 (100), 10:03 (100).
void driveThroughAlarmAndBack(Fixture& f) {
  f.clock.setMillis(kBase + 30 * kSecond);
  QVERIFY(f.store->put(highReadCapacity()).isOk());
  QVERIFY(f.evaluateAt(kBase + 30 * kSecond).empty());  // no data: stays INSUFFICIENT_DATA

  f.reader.record(readCapacity(), kBase + 40 * kSecond, 600);
  QVERIFY(f.evaluateAt(kBase + 90 * kSecond).empty());  // one breaching period: not yet 2 of 3

  f.reader.record(readCapacity(), kBase + 70 * kSecond, 700);
  auto toAlarm = f.evaluateAt(kBase + 150 * kSecond);
  QCOMPARE(toAlarm.size(), std::size_t{1});
  QCOMPARE(toAlarm[0].oldState, AlarmStateValue::InsufficientData);
  QCOMPARE(toAlarm[0].newState, AlarmStateValue::Alarm);
  QCOMPARE(toAlarm[0].reason,
           std::string("Threshold Crossed: 2 out of the last 3 datapoints [700.0 (21/11/26 10:01:00), 600.0 (21/11/26 "
                       "10:00:00)] were greater than the threshold (500.0) (minimum 2 datapoints for OK -> ALARM "
                       "transition)."));
  QCOMPARE(toAlarm[0].actions, std::vector<std::string>{kAlarmTopic});
  QCOMPARE(toAlarm[0].timestampMillis, kBase + 150 * kSecond);

  f.reader.record(readCapacity(), kBase + 130 * kSecond, 100);
  QVERIFY(f.evaluateAt(kBase + 210 * kSecond).empty());  // X X 0: still 2 of 3

  f.reader.record(readCapacity(), kBase + 190 * kSecond, 100);
  auto toOk = f.evaluateAt(kBase + 270 * kSecond);
  QCOMPARE(toOk.size(), std::size_t{1});
  QCOMPARE(toOk[0].oldState, AlarmStateValue::Alarm);
  QCOMPARE(toOk[0].newState, AlarmStateValue::Ok);
  QCOMPARE(toOk[0].reason,
           std::string("Threshold Crossed: 2 out of the last 3 datapoints [100.0 (21/11/26 10:03:00), 100.0 (21/11/26 "
                       "10:02:00)] were not greater than the threshold (500.0) (minimum 2 datapoints for ALARM -> OK "
                       "transition)."));
  QCOMPARE(toOk[0].actions, std::vector<std::string>{kOkTopic});
}

}  // namespace

class TestAlarmStore : public QObject {
  Q_OBJECT

 private slots:
  void newAlarmStartsInsufficientData();
  void goesToAlarmAfterDatapointsToAlarmPeriodsAndBackToOk();
  void historyIsNewestFirstWithTypesAndSummaries();
  void evaluatesEachAlarmOncePerPeriod();
  void setAlarmStateLastsUntilTheNextEvaluation();
  void setAlarmStateErrors();
  void disabledActionsRunNothing();
  void persistsAcrossReopen();
  void goesToInsufficientDataWhenDataStops();
  void clockJumpEvaluatesOnceAndTrimsHistory();
  void clockMovedBackEvaluatesAgain();
  void replacingAnAlarmKeepsItsStateAndRecordsTheChange();
  void describePagesAndFilters();
  void historyPagesAcrossAlarms();
  void deleteIgnoresUnknownNamesAndKeepsHistory();
  void putRefusesInvalidDefinitionsAndTooManyAlarms();
  void evaluatorThreadDeliversTransitions();
};

void TestAlarmStore::newAlarmStartsInsufficientData() {
  Fixture f;
  f.clock.setMillis(kBase + 1234);
  auto stored = f.store->put(highReadCapacity());
  QVERIFY(stored.isOk());
  QCOMPARE(stored->state.value, AlarmStateValue::InsufficientData);
  QCOMPARE(stored->state.reason, std::string("Unchecked: Initial alarm creation"));
  QCOMPARE(stored->definition.arn, std::string("arn:aws:cloudwatch:us-east-1:000000000000:alarm:HighReadCapacityAlarm"));
  QCOMPARE(stored->definition.configurationUpdatedMillis, kBase + 1234);

  const AlarmRecord described = f.describeOne("HighReadCapacityAlarm");
  QCOMPARE(described, *stored);
  QCOMPARE(described.definition.metric, readCapacity());
  QCOMPARE(described.state.updatedMillis, kBase + 1234);

  const auto items = f.history("HighReadCapacityAlarm");
  QCOMPARE(items.size(), std::size_t{1});
  QCOMPARE(items[0].type, HistoryItemType::ConfigurationUpdate);
  QCOMPARE(items[0].summary, std::string("Alarm \"HighReadCapacityAlarm\" created"));
  QCOMPARE(items[0].timestampMillis, kBase + 1234);
  const auto data = Json::parse(items[0].data);
  QCOMPARE(data["type"].get<std::string>(), std::string("Create"));
  QCOMPARE(data["createdAlarm"]["metricName"].get<std::string>(), std::string("ConsumedReadCapacityUnits"));
  QCOMPARE(data["createdAlarm"]["datapointsToAlarm"].get<int>(), 2);
  QCOMPARE(data["createdAlarm"]["alarmConfigurationUpdatedTimestamp"].get<std::string>(),
           std::string("2026-11-21T10:00:01.234+0000"));
}

void TestAlarmStore::goesToAlarmAfterDatapointsToAlarmPeriodsAndBackToOk() {
  Fixture f;
  driveThroughAlarmAndBack(f);
  if (QTest::currentTestFailed()) return;

  const AlarmRecord now = f.describeOne("HighReadCapacityAlarm");
  QCOMPARE(now.state.value, AlarmStateValue::Ok);
  QCOMPARE(now.state.transitionedMillis, kBase + 270 * kSecond);
  const auto data = Json::parse(now.state.reasonData);
  QCOMPARE(data["recentDatapoints"], Json::parse("[700.0, 100.0, 100.0]"));
  QCOMPARE(data["startDate"].get<std::string>(), std::string("2026-11-21T10:01:00.000+0000"));

  const auto requests = f.sink.take();
  QCOMPARE(requests.size(), std::size_t{2});
  QCOMPARE(requests[0].alarmName, std::string("HighReadCapacityAlarm"));
  QCOMPARE(requests[0].oldState, AlarmStateValue::InsufficientData);
  QCOMPARE(requests[0].newState, AlarmStateValue::Alarm);
  QCOMPARE(requests[0].actionArns, std::vector<std::string>{kAlarmTopic});
  QCOMPARE(requests[1].newState, AlarmStateValue::Ok);
  QCOMPARE(requests[1].actionArns, std::vector<std::string>{kOkTopic});
  QCOMPARE(requests[1].alarmArn, now.definition.arn);
}

void TestAlarmStore::historyIsNewestFirstWithTypesAndSummaries() {
  Fixture f;
  driveThroughAlarmAndBack(f);
  if (QTest::currentTestFailed()) return;

  const auto items = f.history("HighReadCapacityAlarm");
  QCOMPARE(summaries(items), (std::vector<std::string>{"Alarm updated from ALARM to OK",
                                                       "Alarm updated from INSUFFICIENT_DATA to ALARM",
                                                       "Alarm \"HighReadCapacityAlarm\" created"}));
  QCOMPARE(items[0].type, HistoryItemType::StateUpdate);
  QCOMPARE(items[1].type, HistoryItemType::StateUpdate);
  QCOMPARE(items[2].type, HistoryItemType::ConfigurationUpdate);
  QCOMPARE(items[0].timestampMillis, kBase + 270 * kSecond);
  QCOMPARE(items[1].timestampMillis, kBase + 150 * kSecond);

  const auto data = Json::parse(items[1].data);
  QCOMPARE(data["oldState"]["stateValue"].get<std::string>(), std::string("INSUFFICIENT_DATA"));
  QCOMPARE(data["oldState"]["stateReason"].get<std::string>(), std::string("Unchecked: Initial alarm creation"));
  QCOMPARE(data["newState"]["stateValue"].get<std::string>(), std::string("ALARM"));
  QCOMPARE(data["newState"]["stateReasonData"]["period"].get<int>(), 60);

  QCOMPARE(f.history("HighReadCapacityAlarm", HistoryItemType::StateUpdate).size(), std::size_t{2});
  QCOMPARE(f.history("HighReadCapacityAlarm", HistoryItemType::ConfigurationUpdate).size(), std::size_t{1});
  QVERIFY(f.history("HighReadCapacityAlarm", HistoryItemType::Action).empty());
  QVERIFY(f.history("NoSuchAlarm").empty());

  DescribeHistoryRequest oldestFirst;
  oldestFirst.alarmName = "HighReadCapacityAlarm";
  oldestFirst.oldestFirst = true;
  QCOMPARE(summaries(f.store->describeHistory(oldestFirst)->items).front(),
           std::string("Alarm \"HighReadCapacityAlarm\" created"));

  DescribeHistoryRequest window;  // dates are inclusive
  window.startMillis = kBase + 150 * kSecond;
  window.endMillis = kBase + 150 * kSecond;
  QCOMPARE(summaries(f.store->describeHistory(window)->items),
           std::vector<std::string>{"Alarm updated from INSUFFICIENT_DATA to ALARM"});
}

void TestAlarmStore::evaluatesEachAlarmOncePerPeriod() {
  Fixture f;
  f.clock.setMillis(kBase + 5 * kSecond);
  QVERIFY(f.store->put(highReadCapacity()).isOk());
  f.evaluateAt(kBase + 5 * kSecond);
  QCOMPARE(f.reader.reads(), 1);
  f.evaluateAt(kBase + 30 * kSecond);
  f.evaluateAt(kBase + 59 * kSecond);
  QCOMPARE(f.reader.reads(), 1);  // same period
  f.evaluateAt(kBase + 60 * kSecond);
  QCOMPARE(f.reader.reads(), 2);  // a period ended

  // A replaced alarm is evaluated again at once; a state set by hand is not.
  QVERIFY(f.store->put(highReadCapacity()).isOk());
  f.evaluateAt(kBase + 61 * kSecond);
  QCOMPARE(f.reader.reads(), 3);
  QVERIFY(f.store->setState("HighReadCapacityAlarm", AlarmStateValue::Alarm, "by hand", std::nullopt).isOk());
  f.evaluateAt(kBase + 62 * kSecond);
  QCOMPARE(f.reader.reads(), 3);
}

void TestAlarmStore::setAlarmStateLastsUntilTheNextEvaluation() {
  Fixture f;
  driveThroughAlarmAndBack(f);
  if (QTest::currentTestFailed()) return;
  f.sink.take();

  f.clock.setMillis(kBase + 275 * kSecond);
  auto set = f.store->setState("HighReadCapacityAlarm", AlarmStateValue::Alarm, "Testing the pager",
                               std::string(R"({"by":"test"})"));
  QVERIFY(set.isOk());
  QVERIFY(set->has_value());
  QCOMPARE((*set)->oldState, AlarmStateValue::Ok);
  QCOMPARE((*set)->newState, AlarmStateValue::Alarm);
  QCOMPARE((*set)->actions, std::vector<std::string>{kAlarmTopic});
  AlarmRecord now = f.describeOne("HighReadCapacityAlarm");
  QCOMPARE(now.state.value, AlarmStateValue::Alarm);
  QCOMPARE(now.state.reason, std::string("Testing the pager"));
  QCOMPARE(now.state.reasonData, std::string(R"({"by":"test"})"));
  QCOMPARE(f.sink.take().size(), std::size_t{1});  // SetAlarmState runs actions too

  // Setting the same value again replaces the reason only.
  auto again = f.store->setState("HighReadCapacityAlarm", AlarmStateValue::Alarm, "Still testing", std::nullopt);
  QVERIFY(again.isOk());
  QVERIFY(!again->has_value());
  QCOMPARE(f.describeOne("HighReadCapacityAlarm").state.reason, std::string("Still testing"));
  QVERIFY(f.sink.take().empty());

  // Same period: not evaluated again. Next period: the data says OK.
  QVERIFY(f.evaluateAt(kBase + 290 * kSecond).empty());
  auto back = f.evaluateAt(kBase + 330 * kSecond);
  QCOMPARE(back.size(), std::size_t{1});
  QCOMPARE(back[0].newState, AlarmStateValue::Ok);

  QCOMPARE(summaries(f.history("HighReadCapacityAlarm", HistoryItemType::StateUpdate)),
           (std::vector<std::string>{"Alarm updated from ALARM to OK", "Alarm updated from OK to ALARM",
                                     "Alarm updated from ALARM to OK", "Alarm updated from INSUFFICIENT_DATA to ALARM"}));
  const auto manual = Json::parse(f.history("HighReadCapacityAlarm", HistoryItemType::StateUpdate)[1].data);
  QCOMPARE(manual["newState"]["stateReason"].get<std::string>(), std::string("Testing the pager"));
  QCOMPARE(manual["newState"]["stateReasonData"]["by"].get<std::string>(), std::string("test"));
}

void TestAlarmStore::setAlarmStateErrors() {
  Fixture f;
  auto missing = f.store->setState("NoSuchAlarm", AlarmStateValue::Alarm, "x", std::nullopt);
  QVERIFY(!missing.isOk());
  QCOMPARE(missing.error().code, AlarmErrorCode::ResourceNotFound);
  QCOMPARE(missing.error().message, std::string("Alarm NoSuchAlarm not found"));

  QVERIFY(f.store->put(highReadCapacity()).isOk());
  auto badJson = f.store->setState("HighReadCapacityAlarm", AlarmStateValue::Alarm, "x", std::string("{nope"));
  QCOMPARE(badJson.error().code, AlarmErrorCode::InvalidFormat);
  auto longReason = f.store->setState("HighReadCapacityAlarm", AlarmStateValue::Alarm, std::string(1024, 'r'), std::nullopt);
  QCOMPARE(longReason.error().code, AlarmErrorCode::ValidationError);
  QCOMPARE(f.describeOne("HighReadCapacityAlarm").state.value, AlarmStateValue::InsufficientData);
}

void TestAlarmStore::disabledActionsRunNothing() {
  Fixture f;
  QVERIFY(f.store->put(highReadCapacity()).isOk());
  QVERIFY(f.store->setActionsEnabled({"HighReadCapacityAlarm", "NoSuchAlarm"}, false).isOk());
  QCOMPARE(f.describeOne("HighReadCapacityAlarm").definition.actionsEnabled, false);

  auto set = f.store->setState("HighReadCapacityAlarm", AlarmStateValue::Alarm, "quiet", std::nullopt);
  QVERIFY(set.isOk() && set->has_value());
  QVERIFY((*set)->actions.empty());
  QVERIFY(f.sink.take().empty());

  f.reader.record(readCapacity(), kBase + 10 * kSecond, 10);
  const auto evaluated = f.evaluateAt(kBase + 70 * kSecond);  // one 0: OK
  QCOMPARE(evaluated.size(), std::size_t{1});
  QCOMPARE(evaluated[0].newState, AlarmStateValue::Ok);
  QVERIFY(f.sink.take().empty());

  QVERIFY(f.store->setActionsEnabled({"HighReadCapacityAlarm"}, true).isOk());
  QVERIFY(f.store->setState("HighReadCapacityAlarm", AlarmStateValue::Alarm, "loud", std::nullopt).isOk());
  const auto requests = f.sink.take();
  QCOMPARE(requests.size(), std::size_t{1});
  QCOMPARE(requests[0].actionArns, std::vector<std::string>{kAlarmTopic});

  const auto updates = f.history("HighReadCapacityAlarm", HistoryItemType::ConfigurationUpdate);
  QCOMPARE(summaries(updates), (std::vector<std::string>{"Alarm \"HighReadCapacityAlarm\" updated",
                                                         "Alarm \"HighReadCapacityAlarm\" updated",
                                                         "Alarm \"HighReadCapacityAlarm\" created"}));
  const auto disabled = Json::parse(updates[1].data);
  QCOMPARE(disabled["type"].get<std::string>(), std::string("Update"));
  QCOMPARE(disabled["originalUpdatedFields"]["actionsEnabled"].get<bool>(), true);
  QCOMPARE(disabled["updatedAlarm"]["actionsEnabled"].get<bool>(), false);
}

void TestAlarmStore::persistsAcrossReopen() {
  Fixture f;
  driveThroughAlarmAndBack(f);
  if (QTest::currentTestFailed()) return;
  const AlarmRecord before = f.describeOne("HighReadCapacityAlarm");
  const auto historyBefore = f.history("HighReadCapacityAlarm");

  f.reopen();
  QCOMPARE(f.describeOne("HighReadCapacityAlarm"), before);
  QCOMPARE(f.history("HighReadCapacityAlarm"), historyBefore);
  // Evaluated again after the restart, to the same state: nothing to write.
  const int reads = f.reader.reads();
  QVERIFY(f.evaluateAt(kBase + 275 * kSecond).empty());
  QCOMPARE(f.reader.reads(), reads + 1);
  QCOMPARE(f.history("HighReadCapacityAlarm"), historyBefore);
}

void TestAlarmStore::goesToInsufficientDataWhenDataStops() {
  Fixture f;
  driveThroughAlarmAndBack(f);  // OK, last sample at 10:03
  if (QTest::currentTestFailed()) return;
  // 10:03 stays in the five-period range until 10:08 ends it.
  for (int minute = 5; minute <= 8; ++minute) QVERIFY(f.evaluateAt(kBase + minute * kMinute + kSecond).empty());
  const auto stopped = f.evaluateAt(kBase + 9 * kMinute + kSecond);
  QCOMPARE(stopped.size(), std::size_t{1});
  QCOMPARE(stopped[0].newState, AlarmStateValue::InsufficientData);
  QCOMPARE(stopped[0].reason, std::string("Insufficient Data: 3 datapoints were unknown."));
  QVERIFY(f.sink.take().size() == 2);  // no InsufficientDataActions configured
}

void TestAlarmStore::clockJumpEvaluatesOnceAndTrimsHistory() {
  Fixture f;
  driveThroughAlarmAndBack(f);
  if (QTest::currentTestFailed()) return;
  const int reads = f.reader.reads();

  // Thirty days later in one step: one evaluation, not one per skipped period.
  const std::int64_t later = kBase + 30 * kDay;
  const auto jumped = f.evaluateAt(later);
  QCOMPARE(f.reader.reads(), reads + 1);
  QCOMPARE(jumped.size(), std::size_t{1});
  QCOMPARE(jumped[0].newState, AlarmStateValue::InsufficientData);
  QVERIFY(f.evaluateAt(later + kSecond).empty());
  QCOMPARE(f.reader.reads(), reads + 1);

  // History older than two weeks is gone; the new item stays.
  const auto items = f.history("HighReadCapacityAlarm");
  QCOMPARE(summaries(items), std::vector<std::string>{"Alarm updated from OK to INSUFFICIENT_DATA"});
  QCOMPARE(items[0].timestampMillis, later);
  QCOMPARE(f.describeOne("HighReadCapacityAlarm").state.value, AlarmStateValue::InsufficientData);
}

void TestAlarmStore::clockMovedBackEvaluatesAgain() {
  Fixture f;
  QVERIFY(f.store->put(highReadCapacity()).isOk());
  f.evaluateAt(kBase + 10 * kMinute);
  QCOMPARE(f.reader.reads(), 1);
  f.reader.record(readCapacity(), kBase + 2 * kMinute, 900);
  f.reader.record(readCapacity(), kBase + 3 * kMinute, 900);
  const auto back = f.evaluateAt(kBase + 4 * kMinute + kSecond);  // an earlier boundary: due again
  QCOMPARE(f.reader.reads(), 2);
  QCOMPARE(back.size(), std::size_t{1});
  QCOMPARE(back[0].newState, AlarmStateValue::Alarm);
  QVERIFY(f.evaluateAt(kBase + 4 * kMinute + 2 * kSecond).empty());
  QCOMPARE(f.reader.reads(), 2);
}

void TestAlarmStore::replacingAnAlarmKeepsItsStateAndRecordsTheChange() {
  Fixture f;
  QVERIFY(f.store->put(highReadCapacity()).isOk());
  QVERIFY(f.store->setState("HighReadCapacityAlarm", AlarmStateValue::Alarm, "held", std::nullopt).isOk());
  f.clock.setMillis(kBase + kMinute);
  AlarmDefinition changed = highReadCapacity();
  changed.threshold = 800;
  auto replaced = f.store->put(changed);
  QVERIFY(replaced.isOk());
  QCOMPARE(replaced->state.value, AlarmStateValue::Alarm);
  QCOMPARE(replaced->state.reason, std::string("held"));
  QCOMPARE(replaced->definition.threshold, 800.0);
  QCOMPARE(replaced->definition.configurationUpdatedMillis, kBase + kMinute);

  const auto items = f.history("HighReadCapacityAlarm", HistoryItemType::ConfigurationUpdate);
  QCOMPARE(items.front().summary, std::string("Alarm \"HighReadCapacityAlarm\" updated"));
  const auto data = Json::parse(items.front().data);
  QCOMPARE(data["originalUpdatedFields"]["threshold"].get<double>(), 500.0);
  QCOMPARE(data["updatedAlarm"]["threshold"].get<double>(), 800.0);
  QVERIFY(!data["originalUpdatedFields"].contains("metricName"));
}

void TestAlarmStore::describePagesAndFilters() {
  Fixture f;
  for (int i = 1; i <= 5; ++i) {
    AlarmDefinition d = highReadCapacity("Alarm-" + std::to_string(i));
    if (i % 2 == 0) d.alarmActions = {"arn:aws:sns:us-east-1:000000000000:pager"};
    QVERIFY(f.store->put(d).isOk());
  }
  QVERIFY(f.store->put(highReadCapacity("Other")).isOk());
  QVERIFY(f.store->setState("Alarm-2", AlarmStateValue::Alarm, "x", std::nullopt).isOk());
  QVERIFY(f.store->setState("Alarm-5", AlarmStateValue::Alarm, "x", std::nullopt).isOk());

  // Paging through everything, two at a time.
  DescribeAlarmsRequest request;
  request.maxRecords = 2;
  std::vector<std::string> seen;
  int pages = 0;
  for (;;) {
    auto page = f.store->describe(request);
    QVERIFY(page.isOk());
    ++pages;
    for (const auto& n : names(page->alarms)) seen.push_back(n);
    if (!page->nextToken) break;
    request.nextToken = page->nextToken;
  }
  QCOMPARE(pages, 3);
  QCOMPARE(seen, (std::vector<std::string>{"Alarm-1", "Alarm-2", "Alarm-3", "Alarm-4", "Alarm-5", "Other"}));

  DescribeAlarmsRequest byState;
  byState.stateValue = AlarmStateValue::Alarm;
  QCOMPARE(names(f.store->describe(byState)->alarms), (std::vector<std::string>{"Alarm-2", "Alarm-5"}));
  byState.maxRecords = 1;
  auto first = f.store->describe(byState);
  QCOMPARE(names(first->alarms), std::vector<std::string>{"Alarm-2"});
  byState.nextToken = first->nextToken;
  auto second = f.store->describe(byState);
  QCOMPARE(names(second->alarms), std::vector<std::string>{"Alarm-5"});
  QVERIFY(!second->nextToken);

  DescribeAlarmsRequest byPrefix;
  byPrefix.namePrefix = "Alarm-";
  QCOMPARE(f.store->describe(byPrefix)->alarms.size(), std::size_t{5});
  byPrefix.namePrefix = "Oth";
  QCOMPARE(names(f.store->describe(byPrefix)->alarms), std::vector<std::string>{"Other"});

  DescribeAlarmsRequest byAction;
  byAction.actionPrefix = "arn:aws:sns:us-east-1:000000000000:pag";
  QCOMPARE(names(f.store->describe(byAction)->alarms), (std::vector<std::string>{"Alarm-2", "Alarm-4"}));

  DescribeAlarmsRequest byNames;
  byNames.names = {"Alarm-3", "NoSuchAlarm", "Alarm-1", "Alarm-3"};
  QCOMPARE(names(f.store->describe(byNames)->alarms), (std::vector<std::string>{"Alarm-1", "Alarm-3"}));

  DescribeAlarmsRequest bad;
  bad.nextToken = "not a token";
  QCOMPARE(f.store->describe(bad).error().code, AlarmErrorCode::InvalidNextToken);
  bad.nextToken.reset();
  bad.maxRecords = 101;
  QCOMPARE(f.store->describe(bad).error().code, AlarmErrorCode::ValidationError);
  bad.maxRecords = 0;
  QCOMPARE(f.store->describe(bad).error().code, AlarmErrorCode::ValidationError);
  bad.maxRecords = 10;
  bad.names = {"Alarm-1"};
  bad.namePrefix = "Alarm";
  QCOMPARE(f.store->describe(bad).error().code, AlarmErrorCode::InvalidParameterCombination);
}

void TestAlarmStore::historyPagesAcrossAlarms() {
  Fixture f;
  // Items at distinct times, and two at the very same millisecond.
  f.clock.setMillis(kBase);
  QVERIFY(f.store->put(highReadCapacity("A")).isOk());
  f.clock.setMillis(kBase + 1);
  QVERIFY(f.store->put(highReadCapacity("B")).isOk());
  QVERIFY(f.store->setState("B", AlarmStateValue::Ok, "same millisecond", std::nullopt).isOk());
  f.clock.setMillis(kBase + 2);
  QVERIFY(f.store->setState("A", AlarmStateValue::Alarm, "x", std::nullopt).isOk());
  f.clock.setMillis(kBase + 3);
  QVERIFY(f.store->put(highReadCapacity("C")).isOk());

  DescribeHistoryRequest all;
  auto whole = f.store->describeHistory(all);
  QVERIFY(whole.isOk());
  QVERIFY(!whole->nextToken);
  std::vector<std::string> expected{"Alarm \"C\" created", "Alarm updated from INSUFFICIENT_DATA to ALARM",
                                    "Alarm updated from INSUFFICIENT_DATA to OK", "Alarm \"B\" created",
                                    "Alarm \"A\" created"};
  QCOMPARE(summaries(whole->items), expected);

  for (bool oldestFirst : {false, true}) {
    DescribeHistoryRequest request;
    request.maxRecords = 2;
    request.oldestFirst = oldestFirst;
    std::vector<std::string> paged;
    int pages = 0;
    for (;;) {
      auto page = f.store->describeHistory(request);
      QVERIFY(page.isOk());
      ++pages;
      QVERIFY(page->items.size() <= 2);
      for (const auto& s : summaries(page->items)) paged.push_back(s);
      if (!page->nextToken) break;
      request.nextToken = page->nextToken;
    }
    QCOMPARE(pages, 3);
    std::vector<std::string> want = expected;
    if (oldestFirst) std::reverse(want.begin(), want.end());
    QCOMPARE(paged, want);
  }

  DescribeHistoryRequest states;
  states.type = HistoryItemType::StateUpdate;
  states.maxRecords = 1;
  auto page = f.store->describeHistory(states);
  QCOMPARE(summaries(page->items), std::vector<std::string>{"Alarm updated from INSUFFICIENT_DATA to ALARM"});
  QVERIFY(page->nextToken.has_value());
  states.nextToken = page->nextToken;
  page = f.store->describeHistory(states);
  QCOMPARE(summaries(page->items), std::vector<std::string>{"Alarm updated from INSUFFICIENT_DATA to OK"});
  QVERIFY(!page->nextToken);

  DescribeHistoryRequest bad;
  bad.maxRecords = 0;
  QCOMPARE(f.store->describeHistory(bad).error().code, AlarmErrorCode::ValidationError);
  bad.maxRecords = 10;
  bad.nextToken = "????";
  QCOMPARE(f.store->describeHistory(bad).error().code, AlarmErrorCode::InvalidNextToken);
}

void TestAlarmStore::deleteIgnoresUnknownNamesAndKeepsHistory() {
  Fixture f;
  QVERIFY(f.store->put(highReadCapacity("A")).isOk());
  QVERIFY(f.store->put(highReadCapacity("B")).isOk());
  auto deleted = f.store->remove({"A", "NoSuchAlarm"});
  QVERIFY(deleted.isOk());
  QCOMPARE(*deleted, std::size_t{1});
  QCOMPARE(names(f.store->describe({})->alarms), std::vector<std::string>{"B"});
  QCOMPARE(summaries(f.history("A")), (std::vector<std::string>{"Alarm \"A\" deleted", "Alarm \"A\" created"}));
  QCOMPARE(Json::parse(f.history("A").front().data)["type"].get<std::string>(), std::string("Delete"));
  QCOMPARE(*f.store->remove({"A"}), std::size_t{0});
  QCOMPARE(f.store->remove({}).error().code, AlarmErrorCode::MissingParameter);
  QCOMPARE(f.store->remove(std::vector<std::string>(101, "B")).error().code, AlarmErrorCode::ValidationError);
  // A deleted alarm is no longer evaluated.
  QVERIFY(f.evaluateAt(kBase + kMinute).empty());
  QCOMPARE(f.reader.reads(), 1);  // B only
}

void TestAlarmStore::putRefusesInvalidDefinitionsAndTooManyAlarms() {
  Fixture f(2);
  AlarmDefinition bad = highReadCapacity();
  bad.datapointsToAlarm = 4;
  auto refused = f.store->put(bad);
  QCOMPARE(refused.error().code, AlarmErrorCode::ValidationError);
  QCOMPARE(refused.error().message, std::string("DatapointsToAlarm must be less than or equal to EvaluationPeriods"));
  QVERIFY(f.store->describe({})->alarms.empty());

  QVERIFY(f.store->put(highReadCapacity("A")).isOk());
  QVERIFY(f.store->put(highReadCapacity("B")).isOk());
  auto third = f.store->put(highReadCapacity("C"));
  QCOMPARE(third.error().code, AlarmErrorCode::LimitExceeded);
  QVERIFY(f.store->put(highReadCapacity("A")).isOk());  // replacing is not creating
  QVERIFY(f.history("C").empty());
}

void TestAlarmStore::evaluatorThreadDeliversTransitions() {
  Fixture f;
  f.reader.record(readCapacity(), kBase - 2 * kMinute, 900);
  f.reader.record(readCapacity(), kBase - kMinute, 900);
  QVERIFY(f.store->put(highReadCapacity()).isOk());

  std::mutex mutex;
  std::vector<AlarmTransition> delivered;
  AlarmEvaluator evaluator(*f.store, std::chrono::milliseconds(5), [&](const std::vector<AlarmTransition>& t) {
    std::lock_guard lock(mutex);
    delivered.insert(delivered.end(), t.begin(), t.end());
  });
  auto count = [&] {
    std::lock_guard lock(mutex);
    return delivered.size();
  };
  QTRY_COMPARE(count(), std::size_t{1});
  {
    std::lock_guard lock(mutex);
    QCOMPARE(delivered[0].newState, AlarmStateValue::Alarm);
  }
  // Moving the clock on is all it takes for the next evaluation.
  f.reader.record(readCapacity(), kBase, 1);
  f.reader.record(readCapacity(), kBase + kMinute, 1);
  f.clock.setMillis(kBase + 2 * kMinute);
  QTRY_COMPARE(count(), std::size_t{2});
  evaluator.stop();
  QVERIFY(evaluator.passes() >= 2);
  QCOMPARE(evaluator.failedPasses(), std::uint64_t{0});
  QCOMPARE(f.describeOne("HighReadCapacityAlarm").state.value, AlarmStateValue::Ok);
}

QTEST_GUILESS_MAIN(TestAlarmStore)
#include "test_alarm_store.moc"
