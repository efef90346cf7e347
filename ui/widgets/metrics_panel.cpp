#include "widgets/metrics_panel.h"

#include <algorithm>
#include <cstdlib>
#include <memory>

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QGridLayout>
#include <iterator>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QScrollArea>
#include <QShowEvent>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace dynadesk::ui {

namespace {

constexpr char kListMetrics[] = "GraniteServiceVersion20100801.ListMetrics";
constexpr char kGetMetricData[] = "GraniteServiceVersion20100801.GetMetricData";
constexpr char kDescribeTable[] = "DescribeTable";
// The longer ranges have periods of 10 seconds and more: re-reading them on
// every tick would redraw the same points.
constexpr qint64 kSlowRangeRefreshMillis = 10'000;
constexpr int kRemoteRefreshMillis = 5'000;
constexpr int kChartMinimumHeight = 260;

QString qs(const std::string& s) { return QString::fromStdString(s); }

bool isTargetChart(MetricChartKind kind) {
  return kind == MetricChartKind::ReadCapacity || kind == MetricChartKind::WriteCapacity ||
         kind == MetricChartKind::ThrottleEvents;
}

}  // namespace

MetricsPanel::MetricsPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent)
    : QWidget(parent), runner_(runner), now_([] { return QDateTime::currentMSecsSinceEpoch(); }) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(12, 8, 12, 8);
  layout->setSpacing(6);

  auto* bar = new QHBoxLayout;
  bar->setSpacing(8);
  targetBox_ = new QComboBox;
  targetBox_->setObjectName("metricsTarget");
  targetBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  targetBox_->setToolTip(tr("Capacity and throttling of the table or of one global secondary index. "
                            "Latency, returned items, errors and TTL deletions are published per table."));
  rangeBox_ = new QComboBox;
  rangeBox_->setObjectName("metricsRange");
  for (MetricRange r : {MetricRange::Live5Minutes, MetricRange::Hour, MetricRange::Day, MetricRange::Week}) {
    rangeBox_->addItem(metricRangeName(r), static_cast<int>(r));
  }
  bar->addWidget(new QLabel(tr("Show:")));
  bar->addWidget(targetBox_);
  bar->addSpacing(12);
  bar->addWidget(new QLabel(tr("Range:")));
  bar->addWidget(rangeBox_);
  bar->addStretch(1);
  layout->addLayout(bar);

  hoverLabel_ = new QLabel;
  hoverLabel_->setObjectName("metricsHover");
  hoverLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  hoverLabel_->setText(tr("Point at a chart to read its exact values."));
  // Long lines (many operations) must not widen the window.
  hoverLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  layout->addWidget(hoverLabel_);

  emptyNote_ = new QLabel;
  emptyNote_->setObjectName("metricsEmpty");
  emptyNote_->setWordWrap(true);
  emptyNote_->hide();
  layout->addWidget(emptyNote_);
  errorLabel_ = new QLabel;
  errorLabel_->setObjectName("metricsError");
  errorLabel_->setWordWrap(true);
  errorLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  errorLabel_->hide();
  layout->addWidget(errorLabel_);

  auto* grid = new QWidget;
  auto* cells = new QGridLayout(grid);
  cells->setContentsMargins(0, 0, 0, 0);
  cells->setHorizontalSpacing(10);
  cells->setVerticalSpacing(10);
  // Two columns; latency (one pair of lines per operation, so a long legend)
  // and the last chart take a whole row.
  struct Place {
    MetricChartKind kind;
    int row, column, columns;
  };
  const Place places[] = {
      {MetricChartKind::ReadCapacity, 0, 0, 1},   {MetricChartKind::WriteCapacity, 0, 1, 1},
      {MetricChartKind::ThrottleEvents, 1, 0, 1}, {MetricChartKind::Errors, 1, 1, 1},
      {MetricChartKind::Latency, 2, 0, 2},        {MetricChartKind::ReturnedItems, 3, 0, 1},
      {MetricChartKind::ReturnedBytes, 3, 1, 1},  {MetricChartKind::TtlDeletions, 4, 0, 2},
  };
  static_assert(std::size(places) == kMetricChartCount);
  for (const Place& p : places) cells->addWidget(buildChartCard(p.kind), p.row, p.column, 1, p.columns);
  cells->setColumnStretch(0, 1);
  cells->setColumnStretch(1, 1);
  auto* scroll = new QScrollArea;
  scroll->setWidget(grid);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  layout->addWidget(scroll, 1);

  connect(rangeBox_, &QComboBox::currentIndexChanged, this,
          [this](int) { setRange(static_cast<MetricRange>(rangeBox_->currentData().toInt())); });
  connect(targetBox_, &QComboBox::currentIndexChanged, this,
          [this](int) { setTarget(targetBox_->currentData().toString()); });

  if (bridge && bridge->live()) {
    connect(bridge, &EngineBridge::metricTick, this, &MetricsPanel::onTick);
    connect(bridge, &EngineBridge::tableChanged, this, [this](const QString& table, TableEventKind) {
      if (table == table_) describe();
    });
  } else {
    // A remote endpoint publishes no ticks: poll.
    remoteTimer_ = new QTimer(this);
    remoteTimer_->setInterval(kRemoteRefreshMillis);
    connect(remoteTimer_, &QTimer::timeout, this, [this] {
      if (isVisible()) refresh();
    });
    remoteTimer_->start();
  }
  setIndexes({});
  updateTitles();
}

QWidget* MetricsPanel::buildChartCard(MetricChartKind kind) {
  auto* card = new QWidget;
  auto* v = new QVBoxLayout(card);
  v->setContentsMargins(0, 0, 0, 0);
  v->setSpacing(2);
  auto* chart = new MetricChart(metricChartTitle(kind), metricChartUnit(kind));
  chart->setObjectName(metricChartKey(kind));
  chart->setMinimumHeight(kChartMinimumHeight);
  chart->setPlaceholderText(tr("No table open"));
  charts_[static_cast<std::size_t>(kind)] = chart;
  v->addWidget(chart, 1);

  auto* saveImage = new QAction(tr("Save image…"), chart);
  auto* saveData = new QAction(tr("Save data…"), chart);
  chart->addAction(saveImage);
  chart->addAction(saveData);
  chart->setContextMenuPolicy(Qt::ActionsContextMenu);
  connect(saveImage, &QAction::triggered, this, [this, kind] { askSaveImage(kind); });
  connect(saveData, &QAction::triggered, this, [this, kind] { askSaveData(kind); });
  connect(chart, &MetricChart::hovered, this, [this, chart](const QString& text) {
    hoverLabel_->setText(tr("%1 — %2").arg(chart->title(), text));
  });

  auto* buttons = new QHBoxLayout;
  buttons->setSpacing(4);
  buttons->addStretch(1);
  for (QAction* a : {saveImage, saveData}) {
    auto* b = new QToolButton;
    b->setDefaultAction(a);
    b->setAutoRaise(true);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    buttons->addWidget(b);
  }
  v->addLayout(buttons);
  return card;
}

void MetricsPanel::openTable(const QString& table) {
  table_ = table;
  index_.clear();
  traffic_ = false;
  ++generation_;
  window_ = {};
  for (MetricChart* c : charts_) {
    c->setSeries({});
    c->setPlaceholderText(tr("Reading metrics…"));
  }
  emptyNote_->hide();
  errorLabel_->hide();
  setIndexes({});
  updateTitles();
  describe();
  refresh();
}

void MetricsPanel::setClock(std::function<std::int64_t()> nowMillis) {
  if (nowMillis) now_ = std::move(nowMillis);
}

void MetricsPanel::setRange(MetricRange range) {
  if (rangeBox_->currentData().toInt() != static_cast<int>(range)) {
    const QSignalBlocker block(rangeBox_);
    rangeBox_->setCurrentIndex(rangeBox_->findData(static_cast<int>(range)));
  }
  if (range == range_) return;
  range_ = range;
  ++generation_;
  refresh();
}

void MetricsPanel::setTarget(const QString& index) {
  if (targetBox_->currentData().toString() != index) {
    const int at = targetBox_->findData(index);
    if (at < 0 && !index.isEmpty()) {
      // An index not described (yet): offer it anyway, it may have metrics.
      targetBox_->addItem(tr("Index %1").arg(index), index);
    }
    const QSignalBlocker block(targetBox_);
    targetBox_->setCurrentIndex(targetBox_->findData(index));
  }
  if (index == index_) return;
  index_ = index;
  ++generation_;
  updateTitles();
  refresh();
}

QStringList MetricsPanel::targetIndexes() const {
  QStringList out;
  for (int i = 0; i < targetBox_->count(); ++i) {
    if (const QString v = targetBox_->itemData(i).toString(); !v.isEmpty()) out << v;
  }
  return out;
}

QString MetricsPanel::hoverLine() const { return hoverLabel_->text(); }

void MetricsPanel::setIndexes(const QStringList& indexes) {
  const QSignalBlocker block(targetBox_);
  targetBox_->clear();
  targetBox_->addItem(table_.isEmpty() ? tr("Table") : tr("Table %1").arg(table_), QString());
  QStringList sorted = indexes;
  if (!index_.isEmpty() && !sorted.contains(index_)) sorted << index_;
  sorted.sort();
  for (const QString& i : sorted) targetBox_->addItem(tr("Index %1").arg(i), i);
  targetBox_->setCurrentIndex(std::max(0, targetBox_->findData(index_)));
}

void MetricsPanel::describe() {
  if (table_.isEmpty()) return;
  const QString table = table_;
  runner_.run(kDescribeTable, {{"TableName", table.toStdString()}}, this, [this, table](Result<nlohmann::json> r) {
    if (table != table_ || !r) return;  // without a description the picker offers the table alone
    QStringList indexes;
    const auto t = r->find("Table");
    if (t == r->end() || !t->is_object()) return;
    if (const auto g = t->find("GlobalSecondaryIndexes"); g != t->end() && g->is_array()) {
      for (const auto& index : *g) {
        if (index.is_object() && index.contains("IndexName") && index["IndexName"].is_string()) {
          indexes << qs(index["IndexName"].get<std::string>());
        }
      }
    }
    setIndexes(indexes);
  });
}

void MetricsPanel::refresh() {
  if (table_.isEmpty()) return;
  if (inFlight_) {
    again_ = true;
    return;
  }
  inFlight_ = true;
  again_ = false;
  stale_ = false;
  const std::uint64_t generation = generation_;
  const qint64 now = now_();
  lastReadNow_ = now;
  const MetricWindow window = metricWindow(range_, now);
  const MetricTarget target{table_.toStdString(), index_.toStdString()};
  runner_.runPrepared<std::vector<ListedMetric>>(
      kListMetrics, listMetricsRequest(target.table), this, &parseListedMetrics,
      [this, generation, window, target](Result<std::vector<ListedMetric>> listed) {
        if (generation != generation_) return finishRead();
        if (!listed) {
          showReadError(listed.status());
          return finishRead();
        }
        traffic_ = ui::hasTraffic(*listed);
        // Indexes with metrics but not (yet) described still get offered.
        QStringList indexes = targetIndexes();
        for (const auto& i : indexesOf(*listed)) {
          if (!indexes.contains(qs(i))) indexes << qs(i);
        }
        if (indexes != targetIndexes()) setIndexes(indexes);
        auto plan = std::make_shared<MetricQueryPlan>(buildMetricQuery(target, window, *listed));
        runner_.runPrepared<MetricChartSeries>(
            kGetMetricData, plan->request, this,
            [plan](const nlohmann::json& answer) { return decodeMetricData(*plan, answer); },
            [this, generation, plan](Result<MetricChartSeries> series) {
              if (generation == generation_) {
                if (series) {
                  applyAnswer(*plan, *series);
                } else {
                  showReadError(series.status());
                }
              }
              finishRead();
            });
      });
}

void MetricsPanel::finishRead() {
  inFlight_ = false;
  if (again_) refresh();
}

void MetricsPanel::applyAnswer(const MetricQueryPlan& plan, const MetricChartSeries& series) {
  window_ = plan.window;
  errorLabel_->hide();
  const QString placeholder = traffic_ ? tr("No data in this range") : tr("No traffic yet");
  // One chart per pass of the event loop, each update posting the next:
  // eight charts redrawn at once would hold the GUI thread for tens of
  // milliseconds under load (bench/gui_load_bench); one at a time lets
  // timers, input and paint run in between. refreshed() follows the last.
  auto data = std::make_shared<MetricChartSeries>(series);
  applyChart(0, generation_, placeholder, std::move(data));
  if (traffic_) {
    emptyNote_->hide();
  } else {
    emptyNote_->setText(tr("<b>%1</b> has no traffic yet. The charts fill in within a second of the first "
                           "request that reaches it, from the workbench or from any client of the endpoint.")
                            .arg(table_.toHtmlEscaped()));
    emptyNote_->show();
  }
}

void MetricsPanel::applyChart(std::size_t i, std::uint64_t generation, const QString& placeholder,
                              std::shared_ptr<MetricChartSeries> series) {
  QMetaObject::invokeMethod(
      this,
      [this, i, generation, placeholder, series = std::move(series)]() mutable {
        if (generation != generation_) return;  // another table or range since: its answer follows
        if (i == kMetricChartCount) {
          emit refreshed();  // every chart shows the answer
          return;
        }
        MetricChart* c = charts_[i];
        c->setTimeRange(window_.fromMillis, window_.toMillis);
        c->setPlaceholderText(placeholder);
        c->setSeries(std::move((*series)[i]));
        applyChart(i + 1, generation, placeholder, std::move(series));
      },
      Qt::QueuedConnection);
}

void MetricsPanel::showReadError(const Status& status) {
  errorLabel_->setText(tr("The metrics could not be read: %1").arg(qs(status.message()).toHtmlEscaped()));
  errorLabel_->show();
  emit statusMessage(tr("Metrics of %1 could not be read: %2").arg(table_, qs(status.message())));
}

void MetricsPanel::updateTitles() {
  for (std::size_t i = 0; i < kMetricChartCount; ++i) {
    const auto kind = static_cast<MetricChartKind>(i);
    QString title = metricChartTitle(kind);
    if (!index_.isEmpty()) {
      // Say whose numbers a chart shows when the target is an index.
      title = isTargetChart(kind) ? tr("%1 — index %2").arg(title, index_) : tr("%1 — table").arg(title);
    }
    charts_[i]->setTitle(title);
  }
}

void MetricsPanel::onTick(qint64 secondMillis) {
  if (table_.isEmpty()) return;
  if (!isVisible()) {
    stale_ = true;
    return;
  }
  if (range_ != MetricRange::Live5Minutes && std::llabs(secondMillis - lastReadNow_) < kSlowRangeRefreshMillis) return;
  refresh();
}

void MetricsPanel::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (stale_) refresh();
}

Status MetricsPanel::saveChartImage(MetricChartKind kind, const QString& path) const {
  return chart(kind)->savePng(path);
}

Status MetricsPanel::saveChartData(MetricChartKind kind, const QString& path) const {
  return chart(kind)->saveCsv(path);
}

void MetricsPanel::askSaveImage(MetricChartKind kind) {
  const QString suggested = QStringLiteral("%1-%2.png").arg(table_.isEmpty() ? QStringLiteral("metrics") : table_,
                                                              metricChartKey(kind));
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Save chart image"), suggested, tr("PNG images (*.png)"));
  if (path.isEmpty()) return;
  if (const Status s = saveChartImage(kind, path); !s.isOk()) {
    QMessageBox::warning(this, tr("Save chart image"), qs(s.message()));
    return;
  }
  emit statusMessage(tr("Chart saved to %1").arg(path));
}

void MetricsPanel::askSaveData(MetricChartKind kind) {
  const QString suggested = QStringLiteral("%1-%2.csv").arg(table_.isEmpty() ? QStringLiteral("metrics") : table_,
                                                              metricChartKey(kind));
  const QString path = QFileDialog::getSaveFileName(this, tr("Save chart data"), suggested, tr("CSV files (*.csv)"));
  if (path.isEmpty()) return;
  if (const Status s = saveChartData(kind, path); !s.isOk()) {
    QMessageBox::warning(this, tr("Save chart data"), qs(s.message()));
    return;
  }
  emit statusMessage(tr("Chart data saved to %1").arg(path));
}

}  // namespace dynadesk::ui
