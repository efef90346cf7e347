// The text forms of chart data: the hover line and the CSV export. Pure
// functions over ChartSeriesData, tested without a display.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <vector>

#include <QString>

#include "charts/chart_series.h"

namespace dynadesk::ui {

// A value as charts and CSV show it: the shortest text that reads back as
// the same double ("12", "0.5", "1.25e-05").
QString chartValueText(double value);

// The time of the point nearest `millis` among all series; nullopt when no
// series has a point.
std::optional<qint64> nearestPointTime(const std::vector<ChartSeriesData>& series, qint64 millis);

// "hh:mm:ss  name: value  name: value" at the point nearest `millis` (local
// time, as the chart's time axis shows it). A series with no point at that
// time shows "no data"; an empty string when no series has any point.
QString chartHoverText(const std::vector<ChartSeriesData>& series, qint64 millis);

// CSV (RFC 4180, "\r\n" line ends): a header "time,<series name>,...", then one
// row per distinct point time in ascending order; the time in ISO 8601 UTC
// ("2026-11-22T07:15:00Z"), then each series' value at that time, or an
// empty cell where the series has no point.
QString chartCsv(const std::vector<ChartSeriesData>& series);

}  // namespace dynadesk::ui
