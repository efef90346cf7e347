// Dashboard summary: what the connection's dashboard shows across its tables —
// totals, the busiest tables and the consumed capacity of them all over time —
// read from the endpoint's CloudWatch metrics with one GetMetricData call.
//
// Per table the request asks, in periods of kPeriodSeconds over the last
// kChartMinutes of the endpoint's clock: ConsumedRead/WriteCapacityUnits and
// Read/WriteThrottleEvents (Sum) and ItemCount / TableSizeBytes (Maximum;
// the newest period's value is the table's current one). Activity (units,
// throttles) counts over the last kBusyMinutes; the chart sums every table's
// units per period. Account-wide UserErrors (Sum) is asked once.
//
// GetMetricData takes at most 500 queries, so at most kMaxTables tables are
// summarised (the first by name, as ListTables orders them); `omittedTables`
// says how many more there were.
//
// Errors: decodeDashboard() returns a ValidationException in plain words when
// the response has no MetricDataResults list; results it does not know are
// ignored, and a table without data counts zero.
// Thread-safety: pure functions and plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynadesk/status.h"

namespace dynadesk::ui {

inline constexpr int kDashboardPeriodSeconds = 10;
inline constexpr int kDashboardChartMinutes = 15;
inline constexpr int kDashboardBusyMinutes = 5;
inline constexpr std::size_t kDashboardMaxTables = 80;  // 6 queries each, plus one, under 500

struct TableActivity {
  std::string table;
  double readUnits = 0, writeUnits = 0;         // consumed over the busy window
  double readThrottles = 0, writeThrottles = 0;  // throttle events over the busy window
  double itemCount = 0, sizeBytes = 0;           // the newest gauge values
  double throttles() const { return readThrottles + writeThrottles; }
  double units() const { return readUnits + writeUnits; }
};

struct DashboardPoint {
  std::int64_t millis = 0;  // period start, engine clock
  double readUnits = 0, writeUnits = 0;
};

struct DashboardSummary {
  std::int64_t nowMillis = 0;
  std::vector<TableActivity> tables;  // busiest first: by units, then throttles, then name
  std::size_t omittedTables = 0;
  double userErrors = 0;              // over the busy window
  std::vector<DashboardPoint> chart;  // every table summed, in time order; whole periods only

  double totalItems() const;
  double totalBytes() const;
  double totalReadUnits() const;
  double totalWriteUnits() const;
  double totalThrottles() const;
};

// The GetMetricData request for `tables` (the first kDashboardMaxTables of them)
// ending at `nowMillis`, engine clock.
nlohmann::json dashboardRequest(const std::vector<std::string>& tables, std::int64_t nowMillis);

Result<DashboardSummary> decodeDashboard(const nlohmann::json& response, const std::vector<std::string>& tables,
                                         std::int64_t nowMillis);

}  // namespace dynadesk::ui
