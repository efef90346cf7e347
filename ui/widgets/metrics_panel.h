// MetricsPanel: the Metrics tab of the open table. Eight charts of the
// CloudWatch metrics the endpoint records, for the table or one of its
// global secondary indexes (the target picker) over a range (Live 5 minutes,
// 1 hour, 1 day, 1 week: session/metric_query.h has the periods):
// consumed against provisioned read and write capacity, read and write
// throttle events, latency p50/p99 per operation, returned items, returned
// stream bytes, errors and TTL deletions. Hovering a chart shows the exact
// values under it and in the panel's hover line; each chart saves as PNG or
// CSV from its context menu or its buttons.
//
// Reading: ListMetrics (which metrics, operations and streams have data),
// then one GetMetricData, through RequestRunner off the GUI thread; the
// answer is decoded on the worker and each chart replaces its series once.
// Never more than one read in flight: a refresh asked for meanwhile runs once
// when it lands; a generation token drops answers for a table, target or
// range the user has left. Live engines drive refreshes from
// EngineBridge::metricTick (every tick for Live, at most every 10 seconds of
// engine time for the longer ranges; ticks while the panel is hidden only
// mark it stale); remote endpoints (no bridge, or not live) every 5 seconds.
//
// Time: ranges end at the engine's "now", which tests and --clock-offset-file
// move away from the wall clock; setClock() supplies it (wall clock by default).
//
// Thread-safety: GUI thread only.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <QWidget>

#include "bridge/engine_bridge.h"
#include "charts/metric_chart.h"
#include "client/request_runner.h"
#include "session/metric_query.h"

class QComboBox;
class QLabel;
class QTimer;

namespace dynadesk::ui {

class MetricsPanel : public QWidget {
  Q_OBJECT
 public:
  MetricsPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent = nullptr);

  // Shows `table` (its own metrics; the target picker lists its indexes).
  void openTable(const QString& table);
  // Milliseconds since the epoch on the endpoint's clock.
  void setClock(std::function<std::int64_t()> nowMillis);
  void setRange(MetricRange range);
  // A global secondary index of the open table; empty: the table itself.
  void setTarget(const QString& index);
  // Reads again now (or as soon as the read in flight lands).
  void refresh();

  // What is shown (tests).
  QString table() const { return table_; }
  QString target() const { return index_; }
  MetricRange range() const { return range_; }
  MetricChart* chart(MetricChartKind kind) const { return charts_[static_cast<std::size_t>(kind)]; }
  std::vector<MetricChart*> charts() const { return {charts_.begin(), charts_.end()}; }
  // The window of the last answer shown.
  const MetricWindow& window() const { return window_; }
  // False while the open table has no recorded traffic (the empty state).
  bool hasTraffic() const { return traffic_; }
  QString hoverLine() const;
  // Indexes the target picker offers.
  QStringList targetIndexes() const;

  // The exports behind "Save image…" and "Save data…", without dialogs.
  Status saveChartImage(MetricChartKind kind, const QString& path) const;
  Status saveChartData(MetricChartKind kind, const QString& path) const;

 signals:
  void refreshed();  // an answer was applied to the charts
  void statusMessage(const QString& text);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void onTick(qint64 secondMillis);
  void finishRead();
  // Applies chart i of an answer from the event loop, then posts chart i + 1
  // (i == kMetricChartCount: emits refreshed()).
  void applyChart(std::size_t i, std::uint64_t generation, const QString& placeholder,
                  std::shared_ptr<MetricChartSeries> series);
  void describe();
  void setIndexes(const QStringList& indexes);
  void applyAnswer(const MetricQueryPlan& plan, const MetricChartSeries& series);
  void showReadError(const Status& status);
  void updateTitles();
  void askSaveImage(MetricChartKind kind);
  void askSaveData(MetricChartKind kind);
  QWidget* buildChartCard(MetricChartKind kind);

  RequestRunner& runner_;
  std::function<std::int64_t()> now_;
  QString table_;
  QString index_;
  MetricRange range_ = MetricRange::Live5Minutes;
  MetricWindow window_;
  std::uint64_t generation_ = 0;
  bool inFlight_ = false;
  bool again_ = false;
  bool stale_ = false;
  bool traffic_ = false;
  qint64 lastReadNow_ = 0;

  QComboBox* targetBox_;
  QComboBox* rangeBox_;
  QLabel* hoverLabel_;
  QLabel* emptyNote_;
  QLabel* errorLabel_;
  std::array<MetricChart*, kMetricChartCount> charts_{};
  QTimer* remoteTimer_ = nullptr;
};

}  // namespace dynadesk::ui
