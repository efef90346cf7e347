// WorkbenchSettings against a real settings file: the theme choice survives a
// restart, says when it changed, and a stored word it does not know (a
// hand-edited or newer file) falls back to the system's look.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "settings/workbench_settings.h"

using namespace dynadesk::ui;

class TestWorkbenchSettings : public QObject {
  Q_OBJECT
 private slots:
  void themeDefaultsToSystemAndRoundTrips() {
    QTemporaryDir dir;
    const QString path = dir.filePath("settings.ini");
    {
      WorkbenchSettings s(path);
      QVERIFY(s.theme() == ThemeChoice::System);
      QSignalSpy changed(&s, &WorkbenchSettings::changed);
      s.setTheme(ThemeChoice::Dark);
      QCOMPARE(changed.count(), 1);
      QCOMPARE(changed.at(0).at(0).toString(), QString("view/theme"));
      s.setTheme(ThemeChoice::Dark);  // the same again: nothing changed
      QCOMPARE(changed.count(), 1);
      QVERIFY(s.theme() == ThemeChoice::Dark);
    }
    {
      WorkbenchSettings s(path);  // a later run reads the file
      QVERIFY(s.theme() == ThemeChoice::Dark);
      s.setTheme(ThemeChoice::Light);
    }
    QCOMPARE(QSettings(path, QSettings::IniFormat).value("view/theme").toString(), QString("light"));
    WorkbenchSettings s(path);
    QVERIFY(s.theme() == ThemeChoice::Light);
    s.setTheme(ThemeChoice::System);
    QVERIFY(s.theme() == ThemeChoice::System);
  }

  void unknownStoredThemeFallsBackToSystem() {
    QTemporaryDir dir;
    const QString path = dir.filePath("settings.ini");
    for (const QVariant& stored : {QVariant("purple"), QVariant("Dark"), QVariant(""), QVariant(3)}) {
      {
        QSettings raw(path, QSettings::IniFormat);
        raw.setValue("view/theme", stored);
      }
      WorkbenchSettings s(path);
      QVERIFY2(s.theme() == ThemeChoice::System, qPrintable(stored.toString()));
    }
  }

  void themeWordsAreStable() {
    for (ThemeChoice c : {ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark}) {
      QVERIFY(themeChoiceFromKey(themeChoiceKey(c)) == c);
    }
    QCOMPARE(themeChoiceKey(ThemeChoice::System), QString("system"));
    QCOMPARE(themeChoiceKey(ThemeChoice::Light), QString("light"));
    QCOMPARE(themeChoiceKey(ThemeChoice::Dark), QString("dark"));
    QVERIFY(!themeChoiceFromKey("night").has_value());
  }
};

QTEST_GUILESS_MAIN(TestWorkbenchSettings)
#include "test_workbench_settings.moc"
