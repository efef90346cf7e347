// PutItem, GetItem and DeleteItem: round trips of every type, ReturnValues,
// key validation, key and item size limits at the boundary and one past it.
#include <QtTest>

#include "dynadesk/limits.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

Q_DECLARE_METATYPE(std::string)

namespace {
void createProducts(TempEngine& t, const char* rangeType = "N") {
  Json r = t.call("CreateTable", {{"TableName", "Products"},
                                  {"AttributeDefinitions", Json::array({{{"AttributeName", "ProductID"}, {"AttributeType", "S"}},
                                                                        {{"AttributeName", "Year"}, {"AttributeType", rangeType}}})},
                                  {"KeySchema", Json::array({{{"AttributeName", "ProductID"}, {"KeyType", "HASH"}},
                                                             {{"AttributeName", "Year"}, {"KeyType", "RANGE"}}})},
                                  {"BillingMode", "PAY_PER_REQUEST"}});
  QCOMPARE(TempEngine::errorType(r), std::string());
}
}  // namespace

class TestItemApi : public QObject {
  Q_OBJECT
 private slots:
  void putGetEveryType();
  void overwriteAndReturnValues();
  void deleteItem();
  void keyErrors_data();
  void keyErrors();
  void keySizeLimits();
  void itemSizeLimit();
  void itemCountAndSize();
  void badRequests_data();
  void badRequests();
};

void TestItemApi::putGetEveryType() {
  TempEngine t;
  createProducts(t);
  Json item = Json::parse(R"({
    "ProductID": {"S": "P001"}, "Year": {"N": "2021"},
    "ProductName": {"S": "Air Fryer"}, "Rating": {"N": "4.50"}, "Blob": {"B": "AAEC"},
    "InStock": {"BOOL": true}, "Discontinued": {"NULL": true},
    "Tags": {"SS": ["kitchen", "appliance"]}, "Sizes": {"NS": ["1", "2.5"]}, "Codes": {"BS": ["AQ=="]},
    "Dims": {"M": {"w": {"N": "10"}, "h": {"L": [{"N": "1"}, {"S": "x"}]}}}, "Empty": {"S": ""}
  })");
  Json put = t.call("PutItem", {{"TableName", "Products"}, {"Item", item}});
  QCOMPARE(put, Json::object());
  Json got = t.call("GetItem", {{"TableName", "Products"}, {"Key", {{"ProductID", S("P001")}, {"Year", N("2021")}}}});
  Json expected = item;
  expected["Rating"] = N("4.5");  // DynamoDB normalises numbers
  expected["Tags"] = Json{{"SS", {"appliance", "kitchen"}}};
  QCOMPARE(got["Item"], expected);
  // The same key spelled differently finds the same item.
  Json again = t.call("GetItem", {{"TableName", "Products"}, {"Key", {{"ProductID", S("P001")}, {"Year", N("2021.000")}}}, {"ConsistentRead", true}});
  QCOMPARE(again["Item"]["ProductName"], S("Air Fryer"));
  Json missing = t.call("GetItem", {{"TableName", "Products"}, {"Key", {{"ProductID", S("P999")}, {"Year", N("1")}}}});
  QCOMPARE(missing, Json::object());
}

void TestItemApi::overwriteAndReturnValues() {
  TempEngine t;
  createProducts(t);
  Json key = {{"ProductID", S("P1")}, {"Year", N("1")}};
  Json v1 = key;
  v1["v"] = N("1");
  Json v2 = key;
  v2["v"] = N("2");
  Json r = t.call("PutItem", {{"TableName", "Products"}, {"Item", v1}, {"ReturnValues", "ALL_OLD"}});
  QCOMPARE(r, Json::object());
  r = t.call("PutItem", {{"TableName", "Products"}, {"Item", v2}, {"ReturnValues", "ALL_OLD"}});
  QCOMPARE(r["Attributes"], v1);
  r = t.call("PutItem", {{"TableName", "Products"}, {"Item", v2}, {"ReturnValues", "ALL_NEW"}});
  QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
  QCOMPARE(r["message"], "Return values set to invalid value");
  r = t.call("PutItem", {{"TableName", "Products"}, {"Item", v2}, {"ReturnValues", "SOME"}});
  QCOMPARE(r["message"], "1 validation error detected: Value 'SOME' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]");
}

void TestItemApi::deleteItem() {
  TempEngine t;
  createProducts(t);
  Json item = {{"ProductID", S("P4")}, {"Year", N("2024")}, {"x", S("y")}};
  t.call("PutItem", {{"TableName", "Products"}, {"Item", item}});
  Json key = {{"ProductID", S("P4")}, {"Year", N("2024")}};
  Json r = t.call("DeleteItem", {{"TableName", "Products"}, {"Key", key}, {"ReturnValues", "ALL_OLD"}});
  QCOMPARE(r["Attributes"], item);
  QCOMPARE(t.call("GetItem", {{"TableName", "Products"}, {"Key", key}}), Json::object());
  // Deleting what is not there succeeds and returns nothing.
  r = t.call("DeleteItem", {{"TableName", "Products"}, {"Key", key}, {"ReturnValues", "ALL_OLD"}});
  QCOMPARE(r, Json::object());
}

void TestItemApi::keyErrors_data() {
  QTest::addColumn<std::string>("operation");
  QTest::addColumn<std::string>("request");
  QTest::addColumn<std::string>("message");
  const std::string schema = "The provided key element does not match the schema";
  QTest::newRow("put missing sort key") << std::string("PutItem") << std::string(R"({"Item":{"ProductID":{"S":"a"}}})")
                                        << std::string("One or more parameter values were invalid: Missing the key Year in the item");
  QTest::newRow("put wrong key type") << std::string("PutItem") << std::string(R"({"Item":{"ProductID":{"N":"1"},"Year":{"N":"1"}}})")
                                      << std::string("One or more parameter values were invalid: Type mismatch for key ProductID expected: S actual: N");
  QTest::newRow("put empty key") << std::string("PutItem") << std::string(R"({"Item":{"ProductID":{"S":""},"Year":{"N":"1"}}})")
                                 << std::string("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ProductID");
  QTest::newRow("get missing key part") << std::string("GetItem") << std::string(R"({"Key":{"ProductID":{"S":"a"}}})") << schema;
  QTest::newRow("get extra attribute") << std::string("GetItem") << std::string(R"({"Key":{"ProductID":{"S":"a"},"Year":{"N":"1"},"x":{"S":"y"}}})") << schema;
  QTest::newRow("get wrong type") << std::string("GetItem") << std::string(R"({"Key":{"ProductID":{"S":"a"},"Year":{"S":"1"}}})") << schema;
  QTest::newRow("get empty key") << std::string("GetItem") << std::string(R"({"Key":{"ProductID":{"S":""},"Year":{"N":"1"}}})")
                                 << std::string("One or more parameter values were invalid: The AttributeValue for a key attribute cannot contain an empty string value. Key: ProductID");
  QTest::newRow("delete wrong name") << std::string("DeleteItem") << std::string(R"({"Key":{"Product":{"S":"a"},"Year":{"N":"1"}}})") << schema;
  QTest::newRow("get no key") << std::string("GetItem") << std::string(R"({})")
                              << std::string("1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null");
  QTest::newRow("put no item") << std::string("PutItem") << std::string(R"({})")
                               << std::string("1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null");
}

void TestItemApi::keyErrors() {
  QFETCH(std::string, operation);
  QFETCH(std::string, request);
  QFETCH(std::string, message);
  TempEngine t;
  createProducts(t);
  Json req = Json::parse(request);
  req["TableName"] = "Products";
  Json r = t.call(operation, req);
  QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
  QCOMPARE(r["message"].get<std::string>(), message);
  QCOMPARE(t.call("Scan", {{"TableName", "Products"}})["Count"], 0);
}

void TestItemApi::keySizeLimits() {
  TempEngine t;
  createProducts(t, "S");
  const std::string pk(limits::kMaxPartitionKeyBytes, 'p'), sk(limits::kMaxSortKeyBytes, 's');
  Json ok = t.call("PutItem", {{"TableName", "Products"}, {"Item", {{"ProductID", S(pk)}, {"Year", S(sk)}}}});
  QCOMPARE(TempEngine::errorType(ok), std::string());
  Json got = t.call("GetItem", {{"TableName", "Products"}, {"Key", {{"ProductID", S(pk)}, {"Year", S(sk)}}}});
  QCOMPARE(got["Item"]["Year"], S(sk));
  Json r = t.call("PutItem", {{"TableName", "Products"}, {"Item", {{"ProductID", S(pk + "p")}, {"Year", S(sk)}}}});
  QCOMPARE(r["message"], "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
  r = t.call("PutItem", {{"TableName", "Products"}, {"Item", {{"ProductID", S(pk)}, {"Year", S(sk + "s")}}}});
  QCOMPARE(r["message"], "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
  // Multi-byte characters count in UTF-8 bytes.
  r = t.call("PutItem", {{"TableName", "Products"}, {"Item", {{"ProductID", S(std::string(1024, 'p') + std::string(1025, 'e') )}, {"Year", S("x")}}}});
  QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
}

void TestItemApi::itemSizeLimit() {
  TempEngine t;
  createProducts(t);
  // ProductID(9)+"P"(1) + Year(4)+N"1"(2) + data(4)+payload = 400 KB exactly.
  const std::size_t fixed = 9 + 1 + 4 + 2 + 4;
  Json item = {{"ProductID", S("P")}, {"Year", N("1")}, {"data", S(std::string(limits::kMaxItemBytes - fixed, 'x'))}};
  QCOMPARE(TempEngine::errorType(t.call("PutItem", {{"TableName", "Products"}, {"Item", item}})), std::string());
  item["data"] = S(std::string(limits::kMaxItemBytes - fixed + 1, 'x'));
  item["Year"] = N("2");
  Json r = t.call("PutItem", {{"TableName", "Products"}, {"Item", item}});
  QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
  QCOMPARE(r["message"], "Item size has exceeded the maximum allowed size");
  QCOMPARE(t.call("Scan", {{"TableName", "Products"}, {"Select", "COUNT"}})["Count"], 1);
}

void TestItemApi::itemCountAndSize() {
  TempEngine t;
  createProducts(t);
  Json a = {{"ProductID", S("A")}, {"Year", N("1")}};          // 9+1 + 4+2 = 16 bytes
  Json b = {{"ProductID", S("B")}, {"Year", N("1")}, {"x", S("abc")}};  // 16 + 4 = 20 bytes
  t.call("PutItem", {{"TableName", "Products"}, {"Item", a}});
  t.call("PutItem", {{"TableName", "Products"}, {"Item", b}});
  Json d = t.call("DescribeTable", {{"TableName", "Products"}})["Table"];
  QCOMPARE(d["ItemCount"], 2);
  QCOMPARE(d["TableSizeBytes"], 36);
  t.call("PutItem", {{"TableName", "Products"}, {"Item", a}});  // overwrite: no change
  t.call("DeleteItem", {{"TableName", "Products"}, {"Key", {{"ProductID", S("B")}, {"Year", N("1")}}}});
  d = t.call("DescribeTable", {{"TableName", "Products"}})["Table"];
  QCOMPARE(d["ItemCount"], 1);
  QCOMPARE(d["TableSizeBytes"], 16);
}

void TestItemApi::badRequests_data() {
  QTest::addColumn<std::string>("request");
  QTest::addColumn<std::string>("type");
  QTest::addColumn<std::string>("message");
  QTest::newRow("item is array") << std::string(R"({"TableName":"Products","Item":[]})") << std::string("SerializationException")
                                 << std::string("Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>");
  QTest::newRow("value not object") << std::string(R"({"TableName":"Products","Item":{"a":"x"}})") << std::string("SerializationException")
                                    << std::string("Unexpected value type in payload");
  QTest::newRow("bad number") << std::string(R"({"TableName":"Products","Item":{"ProductID":{"S":"a"},"Year":{"N":"1x"}}})")
                              << std::string("ValidationException") << std::string("The parameter cannot be converted to a numeric value: 1x");
  QTest::newRow("39 digits") << std::string(R"({"TableName":"Products","Item":{"ProductID":{"S":"a"},"Year":{"N":"123456789012345678901234567890123456789"}}})")
                             << std::string("ValidationException") << std::string("Attempting to store more than 38 significant digits in a Number");
}

void TestItemApi::badRequests() {
  QFETCH(std::string, request);
  QFETCH(std::string, type);
  QFETCH(std::string, message);
  TempEngine t;
  createProducts(t);
  Json r = t.call("PutItem", Json::parse(request));
  QCOMPARE(TempEngine::errorType(r), type);
  QCOMPARE(r["message"].get<std::string>(), message);
}

QTEST_APPLESS_MAIN(TestItemApi)
#include "test_item_api.moc"
