// An alarm's state as CloudWatch reports it: OK, ALARM or INSUFFICIENT_DATA,
// with the reason (a sentence), the reason data (JSON text) and when it was set.
//
// Thread-safety: plain values; pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dynadesk::alarms {

enum class AlarmStateValue { Ok, Alarm, InsufficientData };

// "OK", "ALARM", "INSUFFICIENT_DATA".
std::string_view stateValueName(AlarmStateValue value);
// The inverse of stateValueName (exact, as CloudWatch); nullopt otherwise.
std::optional<AlarmStateValue> parseStateValue(std::string_view text);

struct AlarmState {
  AlarmStateValue value = AlarmStateValue::InsufficientData;
  std::string reason;      // StateReason
  std::string reasonData;  // StateReasonData: JSON text, empty when there is none
  // StateUpdatedTimestamp: last change of the value or reason.
  std::int64_t updatedMillis = 0;
  // StateTransitionedTimestamp: last change of the value.
  std::int64_t transitionedMillis = 0;
  friend bool operator==(const AlarmState&, const AlarmState&) = default;
};

// What a new alarm says until its first evaluation.
inline constexpr std::string_view kInitialStateReason = "Unchecked: Initial alarm creation";

}  // namespace dynadesk::alarms
