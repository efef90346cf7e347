#include "widgets/alarm_notifier.h"

#include <QGuiApplication>
#include <QIcon>
#include <QSystemTrayIcon>

// Resources of a static library are registered by hand (Q_INIT_RESOURCE must
// be called outside any namespace); registering twice is harmless.
static void registerAlarmIconResources() { Q_INIT_RESOURCE(dynadesk); }

namespace dynadesk::ui {

AlarmNotifier::AlarmNotifier(QObject* parent) : QObject(parent) {}

AlarmNotifier::~AlarmNotifier() = default;

void AlarmNotifier::setActionsEnabled(const QString& alarm, bool enabled) { actionsEnabled_[alarm] = enabled; }

void AlarmNotifier::setDesktopNotification(const QString& alarm, bool on) { desktop_[alarm] = on; }

void AlarmNotifier::forget(const QString& alarm) {
  actionsEnabled_.remove(alarm);
  desktop_.remove(alarm);
}

bool AlarmNotifier::trayAvailable() const { return QSystemTrayIcon::isSystemTrayAvailable(); }

bool AlarmNotifier::shouldNotify(const AlarmEvent& e) const {
  if (e.newState != "ALARM") return false;
  const QString name = QString::fromStdString(e.alarmName);
  if (!desktopNotification(name)) return false;
  // The event's flag means "actions were run", which is false for an alarm
  // with actions enabled but no ARNs; the snapshot knows the real setting.
  const auto known = actionsEnabled_.constFind(name);
  return known != actionsEnabled_.constEnd() ? *known : e.actionsEnabled;
}

void AlarmNotifier::handleEvents(const std::vector<AlarmEvent>& events) {
  for (const auto& e : events) {
    if (!shouldNotify(e)) continue;
    const QString name = QString::fromStdString(e.alarmName);
    const QString from = QString::fromStdString(e.oldState);
    QString text = tr("%1 went from %2 to ALARM.").arg(name, from);
    if (!e.reason.empty()) text += QLatin1Char(' ') + QString::fromStdString(e.reason);
    recent_.push_back({name, text, e.atMillis});
    while (recent_.size() > kMaxRecent) recent_.pop_front();
    showInTray(tr("Alarm: %1").arg(name), text);
    emit notified(name, text);
  }
}

void AlarmNotifier::showInTray(const QString& title, const QString& text) {
  if (!QSystemTrayIcon::isSystemTrayAvailable()) return;
  if (!tray_) {
    registerAlarmIconResources();
    QIcon icon(QStringLiteral(":/icons/app"));
    if (icon.isNull()) icon = QGuiApplication::windowIcon();
    tray_ = new QSystemTrayIcon(icon, this);
    tray_->setToolTip(tr("Dynadesk alarms"));
  }
  // Some trays show messages only from a visible icon.
  if (!tray_->isVisible()) tray_->show();
  tray_->showMessage(title, text, QSystemTrayIcon::Warning, 10000);
}

}  // namespace dynadesk::ui
