// WorkbenchSettings: everything the workbench remembers between runs, with
// its key, default and type in one place (STYLE.md 7). Backed by QSettings
// (organisation "Dynadesk", application "Dynadesk"; tests pass their own
// QSettings file).
//
// Thread-safety: GUI thread only.
#pragma once

#include <memory>
#include <optional>

#include <QByteArray>
#include <QObject>
#include <QSettings>
#include <QString>

namespace dynadesk::ui {

// The look the user chose: the system's (Qt's platform theme, as the app
// started), or Dynadesk's own light or dark palette.
enum class ThemeChoice { System, Light, Dark };

// The word stored in the settings file ("system", "light", "dark").
QString themeChoiceKey(ThemeChoice choice);
// The choice a stored word names; nullopt for anything else.
std::optional<ThemeChoice> themeChoiceFromKey(const QString& key);

class WorkbenchSettings : public QObject {
  Q_OBJECT
 public:
  // Uses the application's default QSettings when `path` is empty.
  explicit WorkbenchSettings(const QString& path = QString(), QObject* parent = nullptr);

  QByteArray windowGeometry() const;
  void setWindowGeometry(const QByteArray& v);
  QByteArray windowState() const;
  void setWindowState(const QByteArray& v);
  QByteArray splitterState() const;
  void setSplitterState(const QByteArray& v);
  // The table open when the app was last closed ("" when none).
  QString lastTable() const;
  void setLastTable(const QString& v);
  // The connection it belonged to ("local" for the embedded engine).
  QString lastConnection() const;
  void setLastConnection(const QString& v);
  // View → Theme; "system" by default, and when the stored word is not one
  // of "system", "light" or "dark" (a hand-edited or newer file).
  ThemeChoice theme() const;
  void setTheme(ThemeChoice v);
  // The query builder's saved operations and history (OperationLibrary): a
  // JSON file next to the settings file, so both move and reset together.
  QString operationsFile() const;

 signals:
  void changed(const QString& key);

 private:
  QVariant value(const char* key, const QVariant& fallback) const;
  void setValue(const char* key, const QVariant& v);

  std::unique_ptr<QSettings> settings_;
};

}  // namespace dynadesk::ui
