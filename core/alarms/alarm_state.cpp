#include "alarms/alarm_state.h"

namespace dynadesk::alarms {

std::string_view stateValueName(AlarmStateValue value) {
  switch (value) {
    case AlarmStateValue::Ok: return "OK";
    case AlarmStateValue::Alarm: return "ALARM";
    case AlarmStateValue::InsufficientData: return "INSUFFICIENT_DATA";
  }
  return "INSUFFICIENT_DATA";
}

std::optional<AlarmStateValue> parseStateValue(std::string_view text) {
  for (auto v : {AlarmStateValue::Ok, AlarmStateValue::Alarm, AlarmStateValue::InsufficientData}) {
    if (stateValueName(v) == text) return v;
  }
  return std::nullopt;
}

}  // namespace dynadesk::alarms
