#include "widgets/partition_heat_map.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <QDateTime>
#include <QEvent>
#include <QHelpEvent>
#include <QLinearGradient>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

namespace dynadesk::ui {

namespace {

constexpr int kMargin = 8;
constexpr int kLegendBarWidth = 160;
constexpr int kLegendBarHeight = 10;
constexpr int kMaxRowHeight = 56;
constexpr int kMinRowHeight = 4;
// Nonzero values start this far up the scale, so the quietest active cell
// still differs from an idle one.
constexpr double kScaleFloor = 0.12;

// Dark blue through teal and green to yellow: lightness rises steadily, so the
// order reads in grey too, and no level is red like the throttle mark.
constexpr std::array<QRgb, 5> kScale = {0xff2c3e73, 0xff24698e, 0xff1f9a8a, 0xff6cc35b, 0xfff2e34c};
const QColor kThrottleColour(0xd6, 0x27, 0x28);

QColor mix(const QColor& a, const QColor& b, double t) {
  return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                          float(a.blueF() * (1 - t) + b.blueF() * t));
}

QColor scaleColour(double t) {
  t = std::clamp(t, 0.0, 1.0) * (kScale.size() - 1);
  const auto i = static_cast<std::size_t>(std::min<double>(std::floor(t), kScale.size() - 2));
  return mix(QColor::fromRgb(kScale[i]), QColor::fromRgb(kScale[i + 1]), t - static_cast<double>(i));
}

QString number(double v) {
  // Eventually consistent reads make half units; more digits than that is noise.
  return QLocale().toString(v, 'f', v == std::floor(v) ? 0 : (std::fabs(v * 2 - std::round(v * 2)) < 1e-9 ? 1 : 2));
}

QString measureWords(HeatMeasure m) {
  switch (m) {
    case HeatMeasure::Read: return QStringLiteral("read units");
    case HeatMeasure::Write: return QStringLiteral("write units");
    case HeatMeasure::ReadAndWrite: break;
  }
  return QStringLiteral("read + write units");
}

QString partitionLabel(int row) { return QStringLiteral("P%1").arg(row); }

}  // namespace

PartitionHeatMap::PartitionHeatMap(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
  emptyText_ = QStringLiteral("No reads or writes were recorded in this range.");
}

void PartitionHeatMap::setGrid(HeatGrid grid) {
  grid_ = std::move(grid);
  updateGeometry();
  update();
}

void PartitionHeatMap::setMeasure(HeatMeasure measure) {
  measure_ = measure;
  update();
}

void PartitionHeatMap::setEmptyText(const QString& text) {
  emptyText_ = text;
  update();
}

QSize PartitionHeatMap::sizeHint() const {
  const int rowHeight = std::clamp(200 / std::max(1, grid_.rows), 14, kMaxRowHeight);
  return {760, std::clamp(grid_.rows * rowHeight, kMaxRowHeight, 420) + 3 * fontMetrics().height() + kLegendBarHeight +
                   4 * kMargin};
}

QSize PartitionHeatMap::minimumSizeHint() const { return {320, 140}; }

PartitionHeatMap::Layout PartitionHeatMap::layout() const {
  Layout l;
  const QFontMetrics fm = fontMetrics();
  const int labelWidth = fm.horizontalAdvance(partitionLabel(std::max(0, grid_.rows - 1))) + kMargin;
  const int legendHeight = fm.height() + kLegendBarHeight + kMargin;
  l.legend = QRect(kMargin, kMargin, width() - 2 * kMargin, legendHeight);
  const int top = l.legend.bottom() + kMargin;
  const int bottom = height() - kMargin - fm.height() - 4;  // time labels below
  const int left = kMargin + labelWidth;
  const int right = width() - kMargin;
  if (grid_.columns <= 0 || grid_.rows <= 0 || right <= left || bottom <= top) return l;
  l.cellWidth = static_cast<double>(right - left) / grid_.columns;
  l.cellHeight = std::clamp(static_cast<double>(bottom - top) / grid_.rows, static_cast<double>(kMinRowHeight),
                            static_cast<double>(kMaxRowHeight));
  l.grid = QRect(left, top, right - left, static_cast<int>(std::lround(l.cellHeight * grid_.rows)));
  return l;
}

QRect PartitionHeatMap::cellRect(int column, int row) const {
  const Layout l = layout();
  if (l.grid.isEmpty() || column < 0 || row < 0 || column >= grid_.columns || row >= grid_.rows) return {};
  const int x0 = l.grid.left() + static_cast<int>(std::lround(column * l.cellWidth));
  const int x1 = l.grid.left() + static_cast<int>(std::lround((column + 1) * l.cellWidth));
  const int y0 = l.grid.top() + static_cast<int>(std::lround(row * l.cellHeight));
  const int y1 = l.grid.top() + static_cast<int>(std::lround((row + 1) * l.cellHeight));
  return QRect(QPoint(x0, y0), QPoint(x1 - 1, y1 - 1));
}

HeatCellRef PartitionHeatMap::cellAt(const QPoint& pos) const {
  const Layout l = layout();
  if (l.grid.isEmpty() || !l.grid.contains(pos)) return {};
  const int column = std::min(grid_.columns - 1, static_cast<int>((pos.x() - l.grid.left()) / l.cellWidth));
  const int row = std::min(grid_.rows - 1, static_cast<int>((pos.y() - l.grid.top()) / l.cellHeight));
  const PartitionCell* cell = grid_.at(column, row);
  return {column, row, cell ? measureOf(*cell, measure_) : 0.0};
}

QString PartitionHeatMap::columnLabel(int column) const {
  return QDateTime::fromMSecsSinceEpoch(grid_.columnStartMillis(column)).toString(QStringLiteral("HH:mm"));
}

QString PartitionHeatMap::cellToolTip(int column, int row) const {
  if (column < 0 || row < 0 || column >= grid_.columns || row >= grid_.rows) return {};
  const QString when = QStringLiteral("%1–%2").arg(columnLabel(column), columnLabel(column + 1));
  const PartitionCell* cell = grid_.at(column, row);
  if (!cell) {
    return QStringLiteral("%1 did not exist yet at %2: the table had fewer partitions then.")
        .arg(partitionLabel(row), when);
  }
  QString text = QStringLiteral("%1 · %2\nRead: %3 units\nWrite: %4 units")
                     .arg(partitionLabel(row), when, number(cell->readUnits), number(cell->writeUnits));
  if (cell->throttled > 0) {
    text += QStringLiteral("\nThrottled: %1 %2").arg(cell->throttled).arg(cell->throttled == 1 ? "request" : "requests");
  }
  return text;
}

QColor PartitionHeatMap::colourOf(double value) const {
  const double top = scaleMax();
  if (value <= 0 || top <= 0) return mix(palette().color(QPalette::Base), palette().color(QPalette::Text), 0.06);
  return scaleColour(kScaleFloor + (1 - kScaleFloor) * (value / top));
}

bool PartitionHeatMap::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(e);
    const HeatCellRef cell = showingEmptyState() ? HeatCellRef{} : cellAt(help->pos());
    if (cell.valid()) {
      QToolTip::showText(help->globalPos(), cellToolTip(cell.column, cell.row), this, cellRect(cell.column, cell.row));
    } else {
      QToolTip::hideText();
      e->ignore();
    }
    return true;
  }
  return QWidget::event(e);
}

void PartitionHeatMap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  const QPalette& pal = palette();
  const QColor text = pal.color(QPalette::Text);
  const QColor dim = mix(text, pal.color(QPalette::Base), 0.4);
  const QColor gridLine = mix(text, pal.color(QPalette::Base), 0.85);
  p.fillRect(rect(), pal.color(QPalette::Base));
  const QFontMetrics fm = fontMetrics();

  if (showingEmptyState()) {
    p.setPen(dim);
    p.drawText(rect().adjusted(3 * kMargin, 3 * kMargin, -3 * kMargin, -3 * kMargin),
               Qt::AlignCenter | Qt::TextWordWrap, emptyText_);
    return;
  }
  const Layout l = layout();
  if (l.grid.isEmpty()) return;

  // Legend: the scale with its numbers, then the two marks.
  const double top = scaleMax();
  int x = l.legend.left() + l.legend.width() - kLegendBarWidth;
  const QString throttledKey = QStringLiteral("throttled");
  // The hatch needs a key only when a split shows.
  const bool split = std::any_of(grid_.cells.begin(), grid_.cells.end(), [](const auto& c) { return !c; });
  const QString splitKey = split ? QStringLiteral("not split yet") : QString();
  const int keysWidth = fm.horizontalAdvance(throttledKey) + fm.horizontalAdvance(splitKey) +
                        (split ? 4 : 2) * kLegendBarHeight + 3 * kMargin;
  x -= keysWidth;
  const int barTop = l.legend.top() + fm.height();
  p.setPen(text);
  p.drawText(QRect(l.legend.left(), l.legend.top(), x - l.legend.left() - kMargin, fm.height()),
             Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("Consumed %1 per minute").arg(measureWords(measure_)));
  QLinearGradient gradient(x, 0, x + kLegendBarWidth, 0);
  for (int i = 0; i <= 8; ++i) gradient.setColorAt(i / 8.0, scaleColour(kScaleFloor + (1 - kScaleFloor) * i / 8.0));
  const QRect bar(x, barTop, kLegendBarWidth, kLegendBarHeight);
  p.fillRect(bar, gradient);
  p.setPen(dim);
  p.drawText(QRect(x, l.legend.top(), kLegendBarWidth, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("0"));
  p.drawText(QRect(x, l.legend.top(), kLegendBarWidth, fm.height()), Qt::AlignRight | Qt::AlignVCenter, number(top));
  int kx = bar.right() + 2 * kMargin;
  const QRect throttleSwatch(kx, barTop - 2, 2 * kLegendBarHeight, kLegendBarHeight + 4);
  p.setPen(QPen(kThrottleColour, 2));
  p.setBrush(Qt::NoBrush);
  p.drawRect(throttleSwatch.adjusted(1, 1, -1, -1));
  p.setPen(text);
  p.drawText(QRect(throttleSwatch.right() + 4, l.legend.top(), fm.horizontalAdvance(throttledKey) + 2, l.legend.height()),
             Qt::AlignLeft | Qt::AlignBottom, throttledKey);
  if (split) {
    kx = throttleSwatch.right() + 4 + fm.horizontalAdvance(throttledKey) + kMargin;
    const QRect splitSwatch(kx, barTop - 2, 2 * kLegendBarHeight, kLegendBarHeight + 4);
    p.fillRect(splitSwatch, QBrush(dim, Qt::BDiagPattern));
    p.drawText(QRect(splitSwatch.right() + 4, l.legend.top(), fm.horizontalAdvance(splitKey) + 2, l.legend.height()),
               Qt::AlignLeft | Qt::AlignBottom, splitKey);
  }

  // Cells.
  for (int c = 0; c < grid_.columns; ++c) {
    for (int r = 0; r < grid_.rows; ++r) {
      const QRect cell = cellRect(c, r);
      const PartitionCell* v = grid_.at(c, r);
      if (!v) {
        p.fillRect(cell, QBrush(dim, Qt::BDiagPattern));
        continue;
      }
      p.fillRect(cell, colourOf(measureOf(*v, measure_)));
    }
  }
  // Grid lines between partitions, and every ten minutes, when cells are big enough to need them.
  p.setPen(gridLine);
  if (l.cellHeight >= 10) {
    for (int r = 1; r < grid_.rows; ++r) {
      const int y = cellRect(0, r).top();
      p.drawLine(l.grid.left(), y, l.grid.right(), y);
    }
  }
  // Throttle marks last, so neighbours never paint over them.
  for (int c = 0; c < grid_.columns; ++c) {
    for (int r = 0; r < grid_.rows; ++r) {
      const PartitionCell* v = grid_.at(c, r);
      if (!v || v->throttled == 0) continue;
      const QRect cell = cellRect(c, r);
      p.setPen(QPen(kThrottleColour, 2));
      p.setBrush(Qt::NoBrush);
      p.drawRect(cell.adjusted(1, 1, -1, -1));
      const int s = std::max(3, std::min(cell.width(), cell.height()) / 3);
      const QPoint corner = cell.topRight();
      const std::array<QPoint, 3> mark = {corner, corner - QPoint(s, 0), corner + QPoint(0, s)};
      p.setPen(Qt::NoPen);
      p.setBrush(kThrottleColour);
      p.drawPolygon(mark.data(), static_cast<int>(mark.size()));
    }
  }
  p.setPen(gridLine);
  p.setBrush(Qt::NoBrush);
  p.drawRect(l.grid.adjusted(0, 0, -1, -1));

  // Partition labels: all when they fit, else every few.
  p.setPen(text);
  const int rowStep = std::max(1, static_cast<int>(std::ceil(fm.height() / std::max(1.0, l.cellHeight))));
  for (int r = 0; r < grid_.rows; r += rowStep) {
    const QRect cell = cellRect(0, r);
    p.drawText(QRect(kMargin, cell.center().y() - fm.height() / 2, l.grid.left() - 2 * kMargin + 4, fm.height()),
               Qt::AlignRight | Qt::AlignVCenter, partitionLabel(r));
  }
  // Time labels at round minutes, spaced so they never overlap.
  const double needed = (fm.horizontalAdvance(QStringLiteral("00:00")) + 2 * kMargin) / l.cellWidth;
  int step = 1;
  for (int s : {1, 2, 5, 10, 15, 30, 60}) {
    step = s;
    if (s >= needed) break;
  }
  const int labelTop = l.grid.bottom() + 4;
  for (int c = 0; c < grid_.columns; ++c) {
    const std::int64_t minute = grid_.columnStartMillis(c) / kActivityMinuteMillis;
    if (minute % step != 0) continue;
    const QRect cell = cellRect(c, 0);
    p.setPen(gridLine);
    p.drawLine(cell.left(), l.grid.bottom(), cell.left(), l.grid.bottom() + 3);
    p.setPen(dim);
    const int w = fm.horizontalAdvance(columnLabel(c)) + 2;
    p.drawText(QRect(cell.left() - w / 2, labelTop, w, fm.height()), Qt::AlignCenter, columnLabel(c));
  }
}

}  // namespace dynadesk::ui
