// CreateTable, DescribeTable, ListTables, UpdateTable and DeleteTable through
// the engine's front door, including DynamoDB's errors for each.
#include <QtTest>

#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

Q_DECLARE_METATYPE(std::string)

namespace {
Json musicTable() {
  return Json::parse(R"({
    "TableName": "MusicCollection",
    "AttributeDefinitions": [{"AttributeName": "Artist", "AttributeType": "S"},
                             {"AttributeName": "SongTitle", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
                  {"AttributeName": "SongTitle", "KeyType": "RANGE"}],
    "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
  })");
}
}  // namespace

class TestTableApi : public QObject {
  Q_OBJECT
 private slots:
  void createAndDescribe();
  void createErrors_data();
  void createErrors();
  void createDuplicateIsResourceInUse();
  void payPerRequest();
  void listTablesPaginates();
  void listTablesErrors();
  void updateThroughputAndBilling();
  void updateErrors();
  void deleteRemovesData();
  void deletionProtection();
  void missingTable_data();
  void missingTable();
  void unknownOperation();
};

void TestTableApi::createAndDescribe() {
  TempEngine t;
  Json created = t.call("CreateTable", musicTable());
  QCOMPARE(TempEngine::errorType(created), std::string());
  const Json& d = created["TableDescription"];
  QCOMPARE(d["TableStatus"], "CREATING");
  QCOMPARE(d["TableName"], "MusicCollection");
  QCOMPARE(d["TableArn"], "arn:aws:dynamodb:us-east-1:000000000000:table/MusicCollection");
  QCOMPARE(d["ItemCount"], 0);
  QCOMPARE(d["TableSizeBytes"], 0);
  QCOMPARE(d["CreationDateTime"].get<double>(), 1767225600.0);
  QCOMPARE(d["ProvisionedThroughput"]["ReadCapacityUnits"], 5);
  QCOMPARE(d["ProvisionedThroughput"]["NumberOfDecreasesToday"], 0);
  QCOMPARE(d["KeySchema"][1]["KeyType"], "RANGE");
  QCOMPARE(d["TableId"].get<std::string>().size(), std::size_t(36));
  QCOMPARE(d["DeletionProtectionEnabled"], false);

  Json described = t.call("DescribeTable", {{"TableName", "MusicCollection"}});
  QCOMPARE(described["Table"]["TableStatus"], "ACTIVE");
  QCOMPARE(described["Table"]["TableId"], d["TableId"]);
  QCOMPARE(described["Table"]["AttributeDefinitions"], d["AttributeDefinitions"]);
}

void TestTableApi::createErrors_data() {
  QTest::addColumn<std::string>("patch");  // JSON merged into the valid request ("null" deletes)
  QTest::addColumn<std::string>("type");
  QTest::addColumn<std::string>("message");
  const std::string V = "ValidationException";
  QTest::newRow("short name") << std::string(R"({"TableName":"ab"})") << V
                              << std::string("TableName must be at least 3 characters long and at most 255 characters long");
  QTest::newRow("long name") << R"({"TableName":")" + std::string(256, 'a') + R"("})" << V
                             << std::string("TableName must be at least 3 characters long and at most 255 characters long");
  QTest::newRow("bad chars") << std::string(R"({"TableName":"abc;"})") << V
                             << std::string("1 validation error detected: Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  QTest::newRow("no name") << std::string(R"({"TableName":null})") << V
                           << std::string("The parameter 'TableName' is required but was not present in the request");
  QTest::newRow("no key schema") << std::string(R"({"KeySchema":null})") << V
                                 << std::string("1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null");
  QTest::newRow("bad attribute type") << std::string(R"({"AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"X"},{"AttributeName":"SongTitle","AttributeType":"S"}]})") << V
                                      << std::string("1 validation error detected: Value 'X' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]");
  QTest::newRow("extra attribute definition")
      << std::string(R"({"AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"},{"AttributeName":"SongTitle","AttributeType":"S"},{"AttributeName":"Year","AttributeType":"N"}]})")
      << V << std::string("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
  QTest::newRow("undefined key attribute")
      << std::string(R"({"AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"},{"AttributeName":"Other","AttributeType":"S"}]})")
      << V << std::string("One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [Artist, SongTitle], AttributeDefinitions: [Artist, Other]");
  QTest::newRow("range first")
      << std::string(R"({"KeySchema":[{"AttributeName":"Artist","KeyType":"RANGE"},{"AttributeName":"SongTitle","KeyType":"HASH"}]})")
      << V << std::string("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  QTest::newRow("same names")
      << std::string(R"({"KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"},{"AttributeName":"Artist","KeyType":"RANGE"}]})")
      << V << std::string("Both the Hash Key and the Range Key element in the KeySchema have the same name");
  QTest::newRow("no throughput") << std::string(R"({"ProvisionedThroughput":null})") << V
                                 << std::string("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
  QTest::newRow("zero throughput") << std::string(R"({"ProvisionedThroughput":{"ReadCapacityUnits":0,"WriteCapacityUnits":5}})") << V
                                   << std::string("1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1");
  QTest::newRow("pay per request with throughput") << std::string(R"({"BillingMode":"PAY_PER_REQUEST"})") << V
                                                   << std::string("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
  QTest::newRow("bad billing mode") << std::string(R"({"BillingMode":"FREE"})") << V
                                    << std::string("1 validation error detected: Value 'FREE' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
  QTest::newRow("name is number") << std::string(R"({"TableName":5})") << std::string("SerializationException")
                                  << std::string("NUMBER_VALUE cannot be converted to String");
  QTest::newRow("key schema is string") << std::string(R"({"KeySchema":"x"})") << std::string("SerializationException")
                                        << std::string("Unexpected field type");
  QTest::newRow("empty attribute name")
      << std::string(R"({"AttributeDefinitions":[{"AttributeName":"","AttributeType":"S"},{"AttributeName":"SongTitle","AttributeType":"S"}]})")
      << V << std::string("1 validation error detected: Value '' at 'attributeDefinitions.1.member.attributeName' failed to satisfy constraint: Member must have length greater than or equal to 1");
  QTest::newRow("stream without view type") << std::string(R"({"StreamSpecification":{"StreamEnabled":true}})") << V
                                            << std::string("One or more parameter values were invalid: You must specify a StreamViewType when enabling a stream");
}

void TestTableApi::createErrors() {
  QFETCH(std::string, patch);
  QFETCH(std::string, type);
  QFETCH(std::string, message);
  TempEngine t;
  Json request = musicTable();
  request.merge_patch(Json::parse(patch));
  Json r = t.call("CreateTable", request);
  QCOMPARE(TempEngine::errorType(r), type);
  QCOMPARE(r["message"].get<std::string>(), message);
  // Nothing was created.
  QCOMPARE(t.call("ListTables", Json::object())["TableNames"].size(), std::size_t(0));
}

void TestTableApi::createDuplicateIsResourceInUse() {
  TempEngine t;
  t.call("CreateTable", musicTable());
  Json r = t.call("CreateTable", musicTable());
  QCOMPARE(TempEngine::errorType(r), std::string("ResourceInUseException"));
  QCOMPARE(r["message"], "Table already exists: MusicCollection");
}

void TestTableApi::payPerRequest() {
  TempEngine t;
  Json req = musicTable();
  req.erase("ProvisionedThroughput");
  req["BillingMode"] = "PAY_PER_REQUEST";
  req["TableClass"] = "STANDARD_INFREQUENT_ACCESS";
  req["DeletionProtectionEnabled"] = true;
  req["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", "NEW_AND_OLD_IMAGES"}};
  req["SSESpecification"] = {{"Enabled", true}};
  req["Tags"] = Json::array({{{"Key", "env"}, {"Value", "dev"}}});
  Json r = t.call("CreateTable", req);
  QCOMPARE(TempEngine::errorType(r), std::string());
  Json d = t.call("DescribeTable", {{"TableName", "MusicCollection"}})["Table"];
  QCOMPARE(d["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST");
  QCOMPARE(d["ProvisionedThroughput"]["ReadCapacityUnits"], 0);
  QCOMPARE(d["TableClassSummary"]["TableClass"], "STANDARD_INFREQUENT_ACCESS");
  QCOMPARE(d["DeletionProtectionEnabled"], true);
  QCOMPARE(d["StreamSpecification"]["StreamViewType"], "NEW_AND_OLD_IMAGES");
  QCOMPARE(d["LatestStreamLabel"], "2026-01-01T00:00:00.000");
  QVERIFY(d["LatestStreamArn"].get<std::string>().ends_with("/stream/2026-01-01T00:00:00.000"));
  QCOMPARE(d["SSEDescription"]["Status"], "ENABLED");
}

void TestTableApi::listTablesPaginates() {
  TempEngine t;
  for (const char* name : {"gamma", "alpha", "delta", "beta", "epsilon"}) {
    Json req = musicTable();
    req["TableName"] = name;
    QCOMPARE(TempEngine::errorType(t.call("CreateTable", req)), std::string());
  }
  Json page1 = t.call("ListTables", {{"Limit", 2}});
  QCOMPARE(page1["TableNames"], Json::array({"alpha", "beta"}));
  QCOMPARE(page1["LastEvaluatedTableName"], "beta");
  Json page2 = t.call("ListTables", {{"Limit", 2}, {"ExclusiveStartTableName", "beta"}});
  QCOMPARE(page2["TableNames"], Json::array({"delta", "epsilon"}));
  Json page3 = t.call("ListTables", {{"Limit", 2}, {"ExclusiveStartTableName", "epsilon"}});
  QCOMPARE(page3["TableNames"], Json::array({"gamma"}));
  QVERIFY(!page3.contains("LastEvaluatedTableName"));
  Json all = t.call("ListTables", Json::object());
  QCOMPARE(all["TableNames"].size(), std::size_t(5));
  QVERIFY(!all.contains("LastEvaluatedTableName"));
}

void TestTableApi::listTablesErrors() {
  TempEngine t;
  Json r = t.call("ListTables", {{"Limit", 101}});
  QCOMPARE(r["message"], "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
  r = t.call("ListTables", {{"Limit", 0}});
  QCOMPARE(r["message"], "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
}

void TestTableApi::updateThroughputAndBilling() {
  TempEngine t;
  t.call("CreateTable", musicTable());
  t.clock().advanceMillis(1000);
  Json r = t.call("UpdateTable", {{"TableName", "MusicCollection"},
                                  {"ProvisionedThroughput", {{"ReadCapacityUnits", 10}, {"WriteCapacityUnits", 2}}}});
  QCOMPARE(TempEngine::errorType(r), std::string());
  const Json& tp = r["TableDescription"]["ProvisionedThroughput"];
  QCOMPARE(tp["ReadCapacityUnits"], 10);
  QCOMPARE(tp["WriteCapacityUnits"], 2);
  QCOMPARE(tp["NumberOfDecreasesToday"], 1);
  QCOMPARE(tp["LastIncreaseDateTime"].get<double>(), 1767225601.0);

  r = t.call("UpdateTable", {{"TableName", "MusicCollection"}, {"BillingMode", "PAY_PER_REQUEST"}});
  QCOMPARE(r["TableDescription"]["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST");
  r = t.call("UpdateTable", {{"TableName", "MusicCollection"}, {"BillingMode", "PROVISIONED"}});
  QCOMPARE(r["message"], "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
  r = t.call("UpdateTable", {{"TableName", "MusicCollection"},
                             {"BillingMode", "PROVISIONED"},
                             {"ProvisionedThroughput", {{"ReadCapacityUnits", 3}, {"WriteCapacityUnits", 3}}}});
  QCOMPARE(r["TableDescription"]["BillingModeSummary"]["BillingMode"], "PROVISIONED");
  // Survives a restart.
  t.reopen();
  Json d = t.call("DescribeTable", {{"TableName", "MusicCollection"}})["Table"];
  QCOMPARE(d["ProvisionedThroughput"]["ReadCapacityUnits"], 3);
}

void TestTableApi::updateErrors() {
  TempEngine t;
  t.call("CreateTable", musicTable());
  Json r = t.call("UpdateTable", {{"TableName", "MusicCollection"}});
  QCOMPARE(r["message"], "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
  r = t.call("UpdateTable", {{"TableName", "MusicCollection"},
                             {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}}}});
  QCOMPARE(r["message"], "The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: 5. Requested ReadCapacityUnits: 5. Current WriteCapacityUnits provisioned for the table: 5. Requested WriteCapacityUnits: 5. Refer to the Amazon DynamoDB Developer Guide for current limits and how to apply for an increase.");
  r = t.call("UpdateTable", {{"TableName", "Nope"}, {"BillingMode", "PAY_PER_REQUEST"}});
  QCOMPARE(TempEngine::errorType(r), std::string("ResourceNotFoundException"));
  QCOMPARE(r["message"], "Requested resource not found: Table: Nope not found");
}

void TestTableApi::deleteRemovesData() {
  TempEngine t;
  t.call("CreateTable", musicTable());
  for (int i = 0; i < 50; ++i) {
    t.call("PutItem", {{"TableName", "MusicCollection"},
                       {"Item", {{"Artist", S("a" + std::to_string(i))}, {"SongTitle", S("s")}}}});
  }
  Json r = t.call("DeleteTable", {{"TableName", "MusicCollection"}});
  QCOMPARE(r["TableDescription"]["TableStatus"], "DELETING");
  QCOMPARE(r["TableDescription"]["ItemCount"], 50);
  QCOMPARE(TempEngine::errorType(t.call("DescribeTable", {{"TableName", "MusicCollection"}})),
           std::string("ResourceNotFoundException"));
  // A new table of the same name starts empty.
  t.call("CreateTable", musicTable());
  Json scan = t.call("Scan", {{"TableName", "MusicCollection"}});
  QCOMPARE(scan["Count"], 0);
  QCOMPARE(t.call("DescribeTable", {{"TableName", "MusicCollection"}})["Table"]["ItemCount"], 0);
}

void TestTableApi::deletionProtection() {
  TempEngine t;
  Json req = musicTable();
  req["DeletionProtectionEnabled"] = true;
  t.call("CreateTable", req);
  Json r = t.call("DeleteTable", {{"TableName", "MusicCollection"}});
  QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
  QCOMPARE(r["message"], "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
  t.call("UpdateTable", {{"TableName", "MusicCollection"}, {"DeletionProtectionEnabled", false}});
  QCOMPARE(TempEngine::errorType(t.call("DeleteTable", {{"TableName", "MusicCollection"}})), std::string());
}

void TestTableApi::missingTable_data() {
  QTest::addColumn<std::string>("operation");
  QTest::addColumn<std::string>("request");
  QTest::addColumn<std::string>("message");
  QTest::newRow("DescribeTable") << std::string("DescribeTable") << std::string(R"({"TableName":"Nope"})")
                                 << std::string("Requested resource not found: Table: Nope not found");
  QTest::newRow("DeleteTable") << std::string("DeleteTable") << std::string(R"({"TableName":"Nope"})")
                               << std::string("Requested resource not found: Table: Nope not found");
  QTest::newRow("PutItem") << std::string("PutItem") << std::string(R"({"TableName":"Nope","Item":{"a":{"S":"x"}}})")
                           << std::string("Requested resource not found");
  QTest::newRow("GetItem") << std::string("GetItem") << std::string(R"({"TableName":"Nope","Key":{"a":{"S":"x"}}})")
                           << std::string("Requested resource not found");
  QTest::newRow("Scan") << std::string("Scan") << std::string(R"({"TableName":"Nope"})")
                        << std::string("Requested resource not found");
}

void TestTableApi::missingTable() {
  QFETCH(std::string, operation);
  QFETCH(std::string, request);
  QFETCH(std::string, message);
  TempEngine t;
  Json r = t.call(operation, Json::parse(request));
  QCOMPARE(TempEngine::errorType(r), std::string("ResourceNotFoundException"));
  QCOMPARE(r["message"].get<std::string>(), message);
  QCOMPARE(r["__type"], "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
}

void TestTableApi::unknownOperation() {
  TempEngine t;
  auto r = t.engine().call("FlyToTheMoon", std::string_view("{}"));
  QVERIFY(!r.isOk());
  QCOMPARE(r.status().type(), ErrorType::UnknownOperationException);
  auto bad = t.engine().call("ListTables", std::string_view("{not json"));
  QCOMPARE(bad.status().type(), ErrorType::SerializationException);
  QCOMPARE(httpStatusOf(bad.status()), 400);
  QCOMPARE(errorBody(bad.status())["__type"], "com.amazon.coral.service#SerializationException");
}

QTEST_APPLESS_MAIN(TestTableApi)
#include "test_table_api.moc"
