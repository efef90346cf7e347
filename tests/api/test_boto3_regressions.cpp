// Engine answers the boto3 conformance suite (tests/conformance/python) found
// differing from DynamoDB's, pinned here at the engine's front door.
#include <QtTest>

#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

namespace {
void createProducts(TempEngine& t) {
  Json r = t.call("CreateTable", Json::parse(R"({
    "TableName": "Products",
    "AttributeDefinitions": [{"AttributeName": "ProductID", "AttributeType": "S"},
                             {"AttributeName": "Year", "AttributeType": "N"}],
    "KeySchema": [{"AttributeName": "ProductID", "KeyType": "HASH"},
                  {"AttributeName": "Year", "KeyType": "RANGE"}],
    "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}})"));
  QCOMPARE(TempEngine::errorType(r), std::string());
}

Json put(const Json& item) { return {{"PutRequest", {{"Item", item}}}}; }
}  // namespace

class TestBoto3Regressions : public QObject {
  Q_OBJECT
 private slots:
  void batchWritePutWithWrongKeyIsAKeyMismatch();
  void updateTableStreamAlreadyInThatState();
};

// Seed 002 passes typed values ({"S": "P005"}) to the boto3 resource's
// batch_write_item, which sends them as maps. DynamoDB refuses a batch put whose
// key attribute has the wrong type, or is missing, with its generic key message
// rather than PutItem's "Type mismatch for key ..." / "Missing the key ...".
void TestBoto3Regressions::batchWritePutWithWrongKeyIsAKeyMismatch() {
  TempEngine t;
  createProducts(t);
  const Json mapKey = {{"M", {{"S", S("P005")}}}};
  const std::string mismatch = "The provided key element does not match the schema";

  Json r = t.call("BatchWriteItem", {{"RequestItems", {{"Products", Json::array({
      put({{"ProductID", mapKey}, {"Year", N("1974")}})})}}}});
  QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
  QCOMPARE(r["message"], mismatch);
  r = t.call("BatchWriteItem", {{"RequestItems", {{"Products", Json::array({
      put({{"ProductID", S("P005")}, {"Year", S("1974")}})})}}}});
  QCOMPARE(r["message"], mismatch);
  r = t.call("BatchWriteItem", {{"RequestItems", {{"Products", Json::array({
      put({{"ProductID", S("P005")}, {"Name", S("Rubik Cube")}})})}}}});
  QCOMPARE(r["message"], mismatch);
  // Nothing of a refused batch is written, even its good requests.
  r = t.call("BatchWriteItem", {{"RequestItems", {{"Products", Json::array({
      put({{"ProductID", S("P006")}, {"Year", N("1945")}}),
      put({{"ProductID", mapKey}, {"Year", N("1974")}})})}}}});
  QCOMPARE(r["message"], mismatch);
  QCOMPARE(t.call("Scan", {{"TableName", "Products"}})["Count"], 0);

  // PutItem keeps its own words, and an empty key string keeps its message in a batch.
  r = t.call("PutItem", {{"TableName", "Products"}, {"Item", {{"ProductID", mapKey}, {"Year", N("1974")}}}});
  QCOMPARE(r["message"], "One or more parameter values were invalid: Type mismatch for key ProductID expected: S actual: M");
  r = t.call("BatchWriteItem", {{"RequestItems", {{"Products", Json::array({
      put({{"ProductID", S("")}, {"Year", N("1974")}})})}}}});
  QCOMPARE(r["message"], "One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                         "contain an empty string value. Key: ProductID");
}

// Seed 002 enables a stream with UpdateTable; asking again for the state the
// table is already in is DynamoDB's ValidationException, without the "One or
// more parameter values were invalid: " prefix.
void TestBoto3Regressions::updateTableStreamAlreadyInThatState() {
  TempEngine t;
  createProducts(t);
  Json r = t.call("UpdateTable", {{"TableName", "Products"}, {"StreamSpecification", {{"StreamEnabled", false}}}});
  QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
  QCOMPARE(r["message"], "Table has no stream to disable: TableName: Products");

  const Json enable = {{"StreamEnabled", true}, {"StreamViewType", "NEW_AND_OLD_IMAGES"}};
  r = t.call("UpdateTable", {{"TableName", "Products"}, {"StreamSpecification", enable}});
  QCOMPARE(TempEngine::errorType(r), std::string());
  r = t.call("UpdateTable", {{"TableName", "Products"}, {"StreamSpecification", enable}});
  QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
  QCOMPARE(r["message"], "Table already has an enabled stream: TableName: Products");
  // A different view type is the same refusal: a stream's view type never changes in place.
  r = t.call("UpdateTable", {{"TableName", "Products"},
                             {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "KEYS_ONLY"}}}});
  QCOMPARE(r["message"], "Table already has an enabled stream: TableName: Products");

  r = t.call("UpdateTable", {{"TableName", "Products"}, {"StreamSpecification", {{"StreamEnabled", false}}}});
  QCOMPARE(TempEngine::errorType(r), std::string());
  r = t.call("UpdateTable", {{"TableName", "Products"}, {"StreamSpecification", {{"StreamEnabled", false}}}});
  QCOMPARE(r["message"], "Table has no stream to disable: TableName: Products");
}

QTEST_APPLESS_MAIN(TestBoto3Regressions)
#include "test_boto3_regressions.moc"
