// The options dynadesk-server and the workbench share reach the engine as
// meant: --no-sync opens the engine without fsync, and every commit is synced
// unless it is given; --no-throttling likewise.
#include <QtTest>

#include "command_line.h"
#include "server_options.h"

using namespace dynadesk::app;

class TestCommandLine : public QObject {
  Q_OBJECT
 private slots:
  void syncIsTheDefault() {
    ParseOutcome parsed = parseCommandLine({});
    QVERIFY(parsed.error.empty());
    QVERIFY(parsed.options.sync);
    QVERIFY(engineOptionsFrom(parsed.options).durable);
    QVERIFY(engineOptionsFrom(parsed.options).throttling);
  }

  void noSyncTurnsFsyncOff() {
    ParseOutcome parsed = parseCommandLine({"--no-sync", "--no-throttling"});
    QVERIFY(parsed.error.empty());
    QVERIFY(!parsed.options.sync);
    QVERIFY(!engineOptionsFrom(parsed.options).durable);
    QVERIFY(!engineOptionsFrom(parsed.options).throttling);
  }

  void helpExplainsWhatNoSyncRisks() {
    const QString help = QString::fromStdString(usageText("dynadesk-server"));
    QVERIFY(help.contains("--no-sync"));
    QVERIFY(help.contains("power cut"));
  }
};

QTEST_GUILESS_MAIN(TestCommandLine)
#include "test_command_line.moc"
