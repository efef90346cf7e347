// Data survives closing and re-opening the engine; keys at DynamoDB's size
// limits work and keep DynamoDB's order; a second engine cannot open a folder
// that is in use; concurrent writers all land.
#include <QtTest>

#include <thread>

#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

class TestPersistence : public QObject {
  Q_OBJECT
 private slots:
  void survivesReopen();
  void longSortKeysSharingPrefixKeepOrder();
  void folderInUse();
  void concurrentWriters();
};

namespace {
void createTable(TempEngine& t, const char* sortType) {
  Json r = t.call("CreateTable", {{"TableName", "Things"},
                                  {"AttributeDefinitions", Json::array({{{"AttributeName", "pk"}, {"AttributeType", "S"}},
                                                                        {{"AttributeName", "sk"}, {"AttributeType", sortType}}})},
                                  {"KeySchema", Json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}},
                                                             {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}})},
                                  {"BillingMode", "PAY_PER_REQUEST"}});
  QCOMPARE(TempEngine::errorType(r), std::string());
}
}  // namespace

void TestPersistence::survivesReopen() {
  TempEngine t;
  createTable(t, "N");
  for (int i = 0; i < 100; ++i) {
    t.call("PutItem", {{"TableName", "Things"}, {"Item", {{"pk", S("p" + std::to_string(i % 7))}, {"sk", N(std::to_string(i))}, {"v", N("1.50")}}}});
  }
  Json before = t.call("Scan", {{"TableName", "Things"}});
  t.reopen();
  Json after = t.call("Scan", {{"TableName", "Things"}});
  QCOMPARE(after, before);
  QCOMPARE(after["Count"], 100);
  QCOMPARE(t.call("DescribeTable", {{"TableName", "Things"}})["Table"]["ItemCount"], 100);
  QCOMPARE(after["Items"][0]["v"], N("1.5"));
}

// Sort keys of 1,024 bytes sharing a 1,000-byte prefix, and a 2,048-byte
// partition key, come back from a Scan of the partition in sort-key order.
void TestPersistence::longSortKeysSharingPrefixKeepOrder() {
  TempEngine t;
  createTable(t, "S");
  const std::string pk(2048, 'P');
  const std::string prefix(1000, 'k');
  std::vector<std::string> keys;
  for (int i = 0; i < 60; ++i) {
    std::string tail = std::to_string((i * 37) % 60);
    std::string key = prefix + std::string(24 - std::min<std::size_t>(24, tail.size()), '0') + tail;
    if (i % 10 == 0) key = prefix.substr(0, 500 + i);  // shorter keys that are prefixes of the others
    keys.push_back(key);
    Json r = t.call("PutItem", {{"TableName", "Things"}, {"Item", {{"pk", S(pk)}, {"sk", S(key)}}}});
    QCOMPARE(TempEngine::errorType(r), std::string());
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  t.reopen();
  Json scan = t.call("Scan", {{"TableName", "Things"}});
  QCOMPARE(scan["Count"].get<std::size_t>(), keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) QCOMPARE(scan["Items"][i]["sk"]["S"].get<std::string>(), keys[i]);
}

void TestPersistence::folderInUse() {
  TempEngine t;
  EngineOptions options;
  options.dataDir = t.dir();
  auto second = Engine::open(options);
  QVERIFY(!second.isOk());
  QVERIFY(second.status().message().find("already in use") != std::string::npos);
}

void TestPersistence::concurrentWriters() {
  TempEngine t;
  createTable(t, "N");
  std::vector<std::thread> threads;
  for (int w = 0; w < 16; ++w) {
    threads.emplace_back([&t, w] {
      for (int i = 0; i < 50; ++i) {
        t.engine().call("PutItem", Json{{"TableName", "Things"},
                                        {"Item", {{"pk", S("w" + std::to_string(w))}, {"sk", N(std::to_string(i))}}}});
      }
    });
  }
  for (auto& th : threads) th.join();
  t.reopen();
  QCOMPARE(t.call("Scan", {{"TableName", "Things"}, {"Select", "COUNT"}})["Count"], 800);
  QCOMPARE(t.call("DescribeTable", {{"TableName", "Things"}})["Table"]["ItemCount"], 800);
}

QTEST_APPLESS_MAIN(TestPersistence)
#include "test_persistence.moc"
