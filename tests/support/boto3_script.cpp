#include "boto3_script.h"

#include <QEventLoop>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTimer>

namespace dynadesk::test {

ScriptResult runBoto3Script(const QString& code, const QStringList& args, int timeoutMs) {
  ScriptResult result;
  QTemporaryDir home;
  QProcess script;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("AWS_ACCESS_KEY_ID", "anything");
  env.insert("AWS_SECRET_ACCESS_KEY", "anything");
  env.insert("AWS_DEFAULT_REGION", "us-east-1");
  env.insert("HOME", home.path());
  env.insert("AWS_CONFIG_FILE", home.filePath("config"));
  env.insert("AWS_SHARED_CREDENTIALS_FILE", home.filePath("credentials"));
  script.setProcessEnvironment(env);

  QEventLoop loop;
  QTimer deadline;
  deadline.setSingleShot(true);
  QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
  QObject::connect(&script, &QProcess::finished, &loop, &QEventLoop::quit);
  QObject::connect(&script, &QProcess::errorOccurred, &loop, [&loop](QProcess::ProcessError e) {
    if (e == QProcess::FailedToStart) loop.quit();
  });
  script.start("/usr/bin/python3", QStringList{"-c", code} + args);
  deadline.start(timeoutMs);
  if (script.state() != QProcess::NotRunning) loop.exec();

  if (script.state() != QProcess::NotRunning) {
    script.kill();
    script.waitForFinished(5000);
    result.errors = "(the script did not finish in time)\n";
  } else if (script.error() == QProcess::FailedToStart) {
    result.errors = "(/usr/bin/python3 did not start)\n";
  } else if (script.exitStatus() == QProcess::NormalExit) {
    result.exitCode = script.exitCode();
  }
  result.output = QString::fromUtf8(script.readAllStandardOutput());
  result.errors += QString::fromUtf8(script.readAllStandardError());
  return result;
}

}  // namespace dynadesk::test
