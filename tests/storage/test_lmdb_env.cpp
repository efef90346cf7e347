// Env: opening a folder (lock, format version, plain-language failures), data
// surviving close/reopen, map growth from a tiny map, and the threading rules.
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "storage/keyspace_layout.h"
#include "storage/lmdb_env.h"

using namespace dynadesk;
using namespace dynadesk::storage;

namespace {

EnvOptions optionsFor(const QTemporaryDir& dir) {
  EnvOptions options;
  options.path = dir.path().toStdString();
  return options;
}

std::unique_ptr<Env> mustOpen(const EnvOptions& options) {
  auto env = Env::open(options);
  if (!env) qFatal("open failed: %s", env.status().message().c_str());
  return std::move(env).value();
}

std::string bigValue(int i, std::size_t size) {
  std::string v(size, static_cast<char>('a' + i % 26));
  v.replace(0, std::to_string(i).size(), std::to_string(i));
  return v;
}

}  // namespace

class TestLmdbEnv : public QObject {
  Q_OBJECT

 private slots:
  void persistsAcrossCloseAndReopen();
  void createsMissingFolder();
  void secondEnvOnSameFolderIsRefused();
  void refusesNewerFormatVersion();
  void upgradesAnOlderFormatInPlace();
  void refusesAFileAsFolder();
  void mapGrowsFromOneMiB();
  void readersKeepWorkingWhileTheMapGrows();
  void refusesWriteWhileThreadHoldsARead();
};

void TestLmdbEnv::persistsAcrossCloseAndReopen() {
  QTemporaryDir dir;
  const std::string longKey = std::string(2500, 'p') + "tail";
  {
    auto env = mustOpen(optionsFor(dir));
    QCOMPARE(env->formatVersion(), layout::kFormatVersion);
    QCOMPARE(env->path(), dir.path().toStdString());
    Status st = env->write([&](WriteTxn& txn) -> Status {
      DYNADESK_RETURN_IF_ERROR(txn.put("short", "1"));
      return txn.put(longKey, "2");
    });
    QVERIFY2(st.isOk(), st.message().c_str());
  }
  QVERIFY(QFile::exists(dir.filePath("dynadesk.lock")));
  QVERIFY(QFile::exists(dir.filePath("data.mdb")));
  auto env = mustOpen(optionsFor(dir));
  QCOMPARE(env->formatVersion(), layout::kFormatVersion);
  auto txn = env->read();
  QVERIFY(txn.isOk());
  QCOMPARE(txn->get("short")->value_or("?"), std::string_view("1"));
  QCOMPARE(txn->get(longKey)->value_or("?"), std::string_view("2"));
  // A new long key after reopen must not reuse the namespace of the old one.
  txn = env->read();  // (a fresh snapshot is fine; the old one ends first)
}

void TestLmdbEnv::createsMissingFolder() {
  QTemporaryDir dir;
  EnvOptions options;
  options.path = dir.filePath("a/b/c").toStdString();
  auto env = mustOpen(options);
  QVERIFY(QFileInfo(dir.filePath("a/b/c")).isDir());
}

void TestLmdbEnv::secondEnvOnSameFolderIsRefused() {
  QTemporaryDir dir;
  auto first = mustOpen(optionsFor(dir));
  auto second = Env::open(optionsFor(dir));
  QVERIFY(!second.isOk());
  QCOMPARE(second.status().type(), ErrorType::InternalServerError);
  QCOMPARE(second.status().message(), "The data folder " + dir.path().toStdString() +
                                          " is already in use by another Dynadesk process");
  first.reset();
  QVERIFY(Env::open(optionsFor(dir)).isOk());
}

void TestLmdbEnv::refusesNewerFormatVersion() {
  QTemporaryDir dir;
  mustOpen(optionsFor(dir)).reset();
  QVERIFY(Env::overwriteFormatVersionForTesting(dir.path().toStdString(), layout::kFormatVersion + 1).isOk());
  auto env = Env::open(optionsFor(dir));
  QVERIFY(!env.isOk());
  QCOMPARE(env.status().type(), ErrorType::InternalServerError);
  QVERIFY2(env.status().message().find("newer version of Dynadesk") != std::string::npos,
           env.status().message().c_str());
}

// Format 1 (before secondary indexes) is a subset of format 2: opened, it is
// upgraded in place, keeping its data.
void TestLmdbEnv::upgradesAnOlderFormatInPlace() {
  QTemporaryDir dir;
  {
    auto env = mustOpen(optionsFor(dir));
    QVERIFY(env->write([](WriteTxn& txn) { return txn.put("kept", "yes"); }).isOk());
  }
  QVERIFY(Env::overwriteFormatVersionForTesting(dir.path().toStdString(), 1).isOk());
  auto env = mustOpen(optionsFor(dir));
  QCOMPARE(env->formatVersion(), layout::kFormatVersion);
  QCOMPARE(env->read()->get("kept")->value_or("-"), std::string_view("yes"));
  env.reset();
  QCOMPARE(mustOpen(optionsFor(dir))->formatVersion(), layout::kFormatVersion);  // stored, not just reported
}

void TestLmdbEnv::refusesAFileAsFolder() {
  QTemporaryDir dir;
  const std::string file = dir.filePath("plain-file").toStdString();
  std::ofstream(file) << "not a folder";
  EnvOptions options;
  options.path = file;
  auto env = Env::open(options);
  QVERIFY(!env.isOk());
  QCOMPARE(env.status().message(), "Cannot open the data folder " + file + ": it is not a folder");
}

void TestLmdbEnv::mapGrowsFromOneMiB() {
  QTemporaryDir dir;
  EnvOptions options = optionsFor(dir);
  options.initialMapSize = 1u << 20;
  options.durable = false;  // growth is what is tested here, not fsync
  auto env = mustOpen(options);
  QCOMPARE(env->mapSize(), std::size_t{1} << 20);

  // One write far larger than the map: it must grow several times in one batch.
  Status st = env->write([](WriteTxn& txn) -> Status {
    for (int i = 0; i < 40; ++i) DYNADESK_RETURN_IF_ERROR(txn.put("one/" + std::to_string(i), bigValue(i, 200000)));
    return Status::ok();
  });
  QVERIFY2(st.isOk(), st.message().c_str());

  // Many writers at once, ~24 MiB in all, with long keys too.
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 60; ++i) {
        const int n = t * 1000 + i;
        const std::string key = (i % 2 ? std::string(700, 'L') : std::string()) + "many/" + std::to_string(n);
        if (!env->write([&](WriteTxn& txn) { return txn.put(key, bigValue(n, 100000)); }).isOk()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  QCOMPARE(failures.load(), 0);

  QVERIFY(env->mapSize() > std::size_t{30} << 20);
  QVERIFY(env->stats().mapGrowths >= 5);
  auto txn = env->read();
  for (int i = 0; i < 40; ++i) QCOMPARE(txn->get("one/" + std::to_string(i))->value_or(""), bigValue(i, 200000));
  for (int t = 0; t < 4; ++t) {
    for (int i = 0; i < 60; ++i) {
      const int n = t * 1000 + i;
      const std::string key = (i % 2 ? std::string(700, 'L') : std::string()) + "many/" + std::to_string(n);
      QCOMPARE(txn->get(key)->value_or(""), bigValue(n, 100000));
    }
  }
}

void TestLmdbEnv::readersKeepWorkingWhileTheMapGrows() {
  QTemporaryDir dir;
  EnvOptions options = optionsFor(dir);
  options.initialMapSize = 1u << 20;
  options.mapGrowthStep = 1u << 20;  // many small growth steps
  options.durable = false;
  auto env = mustOpen(options);
  QVERIFY(env->write([](WriteTxn& txn) { return txn.put("anchor", "here"); }).isOk());

  std::atomic<bool> writing{true};
  std::atomic<int> readerErrors{0};
  std::atomic<long> reads{0};
  std::atomic<int> readersStarted{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      bool counted = false;
      while (writing.load()) {
        {
          auto txn = env->read();
          if (!txn || txn->get("anchor")->value_or("") != "here") ++readerErrors;
        }
        ++reads;
        if (!counted) {
          counted = true;
          ++readersStarted;
        }
      }
    });
  }
  // Start growing only once every reader is reading, so growth really happens
  // under concurrent readers (on a busy 2-core machine threads start late).
  while (readersStarted.load() < 3) std::this_thread::yield();
  for (int i = 0; i < 60; ++i) {
    QVERIFY(env->write([&](WriteTxn& txn) { return txn.put("v" + std::to_string(i), bigValue(i, 150000)); }).isOk());
  }
  writing = false;
  for (auto& th : readers) th.join();
  QCOMPARE(readerErrors.load(), 0);
  QVERIFY(env->stats().mapGrowths >= 5);
  QVERIFY(reads.load() > 0);
}

void TestLmdbEnv::refusesWriteWhileThreadHoldsARead() {
  QTemporaryDir dir;
  auto env = mustOpen(optionsFor(dir));
  {
    auto txn = env->read();
    QVERIFY(txn.isOk());
    Status st = env->write([](WriteTxn& w) { return w.put("k", "v"); });
    QCOMPARE(st.type(), ErrorType::InternalServerError);
    QVERIFY(st.message().find("holds a read transaction") != std::string::npos);
    QCOMPARE(env->read().status().type(), ErrorType::InternalServerError);
  }
  Status inner;
  QVERIFY(env->write([&](WriteTxn& w) {
                inner = env->write([](WriteTxn&) { return Status::ok(); });
                return w.put("k", "v");
              }).isOk());
  QCOMPARE(inner.type(), ErrorType::InternalServerError);
  auto txn = env->read();
  QVERIFY(txn->get("k")->has_value());
}

QTEST_GUILESS_MAIN(TestLmdbEnv)
#include "test_lmdb_env.moc"
