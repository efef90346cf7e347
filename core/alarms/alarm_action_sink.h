// AlarmActionSink: where an alarm's actions go when it changes state.
//
// AlarmStore calls runActions once per committed transition of an alarm whose
// actions are enabled and whose new state has a non-empty action list, after
// the transition is on disk. An action is an ARN string the user put in
// AlarmActions / OKActions / InsufficientDataActions; what running it means is
// the sink's business (AlarmActionRunner: a log line and a configured command).
//
// Thread-safety: runActions may be called from any thread (the evaluator's,
// or an API caller's for SetAlarmState), concurrently. It must return quickly
// and never block on the action itself: the evaluator waits for it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "alarms/alarm_state.h"

namespace dynadesk::alarms {

struct AlarmActionRequest {
  std::string alarmName;
  std::string alarmArn;
  AlarmStateValue oldState = AlarmStateValue::InsufficientData;
  AlarmStateValue newState = AlarmStateValue::InsufficientData;
  std::string reason;                   // the new StateReason
  std::vector<std::string> actionArns;  // the new state's action list (1..5 ARNs)
  std::int64_t timestampMillis = 0;     // when the transition happened
};

class AlarmActionSink {
 public:
  virtual ~AlarmActionSink() = default;
  virtual void runActions(AlarmActionRequest request) = 0;
};

}  // namespace dynadesk::alarms
