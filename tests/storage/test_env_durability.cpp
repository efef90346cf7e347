// Durability: a write acknowledged by Env::write survives kill -9 of the process.
//
// A forked child writes items one by one and, after each write() returns Ok, sends
// the item's number down a pipe. The parent reads a few hundred acknowledgements,
// kills the child with SIGKILL mid-stream, reopens the folder and checks that every
// acknowledged item is there.
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "storage/lmdb_env.h"

using namespace dynadesk;
using namespace dynadesk::storage;

namespace {

// Every third key is longer than one trie chunk, so the trie is covered too.
std::string keyOf(std::uint32_t i) {
  std::string k = "item/" + std::to_string(i);
  return i % 3 == 0 ? std::string(600, 'x') + k : k;
}
std::string valueOf(std::uint32_t i) { return "value-" + std::to_string(i) + std::string(i % 200, 'v'); }

[[noreturn]] void runChild(const std::string& path, int ackFd) {
  EnvOptions options;
  options.path = path;
  options.initialMapSize = 1u << 20;  // growth happens under the kill too
  auto env = Env::open(options);
  if (!env) _exit(2);
  for (std::uint32_t i = 0;; ++i) {
    Status st = (*env)->write([i](WriteTxn& txn) { return txn.put(keyOf(i), valueOf(i)); });
    if (!st.isOk()) _exit(3);
    if (::write(ackFd, &i, sizeof i) != sizeof i) _exit(4);
  }
}

bool readAck(int fd, std::uint32_t* out) {
  char* p = reinterpret_cast<char*>(out);
  std::size_t got = 0;
  while (got < sizeof *out) {
    ssize_t n = ::read(fd, p + got, sizeof *out - got);
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

class TestEnvDurability : public QObject {
  Q_OBJECT

 private slots:
  void acknowledgedWritesSurviveKill9();
};

void TestEnvDurability::acknowledgedWritesSurviveKill9() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const std::string path = dir.path().toStdString();
  int fds[2];
  QVERIFY(::pipe(fds) == 0);
  pid_t child = ::fork();
  QVERIFY(child >= 0);
  if (child == 0) {
    ::close(fds[0]);
    runChild(path, fds[1]);
  }
  ::close(fds[1]);

  std::uint32_t ack = 0;
  std::int64_t lastAck = -1;
  for (int n = 0; n < 300; ++n) {
    QVERIFY2(readAck(fds[0], &ack), "the child stopped before 300 acknowledgements");
    QCOMPARE(std::int64_t{ack}, lastAck + 1);
    lastAck = ack;
  }
  QVERIFY(::kill(child, SIGKILL) == 0);
  int status = 0;
  QVERIFY(::waitpid(child, &status, 0) == child);
  QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  while (readAck(fds[0], &ack)) lastAck = ack;  // acks already in the pipe count too
  ::close(fds[0]);

  EnvOptions options;
  options.path = path;
  auto env = Env::open(options);
  QVERIFY2(env.isOk(), env.status().message().c_str());
  auto txn = (*env)->read();
  QVERIFY(txn.isOk());
  for (std::uint32_t i = 0; i <= lastAck; ++i) {
    auto got = txn->get(keyOf(i));
    QVERIFY(got.isOk());
    QVERIFY2(got->has_value(), ("acknowledged item " + std::to_string(i) + " is missing").c_str());
    QCOMPARE(std::string(**got), valueOf(i));
  }
  qInfo("%lld acknowledged writes all present after kill -9", static_cast<long long>(lastAck + 1));
}

QTEST_GUILESS_MAIN(TestEnvDurability)
#include "test_env_durability.moc"
