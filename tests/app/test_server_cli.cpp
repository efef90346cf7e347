// dynadesk-server as a user runs it: options, help and version, opening the
// data folder and serving on a port, refusing a folder already in use,
// stopping cleanly on SIGTERM, and the credentials file of --verify-signatures.
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

class TestServerCli : public QObject {
  Q_OBJECT
 private slots:
  void versionAndHelp();
  void badOptions_data();
  void badOptions();
  void opensFolderAndStopsOnSigterm();
  void credentialsFileErrors();
  void verifyingAndCorsStartup();
};

namespace {
const QString kServer = QStringLiteral(DYNADESK_SERVER_PATH);

struct Run {
  int exitCode;
  QString out;
  QString err;
};

Run run(const QStringList& args) {
  QProcess p;
  p.start(kServer, args);
  p.waitForFinished(30000);
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}
}  // namespace

void TestServerCli::versionAndHelp() {
  Run v = run({"--version"});
  QCOMPARE(v.exitCode, 0);
  QCOMPARE(v.out.trimmed(), QStringLiteral("dynadesk-server ") + QStringLiteral(DYNADESK_VERSION));
  Run h = run({"--help"});
  QCOMPARE(h.exitCode, 0);
  QVERIFY(h.out.contains("--data-dir DIR"));
  QVERIFY(h.out.contains("default 8000"));
  QVERIFY(h.out.contains("--verify-signatures FILE"));
  QVERIFY(h.out.contains("--cors-origin ORIGIN"));
}

void TestServerCli::badOptions_data() {
  QTest::addColumn<QStringList>("args");
  QTest::addColumn<QString>("message");
  QTest::newRow("port too big") << QStringList{"--port", "99999"}
                                << "Option --port needs a port number from 0 to 65535 (0 picks a free one), not '99999'.";
  QTest::newRow("port text") << QStringList{"--port=http"} << "Option --port needs a port number from 0 to 65535 (0 picks a free one), not 'http'.";
  QTest::newRow("missing value") << QStringList{"--data-dir"} << "Option --data-dir needs a value.";
  QTest::newRow("unknown") << QStringList{"--frobnicate"} << "Unknown option '--frobnicate'. Try --help.";
  QTest::newRow("no credentials file") << QStringList{"--verify-signatures"}
                                       << "Option --verify-signatures needs a value.";
  QTest::newRow("empty credentials file") << QStringList{"--verify-signatures="}
                                          << "Option --verify-signatures needs a credentials file (such as ~/.aws/credentials).";
  QTest::newRow("bad origin") << QStringList{"--cors-origin", "localhost:3000"}
                              << "Option --cors-origin: 'localhost:3000' is not a web origin: give scheme://host[:port] "
                                 "as the browser's address bar shows it (e.g. http://localhost:3000), or * for any origin.";
}

void TestServerCli::badOptions() {
  QFETCH(QStringList, args);
  QFETCH(QString, message);
  Run r = run(args);
  QCOMPARE(r.exitCode, 2);
  QCOMPARE(r.err.trimmed(), "dynadesk-server: " + message);
}

void TestServerCli::opensFolderAndStopsOnSigterm() {
  QTemporaryDir dir;
  const QString data = dir.path() + "/nested/data";
  QProcess server;
  server.start(kServer, {"--data-dir", data, "--port", "0"});
  QVERIFY(server.waitForStarted());
  QByteArray out;
  QTRY_VERIFY_WITH_TIMEOUT((out += server.readAllStandardOutput()).contains("(data: " + data.toUtf8() + ")"), 20000);
  QVERIFY2(out.contains("listening on http://127.0.0.1:"), out.constData());
  QVERIFY(QFileInfo::exists(data + "/dynadesk.lock"));

  // A second server on the same folder is refused with a clear message.
  Run second = run({"--data-dir", data, "--port", "0"});
  QCOMPARE(second.exitCode, 1);
  QVERIFY2(second.err.contains("already in use"), qPrintable(second.err));

  ::kill(static_cast<pid_t>(server.processId()), SIGTERM);
  QVERIFY(server.waitForFinished(20000));
  QCOMPARE(server.exitStatus(), QProcess::NormalExit);
  QCOMPARE(server.exitCode(), 0);

  // The folder is free again.
  QProcess again;
  again.start(kServer, {"--data-dir", data, "--port", "0"});
  QByteArray againOut;
  QTRY_VERIFY_WITH_TIMEOUT((againOut += again.readAllStandardOutput()).contains("listening on"), 20000);
  ::kill(static_cast<pid_t>(again.processId()), SIGINT);
  QVERIFY(again.waitForFinished(20000));
  QCOMPARE(again.exitCode(), 0);
}

void TestServerCli::credentialsFileErrors() {
  QTemporaryDir dir;
  const QString data = dir.path() + "/data";
  Run missing = run({"--data-dir", data, "--port", "0", "--verify-signatures", dir.path() + "/nope"});
  QCOMPARE(missing.exitCode, 2);
  QCOMPARE(missing.err.trimmed(), "dynadesk-server: Cannot read the credentials file " + dir.path() +
                                      "/nope: No such file or directory.");
  QFile empty(dir.path() + "/credentials");
  QVERIFY(empty.open(QIODevice::WriteOnly));
  empty.write("[default]\nregion = us-east-1\n");
  empty.close();
  Run noKeys = run({"--data-dir", data, "--port", "0", "--verify-signatures", empty.fileName()});
  QCOMPARE(noKeys.exitCode, 2);
  QCOMPARE(noKeys.err.trimmed(), "dynadesk-server: The credentials file " + empty.fileName() +
                                     " holds no access keys: it needs aws_access_key_id and aws_secret_access_key "
                                     "under a [profile] heading.");
  QVERIFY(!QFileInfo::exists(data));  // refused before the data folder was touched
}

void TestServerCli::verifyingAndCorsStartup() {
  QTemporaryDir dir;
  QFile credentials(dir.path() + "/credentials");
  QVERIFY(credentials.open(QIODevice::WriteOnly));
  credentials.write("[default]\naws_access_key_id = AKID1\naws_secret_access_key = S1\n"
                    "[ci]\naws_access_key_id = AKID2\naws_secret_access_key = S2\n");
  credentials.close();
  QProcess server;
  server.start(kServer, {"--data-dir", dir.path() + "/data", "--port", "0", "--verify-signatures",
                         credentials.fileName(), "--cors-origin", "http://localhost:3000", "--cors-origin=*"});
  QVERIFY(server.waitForStarted());
  QByteArray out;
  QTRY_VERIFY_WITH_TIMEOUT((out += server.readAllStandardOutput()).contains("listening on"), 20000);
  QVERIFY2(out.contains("Checking request signatures against 2 access keys from " + credentials.fileName().toUtf8()),
           out.constData());
  QVERIFY2(out.contains("Allowing browser calls from http://localhost:3000\n"), out.constData());
  QVERIFY2(out.contains("Allowing browser calls from any origin\n"), out.constData());
  ::kill(static_cast<pid_t>(server.processId()), SIGTERM);
  QVERIFY(server.waitForFinished(20000));
  QCOMPARE(server.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestServerCli)
#include "test_server_cli.moc"
