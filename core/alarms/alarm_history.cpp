#include "alarms/alarm_history.h"

namespace dynadesk::alarms {

std::string_view historyItemTypeName(HistoryItemType type) {
  switch (type) {
    case HistoryItemType::ConfigurationUpdate: return "ConfigurationUpdate";
    case HistoryItemType::StateUpdate: return "StateUpdate";
    case HistoryItemType::Action: return "Action";
  }
  return "StateUpdate";
}

std::optional<HistoryItemType> parseHistoryItemType(std::string_view text) {
  for (auto t : {HistoryItemType::ConfigurationUpdate, HistoryItemType::StateUpdate, HistoryItemType::Action}) {
    if (historyItemTypeName(t) == text) return t;
  }
  return std::nullopt;
}

}  // namespace dynadesk::alarms
