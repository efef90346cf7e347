// AlarmDefinition: CloudWatch's PutMetricAlarm model for a single-metric alarm
// with a static threshold, and the rules a definition must satisfy.
//
// The CloudWatch endpoint turns a PutMetricAlarm request into a definition
// (using the parse functions below), calls validate(), and hands it to
// AlarmStore::put, which fills in AlarmArn and the configuration timestamp.
// Metric-math alarms, anomaly-detection thresholds, composite alarms, tags and
// EvaluateLowSampleCountPercentile are not modelled.
//
// Thread-safety: plain values; pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "alarms/alarm_error.h"
#include "alarms/alarm_state.h"
#include "metrics/metric_id.h"

namespace dynadesk::alarms {

enum class ComparisonOperator {
  GreaterThanOrEqualToThreshold,
  GreaterThanThreshold,
  LessThanThreshold,
  LessThanOrEqualToThreshold,
};

// "GreaterThanOrEqualToThreshold", ...
std::string_view comparisonOperatorName(ComparisonOperator op);
std::optional<ComparisonOperator> parseComparisonOperator(std::string_view text);

// True when `value` breaches `threshold` under `op` (a value equal to the
// threshold breaches only the ...OrEqualTo... operators).
bool isBreaching(ComparisonOperator op, double value, double threshold);

enum class TreatMissingData { Missing, NotBreaching, Breaching, Ignore };

// "missing", "notBreaching", "breaching", "ignore".
std::string_view treatMissingDataName(TreatMissingData t);
std::optional<TreatMissingData> parseTreatMissingData(std::string_view text);

// CloudWatch's limits for PutMetricAlarm (API reference, and the user guide's
// "the number of evaluation periods multiplied by the period" rule).
inline constexpr std::size_t kMaxAlarmNameLength = 255;
inline constexpr std::size_t kMaxAlarmDescriptionLength = 1024;
inline constexpr std::size_t kMaxMetricNameLength = 255;
inline constexpr std::size_t kMaxDimensions = 30;
inline constexpr std::size_t kMaxDimensionNameLength = 255;
inline constexpr std::size_t kMaxDimensionValueLength = 1024;
inline constexpr std::size_t kMaxActionsPerState = 5;
inline constexpr std::size_t kMaxActionArnLength = 1024;
// Period x EvaluationPeriods, in seconds: one day for periods under an hour,
// seven days otherwise.
inline constexpr std::int64_t kMaxEvaluationSecondsShortPeriods = 86'400;
inline constexpr std::int64_t kMaxEvaluationSecondsLongPeriods = 604'800;

struct AlarmDefinition {
  std::string name;                        // AlarmName
  std::optional<std::string> description;  // AlarmDescription
  // Namespace: Dynadesk records only metrics::kNamespace ("AWS/DynamoDB");
  // validate() refuses any other.
  std::string metricNamespace = std::string(metrics::kNamespace);
  metrics::MetricId metric;                // MetricName and Dimensions
  metrics::Statistic statistic;            // Statistic, or ExtendedStatistic when Percentile
  int periodSeconds = 60;                  // Period
  int evaluationPeriods = 1;               // EvaluationPeriods (N)
  std::optional<int> datapointsToAlarm;    // DatapointsToAlarm (M); absent means N
  double threshold = 0;                    // Threshold
  ComparisonOperator comparison = ComparisonOperator::GreaterThanThreshold;
  std::optional<TreatMissingData> treatMissingData;  // absent means missing
  std::optional<std::string> unit;         // Unit (a CloudWatch StandardUnit name)
  bool actionsEnabled = true;              // ActionsEnabled
  std::vector<std::string> alarmActions;             // run on a transition to ALARM
  std::vector<std::string> okActions;                // ... to OK
  std::vector<std::string> insufficientDataActions;  // ... to INSUFFICIENT_DATA

  // Set by AlarmStore::put (ignored on input):
  std::string arn;                               // AlarmArn
  std::int64_t configurationUpdatedMillis = 0;   // AlarmConfigurationUpdatedTimestamp

  int effectiveDatapointsToAlarm() const { return datapointsToAlarm.value_or(evaluationPeriods); }
  TreatMissingData effectiveTreatMissingData() const {
    return treatMissingData.value_or(TreatMissingData::Missing);
  }
  // The action list run when the alarm enters `state`.
  const std::vector<std::string>& actionsFor(AlarmStateValue state) const;

  friend bool operator==(const AlarmDefinition&, const AlarmDefinition&) = default;
};

// Checks a definition against CloudWatch's constraints and rules. Constraint
// violations (lengths, minimums, list sizes, enum sets) are reported together
// as one ValidationError in CloudWatch's "N validation errors detected: ..."
// form; otherwise the first rule broken is reported, with its CloudWatch code:
//   ValidationError              Period not 10, 30 or a multiple of 60;
//                                DatapointsToAlarm greater than EvaluationPeriods;
//                                an action that is not an ARN; control
//                                characters in AlarmName
//   InvalidParameterCombination  Period x EvaluationPeriods too long
//   InvalidParameterValue        another namespace than AWS/DynamoDB; a
//                                duplicate dimension name; a non-finite
//                                threshold; a percentile outside (0, 100]
// arn and configurationUpdatedMillis are not checked.
std::optional<AlarmError> validate(const AlarmDefinition& definition);

// Statistic / ExtendedStatistic of a request to one metrics::Statistic:
//   both given       InvalidParameterCombination
//   neither given    MissingParameter
//   Statistic not one of the five simple statistics   ValidationError
//   ExtendedStatistic not "p<number>" in (0, 100]     InvalidParameterValue
AlarmResult<metrics::Statistic> parseAlarmStatistic(const std::optional<std::string>& statistic,
                                                    const std::optional<std::string>& extendedStatistic);

// True for CloudWatch's StandardUnit names ("Seconds", "Count/Second", ...).
bool isStandardUnit(std::string_view unit);

// arn:aws:cloudwatch:<region>:<account>:alarm:<name>
std::string alarmArn(std::string_view region, std::string_view accountId, std::string_view alarmName);

}  // namespace dynadesk::alarms
