// BatchWriteItem, BatchGetItem and Scan: limits, duplicates, pagination, the
// 1 MB page, Select COUNT and parallel-scan segments.
#include <QtTest>

#include <set>

#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

namespace {
void createTable(TempEngine& t, const std::string& name, bool withSort = false) {
  Json defs = Json::array({{{"AttributeName", "pk"}, {"AttributeType", "S"}}});
  Json keys = Json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}});
  if (withSort) {
    defs.push_back({{"AttributeName", "sk"}, {"AttributeType", "N"}});
    keys.push_back({{"AttributeName", "sk"}, {"KeyType", "RANGE"}});
  }
  Json r = t.call("CreateTable", {{"TableName", name}, {"AttributeDefinitions", defs}, {"KeySchema", keys},
                                  {"BillingMode", "PAY_PER_REQUEST"}});
  QCOMPARE(TempEngine::errorType(r), std::string());
}

Json putRequest(const std::string& pk, const std::string& payload = "x") {
  return {{"PutRequest", {{"Item", {{"pk", S(pk)}, {"data", S(payload)}}}}}};
}

void fill(TempEngine& t, const std::string& table, int n, const std::string& payload = "x") {
  for (int i = 0; i < n; i += 25) {
    Json reqs = Json::array();
    for (int j = i; j < std::min(n, i + 25); ++j) reqs.push_back(putRequest("item" + std::to_string(j), payload));
    Json r = t.call("BatchWriteItem", {{"RequestItems", {{table, reqs}}}});
    QCOMPARE(r["UnprocessedItems"], Json::object());
  }
}
}  // namespace

class TestBatchScanApi : public QObject {
  Q_OBJECT
 private slots:
  void bulkInsertLikeTheSeed();
  void batchWriteMixedTables();
  void batchWriteErrors();
  void batchGet();
  void batchGetErrors();
  void batchGetSixteenMegabyteLimit();
  void scanPaginatesWithLimit();
  void scanOneMegabytePages();
  void scanCountAndErrors();
  void parallelScanCoversEveryItemOnce();
};

// The seed's 500 products in batches of 25, then "Total items in the table: 500".
void TestBatchScanApi::bulkInsertLikeTheSeed() {
  TempEngine t;
  createTable(t, "Products");
  fill(t, "Products", 500);
  std::size_t total = 0;
  Json request = {{"TableName", "Products"}};
  while (true) {
    Json page = t.call("Scan", request);
    total += page["Items"].size();
    if (!page.contains("LastEvaluatedKey")) break;
    request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
  }
  QCOMPARE(total, std::size_t(500));
  QCOMPARE(t.call("DescribeTable", {{"TableName", "Products"}})["Table"]["ItemCount"], 500);
}

void TestBatchScanApi::batchWriteMixedTables() {
  TempEngine t;
  createTable(t, "One");
  createTable(t, "Two", true);
  fill(t, "One", 3);
  Json r = t.call("BatchWriteItem",
                  {{"RequestItems",
                    {{"One", Json::array({{{"DeleteRequest", {{"Key", {{"pk", S("item0")}}}}}}, putRequest("new")})},
                     {"Two", Json::array({{{"PutRequest", {{"Item", {{"pk", S("a")}, {"sk", N("1")}}}}}}})}}}});
  QCOMPARE(r, Json({{"UnprocessedItems", Json::object()}}));
  QCOMPARE(t.call("Scan", {{"TableName", "One"}})["Count"], 3);
  QCOMPARE(t.call("Scan", {{"TableName", "Two"}})["Count"], 1);
}

void TestBatchScanApi::batchWriteErrors() {
  TempEngine t;
  createTable(t, "One");
  Json many = Json::array();
  for (int i = 0; i < 26; ++i) many.push_back(putRequest("k" + std::to_string(i)));
  Json r = t.call("BatchWriteItem", {{"RequestItems", {{"One", many}}}});
  QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
  const std::string message = r["message"].get<std::string>();
  QVERIFY(message.starts_with("1 validation error detected: Value '{One=[com.amazonaws.dynamodb.v20120810.WriteRequest@"));
  QVERIFY(message.ends_with("]}' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: "
                            "[Member must have length less than or equal to 25, Member must have length greater than or equal to 1]"));
  // 25 per table but 26 in all is refused too.
  createTable(t, "Two");
  Json twenty = Json::array(), six = Json::array();
  for (int i = 0; i < 20; ++i) twenty.push_back(putRequest("a" + std::to_string(i)));
  for (int i = 0; i < 6; ++i) six.push_back(putRequest("b" + std::to_string(i)));
  r = t.call("BatchWriteItem", {{"RequestItems", {{"One", twenty}, {"Two", six}}}});
  QCOMPARE(r["message"], "Too many items requested for the BatchWriteItem call");

  r = t.call("BatchWriteItem", {{"RequestItems", {{"One", Json::array({putRequest("dup"), putRequest("dup")})}}}});
  QCOMPARE(r["message"], "Provided list of item keys contains duplicates");
  r = t.call("BatchWriteItem", {{"RequestItems", {{"Nope", Json::array({putRequest("a")})}}}});
  QCOMPARE(TempEngine::errorType(r), std::string("ResourceNotFoundException"));
  // One bad item fails the whole batch: nothing is written.
  r = t.call("BatchWriteItem", {{"RequestItems", {{"One", Json::array({putRequest("good"),
                                                                         {{"PutRequest", {{"Item", {{"other", S("x")}}}}}}})}}}});
  QCOMPARE(r["message"], "The provided key element does not match the schema");
  QCOMPARE(t.call("Scan", {{"TableName", "One"}})["Count"], 0);
  r = t.call("BatchWriteItem", {{"RequestItems", Json::object()}});
  QCOMPARE(r["message"], "1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
}

void TestBatchScanApi::batchGet() {
  TempEngine t;
  createTable(t, "One");
  createTable(t, "Two", true);
  fill(t, "One", 10);
  t.call("PutItem", {{"TableName", "Two"}, {"Item", {{"pk", S("a")}, {"sk", N("1")}}}});
  Json r = t.call("BatchGetItem",
                  {{"RequestItems", {{"One", {{"Keys", Json::array({{{"pk", S("item1")}}, {{"pk", S("item2")}}, {{"pk", S("zzz")}}})}}},
                                     {"Two", {{"Keys", Json::array({{{"pk", S("a")}, {"sk", N("1.0")}}})}, {"ConsistentRead", true}}}}}});
  QCOMPARE(r["Responses"]["One"].size(), std::size_t(2));
  QCOMPARE(r["Responses"]["Two"].size(), std::size_t(1));
  QCOMPARE(r["UnprocessedKeys"], Json::object());
  // Projections per table.
  r = t.call("BatchGetItem", {{"RequestItems", {{"One", {{"Keys", Json::array({{{"pk", S("item1")}}})},
                                                        {"ProjectionExpression", "#d"},
                                                        {"ExpressionAttributeNames", {{"#d", "data"}}}}},
                                                {"Two", {{"Keys", Json::array({{{"pk", S("a")}, {"sk", N("1")}}})},
                                                        {"AttributesToGet", Json::array({"sk"})}}}}}});
  QCOMPARE(r["Responses"]["One"], Json::parse(R"([{"data":{"S":"x"}}])"));
  QCOMPARE(r["Responses"]["Two"], Json::parse(R"([{"sk":{"N":"1"}}])"));
}

void TestBatchScanApi::batchGetErrors() {
  TempEngine t;
  createTable(t, "One");
  Json keys = Json::array();
  for (int i = 0; i < 101; ++i) keys.push_back({{"pk", S("k" + std::to_string(i))}});
  Json r = t.call("BatchGetItem", {{"RequestItems", {{"One", {{"Keys", keys}}}}}});
  QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
  Json half = Json::array();
  for (int i = 0; i < 60; ++i) half.push_back({{"pk", S("k" + std::to_string(i))}});
  createTable(t, "Two");
  r = t.call("BatchGetItem", {{"RequestItems", {{"One", {{"Keys", half}}}, {"Two", {{"Keys", half}}}}}});
  QCOMPARE(r["message"], "Too many items requested for the BatchGetItem call");
  r = t.call("BatchGetItem", {{"RequestItems", {{"One", {{"Keys", Json::array({{{"pk", S("a")}}, {{"pk", S("a")}}})}}}}}});
  QCOMPARE(r["message"], "Provided list of item keys contains duplicates");
}

// 45 items of ~390 KB are more than a 16 MB response can hold: what does not
// fit comes back as UnprocessedKeys, and asking again for those gets the rest.
void TestBatchScanApi::batchGetSixteenMegabyteLimit() {
  TempEngine t(64u << 20);
  createTable(t, "Big");
  for (int i = 0; i < 45; ++i) {
    Json r = t.call("PutItem", {{"TableName", "Big"}, {"Item", {{"pk", S("k" + std::to_string(i))}, {"data", S(std::string(390 * 1024, 'x'))}}}});
    QCOMPARE(TempEngine::errorType(r), std::string());
  }
  Json keys = Json::array();
  for (int i = 0; i < 45; ++i) keys.push_back({{"pk", S("k" + std::to_string(i))}});
  Json r = t.call("BatchGetItem", {{"RequestItems", {{"Big", {{"Keys", keys}}}}}});
  const std::size_t got = r["Responses"]["Big"].size();
  QCOMPARE(got, std::size_t(42));  // 42 x ~390 KB fit in 16 MB, a 43rd would not
  QCOMPARE(r["UnprocessedKeys"]["Big"]["Keys"].size(), std::size_t(3));
  Json rest = t.call("BatchGetItem", {{"RequestItems", r["UnprocessedKeys"]}});
  QCOMPARE(rest["Responses"]["Big"].size(), std::size_t(3));
  QCOMPARE(rest["UnprocessedKeys"], Json::object());
}

void TestBatchScanApi::scanPaginatesWithLimit() {
  TempEngine t;
  createTable(t, "One");
  fill(t, "One", 10);
  std::set<std::string> seen;
  Json request = {{"TableName", "One"}, {"Limit", 3}};
  int pages = 0;
  while (true) {
    Json page = t.call("Scan", request);
    ++pages;
    QVERIFY(page["Count"].get<int>() <= 3);
    for (const auto& item : page["Items"]) QVERIFY(seen.insert(item["pk"]["S"].get<std::string>()).second);
    if (!page.contains("LastEvaluatedKey")) break;
    QCOMPARE(page["LastEvaluatedKey"].size(), std::size_t(1));
    request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
  }
  QCOMPARE(seen.size(), std::size_t(10));
  // 10 items, 3 a page: 4 pages, the last one short.
  QCOMPARE(pages, 4);
  // A page cut by Limit exactly at the end still names its last key, as DynamoDB does.
  Json exact = t.call("Scan", {{"TableName", "One"}, {"Limit", 10}});
  QVERIFY(exact.contains("LastEvaluatedKey"));
  Json rest = t.call("Scan", {{"TableName", "One"}, {"ExclusiveStartKey", exact["LastEvaluatedKey"]}});
  QCOMPARE(rest["Count"], 0);
  QVERIFY(!rest.contains("LastEvaluatedKey"));
}

void TestBatchScanApi::scanOneMegabytePages() {
  TempEngine t(64u << 20);
  createTable(t, "Big");
  // 40 items of ~100 KB: a 1 MB page holds 11 (the one crossing 1 MB is included).
  fill(t, "Big", 40, std::string(100 * 1024, 'x'));
  Json page = t.call("Scan", {{"TableName", "Big"}});
  QCOMPARE(page["Count"], 11);
  QVERIFY(page.contains("LastEvaluatedKey"));
  std::size_t total = page["Count"].get<std::size_t>();
  while (page.contains("LastEvaluatedKey")) {
    page = t.call("Scan", {{"TableName", "Big"}, {"ExclusiveStartKey", page["LastEvaluatedKey"]}});
    total += page["Count"].get<std::size_t>();
  }
  QCOMPARE(total, std::size_t(40));
}

void TestBatchScanApi::scanCountAndErrors() {
  TempEngine t;
  createTable(t, "One");
  fill(t, "One", 7);
  Json r = t.call("Scan", {{"TableName", "One"}, {"Select", "COUNT"}});
  QCOMPARE(r["Count"], 7);
  QCOMPARE(r["ScannedCount"], 7);
  QVERIFY(!r.contains("Items"));
  r = t.call("Scan", {{"TableName", "One"}, {"Segment", 1}});
  QCOMPARE(r["message"], "The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
  r = t.call("Scan", {{"TableName", "One"}, {"Segment", 2}, {"TotalSegments", 2}});
  QCOMPARE(r["message"], "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not less than TotalSegments: 2");
  r = t.call("Scan", {{"TableName", "One"}, {"Limit", 0}});
  QCOMPARE(r["message"], "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
  r = t.call("Scan", {{"TableName", "One"}, {"ExclusiveStartKey", {{"nope", S("x")}}}});
  QCOMPARE(r["message"], "The provided starting key is invalid: The provided key element does not match the schema");
}

void TestBatchScanApi::parallelScanCoversEveryItemOnce() {
  TempEngine t;
  createTable(t, "One");
  fill(t, "One", 300);
  for (int total : {1, 2, 3, 7, 16}) {
    std::set<std::string> seen;
    for (int s = 0; s < total; ++s) {
      Json request = {{"TableName", "One"}, {"Segment", s}, {"TotalSegments", total}, {"Limit", 20}};
      while (true) {
        Json page = t.call("Scan", request);
        QCOMPARE(TempEngine::errorType(page), std::string());
        for (const auto& item : page["Items"]) QVERIFY(seen.insert(item["pk"]["S"].get<std::string>()).second);
        if (!page.contains("LastEvaluatedKey")) break;
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
      }
    }
    QCOMPARE(seen.size(), std::size_t(300));
  }
  // A start key from another segment is refused.
  Json seg0 = t.call("Scan", {{"TableName", "One"}, {"Segment", 0}, {"TotalSegments", 2}, {"Limit", 1}});
  Json r = t.call("Scan", {{"TableName", "One"}, {"Segment", 1}, {"TotalSegments", 2},
                           {"ExclusiveStartKey", seg0["LastEvaluatedKey"]}});
  QCOMPARE(r["message"], "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. TotalSegments: 2 Segment: 1");
}

QTEST_APPLESS_MAIN(TestBatchScanApi)
#include "test_batch_scan_api.moc"
