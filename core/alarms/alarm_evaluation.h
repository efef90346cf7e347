// One evaluation of a metric alarm: which periods it looks at, and the pure
// decision CloudWatch's rules give for the datapoints found there.
//
// The evaluation range. At time `now` the alarm looks at the last
// evaluationRangePeriods(definition) = EvaluationPeriods + 2 complete periods,
// ending at the last period boundary at or before `now` (periods are aligned to
// multiples of Period since the Unix epoch). CloudWatch likewise retrieves "a
// higher number of data points than specified by Evaluation Periods" (the user
// guide's evaluation range); N + 2 is the range its worked examples use (five
// datapoints for three evaluation periods).
//
// The rules (user guide, "How alarm state is evaluated when data is missing";
// M = DatapointsToAlarm, N = EvaluationPeriods, 0 / X / - = not breaching /
// breaching / missing):
//   - With at least N real datapoints in the range, the N most recent real ones
//     are evaluated and TreatMissingData plays no part.
//   - Otherwise every real datapoint in the range is evaluated together with the
//     most recent missing periods, as few as make N datapoints:
//       breaching     they count as X;  notBreaching  they count as 0;
//     and then ALARM when at least M of the N breach, else OK.
//   - With missing and ignore, missing periods count as neither: at least M real
//     X is ALARM; any real 0 (with fewer than M X) is OK. When there is no real
//     datapoint at all, missing gives INSUFFICIENT_DATA and ignore keeps the
//     current state. When every real datapoint breaches but there are fewer than
//     M, missing gives ALARM if the oldest of them is at least M periods old
//     (nothing contradicted it for M periods) and INSUFFICIENT_DATA otherwise;
//     ignore keeps the current state.
// These reproduce every row of the user guide's two example tables (tested in
// tests/alarms/test_alarm_evaluation.cpp).
//
// The reason is written the way CloudWatch writes it, e.g.
//   Threshold Crossed: 1 out of the last 1 datapoints [512.0 (21/11/26 10:15:00)]
//   was greater than the threshold (500.0) (minimum 1 datapoint for OK -> ALARM
//   transition).
// (the "out of the last N" form when DatapointsToAlarm was given, the shorter
// "1 datapoint [...] was ..." form otherwise), and the reason data as CloudWatch's
// StateReasonData JSON (version, queryDate, startDate, unit, statistic or
// extendedStatistic, period, recentDatapoints, threshold, evaluatedDatapoints).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "alarms/alarm_definition.h"
#include "alarms/alarm_state.h"
#include "metrics/metric_id.h"

namespace dynadesk::alarms {

// The periods one evaluation looks at: [startMillis, endMillis), `periods`
// periods of the alarm's Period.
struct EvaluationRange {
  std::int64_t startMillis = 0;
  std::int64_t endMillis = 0;
  int periods = 0;
};

// EvaluationPeriods + 2 (see above).
int evaluationRangePeriods(const AlarmDefinition& definition);

// The last multiple of periodSeconds (in milliseconds since the epoch) at or
// before nowMillis. Precondition: periodSeconds > 0.
std::int64_t lastPeriodBoundary(int periodSeconds, std::int64_t nowMillis);

// The range evaluated at nowMillis (ending at lastPeriodBoundary).
EvaluationRange evaluationRange(const AlarmDefinition& definition, std::int64_t nowMillis);

struct AlarmEvaluation {
  // The state the alarm should be in. When `decided` is false (ignore, without
  // the data to decide) it is the current state, and reason and reasonData are
  // empty: nothing is to be written.
  AlarmStateValue state = AlarmStateValue::InsufficientData;
  bool decided = true;
  std::string reason;      // StateReason
  std::string reasonData;  // StateReasonData (JSON text)
};

// Decides the alarm's state from `points`, the statistic per period as
// MetricReader returns it (one point per period that has data, stamped with
// the period's start). Points outside `range` are ignored; two points in one
// period: the later one in the vector counts. `nowMillis` is the queryDate of
// the reason data. Preconditions (not checked): validate(definition) passed and
// range.periods >= definition.evaluationPeriods.
AlarmEvaluation evaluateAlarm(const AlarmDefinition& definition, AlarmStateValue current, std::int64_t nowMillis,
                              const EvaluationRange& range, const std::vector<metrics::StatisticPoint>& points);

}  // namespace dynadesk::alarms
