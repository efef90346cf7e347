#include "settings/workbench_settings.h"

#include <QFileInfo>

namespace dynadesk::ui {

namespace key {
constexpr const char* kWindowGeometry = "window/geometry";
constexpr const char* kWindowState = "window/state";
constexpr const char* kSplitterState = "window/splitter";
constexpr const char* kLastTable = "session/lastTable";
constexpr const char* kLastConnection = "session/lastConnection";
constexpr const char* kTheme = "view/theme";
}  // namespace key

QString themeChoiceKey(ThemeChoice choice) {
  switch (choice) {
    case ThemeChoice::Light: return QStringLiteral("light");
    case ThemeChoice::Dark: return QStringLiteral("dark");
    case ThemeChoice::System: break;
  }
  return QStringLiteral("system");
}

std::optional<ThemeChoice> themeChoiceFromKey(const QString& key) {
  for (ThemeChoice c : {ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark}) {
    if (key == themeChoiceKey(c)) return c;
  }
  return std::nullopt;
}

WorkbenchSettings::WorkbenchSettings(const QString& path, QObject* parent)
    : QObject(parent),
      settings_(path.isEmpty() ? std::make_unique<QSettings>("Dynadesk", "Dynadesk")
                               : std::make_unique<QSettings>(path, QSettings::IniFormat)) {}

QString WorkbenchSettings::operationsFile() const {
  return QFileInfo(settings_->fileName()).absolutePath() + QStringLiteral("/operations.json");
}

QVariant WorkbenchSettings::value(const char* k, const QVariant& fallback) const { return settings_->value(k, fallback); }

void WorkbenchSettings::setValue(const char* k, const QVariant& v) {
  if (settings_->value(k) == v) return;
  settings_->setValue(k, v);
  emit changed(QString::fromLatin1(k));
}

QByteArray WorkbenchSettings::windowGeometry() const { return value(key::kWindowGeometry, {}).toByteArray(); }
void WorkbenchSettings::setWindowGeometry(const QByteArray& v) { setValue(key::kWindowGeometry, v); }
QByteArray WorkbenchSettings::windowState() const { return value(key::kWindowState, {}).toByteArray(); }
void WorkbenchSettings::setWindowState(const QByteArray& v) { setValue(key::kWindowState, v); }
QByteArray WorkbenchSettings::splitterState() const { return value(key::kSplitterState, {}).toByteArray(); }
void WorkbenchSettings::setSplitterState(const QByteArray& v) { setValue(key::kSplitterState, v); }
QString WorkbenchSettings::lastTable() const { return value(key::kLastTable, QString()).toString(); }
void WorkbenchSettings::setLastTable(const QString& v) { setValue(key::kLastTable, v); }
QString WorkbenchSettings::lastConnection() const { return value(key::kLastConnection, QStringLiteral("local")).toString(); }
void WorkbenchSettings::setLastConnection(const QString& v) { setValue(key::kLastConnection, v); }
ThemeChoice WorkbenchSettings::theme() const {
  return themeChoiceFromKey(value(key::kTheme, themeChoiceKey(ThemeChoice::System)).toString())
      .value_or(ThemeChoice::System);
}
void WorkbenchSettings::setTheme(ThemeChoice v) { setValue(key::kTheme, themeChoiceKey(v)); }

}  // namespace dynadesk::ui
