// Bounding what a chart keeps: a series handed to MetricChart is cut to its
// newest `maxPoints` points, so drawing costs the same however long the
// requested range or however heavy the load (STYLE.md: a bounded buffer, one
// replace() per tick).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>

#include "charts/chart_series.h"

namespace dynadesk::ui {

// Keeps the newest `maxPoints` points of `series` (all of them when fewer).
// Points are assumed in time order, as the header of ChartSeriesData says;
// out-of-order points are sorted first so "newest" means latest in time.
void boundSeries(ChartSeriesData& series, std::size_t maxPoints);

}  // namespace dynadesk::ui
