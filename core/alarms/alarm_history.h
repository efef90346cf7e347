// Alarm history: what DescribeAlarmHistory returns, and how to ask for it.
//
// Items are written by AlarmStore (ConfigurationUpdate when an alarm is
// created, updated, has its actions enabled or disabled, or is deleted;
// StateUpdate on every state change) and by AlarmActionRunner (Action, one per
// action run). They are kept for kDefaultHistoryRetentionMillis after their
// timestamp (CloudWatch keeps two weeks), also after the alarm is deleted, as
// CloudWatch does.
//
// Thread-safety: plain values; pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dynadesk::alarms {

enum class HistoryItemType { ConfigurationUpdate, StateUpdate, Action };

// "ConfigurationUpdate", "StateUpdate", "Action".
std::string_view historyItemTypeName(HistoryItemType type);
std::optional<HistoryItemType> parseHistoryItemType(std::string_view text);

struct AlarmHistoryItem {
  std::string alarmName;
  std::int64_t timestampMillis = 0;  // Timestamp
  HistoryItemType type = HistoryItemType::StateUpdate;
  std::string summary;  // HistorySummary, e.g. "Alarm updated from OK to ALARM"
  std::string data;     // HistoryData: JSON text
  friend bool operator==(const AlarmHistoryItem&, const AlarmHistoryItem&) = default;
};

inline constexpr std::int64_t kDefaultHistoryRetentionMillis = 14LL * 24 * 3600 * 1000;

// DescribeAlarmHistory's parameters. Dates are inclusive.
struct DescribeHistoryRequest {
  std::optional<std::string> alarmName;  // absent: every alarm's history
  std::optional<HistoryItemType> type;   // HistoryItemType filter
  std::optional<std::int64_t> startMillis;
  std::optional<std::int64_t> endMillis;
  int maxRecords = 100;                  // 1..100
  std::optional<std::string> nextToken;
  bool oldestFirst = false;              // ScanBy TimestampAscending (default: newest first)
};

struct AlarmHistoryPage {
  std::vector<AlarmHistoryItem> items;
  std::optional<std::string> nextToken;  // present when more items match
};

}  // namespace dynadesk::alarms
