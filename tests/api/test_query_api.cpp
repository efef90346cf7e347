// Query and Scan through the front door with expressions and their legacy
// counterparts, written the way boto3 sends the seed documents' calls.
#include <QtTest>

#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

Q_DECLARE_METATYPE(std::string)

namespace {
// The seed's Products table: ProductID (S) + Year (N).
void createProducts(TempEngine& t) {
  Json r = t.call("CreateTable", Json::parse(R"({"TableName":"Products",
    "AttributeDefinitions":[{"AttributeName":"ProductID","AttributeType":"S"},{"AttributeName":"Year","AttributeType":"N"}],
    "KeySchema":[{"AttributeName":"ProductID","KeyType":"HASH"},{"AttributeName":"Year","KeyType":"RANGE"}],
    "ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}})"));
  QCOMPARE(TempEngine::errorType(r), std::string());
  for (int year = 2018; year <= 2024; ++year) {
    for (const char* id : {"P001", "P002"}) {
      t.call("PutItem", {{"TableName", "Products"},
                         {"Item", {{"ProductID", S(id)}, {"Year", N(std::to_string(year))},
                                   {"Rating", N(std::to_string(year % 5))}, {"Name", S(std::string(id) + "-" + std::to_string(year))}}}});
    }
  }
}

Json keyQuery(const std::string& expression, Json values, Json extra = Json::object()) {
  Json q = {{"TableName", "Products"}, {"KeyConditionExpression", expression},
            {"ExpressionAttributeNames", {{"#k0", "ProductID"}, {"#k1", "Year"}}},
            {"ExpressionAttributeValues", values}};
  q.update(extra);
  return q;
}

std::vector<std::string> years(const Json& page) {
  std::vector<std::string> out;
  for (const auto& item : page["Items"]) out.push_back(item["Year"]["N"]);
  return out;
}
}  // namespace

class TestQueryApi : public QObject {
  Q_OBJECT
 private slots:
  void seedKeyEquality();
  void sortConditionsAndOrder();
  void filterProjectionAndCounts();
  void legacyParameters();
  void errors_data();
  void errors();
  void scanWithFilterAndProjection();
};

// Key('ProductID').eq('P001') & Key('Year').eq(2021), as boto3 sends it.
void TestQueryApi::seedKeyEquality() {
  TempEngine t;
  createProducts(t);
  Json r = t.call("Query", keyQuery("(#k0 = :v0 AND #k1 = :v1)", {{":v0", S("P001")}, {":v1", N("2021")}}));
  QCOMPARE(TempEngine::errorType(r), std::string());
  QCOMPARE(r["Count"], 1);
  QCOMPARE(r["Items"][0]["Name"], S("P001-2021"));
  Json all = t.call("Query", {{"TableName", "Products"}, {"KeyConditionExpression", "#k0 = :v0"},
                              {"ExpressionAttributeNames", {{"#k0", "ProductID"}}},
                              {"ExpressionAttributeValues", {{":v0", S("P002")}}}});
  QCOMPARE(years(all), (std::vector<std::string>{"2018", "2019", "2020", "2021", "2022", "2023", "2024"}));
}

void TestQueryApi::sortConditionsAndOrder() {
  TempEngine t;
  createProducts(t);
  Json r = t.call("Query", keyQuery("#k0 = :v0 AND #k1 BETWEEN :a AND :b",
                                    {{":v0", S("P001")}, {":a", N("2019")}, {":b", N("2021")}},
                                    {{"ScanIndexForward", false}}));
  QCOMPARE(years(r), (std::vector<std::string>{"2021", "2020", "2019"}));
  r = t.call("Query", keyQuery("#k0 = :v0 AND #k1 >= :a", {{":v0", S("P001")}, {":a", N("2023")}}));
  QCOMPARE(years(r), (std::vector<std::string>{"2023", "2024"}));
  r = t.call("Query", keyQuery("#k0 = :v0 AND #k1 < :a", {{":v0", S("P001")}, {":a", N("2020")}}, {{"Limit", 1}}));
  QCOMPARE(years(r), (std::vector<std::string>{"2018"}));
  QCOMPARE(r["LastEvaluatedKey"], Json({{"ProductID", S("P001")}, {"Year", N("2018")}}));
  Json next = keyQuery("#k0 = :v0 AND #k1 < :a", {{":v0", S("P001")}, {":a", N("2020")}});
  next["ExclusiveStartKey"] = r["LastEvaluatedKey"];
  QCOMPARE(years(t.call("Query", next)), (std::vector<std::string>{"2019"}));
}

// Attr('Rating').gt(2) sent as "#n0 > :v0"; Count counts what passed, ScannedCount what was read.
void TestQueryApi::filterProjectionAndCounts() {
  TempEngine t;
  createProducts(t);
  Json q = keyQuery("#k0 = :v0", {{":v0", S("P001")}, {":r", N("2")}},
                    {{"FilterExpression", "#r > :r"}, {"ProjectionExpression", "#k1, #r"}});
  q["ExpressionAttributeNames"] = {{"#k0", "ProductID"}, {"#k1", "Year"}, {"#r", "Rating"}};
  Json r = t.call("Query", q);
  QCOMPARE(TempEngine::errorType(r), std::string());
  QCOMPARE(r["ScannedCount"], 7);
  QCOMPARE(r["Count"], 4);  // ratings 3 (2018), 4 (2019), 3 (2023), 4 (2024)
  for (const auto& item : r["Items"]) {
    QCOMPARE(item.size(), std::size_t(2));
    QVERIFY(item.contains("Year") && item.contains("Rating"));
  }
  q["Select"] = "COUNT";
  q.erase("ProjectionExpression");
  q["ExpressionAttributeNames"].erase("#k1");
  q["KeyConditionExpression"] = "#k0 = :v0";
  r = t.call("Query", q);
  QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
  QCOMPARE(r["Count"], 4);
  QVERIFY(!r.contains("Items"));
}

void TestQueryApi::legacyParameters() {
  TempEngine t;
  createProducts(t);
  Json r = t.call("Query", Json::parse(R"({"TableName":"Products",
      "KeyConditions":{"ProductID":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"P002"}]},
                       "Year":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"2021"}]}},
      "QueryFilter":{"Rating":{"ComparisonOperator":"LE","AttributeValueList":[{"N":"3"}]}},
      "AttributesToGet":["Year"]})"));
  QCOMPARE(TempEngine::errorType(r), std::string());
  QCOMPARE(r["ScannedCount"], 3);  // 2022, 2023, 2024
  QCOMPARE(r["Items"], Json::parse(R"([{"Year":{"N":"2022"}},{"Year":{"N":"2023"}}])"));
}

void TestQueryApi::errors_data() {
  QTest::addColumn<std::string>("request");
  QTest::addColumn<std::string>("message");
  QTest::newRow("no key condition") << std::string(R"({"TableName":"Products"})")
                                    << std::string("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
  QTest::newRow("reserved word") << std::string(R"({"TableName":"Products","KeyConditionExpression":"ProductID = :p AND Year = :y","ExpressionAttributeValues":{":p":{"S":"P001"},":y":{"N":"1"}}})")
                                 << std::string("Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: Year");
  QTest::newRow("mixed") << std::string(R"({"TableName":"Products","KeyConditionExpression":"ProductID = :p","ExpressionAttributeValues":{":p":{"S":"P001"}},"AttributesToGet":["Year"]})")
                         << std::string("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {KeyConditionExpression}");
  QTest::newRow("unused value") << std::string(R"({"TableName":"Products","KeyConditionExpression":"ProductID = :p","ExpressionAttributeValues":{":p":{"S":"P001"},":x":{"S":"y"}}})")
                                << std::string("Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
  QTest::newRow("filter on key") << std::string(R"({"TableName":"Products","KeyConditionExpression":"ProductID = :p","FilterExpression":"#y > :p","ExpressionAttributeNames":{"#y":"Year"},"ExpressionAttributeValues":{":p":{"S":"P001"}}})")
                                 << std::string("Filter Expression can only contain non-primary key attributes: Primary key attribute: Year");
  QTest::newRow("wrong key type") << std::string(R"({"TableName":"Products","KeyConditionExpression":"ProductID = :p","ExpressionAttributeValues":{":p":{"N":"1"}}})")
                                  << std::string("One or more parameter values were invalid: Condition parameter type does not match schema type");
  QTest::newRow("specific without projection") << std::string(R"({"TableName":"Products","KeyConditionExpression":"ProductID = :p","ExpressionAttributeValues":{":p":{"S":"P001"}},"Select":"SPECIFIC_ATTRIBUTES"})")
                                               << std::string("1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
  QTest::newRow("projection with ALL") << std::string(R"({"TableName":"Products","KeyConditionExpression":"ProductID = :p","ExpressionAttributeValues":{":p":{"S":"P001"}},"Select":"ALL_ATTRIBUTES","ProjectionExpression":"Rating"})")
                                       << std::string("Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
  QTest::newRow("names without expressions") << std::string(R"({"TableName":"Products","KeyConditions":{"ProductID":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"P001"}]}},"ExpressionAttributeNames":{"#a":"b"}})")
                                             << std::string("ExpressionAttributeNames can only be specified when using expressions");
}

void TestQueryApi::errors() {
  QFETCH(std::string, request);
  QFETCH(std::string, message);
  TempEngine t;
  createProducts(t);
  Json r = t.call("Query", Json::parse(request));
  QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
  QCOMPARE(r["message"].get<std::string>(), message);
}

void TestQueryApi::scanWithFilterAndProjection() {
  TempEngine t;
  createProducts(t);
  // The seed's Attr('age').gt(20) shape, here on Rating.
  Json r = t.call("Scan", {{"TableName", "Products"}, {"FilterExpression", "#n0 > :v0"},
                           {"ExpressionAttributeNames", {{"#n0", "Rating"}}}, {"ExpressionAttributeValues", {{":v0", N("3")}}},
                           {"ProjectionExpression", "ProductID, #n0"}});
  QCOMPARE(TempEngine::errorType(r), std::string());
  QCOMPARE(r["ScannedCount"], 14);
  QCOMPARE(r["Count"], 4);  // Rating 4: 2019 and 2024, two products each
  for (const auto& item : r["Items"]) QCOMPARE(item["Rating"], N("4"));
  Json legacy = t.call("Scan", Json::parse(R"({"TableName":"Products","ScanFilter":{"Rating":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"0"}]},"Name":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"P002"}]}},"ConditionalOperator":"OR"})"));
  QCOMPARE(legacy["Count"], 8);  // 7 P002 items, plus P001-2020 (rating 0)
}

QTEST_APPLESS_MAIN(TestQueryApi)
#include "test_query_api.moc"
