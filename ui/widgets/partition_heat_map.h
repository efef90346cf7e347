// PartitionHeatMap: a painted grid of a table's (or global index's)
// partitions over the minutes of a window. Columns are minutes, oldest on the
// left, labelled with their start time (engine clock, local time); rows are
// partitions P0..Pn, P0 on top. A cell's colour says how many capacity units
// the partition consumed in that minute — reads, writes or both, as chosen —
// on one sequential scale from the grid's quietest to its busiest cell, shown
// in the legend with its numbers. A minute in which the partition refused
// requests (throttled) is outlined in red with a corner mark, whatever its
// colour. A cell where the partition did not exist yet (before a split) is
// hatched. Hovering a cell shows its exact numbers. With no activity at all,
// the widget says so in plain words instead of drawing an empty grid.
//
// Colours come from a fixed perceptual scale (dark blue to yellow) chosen so
// that the red throttle mark never looks like a level of traffic; text and
// grid lines come from the palette at paint time (light and dark themes).
//
// Thread-safety: GUI thread only.
#pragma once

#include <QColor>
#include <QRect>
#include <QString>
#include <QWidget>

#include "session/key_activity_report.h"

namespace dynadesk::ui {

class PartitionHeatMap : public QWidget {
  Q_OBJECT
 public:
  explicit PartitionHeatMap(QWidget* parent = nullptr);

  void setGrid(HeatGrid grid);
  const HeatGrid& grid() const { return grid_; }
  void setMeasure(HeatMeasure measure);
  HeatMeasure measure() const { return measure_; }
  // The sentence shown when nothing was recorded (the panel words it for its range).
  void setEmptyText(const QString& text);
  QString emptyText() const { return emptyText_; }
  bool showingEmptyState() const { return !grid_.anyActivity(); }

  // What is drawn (tests and the panel's summary).
  HeatCellRef hottest() const { return hottestCell(grid_, measure_); }
  double scaleMax() const { return maxValue(grid_, measure_); }
  // The cell under a widget position; invalid outside the grid.
  HeatCellRef cellAt(const QPoint& pos) const;
  // The rectangle a cell is painted in (empty when the grid is empty).
  QRect cellRect(int column, int row) const;
  // The hover text of a cell: partition, minute and exact numbers.
  QString cellToolTip(int column, int row) const;
  // The colour of a value on the current scale (0 gets the empty-cell colour).
  QColor colourOf(double value) const;
  // The time label of a column ("14:05").
  QString columnLabel(int column) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;

 private:
  struct Layout {
    QRect grid;    // the cells
    QRect legend;  // the scale and the throttle key
    double cellWidth = 0;
    double cellHeight = 0;
  };
  Layout layout() const;

  HeatGrid grid_;
  HeatMeasure measure_ = HeatMeasure::ReadAndWrite;
  QString emptyText_;
};

}  // namespace dynadesk::ui
