#include "alarms/alarm_evaluation.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "alarms/cloudwatch_format.h"

namespace dynadesk::alarms {

namespace {

using OrderedJson = nlohmann::ordered_json;

// One period of the evaluation range.
struct Slot {
  std::int64_t startMillis = 0;
  std::optional<double> value;  // absent: missing data
};

// One of the N datapoints an evaluation counts.
struct Counted {
  int slot = 0;
  enum class Kind { Real, Filled, Unknown } kind = Kind::Real;
  bool breaching = false;
};

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

const char* wasWere(std::size_t n) { return n == 1 ? "was" : "were"; }

std::string comparisonPhrase(ComparisonOperator op) {
  switch (op) {
    case ComparisonOperator::GreaterThanOrEqualToThreshold: return "greater than or equal to";
    case ComparisonOperator::GreaterThanThreshold: return "greater than";
    case ComparisonOperator::LessThanThreshold: return "less than";
    case ComparisonOperator::LessThanOrEqualToThreshold: return "less than or equal to";
  }
  return "greater than";
}

std::string thresholdCrossedReason(const AlarmDefinition& d, AlarmStateValue newState, const std::vector<Slot>& slots,
                                   const std::vector<Counted>& counted) {
  const bool toAlarm = newState == AlarmStateValue::Alarm;
  // The real datapoints that support the new state, newest first (CloudWatch's order).
  std::vector<const Counted*> listed;
  std::size_t filled = 0;
  for (const Counted& c : counted) {
    if (c.kind == Counted::Kind::Real && c.breaching == toAlarm) listed.push_back(&c);
    if (c.kind == Counted::Kind::Filled) ++filled;
  }
  std::sort(listed.begin(), listed.end(), [](const Counted* a, const Counted* b) { return a->slot > b->slot; });
  const char* fillLabel = d.effectiveTreatMissingData() == TreatMissingData::Breaching ? "Breaching" : "NonBreaching";
  const std::string fillText = plural(filled, "missing datapoint") + " " + wasWere(filled) + " treated as [" +
                               fillLabel + "]";

  if (listed.empty()) {
    // Only filled-in periods speak for the new state.
    return "Threshold Crossed: no datapoints were received for " + plural(filled, "period") + " and " + fillText + ".";
  }

  std::string text = "Threshold Crossed: ";
  const bool mOutOfN = d.datapointsToAlarm.has_value();
  if (mOutOfN) {
    text += std::to_string(listed.size()) + " out of the last " + std::to_string(d.evaluationPeriods) + " datapoints";
  } else {
    text += plural(listed.size(), "datapoint");
  }
  text += " [";
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const Slot& s = slots[static_cast<std::size_t>(listed[i]->slot)];
    text += (i ? ", " : "") + formatCloudWatchNumber(*s.value) + " (" + formatReasonTime(s.startMillis) + ")";
  }
  text += "] " + std::string(wasWere(listed.size())) + " " + (toAlarm ? "" : "not ") + comparisonPhrase(d.comparison) +
          " the threshold (" + formatCloudWatchNumber(d.threshold) + ")";
  if (filled > 0) text += " and " + fillText;
  if (mOutOfN) {
    const int m = d.effectiveDatapointsToAlarm();
    const std::size_t minimum = toAlarm ? static_cast<std::size_t>(m)
                                        : static_cast<std::size_t>(d.evaluationPeriods - m + 1);
    text += " (minimum " + plural(minimum, "datapoint") + " for " + (toAlarm ? "OK -> ALARM" : "ALARM -> OK") +
            " transition)";
  }
  return text + ".";
}

std::string reasonDataJson(const AlarmDefinition& d, std::int64_t nowMillis, const std::vector<Slot>& slots,
                           const std::vector<Counted>& counted) {
  std::vector<Counted> byTime = counted;
  std::sort(byTime.begin(), byTime.end(), [](const Counted& a, const Counted& b) { return a.slot < b.slot; });

  OrderedJson j;
  j["version"] = "1.0";
  j["queryDate"] = formatIsoTime(nowMillis);
  for (const Counted& c : byTime) {
    if (c.kind == Counted::Kind::Real) {
      j["startDate"] = formatIsoTime(slots[static_cast<std::size_t>(c.slot)].startMillis);
      break;
    }
  }
  if (d.unit) j["unit"] = *d.unit;
  j[d.statistic.kind == metrics::StatisticKind::Percentile ? "extendedStatistic" : "statistic"] =
      metrics::statisticName(d.statistic);
  j["period"] = d.periodSeconds;
  OrderedJson recent = OrderedJson::array();
  for (const Counted& c : byTime) {
    if (c.kind == Counted::Kind::Real) recent.push_back(*slots[static_cast<std::size_t>(c.slot)].value);
  }
  j["recentDatapoints"] = std::move(recent);
  j["threshold"] = d.threshold;
  OrderedJson evaluated = OrderedJson::array();
  for (auto it = byTime.rbegin(); it != byTime.rend(); ++it) {
    const Slot& s = slots[static_cast<std::size_t>(it->slot)];
    OrderedJson point;
    point["timestamp"] = formatIsoTime(s.startMillis);
    if (it->kind == Counted::Kind::Real) point["value"] = *s.value;
    evaluated.push_back(std::move(point));
  }
  j["evaluatedDatapoints"] = std::move(evaluated);
  return j.dump();
}

}  // namespace

int evaluationRangePeriods(const AlarmDefinition& definition) { return definition.evaluationPeriods + 2; }

std::int64_t lastPeriodBoundary(int periodSeconds, std::int64_t nowMillis) {
  const std::int64_t periodMillis = static_cast<std::int64_t>(periodSeconds) * 1000;
  std::int64_t q = nowMillis / periodMillis;
  if (nowMillis % periodMillis != 0 && nowMillis < 0) --q;  // floor, also before 1970
  return q * periodMillis;
}

EvaluationRange evaluationRange(const AlarmDefinition& definition, std::int64_t nowMillis) {
  const int periods = evaluationRangePeriods(definition);
  const std::int64_t end = lastPeriodBoundary(definition.periodSeconds, nowMillis);
  const std::int64_t start = end - static_cast<std::int64_t>(periods) * definition.periodSeconds * 1000;
  return EvaluationRange{start, end, periods};
}

AlarmEvaluation evaluateAlarm(const AlarmDefinition& d, AlarmStateValue current, std::int64_t nowMillis,
                              const EvaluationRange& range, const std::vector<metrics::StatisticPoint>& points) {
  const std::int64_t periodMillis = static_cast<std::int64_t>(d.periodSeconds) * 1000;
  std::vector<Slot> slots(static_cast<std::size_t>(std::max(range.periods, 0)));
  for (std::size_t i = 0; i < slots.size(); ++i) {
    slots[i].startMillis = range.startMillis + static_cast<std::int64_t>(i) * periodMillis;
  }
  for (const auto& p : points) {
    if (p.timestampMillis < range.startMillis || p.timestampMillis >= range.endMillis) continue;
    if (!std::isfinite(p.value)) continue;  // no statistic to compare: as good as missing
    const auto index = static_cast<std::size_t>((p.timestampMillis - range.startMillis) / periodMillis);
    if (index < slots.size()) slots[index].value = p.value;
  }

  const int n = d.evaluationPeriods;
  const int m = d.effectiveDatapointsToAlarm();
  const TreatMissingData treatment = d.effectiveTreatMissingData();

  std::vector<int> real;
  std::vector<int> missing;
  for (std::size_t i = 0; i < slots.size(); ++i) (slots[i].value ? real : missing).push_back(static_cast<int>(i));

  // The N datapoints counted: the most recent real ones, or every real one plus
  // the most recent missing periods.
  std::vector<Counted> counted;
  auto addReal = [&](int slot) {
    counted.push_back({slot, Counted::Kind::Real,
                       isBreaching(d.comparison, *slots[static_cast<std::size_t>(slot)].value, d.threshold)});
  };
  const bool enoughReal = static_cast<int>(real.size()) >= n;
  if (enoughReal) {
    for (std::size_t i = real.size() - static_cast<std::size_t>(n); i < real.size(); ++i) addReal(real[i]);
  } else {
    for (int slot : real) addReal(slot);
    const std::size_t fill = static_cast<std::size_t>(n) - real.size();
    const bool fills = treatment == TreatMissingData::Breaching || treatment == TreatMissingData::NotBreaching;
    for (std::size_t i = missing.size() - std::min(fill, missing.size()); i < missing.size(); ++i) {
      counted.push_back({missing[i], fills ? Counted::Kind::Filled : Counted::Kind::Unknown,
                         treatment == TreatMissingData::Breaching});
    }
  }

  std::size_t realBreaching = 0, realNotBreaching = 0, filledBreaching = 0, unknown = 0;
  int oldestBreachingSlot = -1;
  for (const Counted& c : counted) {
    switch (c.kind) {
      case Counted::Kind::Real:
        if (c.breaching) {
          ++realBreaching;
          if (oldestBreachingSlot < 0 || c.slot < oldestBreachingSlot) oldestBreachingSlot = c.slot;
        } else {
          ++realNotBreaching;
        }
        break;
      case Counted::Kind::Filled:
        if (c.breaching) ++filledBreaching;
        break;
      case Counted::Kind::Unknown: ++unknown; break;
    }
  }

  std::optional<AlarmStateValue> next;  // nullopt: keep the current state (ignore)
  const auto mSize = static_cast<std::size_t>(m);
  if (enoughReal || treatment == TreatMissingData::Breaching || treatment == TreatMissingData::NotBreaching) {
    next = realBreaching + filledBreaching >= mSize ? AlarmStateValue::Alarm : AlarmStateValue::Ok;
  } else if (real.empty()) {
    if (treatment == TreatMissingData::Missing) next = AlarmStateValue::InsufficientData;
  } else if (realBreaching >= mSize) {
    next = AlarmStateValue::Alarm;
  } else if (realNotBreaching > 0) {
    next = AlarmStateValue::Ok;
  } else if (treatment == TreatMissingData::Missing) {
    // Only breaching data, too little of it: a breach nothing has contradicted
    // for M periods counts as sustained.
    const int age = static_cast<int>(slots.size()) - oldestBreachingSlot;
    next = age >= m ? AlarmStateValue::Alarm : AlarmStateValue::InsufficientData;
  }

  AlarmEvaluation result;
  if (!next) {
    result.state = current;
    result.decided = false;
    return result;
  }
  result.state = *next;
  if (*next == AlarmStateValue::InsufficientData) {
    result.reason = "Insufficient Data: " + plural(unknown, "datapoint") + " " + wasWere(unknown) + " unknown.";
  } else {
    result.reason = thresholdCrossedReason(d, *next, slots, counted);
  }
  result.reasonData = reasonDataJson(d, nowMillis, slots, counted);
  return result;
}

}  // namespace dynadesk::alarms
