// Group commit through Env::write: concurrent writers share commits, and each
// caller gets its own outcome even when others in its batch fail or throw.
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "storage/lmdb_env.h"

using namespace dynadesk;
using namespace dynadesk::storage;

namespace {

std::unique_ptr<Env> mustOpen(const QTemporaryDir& dir) {
  EnvOptions options;
  options.path = dir.path().toStdString();  // durable: batching is what saves the fsyncs
  auto env = Env::open(options);
  if (!env) qFatal("open failed: %s", env.status().message().c_str());
  return std::move(env).value();
}

std::string keyOf(int thread, int i) { return "t" + std::to_string(thread) + "/" + std::to_string(i); }

// What writer (thread, i) does; a mix where most succeed.
enum class Behaviour { Ok, FailCleanly, FailAfterWriting, Throw };
Behaviour behaviourOf(int thread, int i) {
  int n = thread * 7919 + i;
  if (n % 11 == 0) return Behaviour::FailCleanly;
  if (n % 37 == 0) return Behaviour::Throw;
  if (n % 53 == 0) return Behaviour::FailAfterWriting;
  return Behaviour::Ok;
}

}  // namespace

class TestGroupCommit : public QObject {
  Q_OBJECT

 private slots:
  void concurrentWritersAllLandInFewerCommits();
  void failuresInABatchStayWithTheirCaller();
  void loneWriterRunsOnItsOwnThread();
  void burstsAndPausesHandTheQueueBackAndForth();
};

void TestGroupCommit::concurrentWritersAllLandInFewerCommits() {
  QTemporaryDir dir;
  auto env = mustOpen(dir);
  constexpr int kThreads = 32;
  constexpr int kPerThread = 100;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string key = keyOf(t, i);
        Status st = env->write([&](WriteTxn& txn) -> Status {
          // Read-modify-write of a shared counter: lost updates would show.
          DYNADESK_ASSIGN_OR_RETURN(auto counter, txn.get("counter"));
          int n = counter ? std::stoi(std::string(*counter)) : 0;
          DYNADESK_RETURN_IF_ERROR(txn.put("counter", std::to_string(n + 1)));
          return txn.put(key, std::to_string(i));
        });
        if (!st.isOk()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  QCOMPARE(failures.load(), 0);

  const Env::Stats stats = env->stats();
  QCOMPARE(stats.writes, std::uint64_t{kThreads * kPerThread});
  qInfo("%llu writes in %llu commits", static_cast<unsigned long long>(stats.writes),
        static_cast<unsigned long long>(stats.commits));
  QVERIFY(stats.commits * 4 < stats.writes);

  auto txn = env->read();
  QCOMPARE(txn->get("counter")->value_or(""), std::to_string(kThreads * kPerThread));
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) QCOMPARE(txn->get(keyOf(t, i))->value_or("-"), std::to_string(i));
  }
}

void TestGroupCommit::failuresInABatchStayWithTheirCaller() {
  QTemporaryDir dir;
  auto env = mustOpen(dir);
  constexpr int kThreads = 16;
  constexpr int kPerThread = 60;
  std::vector<std::vector<Status>> results(kThreads, std::vector<Status>(kPerThread));
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string key = keyOf(t, i);
        results[t][i] = env->write([&, t, i](WriteTxn& txn) -> Status {
          switch (behaviourOf(t, i)) {
            case Behaviour::FailCleanly:
              return Status::validation("rejected " + key);
            case Behaviour::Throw:
              DYNADESK_RETURN_IF_ERROR(txn.put(key, "partial"));
              throw std::runtime_error("boom " + key);
            case Behaviour::FailAfterWriting:  // breaks the WriteFn contract
              DYNADESK_RETURN_IF_ERROR(txn.put(key, "partial"));
              return Status::validation("late reject " + key);
            case Behaviour::Ok:
              break;
          }
          return txn.put(key, "ok");
        });
      }
    });
  }
  for (auto& th : threads) th.join();

  std::uint64_t oks = 0;
  auto txn = env->read();
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) {
      const std::string key = keyOf(t, i);
      const Status& st = results[t][i];
      auto stored = txn->get(key);
      QVERIFY(stored.isOk());
      switch (behaviourOf(t, i)) {
        case Behaviour::Ok:
          QVERIFY2(st.isOk(), st.message().c_str());
          QCOMPARE(stored->value_or("-"), std::string_view("ok"));
          ++oks;
          break;
        case Behaviour::FailCleanly:
          QCOMPARE(st, Status::validation("rejected " + key));
          QVERIFY(!stored->has_value());
          break;
        case Behaviour::FailAfterWriting:
          QCOMPARE(st, Status::validation("late reject " + key));
          QVERIFY(!stored->has_value());  // its partial write was rolled back
          break;
        case Behaviour::Throw:
          QCOMPARE(st.type(), ErrorType::InternalServerError);
          QVERIFY2(st.message().find("boom " + key) != std::string::npos, st.message().c_str());
          QVERIFY(!stored->has_value());
          break;
      }
    }
  }
  QCOMPARE(env->stats().writes, oks);
  QVERIFY(env->stats().commits < oks);
}


// Uncontended, a write runs on the caller's thread: no hand-over to the
// committer thread, so a lone writer pays no thread switch.
void TestGroupCommit::loneWriterRunsOnItsOwnThread() {
  QTemporaryDir dir;
  auto env = mustOpen(dir);
  for (int i = 0; i < 3; ++i) {
    std::thread::id ranOn;
    Status st = env->write([&](WriteTxn& txn) -> Status {
      ranOn = std::this_thread::get_id();
      return txn.put("k", std::to_string(i));
    });
    QVERIFY(st.isOk());
    QCOMPARE(ranOn, std::this_thread::get_id());
  }
  QCOMPARE(env->read()->get("k")->value_or("-"), std::string_view("2"));
}

// Writers that burst and pause make the queue pass between inline runs and the
// committer thread many times (it sleeps whenever the queue drains); no write
// may be lost, run twice or left waiting.
void TestGroupCommit::burstsAndPausesHandTheQueueBackAndForth() {
  QTemporaryDir dir;
  auto env = mustOpen(dir);
  constexpr int kThreads = 6;
  constexpr int kPerThread = 150;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Status st = env->write([&](WriteTxn& txn) -> Status {
          DYNADESK_ASSIGN_OR_RETURN(auto counter, txn.get("counter"));
          int n = counter ? std::stoi(std::string(*counter)) : 0;
          return txn.put("counter", std::to_string(n + 1));
        });
        if (!st.isOk()) ++failures;
        if ((i + t) % 10 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    });
  }
  for (auto& th : threads) th.join();
  QCOMPARE(failures.load(), 0);
  QCOMPARE(env->stats().writes, std::uint64_t{kThreads * kPerThread});
  QCOMPARE(env->read()->get("counter")->value_or(""), std::to_string(kThreads * kPerThread));
}

QTEST_GUILESS_MAIN(TestGroupCommit)
#include "test_group_commit.moc"
