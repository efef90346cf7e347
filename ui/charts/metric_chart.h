// MetricChart: one time-series chart of CloudWatch-style metric values — the
// adapter in front of Qt Charts (STYLE.md: ui/charts is the only code that
// includes the chart module, so this header names no Qt Charts type).
//
// Data: whole series are handed over at once (setSeries), normally once per
// metric tick; each series is copied into a bounded buffer of at most
// kMaxPointsPerSeries points (the newest are kept) and drawn with one
// QXYSeries::replace(), never one append() per point, so a chart costs the
// GUI thread the same under any load.
//
// Hover shows the exact values of every series at the nearest point in time
// (hoverText); the chart can be saved as a PNG image and its data as CSV.
//
// ChartPoint and ChartSeriesData live in charts/chart_series.h (plain values,
// usable without the chart module); the text forms in charts/chart_text.h.
//
// Thread-safety: GUI thread only.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include <QString>
#include <QWidget>

#include "charts/chart_series.h"
#include "dynadesk/status.h"

namespace dynadesk::ui {

class MetricChart : public QWidget {
  Q_OBJECT
 public:
  static constexpr std::size_t kMaxPointsPerSeries = 2000;

  // `unitLabel` is the value axis title ("Units", "Count", "Milliseconds").
  MetricChart(const QString& title, const QString& unitLabel, QWidget* parent = nullptr);
  ~MetricChart() override;

  QString title() const;
  void setTitle(const QString& title);

  // Replaces every series (one replace() each); series absent from `series`
  // are removed. Points beyond kMaxPointsPerSeries: the newest are kept.
  void setSeries(std::vector<ChartSeriesData> series);
  // The time axis spans [fromMillis, toMillis] whatever the data covers.
  void setTimeRange(qint64 fromMillis, qint64 toMillis);
  // A horizontal line (an alarm's threshold); nullopt removes it.
  void setThreshold(std::optional<double> value, const QString& label = {});

  // Text shown in the middle of the plot while no series has a point (e.g.
  // "No traffic yet"); empty shows nothing.
  void setPlaceholderText(const QString& text);
  QString placeholderText() const;
  // True while the placeholder is shown (no points and a non-empty text).
  bool placeholderShown() const;

  // What is drawn (tests, export).
  const std::vector<ChartSeriesData>& series() const;
  std::optional<double> threshold() const;
  qint64 rangeFrom() const;
  qint64 rangeTo() const;

  // "hh:mm:ss  name: value  name: value" at the point nearest `millis`.
  QString hoverText(qint64 millis) const;

  // Errors: a ValidationException-typed Status in plain words when the file
  // cannot be written.
  Status savePng(const QString& path) const;
  // time (ISO 8601 UTC) then one column per series; empty cell where a series has no point.
  Status saveCsv(const QString& path) const;

 signals:
  // The pointer moved over the plot: the text hoverText() gives there.
  void hovered(const QString& text);

 protected:
  // Follows the application's light or dark palette.
  void changeEvent(QEvent* event) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dynadesk::ui
