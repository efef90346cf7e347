// Keys of the two key spaces alarms own (FORMAT.md, tags 0x0E and 0x0F):
//   0x0E Alarms        0x0E | alarm name (UTF-8, last, raw)
//   0x0F AlarmHistory  0x0F | alarm name (escaped: 0x00 -> 0x00 0xFF, then the
//                      terminator 0x00 0x01) | timestamp millis u64 BE | sequence u32 BE
// Alarm keys sort by name (DescribeAlarms order); history keys group an alarm's
// items and order them by time, the sequence keeping items of one millisecond
// apart in the order they were written.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dynadesk::alarms {

std::string alarmKey(std::string_view name);
// The one-byte prefix of every alarm key.
std::string alarmsPrefix();
// The name in an alarm key. Precondition: key starts with alarmsPrefix().
std::string alarmNameOfKey(std::string_view key);

// The one-byte prefix of every history key.
std::string historyPrefix();
// The prefix of every history key of one alarm.
std::string historyNamePrefix(std::string_view name);
std::string historyKey(std::string_view name, std::int64_t millis, std::uint32_t sequence);

struct HistoryKey {
  std::string name;
  std::int64_t millis = 0;
  std::uint32_t sequence = 0;
};
// nullopt for anything that is not a well-formed history key.
std::optional<HistoryKey> parseHistoryKey(std::string_view key);

}  // namespace dynadesk::alarms
