// DashboardPanel: the connection's dashboard — across every table: totals
// (tables, items, storage, capacity consumed, throttles, user errors, alarms
// in ALARM), the consumed capacity of all tables over the last 15 minutes,
// the busiest tables of the last 5 minutes and the alarms now in ALARM.
//
// Reads: ListTables (every page), then one GetMetricData
// (session/dashboard_summary.h) and DescribeAlarms(StateValue=ALARM), all
// through the RequestRunner, one refresh in flight at a time (a trigger that
// arrives meanwhile runs one more refresh after it). Triggers: the engine's
// metric tick, alarm changes and tables created or deleted, only while the
// panel is visible (a hidden dashboard costs nothing); a 5-second timer when
// the bridge has no live events (a remote endpoint).
//
// A failed call shows the endpoint's message in place of the figures it
// would have given; the rest of the dashboard keeps its last good values.
//
// Thread-safety: GUI thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include <QWidget>
#include <nlohmann/json.hpp>

#include "bridge/engine_bridge.h"
#include "client/request_runner.h"
#include "session/dashboard_summary.h"

class QGridLayout;
class QLabel;
class QTableWidget;
class QTimer;

namespace dynadesk::ui {

class MetricChart;

struct AlarmInAlarm {
  QString name;
  QString reason;
  QString since;  // the state's last change, local time
};

class DashboardPanel : public QWidget {
  Q_OBJECT
 public:
  DashboardPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent = nullptr);

  // Milliseconds since the epoch on the endpoint's clock (the wall clock by default).
  void setClock(std::function<std::int64_t()> nowMillis);

  // Reads everything anew now (also while hidden: tests, explicit refresh).
  void refresh();

  // What is shown (tests).
  const std::optional<DashboardSummary>& summary() const { return summary_; }
  const std::vector<AlarmInAlarm>& alarmsInAlarm() const { return alarms_; }
  MetricChart* chart() const { return chart_; }
  QTableWidget* busiestTable() const { return busiest_; }
  QString tileText(const QString& tileName) const;  // "Tables", "Items", ... the value shown

 signals:
  void refreshed();                        // a whole refresh was applied
  void openTableRequested(const QString& table);
  void openAlarmsRequested();
  void statusMessage(const QString& text);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void trigger();
  void listTables(std::optional<std::string> start, std::shared_ptr<std::vector<std::string>> names);
  void readMetrics(std::vector<std::string> tables);
  void readAlarms();
  void partDone();
  void showSummary();
  void showAlarms();
  void showError(const QString& message);
  QLabel* addTile(QGridLayout* grid, int index, const QString& name, const QString& tip);

  RequestRunner& runner_;
  EngineBridge* bridge_;
  std::function<std::int64_t()> now_;
  std::uint64_t generation_ = 0;
  int partsPending_ = 0;
  bool inFlight_ = false;
  bool again_ = false;

  std::optional<DashboardSummary> summary_;
  std::vector<AlarmInAlarm> alarms_;
  std::size_t tableCount_ = 0;

  QLabel* heading_;
  QLabel* asOf_;
  QLabel* error_;
  std::vector<std::pair<QString, QLabel*>> tiles_;
  MetricChart* chart_;
  QTableWidget* busiest_;
  QLabel* busiestEmpty_;
  QTableWidget* alarmTable_;
  QLabel* alarmsEmpty_;
  QTimer* remoteTimer_;
};

}  // namespace dynadesk::ui
