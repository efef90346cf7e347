// AlarmTransition: one committed change of an alarm's state value, as
// AlarmStore returns it (from evaluateDue and setState) so the engine can
// publish it as an engine event.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "alarms/alarm_state.h"

namespace dynadesk::alarms {

struct AlarmTransition {
  std::string alarmName;
  std::string alarmArn;
  AlarmStateValue oldState = AlarmStateValue::InsufficientData;
  AlarmStateValue newState = AlarmStateValue::InsufficientData;
  std::string reason;      // the new StateReason
  std::string reasonData;  // the new StateReasonData (JSON text, may be empty)
  std::int64_t timestampMillis = 0;
  // The ARNs handed to the action sink for this transition: the new state's
  // action list when the alarm's actions are enabled, otherwise empty.
  std::vector<std::string> actions;
  friend bool operator==(const AlarmTransition&, const AlarmTransition&) = default;
};

}  // namespace dynadesk::alarms
