// ConnectionPage: what the workbench shows for a connection as a whole — its
// name, then the Dashboard (every table's totals, the busiest tables, alarms
// in ALARM) and Alarms (the CloudWatch-style alarm list) tabs. MainWindow
// shows it when the connection itself is chosen in the sidebar or from the
// View menu.
//
// Thread-safety: GUI thread only. Borrows the runner and the bridge (which
// may be null: no live events), which must outlive it.
#pragma once

#include <cstdint>
#include <functional>

#include <QWidget>

#include "bridge/engine_bridge.h"
#include "client/request_runner.h"

class QLabel;
class QTabWidget;

namespace dynadesk::ui {

class AlarmsPanel;
class DashboardPanel;

class ConnectionPage : public QWidget {
  Q_OBJECT
 public:
  ConnectionPage(RequestRunner& runner, EngineBridge* bridge, QWidget* parent = nullptr);

  void setConnectionName(const QString& name);
  // Milliseconds since the epoch on the endpoint's clock, for both tabs.
  void setClock(std::function<std::int64_t()> nowMillis);

  void showDashboard();
  void showAlarms();

  DashboardPanel* dashboard() const { return dashboard_; }
  AlarmsPanel* alarms() const { return alarms_; }
  QTabWidget* tabs() const { return tabs_; }

 signals:
  void statusMessage(const QString& text);
  void openTableRequested(const QString& table);

 private:
  QLabel* title_;
  QTabWidget* tabs_;
  DashboardPanel* dashboard_;
  AlarmsPanel* alarms_;
};

}  // namespace dynadesk::ui
