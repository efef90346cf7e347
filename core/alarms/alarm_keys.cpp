#include "alarms/alarm_keys.h"

#include <algorithm>

#include "storage/key_codec.h"

namespace dynadesk::alarms {

namespace {

char tag(storage::KeySpace space) { return static_cast<char>(space); }

// Times before 1970 do not occur on an engine clock; they are stored as 0 so
// that the unsigned big-endian order stays the time order.
std::uint64_t keyMillis(std::int64_t millis) { return static_cast<std::uint64_t>(std::max<std::int64_t>(millis, 0)); }

}  // namespace

std::string alarmKey(std::string_view name) {
  std::string key(1, tag(storage::KeySpace::Alarms));
  key += name;
  return key;
}

std::string alarmsPrefix() { return std::string(1, tag(storage::KeySpace::Alarms)); }

std::string alarmNameOfKey(std::string_view key) { return std::string(key.substr(1)); }

std::string historyPrefix() { return std::string(1, tag(storage::KeySpace::AlarmHistory)); }

std::string historyNamePrefix(std::string_view name) {
  std::string key(1, tag(storage::KeySpace::AlarmHistory));
  for (char c : name) {
    key += c;
    if (c == '\0') key += '\xFF';
  }
  key += '\0';
  key += '\x01';
  return key;
}

std::string historyKey(std::string_view name, std::int64_t millis, std::uint32_t sequence) {
  std::string key = historyNamePrefix(name);
  storage::appendBigEndian64(key, keyMillis(millis));
  storage::appendBigEndian32(key, sequence);
  return key;
}

std::optional<HistoryKey> parseHistoryKey(std::string_view key) {
  if (key.empty() || key[0] != tag(storage::KeySpace::AlarmHistory)) return std::nullopt;
  HistoryKey parsed;
  std::size_t i = 1;
  for (;; ++i) {
    if (i + 1 >= key.size()) return std::nullopt;
    if (key[i] != '\0') {
      parsed.name += key[i];
      continue;
    }
    if (key[i + 1] == '\xFF') {
      parsed.name += '\0';
      ++i;
      continue;
    }
    if (key[i + 1] != '\x01') return std::nullopt;
    i += 2;
    break;
  }
  if (key.size() - i != 12) return std::nullopt;
  parsed.millis = static_cast<std::int64_t>(storage::readBigEndian64(key.substr(i, 8)));
  parsed.sequence = storage::readBigEndian32(key.substr(i + 8, 4));
  return parsed;
}

}  // namespace dynadesk::alarms
