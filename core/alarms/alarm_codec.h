// The values stored under the alarm key spaces (FORMAT.md, 0x0E and 0x0F), and
// the alarm's JSON shape CloudWatch uses inside HistoryData.
//
// An alarm record (0x0E) is a JSON object:
//   {"format":1, "revision":n, "configRevision":n, "configurationUpdatedMillis":ms,
//    "alarm":{...definitionJson...},
//    "state":{"value":"OK","reason":"...","reasonData":"...",
//             "updatedMillis":ms,"transitionedMillis":ms}}
// JSON because records are small, written only on changes, and gain optional
// fields; readers ignore unknown fields. `revision` grows with every write of
// the record, so an evaluation computed from an older read is not applied;
// `configRevision` grows with every PutMetricAlarm, so a replaced alarm is
// evaluated again.
// A history value (0x0F) is {"type":"StateUpdate","summary":"...","data":"..."};
// the alarm name and timestamp are in the key.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "alarms/alarm_definition.h"
#include "alarms/alarm_history.h"
#include "alarms/alarm_state.h"

namespace dynadesk::alarms {

struct StoredAlarm {
  AlarmDefinition definition;
  AlarmState state;
  std::uint64_t revision = 0;
  std::uint64_t configRevision = 0;
};

std::string encodeStoredAlarm(const StoredAlarm& alarm);
// nullopt when the bytes are not a record this build can read.
std::optional<StoredAlarm> decodeStoredAlarm(std::string_view bytes);

// The alarm as CloudWatch writes it in HistoryData ("createdAlarm", ...):
// alarmName, alarmDescription, alarmArn, alarmConfigurationUpdatedTimestamp,
// namespace, metricName, dimensions, statistic or extendedStatistic, period,
// unit, evaluationPeriods, datapointsToAlarm, threshold, comparisonOperator,
// treatMissingData, actionsEnabled, alarmActions, oKActions,
// insufficientDataActions (optional ones only when set).
nlohmann::ordered_json definitionJson(const AlarmDefinition& definition);

// The history value (type, summary, data) of an item.
std::string encodeHistoryValue(const AlarmHistoryItem& item);
// Fills type, summary and data; false when the bytes are not a history value.
bool decodeHistoryValue(std::string_view bytes, AlarmHistoryItem& item);

}  // namespace dynadesk::alarms
