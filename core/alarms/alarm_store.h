// AlarmStore: CloudWatch metric alarms kept in the engine's LMDB folder, with
// the operations of CloudWatch's alarm API and the periodic evaluation.
//
// Persistence (FORMAT.md): 0x0E Alarms holds one record per alarm (definition,
// current state, revision); 0x0F AlarmHistory holds the history items. Every
// operation that changes an alarm writes the record and its history item in
// one Env::write.
//
// Evaluation: evaluateDue(now) evaluates each alarm at most once per period:
// when the last period boundary at or before `now` differs from the one it was
// last evaluated at (or it was never evaluated since this store was opened, or
// its configuration changed). The range and rules are alarm_evaluation.h's.
// A clock that jumps forward evaluates once at the new time (periods skipped
// are not replayed); one that jumps back evaluates once at the earlier
// boundary, then normally. Which boundary was last evaluated is kept in
// memory, so an evaluation that changes nothing writes nothing.
//
// Actions: after a transition commits, if the alarm's actions are enabled and
// the new state's action list is not empty, the action sink (options) gets one
// AlarmActionRequest. SetAlarmState transitions run actions too, as in
// CloudWatch.
//
// History is trimmed by evaluateDue: items older than
// options.historyRetentionMillis (two weeks, as CloudWatch) before `now` are
// erased, checked at most once a minute of engine time and bounded per pass.
//
// Thread-safety: every member may be called from any thread at once.
// evaluateDue calls are serialised with each other. The store calls the
// MetricReader without holding any LMDB transaction.
// Lifetimes: env, reader, clock and the action sink must outlive the store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "alarms/alarm_action_sink.h"
#include "alarms/alarm_definition.h"
#include "alarms/alarm_error.h"
#include "alarms/alarm_history.h"
#include "alarms/alarm_state.h"
#include "alarms/alarm_transition.h"
#include "dynadesk/clock.h"
#include "metrics/metric_id.h"
#include "storage/lmdb_env.h"

namespace dynadesk::alarms {

struct AlarmStoreOptions {
  std::string region = "us-east-1";        // in AlarmArn
  std::string accountId = "000000000000";  // in AlarmArn
  std::int64_t historyRetentionMillis = kDefaultHistoryRetentionMillis;
  // PutMetricAlarm creating one more alarm fails with LimitExceeded. Bounds the
  // work of each evaluation pass, which reads every alarm.
  std::size_t maxAlarms = 10'000;
  AlarmActionSink* actionSink = nullptr;  // not owned; null: actions are not run
};

// One alarm as DescribeAlarms shows it.
struct AlarmRecord {
  AlarmDefinition definition;
  AlarmState state;
  friend bool operator==(const AlarmRecord&, const AlarmRecord&) = default;
};

// DescribeAlarms's parameters (for metric alarms).
struct DescribeAlarmsRequest {
  std::vector<std::string> names;          // AlarmNames (at most 100); empty: no filter
  std::optional<std::string> namePrefix;   // AlarmNamePrefix; not together with names
  std::optional<AlarmStateValue> stateValue;
  std::optional<std::string> actionPrefix;  // alarms with an action (of any state) starting with it
  int maxRecords = 50;                     // 1..100
  std::optional<std::string> nextToken;
};

struct DescribeAlarmsPage {
  std::vector<AlarmRecord> alarms;         // in name order
  std::optional<std::string> nextToken;    // present when more alarms match
};

class AlarmStore {
 public:
  AlarmStore(storage::Env& env, const metrics::MetricReader& reader, const Clock& clock, AlarmStoreOptions options);
  AlarmStore(const AlarmStore&) = delete;
  AlarmStore& operator=(const AlarmStore&) = delete;

  // PutMetricAlarm: validates (validate(), alarm_definition.h) and creates or
  // replaces the alarm; sets AlarmArn and AlarmConfigurationUpdatedTimestamp
  // (engine clock). A new alarm starts INSUFFICIENT_DATA, "Unchecked: Initial
  // alarm creation"; a replaced one keeps its state (as CloudWatch) and is
  // evaluated again at the next evaluateDue. Writes a ConfigurationUpdate item
  // (Alarm "<name>" created / updated). Errors: validate()'s, LimitExceeded,
  // InternalFailure.
  AlarmResult<AlarmRecord> put(AlarmDefinition definition);

  // DescribeAlarms. Unknown names are left out. Errors: ValidationError
  // (maxRecords outside 1..100, more than 100 names), InvalidParameterCombination
  // (names with a prefix), InvalidNextToken, InternalFailure.
  AlarmResult<DescribeAlarmsPage> describe(const DescribeAlarmsRequest& request) const;

  // DescribeAlarmHistory (alarm_history_log.h's readHistoryPage).
  AlarmResult<AlarmHistoryPage> describeHistory(const DescribeHistoryRequest& request) const;

  // SetAlarmState: sets the state until the next evaluation of the alarm
  // (which happens at its next period boundary). A change of value writes a
  // StateUpdate item, runs the new state's actions and is returned; setting the
  // current value again only replaces the reason. Errors: ResourceNotFound
  // ("Alarm <name> not found"), ValidationError (reason over 1023 characters,
  // reason data over 4000), InvalidFormat (reason data not JSON), InternalFailure.
  AlarmResult<std::optional<AlarmTransition>> setState(const std::string& name, AlarmStateValue value,
                                                       const std::string& reason,
                                                       const std::optional<std::string>& reasonData);

  // EnableAlarmActions / DisableAlarmActions. Unknown names are ignored; each
  // alarm whose flag changes gets a ConfigurationUpdate item. Errors:
  // ValidationError (more than 100 names), InternalFailure.
  AlarmStatus setActionsEnabled(const std::vector<std::string>& names, bool enabled);

  // DeleteAlarms: deletes the named alarms that exist and returns how many.
  // Names that do not exist are ignored, as CloudWatch answers success for
  // them. Each deletion writes a ConfigurationUpdate item (Alarm "<name>"
  // deleted); the history stays until it ages out. Errors: MissingParameter (no
  // names), ValidationError (more than 100), InternalFailure.
  AlarmResult<std::size_t> remove(const std::vector<std::string>& names);

  // Evaluates every alarm that is due at nowMillis (see above), commits all
  // transitions and their history items in one write, runs their actions, and
  // returns them (in alarm name order). Alarms changed by another call while
  // this one read the metrics are left for the next call. Errors: InternalFailure.
  AlarmResult<std::vector<AlarmTransition>> evaluateDue(std::int64_t nowMillis);

  // Erases history items older than the retention before nowMillis (at most
  // `limit`); evaluateDue does this on its own. Returns how many were erased.
  AlarmResult<std::size_t> trimHistory(std::int64_t nowMillis, std::size_t limit = 10'000);

  const Clock& clock() const { return clock_; }

 private:
  struct Evaluated {
    std::int64_t boundary = 0;         // period boundary of the last evaluation
    std::uint64_t configRevision = 0;  // of the configuration evaluated
  };

  void runActions(const std::vector<AlarmTransition>& transitions);

  storage::Env& env_;
  const metrics::MetricReader& reader_;
  const Clock& clock_;
  const AlarmStoreOptions options_;

  std::mutex evaluateMutex_;  // serialises evaluateDue
  mutable std::mutex stateMutex_;
  std::map<std::string, Evaluated> evaluated_;  // by alarm name
  std::optional<std::int64_t> lastTrimMillis_;
};

}  // namespace dynadesk::alarms
