// Alarm text: CloudWatch metric alarms as the workbench reads and writes them,
// and in plain words.
//
//  - AlarmSpec is one PutMetricAlarm definition (a single metric, a static
//    threshold); AlarmStatus adds what DescribeAlarms says of its state.
//    alarmFromDescribe() reads one MetricAlarms entry, putMetricAlarmRequest()
//    writes the request that (re)creates it, so the editor's round trip is
//    DescribeAlarms -> AlarmSpec -> PutMetricAlarm without losing a field the
//    workbench knows.
//  - The state colours (ALARM red, OK green, INSUFFICIENT_DATA grey) come from
//    alarmStateColor() and nowhere else, so the list, the chips, the timeline
//    and the wizard agree in light and dark themes.
//  - conditionText() says a condition the way the alarm list shows it:
//    "ConsumedWriteCapacityUnits Sum > 100 for 2 of 3 periods of 1 minute".
//  - parseStateHistory() turns DescribeAlarmHistory's StateUpdate items into
//    state changes, oldest first.
//
// Times are shown in UTC, the zone the engine writes into StateReason, so a
// reason and the list next to it never disagree.
//
// Errors: alarmFromDescribe() returns a ValidationException in plain words
// for an entry without an AlarmName; list parsers skip malformed entries (a
// remote endpoint's surprise must not throw).
// Thread-safety: pure functions and plain values; alarmStateColor() reads only
// the palette it is given.
#pragma once

#include <optional>
#include <vector>

#include <QColor>
#include <QPalette>
#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>

#include "dynadesk/status.h"

namespace dynadesk::ui {

enum class AlarmState { Ok = 0, Alarm = 1, InsufficientData = 2 };
inline constexpr int kAlarmStateCount = 3;

// "OK", "ALARM", "INSUFFICIENT_DATA" (CloudWatch's StateValue spellings).
QString alarmStateName(AlarmState state);
std::optional<AlarmState> parseAlarmState(const QString& name);
// "OK", "In alarm", "Insufficient data": what the chips and hover text say.
QString alarmStateLabel(AlarmState state);
// Red, green or grey, lighter on a dark window so it stays legible.
QColor alarmStateColor(AlarmState state, const QPalette& palette);

struct AlarmDimension {
  QString name;
  QString value;
  friend bool operator==(const AlarmDimension&, const AlarmDimension&) = default;
};

// The comparison operators CloudWatch offers for a static threshold.
inline const QStringList kComparisonOperators = {"GreaterThanOrEqualToThreshold", "GreaterThanThreshold",
                                                 "LessThanThreshold", "LessThanOrEqualToThreshold"};
// TreatMissingData values.
inline const QStringList kMissingDataTreatments = {"missing", "notBreaching", "breaching", "ignore"};

struct AlarmSpec {
  QString name;
  QString description;
  QString metricNamespace = QStringLiteral("AWS/DynamoDB");
  QString metricName;
  std::vector<AlarmDimension> dimensions;
  // Sum, Average, Minimum, Maximum, SampleCount, or a percentile such as
  // "p99" (sent as ExtendedStatistic).
  QString statistic = QStringLiteral("Sum");
  int periodSeconds = 60;
  int evaluationPeriods = 1;       // N
  int datapointsToAlarm = 1;       // M, at most N
  double threshold = 0;
  QString comparison = QStringLiteral("GreaterThanThreshold");
  QString treatMissingData = QStringLiteral("missing");
  QString unit;                    // empty: none
  bool actionsEnabled = true;
  QStringList alarmActions;        // run on a change to ALARM
  QStringList okActions;           // ... to OK
  QStringList insufficientDataActions;
  friend bool operator==(const AlarmSpec&, const AlarmSpec&) = default;
};

// One alarm as DescribeAlarms shows it.
struct AlarmStatus {
  AlarmSpec spec;
  QString arn;
  AlarmState state = AlarmState::InsufficientData;
  QString reason;
  qint64 stateUpdatedMillis = 0;  // StateUpdatedTimestamp
  friend bool operator==(const AlarmStatus&, const AlarmStatus&) = default;
};

// True for "p" followed by a number ("p99", "p99.9").
bool isPercentileStatistic(const QString& statistic);

Result<AlarmStatus> alarmFromDescribe(const nlohmann::json& metricAlarm);
// Every well-formed entry of a DescribeAlarms response's MetricAlarms.
std::vector<AlarmStatus> parseDescribeAlarms(const nlohmann::json& response);
// The PutMetricAlarm request for `spec` (Statistic or ExtendedStatistic as
// fits; DatapointsToAlarm always sent, so "M out of N" is explicit).
nlohmann::json putMetricAlarmRequest(const AlarmSpec& spec);

// "10 seconds", "1 minute", "5 minutes", "1 hour", "1 day".
QString periodText(int seconds);
// ">", ">=", "<", "<=" for the comparison operator; "?" for another.
QString comparisonSymbol(const QString& comparison);
// "greater than", "greater than or equal to", ...
QString comparisonWords(const QString& comparison);
// The console's words for a TreatMissingData value ("Treat missing data as bad
// (breaching threshold)", ...).
QString missingDataText(const QString& treatment);
// "TableName = Orders, Operation = PutItem"; "no dimensions" when empty.
QString dimensionsText(const std::vector<AlarmDimension>& dimensions);
// "ConsumedWriteCapacityUnits Sum > 100 for 2 of 3 periods of 1 minute".
QString conditionText(const AlarmSpec& spec);
// The whole definition in sentences, one per line: metric, condition,
// missing data, actions.
QString reviewText(const AlarmSpec& spec);
// "2026-01-01 00:05:00 UTC"; empty for 0.
QString alarmTimeText(qint64 millis);
// A double as the user typed it: no trailing zeros, no exponent for ordinary sizes.
QString numberText(double value);

// One change of state, from a StateUpdate history item.
struct AlarmStateChange {
  qint64 millis = 0;
  AlarmState oldState = AlarmState::InsufficientData;
  AlarmState newState = AlarmState::InsufficientData;
  QString reason;   // the new state's reason
  QString summary;  // HistorySummary
};

// The StateUpdate items of a DescribeAlarmHistory response, oldest first.
// The states come from HistoryData; when it cannot be read, from the summary
// ("Alarm updated from OK to ALARM"); an item with neither is skipped.
std::vector<AlarmStateChange> parseStateHistory(const nlohmann::json& response);

}  // namespace dynadesk::ui
