#include "alarms/alarm_definition.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

namespace dynadesk::alarms {

namespace {

constexpr std::array<std::string_view, 27> kStandardUnits = {
    "Seconds",          "Microseconds",     "Milliseconds",     "Bytes",           "Kilobytes",
    "Megabytes",        "Gigabytes",        "Terabytes",        "Bits",            "Kilobits",
    "Megabits",         "Gigabits",         "Terabits",         "Percent",         "Count",
    "Bytes/Second",     "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
    "Bits/Second",      "Kilobits/Second",  "Megabits/Second",  "Gigabits/Second", "Terabits/Second",
    "Count/Second",     "None"};

// Code points of a UTF-8 string, or nullopt when it is not valid UTF-8.
// CloudWatch's length limits count characters, not bytes.
std::optional<std::size_t> codePointCount(std::string_view s) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    if (lead < 0x80) {
      extra = 0;
    } else if ((lead & 0xE0) == 0xC0) {
      extra = 1;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2;
    } else if ((lead & 0xF8) == 0xF0) {
      extra = 3;
    } else {
      return std::nullopt;
    }
    if (i + extra >= s.size() && extra != 0) return std::nullopt;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return std::nullopt;
    }
    i += extra + 1;
    ++count;
  }
  return count;
}

std::size_t lengthOf(std::string_view s) { return codePointCount(s).value_or(s.size()); }

// Collects constraint violations in CloudWatch's wording, reported together.
class Constraints {
 public:
  void maxLength(std::string_view field, std::string_view value, std::size_t max) {
    if (lengthOf(value) > max) {
      add(field, value, "Member must have length less than or equal to " + std::to_string(max));
    }
  }
  void minLength(std::string_view field, std::string_view value, std::size_t min) {
    if (lengthOf(value) < min) {
      add(field, value, "Member must have length greater than or equal to " + std::to_string(min));
    }
  }
  void minValue(std::string_view field, long long value, long long min) {
    if (value < min) {
      add(field, std::to_string(value), "Member must have value greater than or equal to " + std::to_string(min));
    }
  }
  void maxItems(std::string_view field, const std::vector<std::string>& items, std::size_t max) {
    if (items.size() <= max) return;
    std::string shown = "[";
    for (std::size_t i = 0; i < items.size(); ++i) shown += (i ? ", " : "") + items[i];
    shown += "]";
    add(field, shown, "Member must have length less than or equal to " + std::to_string(max));
  }
  void add(std::string_view field, std::string_view value, const std::string& rule) {
    problems_.push_back("Value '" + std::string(value) + "' at '" + std::string(field) +
                        "' failed to satisfy constraint: " + rule);
  }

  std::optional<AlarmError> result() const {
    if (problems_.empty()) return std::nullopt;
    std::string message = std::to_string(problems_.size()) +
                          (problems_.size() == 1 ? " validation error detected: " : " validation errors detected: ");
    for (std::size_t i = 0; i < problems_.size(); ++i) message += (i ? "; " : "") + problems_[i];
    return AlarmError{AlarmErrorCode::ValidationError, std::move(message)};
  }

 private:
  std::vector<std::string> problems_;
};

// Field names as CloudWatch's validator spells them (the member name with its
// first letter lower-cased, so OKActions becomes oKActions).
void checkActions(Constraints& c, std::string_view field, const std::vector<std::string>& actions) {
  c.maxItems(field, actions, kMaxActionsPerState);
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const std::string member = std::string(field) + "." + std::to_string(i + 1) + ".member";
    c.minLength(member, actions[i], 1);
    c.maxLength(member, actions[i], kMaxActionArnLength);
  }
}

// arn:partition:service:region:account:resource, with partition, service and
// resource present (region and account may be empty, as for some AWS ARNs).
bool isArn(std::string_view text) {
  if (text.find_first_of(" \t\r\n") != std::string_view::npos) return false;
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (parts.size() < 5) {
    const std::size_t colon = text.find(':', start);
    if (colon == std::string_view::npos) return false;
    parts.push_back(text.substr(start, colon - start));
    start = colon + 1;
  }
  const std::string_view resource = text.substr(start);
  return parts[0] == "arn" && !parts[1].empty() && !parts[2].empty() && !resource.empty();
}

bool hasControlCharacter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c < 0x20 || c == 0x7F;
  });
}

}  // namespace

std::string_view comparisonOperatorName(ComparisonOperator op) {
  switch (op) {
    case ComparisonOperator::GreaterThanOrEqualToThreshold: return "GreaterThanOrEqualToThreshold";
    case ComparisonOperator::GreaterThanThreshold: return "GreaterThanThreshold";
    case ComparisonOperator::LessThanThreshold: return "LessThanThreshold";
    case ComparisonOperator::LessThanOrEqualToThreshold: return "LessThanOrEqualToThreshold";
  }
  return "GreaterThanThreshold";
}

std::optional<ComparisonOperator> parseComparisonOperator(std::string_view text) {
  for (auto op : {ComparisonOperator::GreaterThanOrEqualToThreshold, ComparisonOperator::GreaterThanThreshold,
                  ComparisonOperator::LessThanThreshold, ComparisonOperator::LessThanOrEqualToThreshold}) {
    if (comparisonOperatorName(op) == text) return op;
  }
  return std::nullopt;
}

bool isBreaching(ComparisonOperator op, double value, double threshold) {
  switch (op) {
    case ComparisonOperator::GreaterThanOrEqualToThreshold: return value >= threshold;
    case ComparisonOperator::GreaterThanThreshold: return value > threshold;
    case ComparisonOperator::LessThanThreshold: return value < threshold;
    case ComparisonOperator::LessThanOrEqualToThreshold: return value <= threshold;
  }
  return false;
}

std::string_view treatMissingDataName(TreatMissingData t) {
  switch (t) {
    case TreatMissingData::Missing: return "missing";
    case TreatMissingData::NotBreaching: return "notBreaching";
    case TreatMissingData::Breaching: return "breaching";
    case TreatMissingData::Ignore: return "ignore";
  }
  return "missing";
}

std::optional<TreatMissingData> parseTreatMissingData(std::string_view text) {
  for (auto t : {TreatMissingData::Missing, TreatMissingData::NotBreaching, TreatMissingData::Breaching,
                 TreatMissingData::Ignore}) {
    if (treatMissingDataName(t) == text) return t;
  }
  return std::nullopt;
}

const std::vector<std::string>& AlarmDefinition::actionsFor(AlarmStateValue state) const {
  switch (state) {
    case AlarmStateValue::Ok: return okActions;
    case AlarmStateValue::Alarm: return alarmActions;
    case AlarmStateValue::InsufficientData: return insufficientDataActions;
  }
  return insufficientDataActions;
}

bool isStandardUnit(std::string_view unit) {
  return std::find(kStandardUnits.begin(), kStandardUnits.end(), unit) != kStandardUnits.end();
}

std::string alarmArn(std::string_view region, std::string_view accountId, std::string_view alarmName) {
  std::string arn = "arn:aws:cloudwatch:";
  arn += region;
  arn += ':';
  arn += accountId;
  arn += ":alarm:";
  arn += alarmName;
  return arn;
}

std::optional<AlarmError> validate(const AlarmDefinition& d) {
  Constraints c;
  c.minLength("alarmName", d.name, 1);
  c.maxLength("alarmName", d.name, kMaxAlarmNameLength);
  if (d.description) c.maxLength("alarmDescription", *d.description, kMaxAlarmDescriptionLength);
  c.minLength("namespace", d.metricNamespace, 1);
  c.maxLength("namespace", d.metricNamespace, 255);
  c.minLength("metricName", d.metric.name, 1);
  c.maxLength("metricName", d.metric.name, kMaxMetricNameLength);
  if (d.metric.dimensions.size() > kMaxDimensions) {
    c.add("dimensions", std::to_string(d.metric.dimensions.size()) + " dimensions",
          "Member must have length less than or equal to " + std::to_string(kMaxDimensions));
  }
  for (std::size_t i = 0; i < d.metric.dimensions.size(); ++i) {
    const std::string member = "dimensions." + std::to_string(i + 1) + ".member";
    c.minLength(member + ".name", d.metric.dimensions[i].name, 1);
    c.maxLength(member + ".name", d.metric.dimensions[i].name, kMaxDimensionNameLength);
    c.minLength(member + ".value", d.metric.dimensions[i].value, 1);
    c.maxLength(member + ".value", d.metric.dimensions[i].value, kMaxDimensionValueLength);
  }
  c.minValue("period", d.periodSeconds, 1);
  c.minValue("evaluationPeriods", d.evaluationPeriods, 1);
  if (d.datapointsToAlarm) c.minValue("datapointsToAlarm", *d.datapointsToAlarm, 1);
  if (d.unit && !isStandardUnit(*d.unit)) {
    std::string set = "[";
    for (std::size_t i = 0; i < kStandardUnits.size(); ++i) set += (i ? ", " : "") + std::string(kStandardUnits[i]);
    c.add("unit", *d.unit, "Member must satisfy enum value set: " + set + "]");
  }
  checkActions(c, "alarmActions", d.alarmActions);
  checkActions(c, "oKActions", d.okActions);
  checkActions(c, "insufficientDataActions", d.insufficientDataActions);
  if (auto constraintError = c.result()) return constraintError;

  if (!codePointCount(d.name) || hasControlCharacter(d.name)) {
    return AlarmError{AlarmErrorCode::ValidationError,
                      "AlarmName must be UTF-8 text without ASCII control characters."};
  }
  if (d.metricNamespace != metrics::kNamespace) {
    return AlarmError{AlarmErrorCode::InvalidParameterValue,
                      "The namespace " + d.metricNamespace + " is not supported: Dynadesk records metrics only in " +
                          std::string(metrics::kNamespace) + "."};
  }
  std::set<std::string_view> dimensionNames;
  for (const auto& dimension : d.metric.dimensions) {
    if (!dimensionNames.insert(dimension.name).second) {
      return AlarmError{AlarmErrorCode::InvalidParameterValue,
                        "The dimension " + dimension.name + " is specified more than once."};
    }
  }
  if (d.statistic.kind == metrics::StatisticKind::Percentile &&
      !(d.statistic.percentile > 0 && d.statistic.percentile <= 100)) {
    return AlarmError{AlarmErrorCode::InvalidParameterValue,
                      "The value " + metrics::statisticName(d.statistic) +
                          " for parameter ExtendedStatistic is not supported."};
  }
  if (!std::isfinite(d.threshold)) {
    return AlarmError{AlarmErrorCode::InvalidParameterValue, "The parameter Threshold must be a finite number."};
  }
  if (!(d.periodSeconds == 10 || d.periodSeconds == 30 || d.periodSeconds % 60 == 0)) {
    return AlarmError{AlarmErrorCode::ValidationError, "Period must be 10, 30 or a multiple of 60"};
  }
  if (d.datapointsToAlarm && *d.datapointsToAlarm > d.evaluationPeriods) {
    return AlarmError{AlarmErrorCode::ValidationError,
                      "DatapointsToAlarm must be less than or equal to EvaluationPeriods"};
  }
  const std::int64_t totalSeconds = static_cast<std::int64_t>(d.periodSeconds) * d.evaluationPeriods;
  if (d.periodSeconds < 3600 && totalSeconds > kMaxEvaluationSecondsShortPeriods) {
    return AlarmError{AlarmErrorCode::InvalidParameterCombination,
                      "Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= "
                      "86400 when Period is less than 3600)."};
  }
  if (totalSeconds > kMaxEvaluationSecondsLongPeriods) {
    return AlarmError{AlarmErrorCode::InvalidParameterCombination,
                      "Metrics cannot be checked across more than seven days (EvaluationPeriods * Period must be "
                      "<= 604800)."};
  }
  for (const auto* list : {&d.alarmActions, &d.okActions, &d.insufficientDataActions}) {
    for (const auto& action : *list) {
      if (!isArn(action)) return AlarmError{AlarmErrorCode::ValidationError, "Invalid arn syntax: " + action};
    }
  }
  return std::nullopt;
}

AlarmResult<metrics::Statistic> parseAlarmStatistic(const std::optional<std::string>& statistic,
                                                    const std::optional<std::string>& extendedStatistic) {
  if (statistic && extendedStatistic) {
    return AlarmError{AlarmErrorCode::InvalidParameterCombination,
                      "Specify either Statistic or ExtendedStatistic, not both."};
  }
  if (!statistic && !extendedStatistic) {
    return AlarmError{AlarmErrorCode::MissingParameter,
                      "The parameter Statistic or ExtendedStatistic is required."};
  }
  if (statistic) {
    const auto parsed = metrics::parseStatistic(*statistic);
    if (!parsed || parsed->kind == metrics::StatisticKind::Percentile) {
      return AlarmError{AlarmErrorCode::ValidationError,
                        "1 validation error detected: Value '" + *statistic +
                            "' at 'statistic' failed to satisfy constraint: Member must satisfy enum value set: "
                            "[SampleCount, Average, Sum, Minimum, Maximum]"};
    }
    return *parsed;
  }
  const auto parsed = metrics::parseStatistic(*extendedStatistic);
  if (!parsed || parsed->kind != metrics::StatisticKind::Percentile) {
    return AlarmError{AlarmErrorCode::InvalidParameterValue,
                      "The value " + *extendedStatistic + " for parameter ExtendedStatistic is not supported."};
  }
  return *parsed;
}

}  // namespace dynadesk::alarms
