// DynadeskWorkbench_20261122.DescribeKeyActivity through the front door: a hot
// key's units land in the partition its hash belongs to (checked against the
// governor's own partitionOf), a tiny provisioned table lists its throttled
// keys and items, the minutes follow the engine's ManualClock, a global index
// is a target of its own, and bad requests get DynamoDB's error types — all
// without Contributor Insights being enabled.
#include <QtTest>

#include "capacity/throughput_governor.h"
#include "dynadesk/attribute_value.h"
#include "storage/key_codec.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

namespace {

const std::string kOp = "DynadeskWorkbench_20261122.DescribeKeyActivity";

Json hashTable(const std::string& name, int rcu, int wcu) {
  Json t{{"TableName", name},
         {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
         {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})}};
  if (rcu > 0) {
    t["ProvisionedThroughput"] = {{"ReadCapacityUnits", rcu}, {"WriteCapacityUnits", wcu}};
  } else {
    t["BillingMode"] = "PAY_PER_REQUEST";
  }
  return t;
}

Json musicTable(const std::string& name, int rcu, int wcu) {
  Json t{{"TableName", name},
         {"KeySchema", Json::array({{{"AttributeName", "Artist"}, {"KeyType", "HASH"}},
                                    {{"AttributeName", "Song"}, {"KeyType", "RANGE"}}})},
         {"AttributeDefinitions", Json::array({{{"AttributeName", "Artist"}, {"AttributeType", "S"}},
                                               {{"AttributeName", "Song"}, {"AttributeType", "S"}},
                                               {{"AttributeName", "Genre"}, {"AttributeType", "S"}},
                                               {{"AttributeName", "Year"}, {"AttributeType", "N"}}})},
         {"GlobalSecondaryIndexes",
          Json::array({{{"IndexName", "ByGenre"},
                        {"KeySchema", Json::array({{{"AttributeName", "Genre"}, {"KeyType", "HASH"}}})},
                        {"Projection", {{"ProjectionType", "ALL"}}}}})},
         {"LocalSecondaryIndexes",
          Json::array({{{"IndexName", "ByYear"},
                        {"KeySchema", Json::array({{{"AttributeName", "Artist"}, {"KeyType", "HASH"}},
                                                   {{"AttributeName", "Year"}, {"KeyType", "RANGE"}}})},
                        {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}})}};
  if (rcu > 0) {
    t["ProvisionedThroughput"] = {{"ReadCapacityUnits", rcu}, {"WriteCapacityUnits", wcu}};
    t["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"] = {{"ReadCapacityUnits", 100}, {"WriteCapacityUnits", 100}};
  } else {
    t["BillingMode"] = "PAY_PER_REQUEST";
  }
  return t;
}

void ok(TempEngine& t, const std::string& op, const Json& request) {
  const Json r = t.call(op, request);
  QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
}

Json describe(TempEngine& t, Json request) {
  Json r = t.call(kOp, request);
  if (!TempEngine::errorType(r).empty()) qWarning("%s", r.dump().c_str());
  return r;
}

// The partition the governor and KeyActivity place a string partition key in.
int partitionOfKey(const std::string& key, int count) {
  return capacity::partitionOf(storage::partitionHash(AttributeValue::string(key)), count);
}

double seconds(std::int64_t millis) { return static_cast<double>(millis) / 1000.0; }

}  // namespace

class TestKeyActivityApi : public QObject {
  Q_OBJECT
 private slots:
  void hotKeyLandsInItsPartition() {
    TempEngine t;
    // 3,000 RCU + 3,000 WCU: ceil(3000/3000 + 3000/1000) = 4 partitions.
    ok(t, "CreateTable", hashTable("Hot", 3000, 3000));
    std::vector<double> expectedWrites(4, 0), expectedReads(4, 0);
    for (int i = 0; i < 40; ++i) ok(t, "PutItem", {{"TableName", "Hot"}, {"Item", {{"id", S("hot")}}}});
    expectedWrites[partitionOfKey("hot", 4)] += 40;
    for (int i = 0; i < 20; ++i) {
      const std::string id = "k" + std::to_string(i);
      ok(t, "PutItem", {{"TableName", "Hot"}, {"Item", {{"id", S(id)}}}});
      expectedWrites[partitionOfKey(id, 4)] += 1;
    }
    // Eventually consistent reads of a small item cost half a unit.
    for (int i = 0; i < 4; ++i) ok(t, "GetItem", {{"TableName", "Hot"}, {"Key", {{"id", S("hot")}}}});
    expectedReads[partitionOfKey("hot", 4)] += 2;

    // Contributor Insights stays off: the workbench's diagnostic does not need it.
    QCOMPARE(t.call("DescribeContributorInsights", {{"TableName", "Hot"}})["ContributorInsightsStatus"], Json("DISABLED"));
    Json r = describe(t, {{"TableName", "Hot"}});
    QVERIFY(TempEngine::errorType(r).empty());
    QCOMPARE(r["TableName"], Json("Hot"));
    QVERIFY(!r.contains("IndexName"));
    QCOMPARE(r["KeySchema"], Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}}));
    QCOMPARE(r["PartitionCount"], Json(4));
    const double now = seconds(t.clock().nowMillis());
    // By default the hour ending with the current minute.
    QCOMPARE(r["EndTime"], Json(now + 60));
    QCOMPARE(r["StartTime"], Json(now + 60 - 3600));
    QCOMPARE(r["Minutes"].size(), std::size_t(1));
    Json minute = r["Minutes"][0];
    QCOMPARE(minute["StartTime"], Json(now));  // the clock starts on a minute
    QCOMPARE(minute["PartitionCount"], Json(4));
    QCOMPARE(minute["WriteCapacityUnits"], Json(expectedWrites));
    QCOMPARE(minute["ReadCapacityUnits"], Json(expectedReads));
    QCOMPARE(minute["ThrottledRequests"], Json::array({0, 0, 0, 0}));

    QCOMPARE(r["MostAccessedKeys"][0], Json({{"Keys", {"hot"}}, {"Value", 42.0}}));
    QCOMPARE(r["MostAccessedKeys"].size(), std::size_t(10));  // the default MaxContributors
    QCOMPARE(r["MostThrottledKeys"], Json::array());
    QVERIFY(!r.contains("MostAccessedItems"));  // no sort key
    QVERIFY(!r.contains("MostThrottledItems"));
    QCOMPARE(r["Totals"], Json({{"MostAccessedKeys", 62.0}, {"MostThrottledKeys", 0.0}}));

    Json three = describe(t, {{"TableName", "Hot"}, {"MaxContributors", 3}});
    QCOMPARE(three["MostAccessedKeys"].size(), std::size_t(3));
    QCOMPARE(three["MostAccessedKeys"][1]["Value"], Json(1.0));
  }

  void throttledKeysOfATinyProvisionedTable() {
    TempEngine t;
    ok(t, "CreateTable", musicTable("Slow", 1, 1));
    // One WCU saves 300 units of burst; the hot artist's next 10 writes are refused.
    int refused = 0;
    for (int i = 0; i < 310; ++i) {
      const Json r = t.call("PutItem", {{"TableName", "Slow"},
                                        {"Item", {{"Artist", S("Hot")}, {"Song", S("s" + std::to_string(i % 3))},
                                                  {"Genre", S("Rock")}}}});
      refused += TempEngine::errorType(r) == "ProvisionedThroughputExceededException";
    }
    QCOMPARE(refused, 10);
    const Json other = t.call("PutItem", {{"TableName", "Slow"}, {"Item", {{"Artist", S("Other")}, {"Song", S("x")}}}});
    QCOMPARE(TempEngine::errorType(other), std::string("ProvisionedThroughputExceededException"));

    Json r = describe(t, {{"TableName", "Slow"}});
    QVERIFY(TempEngine::errorType(r).empty());
    QCOMPARE(r["PartitionCount"], Json(1));
    QCOMPARE(r["KeySchema"].size(), std::size_t(2));
    QCOMPARE(r["Minutes"][0]["ThrottledRequests"], Json::array({11}));
    QCOMPARE(r["MostThrottledKeys"],
             Json::array({{{"Keys", {"Hot"}}, {"Value", 10.0}}, {{"Keys", {"Other"}}, {"Value", 1.0}}}));
    QCOMPARE(r["Totals"]["MostThrottledKeys"], Json(11.0));
    // With a sort key, items too: s0..s2 were refused 4, 3 and 3 times (writes 300..309).
    QCOMPARE(r["MostThrottledItems"].size(), std::size_t(4));
    QCOMPARE(r["MostThrottledItems"][0], Json({{"Keys", {"Hot", "s0"}}, {"Value", 4.0}}));
    QCOMPARE(r["Totals"]["MostThrottledItems"], Json(11.0));
    QCOMPARE(r["MostAccessedItems"][0]["Keys"].size(), std::size_t(2));
    QCOMPARE(r["Totals"]["MostAccessedKeys"], Json(300.0));
  }

  void minutesFollowTheClock() {
    TempEngine t;
    ok(t, "CreateTable", hashTable("Clocked", 0, 0));
    const std::int64_t t0 = t.clock().nowMillis();
    for (int i = 0; i < 3; ++i) ok(t, "PutItem", {{"TableName", "Clocked"}, {"Item", {{"id", S("a")}}}});
    t.clock().advanceMillis(2 * 60'000 + 5'000);
    for (int i = 0; i < 5; ++i) ok(t, "PutItem", {{"TableName", "Clocked"}, {"Item", {{"id", S("a")}}}});

    Json r = describe(t, {{"TableName", "Clocked"}});
    QCOMPARE(r["PartitionCount"], Json(1));  // on-demand and small
    QCOMPARE(r["Minutes"].size(), std::size_t(2));
    QCOMPARE(r["Minutes"][0]["StartTime"], Json(seconds(t0)));
    QCOMPARE(r["Minutes"][0]["WriteCapacityUnits"], Json::array({3.0}));
    QCOMPARE(r["Minutes"][1]["StartTime"], Json(seconds(t0 + 120'000)));
    QCOMPARE(r["Minutes"][1]["WriteCapacityUnits"], Json::array({5.0}));
    QCOMPARE(r["MostAccessedKeys"][0]["Value"], Json(8.0));

    // A range holds the minutes that start inside it.
    r = describe(t, {{"TableName", "Clocked"}, {"StartTime", seconds(t0 + 1'000)}});
    QCOMPARE(r["Minutes"].size(), std::size_t(1));
    QCOMPARE(r["MostAccessedKeys"][0]["Value"], Json(5.0));
    r = describe(t, {{"TableName", "Clocked"}, {"StartTime", seconds(t0)}, {"EndTime", seconds(t0 + 60'000)}});
    QCOMPARE(r["Minutes"].size(), std::size_t(1));
    QCOMPARE(r["Minutes"][0]["StartTime"], Json(seconds(t0)));
    QCOMPARE(r["MostAccessedKeys"][0]["Value"], Json(3.0));
    // Only EndTime: the hour before it.
    r = describe(t, {{"TableName", "Clocked"}, {"EndTime", seconds(t0 + 60'000)}});
    QCOMPARE(r["StartTime"], Json(seconds(t0 + 60'000 - 3'600'000)));
    QCOMPARE(r["Minutes"].size(), std::size_t(1));

    // An hour later the counters have aged out.
    t.clock().advanceMillis(61 * 60'000);
    r = describe(t, {{"TableName", "Clocked"}});
    QCOMPARE(r["Minutes"], Json::array());
    QCOMPARE(r["MostAccessedKeys"], Json::array());
    QCOMPARE(r["Totals"]["MostAccessedKeys"], Json(0.0));
  }

  void aGlobalIndexIsATargetOfItsOwn() {
    TempEngine t;
    ok(t, "CreateTable", musicTable("Music", 0, 0));
    ok(t, "PutItem", {{"TableName", "Music"}, {"Item", {{"Artist", S("A")}, {"Song", S("1")}, {"Genre", S("Rock")}}}});
    ok(t, "Query", {{"TableName", "Music"}, {"IndexName", "ByGenre"}, {"KeyConditionExpression", "Genre = :g"},
                    {"ExpressionAttributeValues", {{":g", S("Rock")}}}});
    Json r = describe(t, {{"TableName", "Music"}, {"IndexName", "ByGenre"}});
    QVERIFY(TempEngine::errorType(r).empty());
    QCOMPARE(r["IndexName"], Json("ByGenre"));
    QCOMPARE(r["KeySchema"], Json::array({{{"AttributeName", "Genre"}, {"KeyType", "HASH"}}}));
    QCOMPARE(r["MostAccessedKeys"][0]["Keys"], Json::array({"Rock"}));
    QCOMPARE(r["Minutes"][0]["ReadCapacityUnits"], Json::array({0.5}));
    QVERIFY(!r.contains("MostAccessedItems"));
    // The table's own activity is the write, not the index read.
    Json table = describe(t, {{"TableName", "Music"}});
    QCOMPARE(table["MostAccessedKeys"][0]["Keys"], Json::array({"A"}));
    QCOMPARE(table["MostAccessedItems"][0]["Keys"], Json::array({"A", "1"}));
    QCOMPARE(table["Minutes"][0]["ReadCapacityUnits"], Json::array({0.0}));
  }

  void badRequestsGetDynamoDbErrors() {
    TempEngine t;
    ok(t, "CreateTable", musicTable("Music", 0, 0));
    auto expectError = [&](const Json& request, const std::string& type, const std::string& message) {
      Json r = t.call(kOp, request);
      QCOMPARE(TempEngine::errorType(r), type);
      if (!message.empty()) QCOMPARE(r["message"].get<std::string>(), message);
    };
    expectError(Json::object(), "ValidationException",
                "The parameter 'TableName' is required but was not present in the request");
    expectError({{"TableName", "ab"}}, "ValidationException", "");
    expectError({{"TableName", "Nope"}}, "ResourceNotFoundException",
                "Requested resource not found: Table: Nope not found");
    expectError({{"TableName", "Music"}, {"IndexName", "Nope"}}, "ResourceNotFoundException",
                "Requested resource not found: Index: Nope not found for table Music");
    // A local index shares its table's partitions: not a target of its own.
    expectError({{"TableName", "Music"}, {"IndexName", "ByYear"}}, "ResourceNotFoundException", "");
    expectError({{"TableName", "Music"}, {"MaxContributors", 0}}, "ValidationException",
                "1 validation error detected: Value '0' at 'maxContributors' failed to satisfy constraint: "
                "Member must have value greater than or equal to 1");
    expectError({{"TableName", "Music"}, {"MaxContributors", 101}}, "ValidationException",
                "1 validation error detected: Value '101' at 'maxContributors' failed to satisfy constraint: "
                "Member must have value less than or equal to 100");
    expectError({{"TableName", "Music"}, {"MaxContributors", Json::array()}}, "SerializationException", "");
    expectError({{"TableName", "Music"}, {"StartTime", "yesterday"}}, "ValidationException",
                "StartTime must be a number of seconds since the epoch (1970-01-01 UTC), at least 0");
    expectError({{"TableName", "Music"}, {"EndTime", -5}}, "ValidationException", "");
    const double now = seconds(t.clock().nowMillis());
    expectError({{"TableName", "Music"}, {"StartTime", now}, {"EndTime", now}}, "ValidationException",
                "StartTime must be less than EndTime");
    expectError({{"TableName", "Music"}, {"StartTime", now + 60}}, "ValidationException",
                "StartTime must be less than EndTime");
    expectError(Json::array(), "SerializationException", "");
    // A deleted table is gone here too.
    ok(t, "DeleteTable", {{"TableName", "Music"}});
    expectError({{"TableName", "Music"}}, "ResourceNotFoundException", "");
  }
};

QTEST_MAIN(TestKeyActivityApi)
#include "test_key_activity_api.moc"
