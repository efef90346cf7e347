// The data a MetricChart draws: named series of (time, value) points. Plain
// values with no Qt Charts type, so code that builds or decodes metric data
// (ui/session/metric_query.h) and its tests need neither the chart module
// nor a display.
//
// Thread-safety: plain values; copy them freely between threads.
#pragma once

#include <vector>

#include <QString>
#include <QtGlobal>

namespace dynadesk::ui {

struct ChartPoint {
  qint64 millis = 0;  // the start of the datapoint's period, engine clock
  double value = 0;
};

struct ChartSeriesData {
  QString name;                    // the legend, e.g. "Consumed" or "p99 GetItem"
  std::vector<ChartPoint> points;  // in time order
  bool dashed = false;             // e.g. provisioned capacity drawn against consumed
  // Which of the chart's colours: -1 picks by position in the list given to
  // setSeries, so the first series is always drawn in the first colour
  // whichever series have data; series that belong together (p50 and p99 of
  // one operation) may name the same one.
  int colorIndex = -1;
};

}  // namespace dynadesk::ui
