// What a Query or Scan does, in plain English, for the builder: describePlan
// before running (the hint line under the form) and explainRun after it (the
// explanation line above the results: which index, what the key condition
// narrows, what the filter discarded, how many items were read for how many
// returned, pages and capacity).
//
// Both take the spec as the user left it and never fail: a spec that would not
// build (an unknown index, a Query without a partition value) is described as
// far as it goes, with what is missing. Paths are shown as typed, strings in
// double quotes, numbers exactly as entered, counts with thousands separators.
// The wording is English (the sentences are built in code, not translated).
//
// Thread-safety: pure functions.
#pragma once

#include <QString>
#include <nlohmann/json.hpp>

#include "operation/operation_spec.h"
#include "operation/table_shape.h"

namespace dynadesk::ui {

// The sums over every page (and every segment) of one run.
struct RunTotals {
  long long count = 0;         // items returned (sum of Count)
  long long scannedCount = 0;  // items read (sum of ScannedCount)
  int pages = 0;
  double capacityUnits = 0;    // sum of ConsumedCapacity.CapacityUnits
  bool complete = true;        // false: the run stopped with pages left
};

// Adds one Query or Scan response page (Count, ScannedCount and
// ConsumedCapacity.CapacityUnits; missing members count as 0) to totals.
// Leaves `complete` alone: only the caller knows whether it will fetch more.
void addPage(RunTotals& totals, const nlohmann::json& response);

QString explainRun(const OperationSpec& spec, const TableShape& shape, const RunTotals& totals);
QString describePlan(const OperationSpec& spec, const TableShape& shape);

}  // namespace dynadesk::ui
