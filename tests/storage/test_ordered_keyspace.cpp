// The ordered keyspace against a std::map model: keys of every length (stressing
// the chunk trie at and around its boundaries) must read, iterate and seek exactly
// as the model does, and erasing must leave no trie entries behind.
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "storage/keyspace_layout.h"
#include "storage/lmdb_env.h"

using namespace dynadesk;
using namespace dynadesk::storage;

namespace {

constexpr std::size_t K = layout::kChunkSize;
using Model = std::map<std::string, std::string>;

std::string randomBytes(std::mt19937_64& rng, std::size_t n, int alphabet = 256) {
  std::string s(n, '\0');
  for (char& c : s) {
    // A small alphabet makes shared prefixes and ties likely; 0x00 and 0xFF are
    // always in it because they sit at the edges of the byte order.
    int r = static_cast<int>(rng() % alphabet);
    c = static_cast<char>(alphabet == 256 ? r : (r == 0 ? 0x00 : r == 1 ? 0xFF : 'a' + r));
  }
  return s;
}

// Keys drawn to stress the trie: boundary lengths, long shared prefixes, keys that
// are prefixes of one another, 0xFF right at a chunk boundary, and random lengths.
std::vector<std::string> makeUniverse(std::mt19937_64& rng) {
  std::vector<std::string> keys;
  const std::string base = randomBytes(rng, 3000, 4);
  const std::string shared1000 = randomBytes(rng, 1000, 256);
  const std::size_t lengths[] = {1,     2,         K - 1, K,    K + 1, K + 2, 2 * K - 1, 2 * K, 2 * K + 1,
                                 3 * K, 3 * K + 1, 1000,  1001, 2047,  2048,  2049,      3000};
  for (std::size_t len : lengths) {
    std::string k = base.substr(0, len);
    keys.push_back(k);
    std::string up = k;
    up.back() = static_cast<char>(static_cast<unsigned char>(up.back()) + 1);
    keys.push_back(up);
    std::string down = k;
    down.back() = static_cast<char>(static_cast<unsigned char>(down.back()) - 1);
    keys.push_back(down);
    keys.push_back(k + '\x00');
    keys.push_back(k + '\xFF');
  }
  // A K-byte chunk followed by 0xFF (the inner-entry marker) and by 0x00.
  for (char marker : {'\xFF', '\x00', '\xFE'}) {
    keys.push_back(base.substr(0, K) + marker);
    keys.push_back(base.substr(0, K) + marker + randomBytes(rng, 5, 4));
    keys.push_back(base.substr(0, 2 * K) + marker + randomBytes(rng, K, 4));
  }
  for (int i = 0; i < 600; ++i) keys.push_back(shared1000 + randomBytes(rng, rng() % 2000, 4));
  for (int i = 0; i < 600; ++i) keys.push_back(base.substr(0, rng() % 3000 + 1) + randomBytes(rng, rng() % 40, 4));
  for (int i = 0; i < 600; ++i) keys.push_back(randomBytes(rng, rng() % 24 + 1, 4));
  for (int i = 0; i < 600; ++i) keys.push_back(randomBytes(rng, rng() % 3000 + 1, 256));
  for (int i = 0; i < 8; ++i) keys.push_back(randomBytes(rng, kMaxKeySize - i, 4));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::string valueFor(std::mt19937_64& rng, const std::string& key) {
  switch (rng() % 8) {
    case 0: return {};
    case 1: return randomBytes(rng, 5000 + rng() % 20000, 256);
    default: return std::to_string(key.size()) + ":" + randomBytes(rng, rng() % 64, 256);
  }
}

std::string show(const std::string& key) {
  return std::to_string(key.size()) + " bytes, starting " +
         QByteArray::fromStdString(key.substr(0, 12)).toHex().toStdString();
}

std::unique_ptr<Env> openEnv(const QTemporaryDir& dir) {
  EnvOptions options;
  options.path = dir.path().toStdString();
  options.durable = false;  // the model tests care about order, not fsync
  auto env = Env::open(options);
  if (!env) qFatal("open failed: %s", env.status().message().c_str());
  return std::move(env).value();
}

// Probe keys around the stored ones: truncations, extensions, neighbours.
std::vector<std::string> makeProbes(std::mt19937_64& rng, const std::vector<std::string>& universe) {
  std::vector<std::string> probes = {std::string(1, '\x00'), std::string(1, '\xFF'),
                                     std::string(kMaxKeySize + 10, '\xFF')};
  for (int i = 0; i < 500; ++i) {
    std::string k = universe[rng() % universe.size()];
    switch (rng() % 6) {
      case 0: k = k.substr(0, rng() % k.size() + 1); break;
      case 1: k += randomBytes(rng, rng() % 600 + 1, 4); break;
      case 2: k.back() = static_cast<char>(static_cast<unsigned char>(k.back()) + 1); break;
      case 3: k.back() = static_cast<char>(static_cast<unsigned char>(k.back()) - 1); break;
      case 4: k = k.substr(0, std::min(k.size(), K * (rng() % 4 + 1))); break;
      default: break;  // exact
    }
    probes.push_back(k);
  }
  return probes;
}

void checkAgainstModel(Env& env, const Model& model, const std::vector<std::string>& universe,
                       const std::vector<std::string>& probes) {
  auto txn = env.read();
  QVERIFY(txn.isOk());

  for (const std::string& key : universe) {
    auto got = txn->get(key);
    QVERIFY2(got.isOk(), got.status().message().c_str());
    auto it = model.find(key);
    QVERIFY2(got->has_value() == (it != model.end()), show(key).c_str());
    if (it != model.end()) QVERIFY2(**got == it->second, show(key).c_str());
  }

  Cursor c = txn->cursor();
  QVERIFY(c.first().isOk());
  for (const auto& [key, value] : model) {
    QVERIFY2(c.valid(), show(key).c_str());
    QVERIFY2(c.key() == key, show(key).c_str());
    QVERIFY(c.value() == value);
    QVERIFY(c.next().isOk());
  }
  QVERIFY(!c.valid());

  QVERIFY(c.last().isOk());
  for (auto it = model.rbegin(); it != model.rend(); ++it) {
    QVERIFY2(c.valid(), show(it->first).c_str());
    QVERIFY2(c.key() == it->first, show(it->first).c_str());
    QVERIFY(c.prev().isOk());
  }
  QVERIFY(!c.valid());

  for (const std::string& probe : probes) {
    auto lower = model.lower_bound(probe);
    QVERIFY(c.seek(probe).isOk());
    QVERIFY2(c.valid() == (lower != model.end()), show(probe).c_str());
    if (lower != model.end()) {
      QVERIFY2(c.key() == lower->first, show(probe).c_str());
      // One step on from a seek must agree too (climbing out of child namespaces).
      QVERIFY(c.next().isOk());
      auto after = std::next(lower);
      QVERIFY2(c.valid() == (after != model.end()), show(probe).c_str());
      if (after != model.end()) QVERIFY2(c.key() == after->first, show(probe).c_str());
    }

    auto upper = model.upper_bound(probe);
    QVERIFY(c.seekForPrev(probe).isOk());
    QVERIFY2(c.valid() == (upper != model.begin()), show(probe).c_str());
    if (upper != model.begin()) {
      auto atOrBefore = std::prev(upper);
      QVERIFY2(c.key() == atOrBefore->first, show(probe).c_str());
      QVERIFY(c.prev().isOk());
      QVERIFY2(c.valid() == (atOrBefore != model.begin()), show(probe).c_str());
      if (atOrBefore != model.begin()) QVERIFY2(c.key() == std::prev(atOrBefore)->first, show(probe).c_str());
    }
  }
}

struct Op {
  enum Kind { Put, Erase } kind;
  std::string key;
  std::string value;
};

// Applies ops through Env::write in chunks, mirroring them (and erase's answer)
// into the model.
void apply(Env& env, Model& model, const std::vector<Op>& ops) {
  const std::size_t perWrite = 400;
  for (std::size_t from = 0; from < ops.size(); from += perWrite) {
    std::size_t to = std::min(ops.size(), from + perWrite);
    Model expected = model;
    Status st = env.write([&](WriteTxn& txn) -> Status {
      expected = model;  // fns may be re-run
      for (std::size_t i = from; i < to; ++i) {
        const Op& op = ops[i];
        if (op.kind == Op::Put) {
          DYNADESK_RETURN_IF_ERROR(txn.put(op.key, op.value));
          expected[op.key] = op.value;
        } else {
          DYNADESK_ASSIGN_OR_RETURN(bool existed, txn.erase(op.key));
          if (existed != (expected.erase(op.key) == 1)) return Status::internal("erase disagreed with the model");
        }
      }
      return Status::ok();
    });
    QVERIFY2(st.isOk(), st.message().c_str());
    model = std::move(expected);
  }
}

}  // namespace

class TestOrderedKeyspace : public QObject {
  Q_OBJECT

 private slots:
  void matchesModelThroughPutsOverwritesAndErases();
  void erasePrefix_data();
  void erasePrefix();
  void seekAtChunkBoundaries_data();
  void seekAtChunkBoundaries();
  void writeTxnSeesItsOwnWritesAndCursorSurvivesErase();
  void rejectsEmptyAndOverlongKeys();
  void cursorAndTxnAfterEndFailCleanly();
};

void TestOrderedKeyspace::matchesModelThroughPutsOverwritesAndErases() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  auto env = openEnv(dir);
  std::mt19937_64 rng(20240607);
  const std::vector<std::string> universe = makeUniverse(rng);
  const std::vector<std::string> probes = makeProbes(rng, universe);
  QVERIFY(universe.size() > 2400);
  Model model;

  std::vector<Op> ops;
  for (const std::string& k : universe) {
    if (rng() % 10 < 7) ops.push_back({Op::Put, k, valueFor(rng, k)});
  }
  std::shuffle(ops.begin(), ops.end(), rng);
  apply(*env, model, ops);
  checkAgainstModel(*env, model, universe, probes);

  ops.clear();  // overwrites, inserts and erases (some of absent keys), mixed
  for (int i = 0; i < 3000; ++i) {
    const std::string& k = universe[rng() % universe.size()];
    if (rng() % 3 == 0) {
      ops.push_back({Op::Erase, k, {}});
    } else {
      ops.push_back({Op::Put, k, valueFor(rng, k)});
    }
  }
  apply(*env, model, ops);
  checkAgainstModel(*env, model, universe, probes);

  ops.clear();  // erase everything in random order: no trie entry may remain
  for (const auto& entry : model) ops.push_back({Op::Erase, entry.first, {}});
  std::shuffle(ops.begin(), ops.end(), rng);
  apply(*env, model, ops);
  QVERIFY(model.empty());
  checkAgainstModel(*env, model, universe, probes);
  auto txn = env->read();
  QVERIFY(txn.isOk());
  auto count = txn->physicalEntryCount();
  QVERIFY(count.isOk());
  QCOMPARE(*count, std::uint64_t{0});
}

void TestOrderedKeyspace::erasePrefix_data() {
  QTest::addColumn<int>("prefixLength");
  QTest::newRow("empty prefix: everything") << 0;
  QTest::newRow("1 byte") << 1;
  QTest::newRow("short") << 3;
  QTest::newRow("one below a chunk") << int(K - 1);
  QTest::newRow("exactly a chunk") << int(K);
  QTest::newRow("one past a chunk") << int(K + 1);
  QTest::newRow("two chunks") << int(2 * K);
  QTest::newRow("1000 bytes") << 1000;
  QTest::newRow("1500 bytes") << 1500;
}

void TestOrderedKeyspace::erasePrefix() {
  QFETCH(int, prefixLength);
  QTemporaryDir dir;
  auto env = openEnv(dir);
  std::mt19937_64 rng(7 + prefixLength);
  const std::string base = randomBytes(rng, 2500, 4);
  std::vector<std::string> keys;
  for (int i = 0; i < 400; ++i) keys.push_back(base.substr(0, rng() % 2500 + 1) + randomBytes(rng, rng() % 600, 4));
  for (int i = 0; i < 100; ++i) keys.push_back(randomBytes(rng, rng() % 1500 + 1, 4));
  Model model;
  std::vector<Op> ops;
  for (const auto& k : keys) ops.push_back({Op::Put, k, "v"});
  apply(*env, model, ops);

  const std::string prefix = base.substr(0, prefixLength);
  std::uint64_t expectedRemoved = 0;
  for (auto it = model.begin(); it != model.end();) {
    if (it->first.starts_with(prefix)) {
      it = model.erase(it);
      ++expectedRemoved;
    } else {
      ++it;
    }
  }
  QVERIFY(expectedRemoved > 0);
  std::uint64_t removed = 0;
  Status st = env->write([&](WriteTxn& txn) -> Status {
    DYNADESK_ASSIGN_OR_RETURN(removed, txn.erasePrefix(prefix));
    return Status::ok();
  });
  QVERIFY2(st.isOk(), st.message().c_str());
  QCOMPARE(removed, expectedRemoved);
  checkAgainstModel(*env, model, keys, makeProbes(rng, keys));

  // Erasing the rest leaves the LMDB data DBI empty (no orphaned namespaces).
  st = env->write([&](WriteTxn& txn) -> Status { return txn.erasePrefix("").status(); });
  QVERIFY(st.isOk());
  auto txn = env->read();
  QCOMPARE(*txn->physicalEntryCount(), std::uint64_t{0});
}

void TestOrderedKeyspace::seekAtChunkBoundaries_data() {
  QTest::addColumn<std::string>("probe");
  const std::string a(3 * K, 'a');
  QTest::newRow("K-1 a's") << a.substr(0, K - 1);
  QTest::newRow("K a's") << a.substr(0, K);
  QTest::newRow("K a's + 0x00") << a.substr(0, K) + '\x00';
  QTest::newRow("K a's + 0xFF") << a.substr(0, K) + '\xFF';
  QTest::newRow("K a's + 0xFF 0xFF") << a.substr(0, K) + "\xFF\xFF";
  QTest::newRow("K+1 a's") << a.substr(0, K + 1);
  QTest::newRow("2K a's") << a.substr(0, 2 * K);
  QTest::newRow("2K a's + b") << a.substr(0, 2 * K) + 'b';
  QTest::newRow("K-1 a's + b") << a.substr(0, K - 1) + 'b';
  QTest::newRow("b") << std::string("b");
  QTest::newRow("3K a's") << a;
  QTest::newRow("longer than any key") << std::string(kMaxKeySize + 1, 'a');
}

void TestOrderedKeyspace::seekAtChunkBoundaries() {
  QFETCH(std::string, probe);
  QTemporaryDir dir;
  auto env = openEnv(dir);
  const std::string a(3 * K, 'a');
  const std::vector<std::string> stored = {
      a.substr(0, K - 1),      a.substr(0, K),           a.substr(0, K) + '\xFF', a.substr(0, K) + '\x00',
      a.substr(0, K + 1),      a.substr(0, 2 * K),       a.substr(0, 2 * K + 1),  a.substr(0, K) + "b",
      a.substr(0, 2 * K) + 'c', a.substr(0, K - 1) + 'b', "\xFF"};
  Model model;
  std::vector<Op> ops;
  for (const auto& k : stored) ops.push_back({Op::Put, k, std::to_string(k.size())});
  apply(*env, model, ops);
  checkAgainstModel(*env, model, stored, {probe});
}

void TestOrderedKeyspace::writeTxnSeesItsOwnWritesAndCursorSurvivesErase() {
  QTemporaryDir dir;
  auto env = openEnv(dir);
  std::mt19937_64 rng(99);
  const std::string shared = randomBytes(rng, 1200, 4);
  std::vector<std::string> keys;
  for (int i = 0; i < 300; ++i) keys.push_back(shared + randomBytes(rng, rng() % 900, 4));
  for (int i = 0; i < 100; ++i) keys.push_back(randomBytes(rng, rng() % 20 + 1, 4));
  Model model;
  for (const auto& k : keys) model[k] = "x";

  Status st = env->write([&](WriteTxn& txn) -> Status {
    for (const auto& k : keys) DYNADESK_RETURN_IF_ERROR(txn.put(k, "x"));
    // Walk everything, erasing every other key as we pass it.
    Cursor c = txn.cursor();
    DYNADESK_RETURN_IF_ERROR(c.first());
    bool drop = true;
    for (const auto& [key, value] : model) {
      if (!c.valid() || c.key() != key) return Status::internal("cursor lost its place at " + show(key));
      if (drop) {
        DYNADESK_ASSIGN_OR_RETURN(bool existed, txn.erase(key));
        if (!existed) return Status::internal("own write not visible");
      }
      drop = !drop;
      DYNADESK_RETURN_IF_ERROR(c.next());
    }
    if (c.valid()) return Status::internal("cursor ran past the end");
    return Status::ok();
  });
  QVERIFY2(st.isOk(), st.message().c_str());
  bool drop = true;
  for (auto it = model.begin(); it != model.end();) {
    it = drop ? model.erase(it) : std::next(it);
    drop = !drop;
  }
  checkAgainstModel(*env, model, keys, makeProbes(rng, keys));
}

void TestOrderedKeyspace::rejectsEmptyAndOverlongKeys() {
  QTemporaryDir dir;
  auto env = openEnv(dir);
  Status empty, tooLong, longest;
  Status st = env->write([&](WriteTxn& txn) -> Status {
    empty = txn.put("", "v");
    tooLong = txn.put(std::string(kMaxKeySize + 1, 'k'), "v");
    longest = txn.put(std::string(kMaxKeySize, 'k'), "v");
    return Status::ok();
  });
  QVERIFY(st.isOk());
  QCOMPARE(empty.type(), ErrorType::InternalServerError);
  QVERIFY(empty.message().find("empty key") != std::string::npos);
  QCOMPARE(tooLong.type(), ErrorType::InternalServerError);
  QVERIFY(tooLong.message().find("key too long") != std::string::npos);
  QVERIFY(longest.isOk());
  auto txn = env->read();
  QVERIFY(txn->get(std::string(kMaxKeySize, 'k'))->has_value());
  QCOMPARE(txn->get("").status().type(), ErrorType::InternalServerError);
}

void TestOrderedKeyspace::cursorAndTxnAfterEndFailCleanly() {
  QTemporaryDir dir;
  auto env = openEnv(dir);
  QVERIFY(env->write([](WriteTxn& txn) { return txn.put("k", "v"); }).isOk());
  std::optional<Cursor> cursor;
  {
    auto txn = env->read();
    cursor.emplace(txn->cursor());
    QVERIFY(cursor->first().isOk());
    QCOMPARE(cursor->key(), std::string_view("k"));
    ReadTxn moved = std::move(txn).value();
    QVERIFY(moved.get("k")->has_value());
  }  // txn ends with the cursor still alive
  QVERIFY(!cursor->valid());
  QCOMPARE(cursor->first().type(), ErrorType::InternalServerError);
  QCOMPARE(cursor->next().type(), ErrorType::InternalServerError);
  cursor.reset();
  // The thread holds no read transaction any more, so it may write again.
  QVERIFY(env->write([](WriteTxn& txn) { return txn.put("k2", "v"); }).isOk());
}

QTEST_GUILESS_MAIN(TestOrderedKeyspace)
#include "test_ordered_keyspace.moc"
