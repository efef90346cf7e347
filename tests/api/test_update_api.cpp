// UpdateItem and conditional PutItem / DeleteItem through the front door,
// with expressions and with the legacy Expected / AttributeUpdates parameters.
#include <QtTest>

#include <thread>

#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

Q_DECLARE_METATYPE(std::string)

namespace {
void createUsers(TempEngine& t) {
  Json r = t.call("CreateTable", Json::parse(R"({"TableName":"Users","BillingMode":"PAY_PER_REQUEST",
    "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
    "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}]})"));
  QCOMPARE(TempEngine::errorType(r), std::string());
}

Json key(const std::string& id) { return {{"id", S(id)}}; }

Json update(const std::string& id, const std::string& expression, Json values, Json extra = Json::object()) {
  Json u = {{"TableName", "Users"}, {"Key", key(id)}, {"UpdateExpression", expression}};
  if (!values.is_null()) u["ExpressionAttributeValues"] = values;
  u.update(extra);
  return u;
}
}  // namespace

class TestUpdateApi : public QObject {
  Q_OBJECT
 private slots:
  void seedSetAge();
  void seedReservedStatus();
  void returnValues_data();
  void returnValues();
  void atomicCounterUnderConcurrency();
  void conditionalPutAndDelete();
  void keyAttributesCannotBeUpdated();
  void legacyParameters();
  void sizeLimitAfterUpdate();
};

// The seed's table.update_item(Key=..., UpdateExpression='SET age = :new_age', ...).
void TestUpdateApi::seedSetAge() {
  TempEngine t;
  createUsers(t);
  t.call("PutItem", {{"TableName", "Users"}, {"Item", {{"id", S("u1")}, {"name", S("Ann")}, {"age", N("30")}}}});
  Json r = t.call("UpdateItem", update("u1", "SET age = :new_age", {{":new_age", N("31")}}, {{"ReturnValues", "UPDATED_NEW"}}));
  QCOMPARE(r, Json({{"Attributes", {{"age", N("31")}}}}));
  Json got = t.call("GetItem", {{"TableName", "Users"}, {"Key", key("u1")}});
  QCOMPARE(got["Item"], Json({{"id", S("u1")}, {"name", S("Ann")}, {"age", N("31")}}));
}

// The seed's 'SET status = :s' is refused by DynamoDB: status is reserved.
void TestUpdateApi::seedReservedStatus() {
  TempEngine t;
  createUsers(t);
  Json r = t.call("UpdateItem", update("u1", "SET status = :s", {{":s", S("active")}}));
  QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
  QCOMPARE(r["message"], "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status");
  QCOMPARE(t.call("Scan", {{"TableName", "Users"}})["Count"], 0);
  // Written through a name placeholder it works.
  r = t.call("UpdateItem", update("u1", "SET #s = :s", {{":s", S("active")}}, {{"ExpressionAttributeNames", {{"#s", "status"}}}}));
  QCOMPARE(TempEngine::errorType(r), std::string());
}

void TestUpdateApi::returnValues_data() {
  QTest::addColumn<std::string>("returnValues");
  QTest::addColumn<std::string>("expected");
  QTest::newRow("NONE") << std::string("NONE") << std::string("{}");
  QTest::newRow("ALL_OLD") << std::string("ALL_OLD") << std::string(R"({"Attributes":{"a":{"N":"1"},"b":{"S":"x"},"id":{"S":"u1"}}})");
  QTest::newRow("UPDATED_OLD") << std::string("UPDATED_OLD") << std::string(R"({"Attributes":{"a":{"N":"1"},"b":{"S":"x"}}})");
  QTest::newRow("ALL_NEW") << std::string("ALL_NEW") << std::string(R"({"Attributes":{"a":{"N":"3"},"c":{"BOOL":true},"id":{"S":"u1"}}})");
  QTest::newRow("UPDATED_NEW") << std::string("UPDATED_NEW") << std::string(R"({"Attributes":{"a":{"N":"3"},"c":{"BOOL":true}}})");
}

void TestUpdateApi::returnValues() {
  QFETCH(std::string, returnValues);
  QFETCH(std::string, expected);
  TempEngine t;
  createUsers(t);
  t.call("PutItem", {{"TableName", "Users"}, {"Item", {{"id", S("u1")}, {"a", N("1")}, {"b", S("x")}}}});
  Json r = t.call("UpdateItem", update("u1", "SET a = a + :two, c = :t REMOVE b", {{":two", N("2")}, {":t", {{"BOOL", true}}}},
                                       {{"ReturnValues", returnValues}}));
  QCOMPARE(r.dump(), Json::parse(expected).dump());
}

// ADD on a counter from 8 threads at once loses no increment.
void TestUpdateApi::atomicCounterUnderConcurrency() {
  TempEngine t;
  createUsers(t);
  std::vector<std::thread> threads;
  for (int w = 0; w < 8; ++w) {
    threads.emplace_back([&t] {
      for (int i = 0; i < 50; ++i) {
        t.engine().call("UpdateItem", update("counter", "ADD visits :one", {{":one", N("1")}}));
      }
    });
  }
  for (auto& th : threads) th.join();
  Json got = t.call("GetItem", {{"TableName", "Users"}, {"Key", key("counter")}});
  QCOMPARE(got["Item"]["visits"], N("400"));
}

void TestUpdateApi::conditionalPutAndDelete() {
  TempEngine t;
  createUsers(t);
  Json put = {{"TableName", "Users"}, {"Item", {{"id", S("u1")}, {"v", N("1")}}}, {"ConditionExpression", "attribute_not_exists(id)"}};
  QCOMPARE(TempEngine::errorType(t.call("PutItem", put)), std::string());
  put["Item"]["v"] = N("2");
  put["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";
  Json r = t.call("PutItem", put);
  QCOMPARE(TempEngine::errorType(r), std::string("ConditionalCheckFailedException"));
  QCOMPARE(r["message"], "The conditional request failed");
  QCOMPARE(r["Item"], Json({{"id", S("u1")}, {"v", N("1")}}));
  QCOMPARE(t.call("GetItem", {{"TableName", "Users"}, {"Key", key("u1")}})["Item"]["v"], N("1"));

  Json del = {{"TableName", "Users"}, {"Key", key("u1")}, {"ConditionExpression", "v > :min"}, {"ExpressionAttributeValues", {{":min", N("5")}}}};
  QCOMPARE(TempEngine::errorType(t.call("DeleteItem", del)), std::string("ConditionalCheckFailedException"));
  del["ExpressionAttributeValues"][":min"] = N("0");
  QCOMPARE(TempEngine::errorType(t.call("DeleteItem", del)), std::string());
  QCOMPARE(t.call("GetItem", {{"TableName", "Users"}, {"Key", key("u1")}}), Json::object());
  // An update whose condition fails creates nothing.
  r = t.call("UpdateItem", update("u2", "SET v = :v", {{":v", N("1")}}, {{"ConditionExpression", "attribute_exists(id)"}}));
  QCOMPARE(TempEngine::errorType(r), std::string("ConditionalCheckFailedException"));
  QCOMPARE(t.call("Scan", {{"TableName", "Users"}})["Count"], 0);
}

void TestUpdateApi::keyAttributesCannotBeUpdated() {
  TempEngine t;
  createUsers(t);
  Json r = t.call("UpdateItem", update("u1", "SET id = :v", {{":v", S("u2")}}));
  QCOMPARE(r["message"], "One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key");
}

void TestUpdateApi::legacyParameters() {
  TempEngine t;
  createUsers(t);
  Json r = t.call("UpdateItem", Json::parse(R"({"TableName":"Users","Key":{"id":{"S":"u1"}},
      "AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"5"}},"tags":{"Action":"ADD","Value":{"SS":["a"]}},
                          "log":{"Action":"ADD","Value":{"L":[{"S":"first"}]}},"name":{"Action":"PUT","Value":{"S":"Bo"}}},
      "ReturnValues":"ALL_NEW"})"));
  QCOMPARE(r["Attributes"], Json::parse(R"({"id":{"S":"u1"},"log":{"L":[{"S":"first"}]},"n":{"N":"5"},"name":{"S":"Bo"},"tags":{"SS":["a"]}})"));
  r = t.call("UpdateItem", Json::parse(R"({"TableName":"Users","Key":{"id":{"S":"u1"}},
      "AttributeUpdates":{"name":{"Action":"DELETE"},"log":{"Action":"ADD","Value":{"L":[{"S":"second"}]}}},
      "Expected":{"n":{"Value":{"N":"5"}}},"ReturnValues":"ALL_NEW"})"));
  QCOMPARE(r["Attributes"]["log"], Json::parse(R"({"L":[{"S":"first"},{"S":"second"}]})"));
  QVERIFY(!r["Attributes"].contains("name"));
  r = t.call("UpdateItem", Json::parse(R"({"TableName":"Users","Key":{"id":{"S":"u1"}},
      "AttributeUpdates":{"n":{"Action":"PUT","Value":{"N":"1"}}},"Expected":{"n":{"Exists":false}}})"));
  QCOMPARE(TempEngine::errorType(r), std::string("ConditionalCheckFailedException"));
  r = t.call("UpdateItem", Json::parse(R"({"TableName":"Users","Key":{"id":{"S":"u1"}},
      "AttributeUpdates":{"n":{"Action":"PUT"}}})"));
  QCOMPARE(r["message"], "One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified");
  r = t.call("UpdateItem", Json::parse(R"({"TableName":"Users","Key":{"id":{"S":"u1"}},
      "UpdateExpression":"SET a = :v","AttributeUpdates":{"n":{"Action":"DELETE"}},"ExpressionAttributeValues":{":v":{"N":"1"}}})"));
  QCOMPARE(r["message"], "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}");
}

void TestUpdateApi::sizeLimitAfterUpdate() {
  TempEngine t;
  createUsers(t);
  const std::string big(300 * 1024, 'x');
  t.call("PutItem", {{"TableName", "Users"}, {"Item", {{"id", S("u1")}, {"a", S(big)}}}});
  Json r = t.call("UpdateItem", update("u1", "SET b = :b", {{":b", S(big)}}));
  QCOMPARE(r["message"], "Item size to update has exceeded the maximum allowed size");
  QVERIFY(!t.call("GetItem", {{"TableName", "Users"}, {"Key", key("u1")}})["Item"].contains("b"));
}

QTEST_APPLESS_MAIN(TestUpdateApi)
#include "test_update_api.moc"
