// Provisioned throughput through the front door: burst capacity spent, then
// ProvisionedThroughputExceededException in DynamoDB's words until the clock
// refills it; batches return what was refused; transactions cancel; global
// indexes hold back table writes; on-demand tables never throttle.
#include <QtTest>

#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

namespace {

Json provisionedTable(const std::string& name, int rcu, int wcu) {
  return Json{{"TableName", name},
              {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
              {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})},
              {"ProvisionedThroughput", {{"ReadCapacityUnits", rcu}, {"WriteCapacityUnits", wcu}}}};
}

Json putItem(const std::string& table, const std::string& id) {
  return {{"TableName", table}, {"Item", {{"id", S(id)}}}};
}

const std::string kTableMessage =
    "The level of configured provisioned throughput for the table was exceeded. Consider increasing your "
    "provisioning level with the UpdateTable API";

}  // namespace

class TestThrottling : public QObject {
  Q_OBJECT
 private slots:
  void burstIsSpentThenTheClockRefillsIt() {
    TempEngine t;
    t.call("CreateTable", provisionedTable("Slow", 1, 1));
    // One WCU saves up 300 seconds: 300 one-unit writes.
    for (int i = 0; i < 300; ++i) {
      Json r = t.call("PutItem", putItem("Slow", "item-" + std::to_string(i)));
      QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
    }
    Json r = t.call("PutItem", putItem("Slow", "one-too-many"));
    QCOMPARE(TempEngine::errorType(r), std::string("ProvisionedThroughputExceededException"));
    QCOMPARE(r["message"].get<std::string>(), kTableMessage);
    // Nothing of the refused write landed.
    QVERIFY(!t.call("GetItem", {{"TableName", "Slow"}, {"Key", {{"id", S("one-too-many")}}}}).contains("Item"));
    // Reads have their own capacity.
    QVERIFY(TempEngine::errorType(t.call("GetItem", {{"TableName", "Slow"}, {"Key", {{"id", S("item-0")}}}})).empty());
    t.clock().advanceMillis(1000);
    QVERIFY(TempEngine::errorType(t.call("PutItem", putItem("Slow", "after"))).empty());
    QCOMPARE(TempEngine::errorType(t.call("PutItem", putItem("Slow", "again"))),
             std::string("ProvisionedThroughputExceededException"));
    // UpdateTable raises the rate; what refills follows it.
    Json u = t.call("UpdateTable", {{"TableName", "Slow"},
                                    {"ProvisionedThroughput", {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 50}}}});
    QVERIFY2(TempEngine::errorType(u).empty(), u.dump().c_str());
    t.clock().advanceMillis(1000);
    for (int i = 0; i < 40; ++i) {
      Json w = t.call("PutItem", putItem("Slow", "fast"));
      QVERIFY2(TempEngine::errorType(w).empty(), (std::to_string(i) + w.dump()).c_str());
    }
  }

  void readsThrottleOnTheirOwnBucket() {
    TempEngine t;
    t.call("CreateTable", provisionedTable("Reads", 1, 5));
    t.call("PutItem", putItem("Reads", "a"));
    // 1 RCU saves 300 units: 600 eventually consistent reads of a small item.
    for (int i = 0; i < 600; ++i) {
      QVERIFY(TempEngine::errorType(t.call("GetItem", {{"TableName", "Reads"}, {"Key", {{"id", S("a")}}}})).empty());
    }
    Json r = t.call("Query", {{"TableName", "Reads"},
                              {"KeyConditionExpression", "id = :a"},
                              {"ExpressionAttributeValues", {{":a", S("a")}}}});
    QCOMPARE(TempEngine::errorType(r), std::string("ProvisionedThroughputExceededException"));
    QVERIFY(TempEngine::errorType(t.call("PutItem", putItem("Reads", "b"))).empty());
  }

  void batchesReturnWhatWasRefused() {
    TempEngine t;
    t.call("CreateTable", provisionedTable("Spent", 1, 1));
    t.call("CreateTable", provisionedTable("Fresh", 1, 1));
    for (int i = 0; i < 300; ++i) t.call("PutItem", putItem("Spent", std::to_string(i)));
    Json r = t.call("BatchWriteItem",
                    {{"RequestItems",
                      {{"Spent", Json::array({{{"PutRequest", {{"Item", {{"id", S("x")}}}}}}})},
                       {"Fresh", Json::array({{{"PutRequest", {{"Item", {{"id", S("y")}}}}}}})}}}});
    QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
    QCOMPARE(r["UnprocessedItems"],
             Json({{"Spent", Json::array({{{"PutRequest", {{"Item", {{"id", S("x")}}}}}}})}}));
    QVERIFY(t.call("GetItem", {{"TableName", "Fresh"}, {"Key", {{"id", S("y")}}}}).contains("Item"));
    // When nothing can be admitted, the whole call fails.
    r = t.call("BatchWriteItem",
               {{"RequestItems", {{"Spent", Json::array({{{"PutRequest", {{"Item", {{"id", S("z")}}}}}}})}}}});
    QCOMPARE(TempEngine::errorType(r), std::string("ProvisionedThroughputExceededException"));
    QCOMPARE(r["message"].get<std::string>(),
             std::string("The level of configured provisioned throughput for one or more tables was exceeded. "
                         "Consider increasing your provisioning level with the UpdateTable API"));
  }

  void transactionsCancelWithAThroughputReason() {
    TempEngine t;
    t.call("CreateTable", provisionedTable("Spent", 1, 1));
    t.call("CreateTable", provisionedTable("Fresh", 1, 1));
    for (int i = 0; i < 300; ++i) t.call("PutItem", putItem("Spent", std::to_string(i)));
    Json r = t.call("TransactWriteItems",
                    {{"TransactItems", Json::array({{{"Put", putItem("Fresh", "a")}}, {{"Put", putItem("Spent", "b")}}})}});
    QCOMPARE(TempEngine::errorType(r), std::string("TransactionCanceledException"));
    QCOMPARE(r["message"].get<std::string>(),
             std::string("Transaction cancelled, please refer cancellation reasons for specific reasons "
                         "[None, ProvisionedThroughputExceeded]"));
    QCOMPARE(r["CancellationReasons"][1]["Code"], Json("ProvisionedThroughputExceeded"));
    QCOMPARE(r["CancellationReasons"][1]["Message"].get<std::string>(), kTableMessage);
    QVERIFY(!t.call("GetItem", {{"TableName", "Fresh"}, {"Key", {{"id", S("a")}}}}).contains("Item"));
  }

  void aGlobalIndexWithoutWriteCapacityThrottlesTheTable() {
    TempEngine t;
    Json def = provisionedTable("Indexed", 100, 100);
    def["AttributeDefinitions"].push_back({{"AttributeName", "g"}, {"AttributeType", "S"}});
    def["GlobalSecondaryIndexes"] =
        Json::array({{{"IndexName", "ByG"},
                      {"KeySchema", Json::array({{{"AttributeName", "g"}, {"KeyType", "HASH"}}})},
                      {"Projection", {{"ProjectionType", "KEYS_ONLY"}}},
                      {"ProvisionedThroughput", {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 1}}}}});
    t.call("CreateTable", def);
    for (int i = 0; i < 300; ++i) {
      Json r = t.call("PutItem", {{"TableName", "Indexed"}, {"Item", {{"id", S(std::to_string(i))}, {"g", S("v")}}}});
      QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
    }
    Json r = t.call("PutItem", putItem("Indexed", "plain"));
    QCOMPARE(TempEngine::errorType(r), std::string("ProvisionedThroughputExceededException"));
    QCOMPARE(r["message"].get<std::string>(),
             std::string("The level of configured provisioned throughput for one or more global secondary indexes "
                         "of the table was exceeded. Consider increasing your provisioning level for the "
                         "under-provisioned global secondary indexes with the UpdateTable API"));
  }

  void onDemandNeverThrottles() {
    TempEngine t;
    Json def = provisionedTable("OnDemand", 1, 1);
    def.erase("ProvisionedThroughput");
    def["BillingMode"] = "PAY_PER_REQUEST";
    t.call("CreateTable", def);
    for (int i = 0; i < 400; ++i) QVERIFY(TempEngine::errorType(t.call("PutItem", putItem("OnDemand", "k"))).empty());
  }
};

QTEST_APPLESS_MAIN(TestThrottling)
#include "test_throttling.moc"
