// AlarmsPanel: the endpoint's CloudWatch metric alarms, as CloudWatch's alarm
// list shows them.
//  - Top: one coloured chip per state with its count (clicking a chip shows
//    only that state), a state filter, a name filter, and Create…, Edit…,
//    Delete (after a confirmation), Enable actions, Disable actions, Refresh.
//  - The list (AlarmListModel behind a sorting, filtering proxy).
//  - For the selected alarm: its state, condition, reason, last change and
//    actions, and its state history as a timeline (DescribeAlarmHistory).
//  - With no alarms at all: a plain sentence and a Create alarm button.
// Creating and editing go through AlarmWizard; every call goes through the
// RequestRunner, never on the GUI thread.
//
// Liveness: with a live EngineBridge the list re-reads DescribeAlarms on every
// alarmsChanged and after any alarm call another client makes (callsFinished),
// and the notifier gets the bridge's events. A remote endpoint (no bridge, or
// not live) is re-read every kRemoteRefreshMillis; state changes to ALARM seen
// between two snapshots go to the notifier as events.
//
// Time: the timeline ends at, and the wizard's preview reads up to, the
// engine's now; setClock() supplies it (the wall clock by default, right for a
// remote endpoint).
//
// Thread-safety: GUI thread only. The runner and the bridge must outlive it.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include <QPointer>
#include <QWidget>

#include "bridge/engine_bridge.h"
#include "client/request_runner.h"
#include "format/alarm_text.h"
#include "models/alarm_list_model.h"
#include "widgets/alarm_wizard.h"  // QPointer<AlarmWizard> needs the whole type

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTimer;

namespace dynadesk::ui {

class AlarmHistoryTimeline;
class AlarmNotifier;
class AlarmFilterProxy;

class AlarmsPanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kRemoteRefreshMillis = 10'000;

  AlarmsPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent = nullptr);
  ~AlarmsPanel() override;

  // Milliseconds since the epoch on the endpoint's clock.
  void setClock(std::function<std::int64_t()> nowMillis);

  // Re-reads DescribeAlarms (every page) and the selected alarm's history.
  void refresh();

  // Opens the wizard (window-modal, not blocking) and returns it; it deletes
  // itself when closed. createAlarm's `preset` fills the steps. While a
  // wizard is open, createAlarm raises and returns that one.
  AlarmWizard* createAlarm(const AlarmSpec& preset = {});
  // Edit mode, every step filled from the list's snapshot; null when there is
  // no alarm of that name.
  AlarmWizard* editAlarm(const QString& name);
  AlarmWizard* openWizard() const { return wizard_; }

  // DeleteAlarms without asking (the Delete button asks first).
  void deleteAlarms(const QStringList& names);
  // EnableAlarmActions / DisableAlarmActions.
  void setActionsEnabled(const QStringList& names, bool enabled);

  void selectAlarm(const QString& name);
  QString selectedAlarm() const;  // the current row's; empty if none
  QStringList selectedAlarms() const;

  // What is shown (tests).
  AlarmListModel& model() { return model_; }
  QSortFilterProxyModel& proxy();
  AlarmNotifier& notifier() { return *notifier_; }
  AlarmHistoryTimeline* timeline() const { return timeline_; }
  QTableView* view() const { return view_; }
  QPushButton* chip(AlarmState state) const { return chips_[static_cast<std::size_t>(state)]; }
  QLineEdit* nameFilter() const { return nameFilter_; }
  QComboBox* stateFilter() const { return stateFilter_; }
  QLabel* detailReason() const { return reason_; }
  QLabel* detailState() const { return detailState_; }
  QLabel* detailLastChange() const { return lastChange_; }
  QLabel* errorBanner() const { return error_; }
  bool showingEmptyState() const;

 signals:
  void statusMessage(const QString& text);
  void alarmsLoaded();                     // a DescribeAlarms snapshot is shown
  void historyLoaded(const QString& alarm);  // the selected alarm's timeline is shown
  void actionFailed(const QString& message);  // a delete or enable/disable was refused

 protected:
  void changeEvent(QEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  QWidget* buildToolbar();
  QWidget* buildDetail();
  QWidget* buildEmptyState();
  void scheduleRefresh();
  void describePage(const std::string& nextToken, std::uint64_t ticket, std::shared_ptr<std::vector<AlarmStatus>> acc);
  void showSnapshot(std::vector<AlarmStatus> alarms);
  void loadHistory();
  void showDetail();
  void styleChips();
  void chipClicked(AlarmState state);
  void stateFilterChanged();
  void updateButtons();
  void confirmDelete();
  void showError(const QString& text);

  RequestRunner& runner_;
  EngineBridge* bridge_;
  std::function<std::int64_t()> now_;
  AlarmListModel model_;
  AlarmFilterProxy* proxy_;
  AlarmNotifier* notifier_;
  QPointer<AlarmWizard> wizard_;
  std::uint64_t describeTicket_ = 0;
  std::uint64_t historyTicket_ = 0;
  bool loadedOnce_ = false;
  QString pendingSelection_;

  std::array<QPushButton*, kAlarmStateCount> chips_{};
  QComboBox* stateFilter_;
  QLineEdit* nameFilter_;
  QPushButton* createButton_;
  QPushButton* editButton_;
  QPushButton* deleteButton_;
  QPushButton* enableButton_;
  QPushButton* disableButton_;
  QLabel* error_;
  QStackedWidget* stack_;
  QTableView* view_;
  QLabel* detailTitle_;
  QLabel* detailState_;
  QLabel* condition_;
  QLabel* reason_;
  QLabel* lastChange_;
  QLabel* actions_;
  AlarmHistoryTimeline* timeline_;
  QTimer* refreshTimer_;   // debounces refresh requests
  QTimer* remoteTimer_;    // re-reads a remote endpoint
};

}  // namespace dynadesk::ui
