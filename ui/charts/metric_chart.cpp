#include "charts/metric_chart.h"

#include <iterator>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include <QDateTime>
#include <QEvent>
#include <QFont>
#include <QGraphicsLineItem>
#include <QGraphicsSimpleTextItem>
#include <QMetaObject>
#include <QMouseEvent>
#include <QPalette>
#include <QPixmap>
#include <QSaveFile>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include "charts/chart_text.h"
#include "charts/series_buffer.h"

namespace dynadesk::ui {

namespace {

constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
// Below this many points a series also draws its points: one or two points
// of a fresh table would otherwise be an invisible line.
constexpr std::size_t kPointsVisibleBelow = 30;
// The smallest picture an export makes of a chart that was never laid out.
constexpr int kExportWidth = 800;
constexpr int kExportHeight = 450;

// A chart view that reports where the pointer is, in chart coordinates.
class HoverView : public QChartView {
 public:
  using QChartView::QChartView;
  std::function<void(QPoint viewPos, QPoint globalPos)> onMove;
  std::function<void()> onLeave;

 protected:
  void mouseMoveEvent(QMouseEvent* e) override {
    if (onMove) onMove(e->position().toPoint(), e->globalPosition().toPoint());
    QChartView::mouseMoveEvent(e);
  }
  void leaveEvent(QEvent* e) override {
    if (onLeave) onLeave();
    QChartView::leaveEvent(e);
  }
};

bool isDark(const QPalette& p) { return p.color(QPalette::Window).lightness() < 128; }

// Labels that fit the span: seconds matter in a 5-minute window, the date in
// a week. Tick counts give whole steps for the panel's ranges (a minute in 5
// minutes, 10 minutes in an hour, 4 hours in a day, a day in a week).
struct TimeTicks {
  QString format;
  int count;
};
TimeTicks timeTicksFor(qint64 span) {
  if (span <= 15 * kMinute) return {QStringLiteral("hh:mm:ss"), 6};
  if (span <= 2 * kDay) return {QStringLiteral("hh:mm"), 7};
  return {QStringLiteral("MMM d"), 8};
}

Status writeFile(const QString& path, const std::function<bool(QSaveFile&)>& write, const char* what) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    return Status::validation(QStringLiteral("The %1 could not be saved to %2: %3")
                                  .arg(QLatin1String(what), path, file.errorString())
                                  .toStdString());
  }
  if (!write(file) || !file.commit()) {
    return Status::validation(QStringLiteral("The %1 could not be written to %2: %3")
                                  .arg(QLatin1String(what), path, file.errorString())
                                  .toStdString());
  }
  return Status::ok();
}

}  // namespace

struct MetricChart::Impl {
  QString title;
  QChart* chart = nullptr;
  HoverView* view = nullptr;
  QDateTimeAxis* timeAxis = nullptr;
  QValueAxis* valueAxis = nullptr;
  std::vector<QLineSeries*> lines;  // parallel to `data`
  std::vector<ChartSeriesData> data;
  QLineSeries* thresholdLine = nullptr;
  std::optional<double> threshold;
  QString thresholdLabel;
  qint64 from = 0, to = 0;  // both 0: follow the data
  QString placeholder;
  QGraphicsSimpleTextItem* placeholderItem = nullptr;
  QGraphicsLineItem* hoverLine = nullptr;

  bool hasPoints() const {
    return std::any_of(data.begin(), data.end(), [](const ChartSeriesData& s) { return !s.points.empty(); });
  }

  std::pair<qint64, qint64> effectiveRange() const {
    if (from != 0 || to != 0) return {from, to};
    qint64 lo = std::numeric_limits<qint64>::max(), hi = std::numeric_limits<qint64>::min();
    for (const auto& s : data) {
      if (s.points.empty()) continue;
      lo = std::min(lo, s.points.front().millis);
      hi = std::max(hi, s.points.back().millis);
    }
    if (lo > hi) {
      hi = QDateTime::currentMSecsSinceEpoch();
      lo = hi - 5 * kMinute;
    }
    if (lo == hi) lo -= kMinute;  // a single point still gets a readable axis
    return {lo, hi};
  }

  // Fixed colours rather than the theme's order of adding, so a series keeps
  // its colour from tick to tick and chart to chart. No red: red is the
  // threshold's.
  static QColor seriesColor(int index) {
    static const QColor colors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                                    QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2),
                                    QColor(0x17, 0xbe, 0xcf), QColor(0xbc, 0xbd, 0x22), QColor(0x7f, 0x7f, 0x7f)};
    constexpr int count = static_cast<int>(std::size(colors));
    return colors[((index % count) + count) % count];
  }

  void styleLine(QLineSeries* line, const ChartSeriesData& s, std::size_t position) {
    QPen pen = line->pen();
    const QColor color = seriesColor(s.colorIndex >= 0 ? s.colorIndex : static_cast<int>(position));
    pen.setColor(color);
    line->setBrush(color);  // the point markers
    pen.setWidthF(s.dashed ? 1.5 : 2.0);
    pen.setStyle(s.dashed ? Qt::DashLine : Qt::SolidLine);
    line->setPen(pen);
    line->setPointsVisible(s.points.size() < kPointsVisibleBelow);
    line->setMarkerSize(5);
  }

  void styleThreshold() {
    if (!thresholdLine) return;
    QPen pen(QColor(0xd6, 0x27, 0x28));
    pen.setWidthF(1.5);
    pen.setStyle(Qt::DotLine);
    thresholdLine->setPen(pen);
  }

  void applyTheme(const QPalette& palette, const QFont& font) {
    chart->setTheme(isDark(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    // The theme replaces fonts and pens: put ours back.
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setBackgroundRoundness(0);
    QFont titleFont = font;
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setTitleBrush(palette.brush(QPalette::Text));
    QFont small = font;
    small.setPointSizeF(std::max(7.0, font.pointSizeF() * 0.85));
    for (QAbstractAxis* axis : {static_cast<QAbstractAxis*>(timeAxis), static_cast<QAbstractAxis*>(valueAxis)}) {
      axis->setLabelsFont(small);
      axis->setTitleFont(small);
      axis->setLabelsBrush(palette.brush(QPalette::Text));
      axis->setTitleBrush(palette.brush(QPalette::Text));
    }
    chart->legend()->setFont(small);
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    if (placeholderItem) {
      placeholderItem->setFont(font);
      placeholderItem->setBrush(palette.brush(QPalette::PlaceholderText));
    }
    if (hoverLine) hoverLine->setPen(QPen(palette.color(QPalette::Mid), 1));
    for (std::size_t i = 0; i < lines.size(); ++i) styleLine(lines[i], data[i], i);
    styleThreshold();
  }

  void updateAxes() {
    const auto [lo, hi] = effectiveRange();
    const TimeTicks ticks = timeTicksFor(hi - lo);
    timeAxis->setFormat(ticks.format);
    timeAxis->setTickCount(ticks.count);
    timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(lo), QDateTime::fromMSecsSinceEpoch(hi));
    // The value axis always starts at 0 (counts and units are never negative),
    // so a flat line of small values does not look like a spike.
    double top = 0;
    for (const auto& s : data) {
      for (const auto& p : s.points) top = std::max(top, p.value);
    }
    if (threshold) top = std::max(top, *threshold);
    if (!(top > 0) || !std::isfinite(top)) {
      valueAxis->setTickCount(5);  // nothing to show: a plain 0..1 scale
      valueAxis->setRange(0, 1);
    } else {
      // Headroom so the highest line does not run along the frame.
      valueAxis->setRange(0, top * 1.1);
      valueAxis->applyNiceNumbers();
      if (valueAxis->min() < 0) valueAxis->setMin(0);
    }
    if (thresholdLine && threshold) {
      thresholdLine->replace(QList<QPointF>{{double(lo), *threshold}, {double(hi), *threshold}});
    }
  }

  // Axis changes relayout the whole chart (several milliseconds each), so
  // setTimeRange, setSeries and setThreshold only ask for one; it runs once,
  // from the event loop, after the caller's batch of changes.
  bool axesPending = false;
  void scheduleAxes(QObject* context) {
    if (axesPending) return;
    axesPending = true;
    QMetaObject::invokeMethod(context, [this] { flushAxes(); }, Qt::QueuedConnection);
  }
  void flushAxes() {
    if (!axesPending) return;
    axesPending = false;
    updateAxes();
    updatePlaceholder();
  }

  void updatePlaceholder() {
    const bool show = !placeholder.isEmpty() && !hasPoints();
    placeholderItem->setText(placeholder);
    placeholderItem->setVisible(show);
    if (!show) return;
    const QRectF area = chart->plotArea();
    const QRectF box = placeholderItem->boundingRect();
    placeholderItem->setPos(area.center() - QPointF(box.width() / 2, box.height() / 2));
  }
};

MetricChart::MetricChart(const QString& title, const QString& unitLabel, QWidget* parent)
    : QWidget(parent), impl_(std::make_unique<Impl>()) {
  auto& d = *impl_;
  d.title = title;
  d.chart = new QChart;
  d.chart->setTitle(title);
  // Whole series are replaced every second: animating that would only lag.
  d.chart->setAnimationOptions(QChart::NoAnimation);
  d.chart->setMargins(QMargins(4, 4, 4, 4));
  d.chart->legend()->setAlignment(Qt::AlignBottom);
  d.chart->legend()->setShowToolTips(true);

  d.timeAxis = new QDateTimeAxis;
  d.timeAxis->setTitleText(tr("Time"));
  d.chart->addAxis(d.timeAxis, Qt::AlignBottom);
  d.valueAxis = new QValueAxis;
  d.valueAxis->setTitleText(unitLabel);
  d.valueAxis->setLabelFormat(QStringLiteral("%g"));
  d.valueAxis->setMinorTickCount(0);
  d.chart->addAxis(d.valueAxis, Qt::AlignLeft);

  d.placeholderItem = new QGraphicsSimpleTextItem(d.chart);
  d.placeholderItem->setZValue(10);
  d.placeholderItem->hide();
  d.hoverLine = new QGraphicsLineItem(d.chart);
  d.hoverLine->setZValue(5);
  d.hoverLine->hide();
  connect(d.chart, &QChart::plotAreaChanged, this, [this] { impl_->updatePlaceholder(); });

  d.view = new HoverView(d.chart, this);
  d.view->setRenderHint(QPainter::Antialiasing);
  d.view->setMouseTracking(true);
  d.view->viewport()->setMouseTracking(true);
  d.view->setMinimumSize(320, 220);
  d.view->onMove = [this](QPoint viewPos, QPoint globalPos) {
    auto& d = *impl_;
    const QPointF scenePos = d.view->mapToScene(viewPos);
    const QPointF chartPos = d.chart->mapFromScene(scenePos);
    const QRectF area = d.chart->plotArea();
    if (!area.contains(chartPos) || !d.hasPoints()) {
      d.hoverLine->hide();
      QToolTip::hideText();
      return;
    }
    const qint64 millis = static_cast<qint64>(d.chart->mapToValue(chartPos).x());
    const QString text = hoverText(millis);
    if (const auto at = nearestPointTime(d.data, millis)) {
      const qreal x = d.chart->mapToPosition(QPointF(double(*at), 0)).x();
      d.hoverLine->setLine(x, area.top(), x, area.bottom());
      d.hoverLine->setVisible(x >= area.left() && x <= area.right());
    }
    QToolTip::showText(globalPos, text, d.view);
    emit hovered(text);
  };
  d.view->onLeave = [this] { impl_->hoverLine->hide(); };

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(d.view);

  d.applyTheme(palette(), font());
  d.updateAxes();
}

MetricChart::~MetricChart() = default;

QString MetricChart::title() const { return impl_->title; }

void MetricChart::setTitle(const QString& title) {
  impl_->title = title;
  impl_->chart->setTitle(title);
}

void MetricChart::setSeries(std::vector<ChartSeriesData> series) {
  auto& d = *impl_;
  for (auto& s : series) boundSeries(s, kMaxPointsPerSeries);
  // Keep the drawn series of a name that stays (its colour stays with it);
  // remove the rest.
  std::vector<QLineSeries*> lines(series.size(), nullptr);
  for (std::size_t i = 0; i < d.data.size(); ++i) {
    auto it = std::find_if(series.begin(), series.end(),
                           [&](const ChartSeriesData& s) { return s.name == d.data[i].name; });
    const auto at = static_cast<std::size_t>(it - series.begin());
    if (it != series.end() && lines[at] == nullptr) {
      lines[at] = d.lines[i];
    } else {
      d.chart->removeSeries(d.lines[i]);
      delete d.lines[i];
    }
  }
  for (std::size_t i = 0; i < series.size(); ++i) {
    QLineSeries* line = lines[i];
    if (!line) {
      line = new QLineSeries;
      d.chart->addSeries(line);
      line->attachAxis(d.timeAxis);
      line->attachAxis(d.valueAxis);
    }
    line->setName(series[i].name);
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(series[i].points.size()));
    for (const auto& p : series[i].points) points.append(QPointF(double(p.millis), p.value));
    line->replace(points);
    d.styleLine(line, series[i], i);
    lines[i] = line;
  }
  d.lines = std::move(lines);
  d.data = std::move(series);
  d.scheduleAxes(this);
}

void MetricChart::setTimeRange(qint64 fromMillis, qint64 toMillis) {
  auto& d = *impl_;
  if (toMillis < fromMillis) std::swap(fromMillis, toMillis);
  if (toMillis == fromMillis && fromMillis != 0) toMillis = fromMillis + 1000;
  d.from = fromMillis;
  d.to = toMillis;
  d.scheduleAxes(this);
}

void MetricChart::setThreshold(std::optional<double> value, const QString& label) {
  auto& d = *impl_;
  if (value && !std::isfinite(*value)) value.reset();
  d.threshold = value;
  d.thresholdLabel = label;
  if (!value) {
    if (d.thresholdLine) {
      d.chart->removeSeries(d.thresholdLine);
      delete d.thresholdLine;
      d.thresholdLine = nullptr;
    }
  } else {
    if (!d.thresholdLine) {
      d.thresholdLine = new QLineSeries;
      d.chart->addSeries(d.thresholdLine);
      d.thresholdLine->attachAxis(d.timeAxis);
      d.thresholdLine->attachAxis(d.valueAxis);
    }
    d.thresholdLine->setName(label.isEmpty() ? tr("Threshold %1").arg(chartValueText(*value)) : label);
    d.styleThreshold();
  }
  d.scheduleAxes(this);
}

void MetricChart::setPlaceholderText(const QString& text) {
  impl_->placeholder = text;
  impl_->updatePlaceholder();
}

QString MetricChart::placeholderText() const { return impl_->placeholder; }

bool MetricChart::placeholderShown() const { return !impl_->placeholder.isEmpty() && !impl_->hasPoints(); }

const std::vector<ChartSeriesData>& MetricChart::series() const { return impl_->data; }

std::optional<double> MetricChart::threshold() const { return impl_->threshold; }

qint64 MetricChart::rangeFrom() const { return impl_->effectiveRange().first; }

qint64 MetricChart::rangeTo() const { return impl_->effectiveRange().second; }

QString MetricChart::hoverText(qint64 millis) const { return chartHoverText(impl_->data, millis); }

Status MetricChart::savePng(const QString& path) const {
  auto& d = *impl_;
  // A chart that was never shown has no useful size yet; give it one so the
  // picture is readable (the layout resizes it again when it is shown).
  if (!d.view->isVisible() && (d.view->width() < kExportWidth || d.view->height() < kExportHeight)) {
    d.view->resize(std::max(d.view->width(), kExportWidth), std::max(d.view->height(), kExportHeight));
  }
  d.hoverLine->hide();
  d.flushAxes();  // a change still waiting for the event loop belongs in the picture
  const QPixmap picture = d.view->grab();
  if (picture.isNull()) return Status::validation("The chart could not be drawn into an image.");
  return writeFile(path, [&](QSaveFile& file) { return picture.save(&file, "PNG"); }, "image");
}

Status MetricChart::saveCsv(const QString& path) const {
  const QByteArray bytes = chartCsv(impl_->data).toUtf8();
  return writeFile(path, [&](QSaveFile& file) { return file.write(bytes) == bytes.size(); }, "data");
}

void MetricChart::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
    impl_->applyTheme(palette(), font());
    impl_->updatePlaceholder();
  }
  QWidget::changeEvent(event);
}

}  // namespace dynadesk::ui
