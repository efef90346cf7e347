// AlarmNotifier: the desktop notification when an alarm goes to ALARM.
//
// handleEvents() takes alarm state changes (EngineBridge::alarmsChanged, or
// the ones AlarmsPanel works out from two snapshots of a remote endpoint).
// For each change to ALARM of an alarm that should notify, it emits
// notified(alarm, text), keeps the notification in recent() (the newest
// kMaxRecent), and — when the desktop has a system tray
// (QSystemTrayIcon::isSystemTrayAvailable) — shows it as a tray message under
// the application icon. The offscreen platform has no tray: the signal and
// recent() still work, which is what tests watch.
//
// Which alarms notify: an alarm notifies when its actions are enabled and its
// "notify on this desktop" preference is on (the default). The preference is
// a workbench choice, never sent to the endpoint. Whether actions are enabled
// comes from the last DescribeAlarms the panel saw (setActionsEnabled); for
// an alarm the notifier has not been told about yet it falls back to the
// event's own flag.
//
// Thread-safety: GUI thread only.
#pragma once

#include <deque>
#include <vector>

#include <QHash>
#include <QObject>
#include <QString>

#include "dynadesk/engine_events.h"

class QSystemTrayIcon;

namespace dynadesk::ui {

struct AlarmNotification {
  QString alarm;
  QString text;
  qint64 atMillis = 0;  // the state change's time (endpoint clock)
};

class AlarmNotifier : public QObject {
  Q_OBJECT
 public:
  static constexpr std::size_t kMaxRecent = 50;

  explicit AlarmNotifier(QObject* parent = nullptr);
  ~AlarmNotifier() override;

  void handleEvents(const std::vector<dynadesk::AlarmEvent>& events);

  void setActionsEnabled(const QString& alarm, bool enabled);
  void setDesktopNotification(const QString& alarm, bool on);
  bool desktopNotification(const QString& alarm) const { return desktop_.value(alarm, true); }
  // Forget an alarm's preferences (it was deleted).
  void forget(const QString& alarm);

  // Newest last.
  const std::deque<AlarmNotification>& recent() const { return recent_; }
  // True when messages go to a system tray too.
  bool trayAvailable() const;

 signals:
  void notified(const QString& alarm, const QString& text);

 private:
  bool shouldNotify(const dynadesk::AlarmEvent& event) const;
  void showInTray(const QString& title, const QString& text);

  QHash<QString, bool> actionsEnabled_;
  QHash<QString, bool> desktop_;
  std::deque<AlarmNotification> recent_;
  QSystemTrayIcon* tray_ = nullptr;  // created on the first notification, when a tray exists
};

}  // namespace dynadesk::ui
