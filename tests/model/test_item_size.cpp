// Item sizes as DynamoDB computes them, and the 400 KB limit at exactly the
// boundary and one byte over it.
#include <QtTest>

#include "dynadesk/attribute_json.h"
#include "dynadesk/item_size.h"
#include "dynadesk/limits.h"

using namespace dynadesk;
using Json = nlohmann::json;

class TestItemSize : public QObject {
  Q_OBJECT
 private slots:
  void sizes_data();
  void sizes();
  void limitBoundary();
};

void TestItemSize::sizes_data() {
  QTest::addColumn<QString>("item");
  QTest::addColumn<int>("size");
  QTest::newRow("string") << R"({"name":{"S":"abc"}})" << 4 + 3;
  QTest::newRow("utf8 string") << R"({"n":{"S":"é"}})" << 1 + 2;
  QTest::newRow("empty string") << R"({"n":{"S":""}})" << 1;
  QTest::newRow("number 1") << R"({"n":{"N":"1"}})" << 1 + 2;
  QTest::newRow("number 123") << R"({"n":{"N":"123"}})" << 1 + 3;
  QTest::newRow("number -1") << R"({"n":{"N":"-1"}})" << 1 + 3;
  QTest::newRow("number 0") << R"({"n":{"N":"0"}})" << 1 + 1;
  QTest::newRow("binary") << R"({"b":{"B":"AAEC"}})" << 1 + 3;
  QTest::newRow("bool and null") << R"({"a":{"BOOL":true},"b":{"NULL":true}})" << 2 + 2;
  QTest::newRow("string set") << R"({"s":{"SS":["ab","c"]}})" << 1 + 3;
  QTest::newRow("number set") << R"({"s":{"NS":["1","123"]}})" << 1 + 2 + 3;
  QTest::newRow("empty list") << R"({"l":{"L":[]}})" << 1 + 3;
  QTest::newRow("list") << R"({"l":{"L":[{"S":"ab"},{"N":"1"}]}})" << 1 + 3 + (1 + 2) + (1 + 2);
  QTest::newRow("empty map") << R"({"m":{"M":{}}})" << 1 + 3;
  QTest::newRow("map") << R"({"m":{"M":{"xy":{"S":"abc"}}}})" << 1 + 3 + (1 + 2 + 3);
}

void TestItemSize::sizes() {
  QFETCH(QString, item);
  QFETCH(int, size);
  auto parsed = itemFromJson(Json::parse(item.toStdString()));
  QVERIFY2(parsed.isOk(), parsed.status().message().c_str());
  QCOMPARE(static_cast<int>(itemSize(*parsed)), size);
}

void TestItemSize::limitBoundary() {
  // "id" (2) + "S" value (1) + "payload" (7) + string of n bytes.
  const std::size_t overhead = 2 + 1 + 7;
  Item item;
  item.emplace("id", AttributeValue::string("x"));
  item.emplace("payload", AttributeValue::string(std::string(limits::kMaxItemBytes - overhead, 'a')));
  QCOMPARE(itemSize(item), limits::kMaxItemBytes);
  item["payload"] = AttributeValue::string(std::string(limits::kMaxItemBytes - overhead + 1, 'a'));
  QCOMPARE(itemSize(item), limits::kMaxItemBytes + 1);
}

QTEST_APPLESS_MAIN(TestItemSize)
#include "test_item_size.moc"
