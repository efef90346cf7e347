// Test support: runs a Python program with Debian's boto3 the way a user's
// script talks to Dynadesk — /usr/bin/python3 (not another Python first on
// PATH), dummy credentials, region us-east-1, and a HOME and AWS config of its
// own (an empty temporary folder), so nothing of the machine's ~/.aws leaks in.
// `args` become sys.argv[1:] (by convention the endpoint URL first).
//
// The caller's event loop keeps running while the script does (a QEventLoop
// waits for it), so live panels under test see its traffic as it happens.
//
// Thread-safety: call from the thread that owns the QCoreApplication.
#pragma once

#include <QString>
#include <QStringList>

namespace dynadesk::test {

struct ScriptResult {
  int exitCode = -1;  // -1: did not start, crashed or did not finish in time
  QString output;     // stdout
  QString errors;     // stderr, and why it failed to run
  bool ok() const { return exitCode == 0; }
  // For failure messages: what the script said.
  QString report() const { return "exit " + QString::number(exitCode) + "\n" + errors + output; }
};

ScriptResult runBoto3Script(const QString& code, const QStringList& args, int timeoutMs = 120000);

}  // namespace dynadesk::test
