// DynamoDB Streams through the front door, on the engine's manual clock:
// records per view type, none for a write that changes nothing, every write
// path (single items, batches, transactions), 24-hour retention, 15-minute
// iterators, and disabling and enabling again.
#include <QtTest>

#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

namespace {

const std::string kPrefix = "DynamoDBStreams_20120810.";

Json table(const std::string& name, const std::string& view) {
  return Json{{"TableName", name},
              {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
              {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})},
              {"BillingMode", "PAY_PER_REQUEST"},
              {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", view}}}};
}

std::string iterator(TempEngine& t, const std::string& arn, const std::string& type, const std::string& seq = "") {
  Json d = t.call(kPrefix + "DescribeStream", {{"StreamArn", arn}});
  Json req{{"StreamArn", arn},
           {"ShardId", d["StreamDescription"]["Shards"][0]["ShardId"]},
           {"ShardIteratorType", type}};
  if (!seq.empty()) req["SequenceNumber"] = seq;
  Json r = t.call(kPrefix + "GetShardIterator", req);
  return r.value("ShardIterator", std::string());
}

std::vector<std::string> names(const Json& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r["eventName"].get<std::string>());
  return out;
}

}  // namespace

class TestStreams : public QObject {
  Q_OBJECT
 private slots:
  void recordsFollowEveryWritePath() {
    TempEngine t;
    Json created = t.call("CreateTable", table("Customers", "NEW_AND_OLD_IMAGES"));
    const std::string arn = created["TableDescription"]["LatestStreamArn"];
    t.call("PutItem", {{"TableName", "Customers"}, {"Item", {{"id", S("a")}, {"v", N("1")}}}});
    t.call("PutItem", {{"TableName", "Customers"}, {"Item", {{"id", S("a")}, {"v", N("1")}}}});  // unchanged: no record
    t.call("UpdateItem", {{"TableName", "Customers"}, {"Key", {{"id", S("a")}}},
                          {"UpdateExpression", "SET v = :v"}, {"ExpressionAttributeValues", {{":v", N("2")}}}});
    t.call("DeleteItem", {{"TableName", "Customers"}, {"Key", {{"id", S("missing")}}}});  // nothing removed
    Json batch = Json::array({{{"PutRequest", {{"Item", {{"id", S("b")}}}}}}, {{"DeleteRequest", {{"Key", {{"id", S("a")}}}}}}});
    t.call("BatchWriteItem", {{"RequestItems", {{"Customers", batch}}}});
    t.call("TransactWriteItems", {{"TransactItems", Json::array({{{"Put", {{"TableName", "Customers"},
                                                                         {"Item", {{"id", S("c")}}}}}}})}});
    Json page = t.call(kPrefix + "GetRecords", {{"ShardIterator", iterator(t, arn, "TRIM_HORIZON")}});
    QCOMPARE(names(page["Records"]),
             (std::vector<std::string>{"INSERT", "MODIFY", "INSERT", "REMOVE", "INSERT"}));
    const Json& modify = page["Records"][1]["dynamodb"];
    QCOMPARE(modify["OldImage"]["v"], N("1"));
    QCOMPARE(modify["NewImage"]["v"], N("2"));
    QCOMPARE(modify["Keys"], Json({{"id", S("a")}}));
    QCOMPARE(page["Records"][3]["dynamodb"].contains("NewImage"), false);
    // Sequence numbers increase; AFTER_SEQUENCE_NUMBER resumes after one.
    const std::string second = page["Records"][1]["dynamodb"]["SequenceNumber"];
    QVERIFY(page["Records"][0]["dynamodb"]["SequenceNumber"].get<std::string>() < second);
    Json after = t.call(kPrefix + "GetRecords", {{"ShardIterator", iterator(t, arn, "AFTER_SEQUENCE_NUMBER", second)}});
    QCOMPARE(after["Records"].size(), std::size_t(3));
    // LATEST sees only what comes next.
    const std::string latest = iterator(t, arn, "LATEST");
    t.call("PutItem", {{"TableName", "Customers"}, {"Item", {{"id", S("d")}}}});
    QCOMPARE(names(t.call(kPrefix + "GetRecords", {{"ShardIterator", latest}})["Records"]),
             (std::vector<std::string>{"INSERT"}));
  }

  void viewTypesDecideTheImages() {
    TempEngine t;
    const std::string keysOnly = t.call("CreateTable", table("KeysT", "KEYS_ONLY"))["TableDescription"]["LatestStreamArn"];
    const std::string oldOnly = t.call("CreateTable", table("OldT", "OLD_IMAGE"))["TableDescription"]["LatestStreamArn"];
    for (const char* name : {"KeysT", "OldT"}) {
      t.call("PutItem", {{"TableName", name}, {"Item", {{"id", S("a")}, {"v", N("1")}}}});
      t.call("PutItem", {{"TableName", name}, {"Item", {{"id", S("a")}, {"v", N("2")}}}});
    }
    Json k = t.call(kPrefix + "GetRecords", {{"ShardIterator", iterator(t, keysOnly, "TRIM_HORIZON")}});
    QCOMPARE(k["Records"][1]["dynamodb"].contains("NewImage"), false);
    QCOMPARE(k["Records"][1]["dynamodb"].contains("OldImage"), false);
    QCOMPARE(k["Records"][1]["dynamodb"]["StreamViewType"], Json("KEYS_ONLY"));
    Json o = t.call(kPrefix + "GetRecords", {{"ShardIterator", iterator(t, oldOnly, "TRIM_HORIZON")}});
    QCOMPARE(o["Records"][0]["dynamodb"].contains("OldImage"), false);  // INSERT has no old image
    QCOMPARE(o["Records"][1]["dynamodb"]["OldImage"]["v"], N("1"));
    QCOMPARE(o["Records"][1]["dynamodb"].contains("NewImage"), false);
  }

  void retentionIteratorsAndReenabling() {
    TempEngine t;
    const std::string first = t.call("CreateTable", table("Tbl", "NEW_IMAGE"))["TableDescription"]["LatestStreamArn"];
    t.call("PutItem", {{"TableName", "Tbl"}, {"Item", {{"id", S("a")}}}});
    // Iterators last 15 minutes.
    const std::string it = iterator(t, first, "TRIM_HORIZON");
    t.clock().advanceMillis(15 * 60 * 1000);
    QCOMPARE(TempEngine::errorType(t.call(kPrefix + "GetRecords", {{"ShardIterator", it}})),
             std::string("ExpiredIteratorException"));
    // Records are kept 24 hours.
    const std::string fresh = iterator(t, first, "TRIM_HORIZON");
    const std::string seq1 = "000000000000000000001";
    t.clock().advanceMillis(24LL * 60 * 60 * 1000);
    QCOMPARE(TempEngine::errorType(t.call(kPrefix + "GetRecords", {{"ShardIterator", fresh}})),
             std::string("ExpiredIteratorException"));
    Json at = t.call(kPrefix + "GetShardIterator",
                     {{"StreamArn", first},
                      {"ShardId", t.call(kPrefix + "DescribeStream", {{"StreamArn", first}})["StreamDescription"]["Shards"][0]["ShardId"]},
                      {"ShardIteratorType", "AT_SEQUENCE_NUMBER"},
                      {"SequenceNumber", seq1}});
    QCOMPARE(TempEngine::errorType(at), std::string("TrimmedDataAccessException"));
    QCOMPARE(t.call(kPrefix + "GetRecords", {{"ShardIterator", iterator(t, first, "TRIM_HORIZON")}})["Records"].size(),
             std::size_t(0));

    // Disabling closes the stream; it reads to its end, then has no next iterator.
    t.call("PutItem", {{"TableName", "Tbl"}, {"Item", {{"id", S("b")}}}});
    t.call("UpdateTable", {{"TableName", "Tbl"}, {"StreamSpecification", {{"StreamEnabled", false}}}});
    Json closed = t.call(kPrefix + "DescribeStream", {{"StreamArn", first}});
    QCOMPARE(closed["StreamDescription"]["StreamStatus"], Json("DISABLED"));
    QVERIFY(closed["StreamDescription"]["Shards"][0]["SequenceNumberRange"].contains("EndingSequenceNumber"));
    Json last = t.call(kPrefix + "GetRecords", {{"ShardIterator", iterator(t, first, "TRIM_HORIZON")}});
    QCOMPARE(names(last["Records"]), (std::vector<std::string>{"INSERT"}));
    QCOMPARE(last.contains("NextShardIterator"), false);
    t.call("PutItem", {{"TableName", "Tbl"}, {"Item", {{"id", S("c")}}}});  // no stream: no record anywhere
    // Enabling again starts a new stream; both are listed.
    t.clock().advanceMillis(1000);
    Json enabled = t.call("UpdateTable", {{"TableName", "Tbl"},
                                          {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "KEYS_ONLY"}}}});
    const std::string second = enabled["TableDescription"]["LatestStreamArn"];
    QVERIFY(second != first);
    QCOMPARE(t.call(kPrefix + "ListStreams", {{"TableName", "Tbl"}})["Streams"].size(), std::size_t(2));
    QCOMPARE(t.call(kPrefix + "GetRecords", {{"ShardIterator", iterator(t, second, "TRIM_HORIZON")}})["Records"].size(),
             std::size_t(0));
    // A closed stream is forgotten 24 hours after it closed.
    t.clock().advanceMillis(24LL * 60 * 60 * 1000);
    QCOMPARE(t.call(kPrefix + "ListStreams", Json::object())["Streams"].size(), std::size_t(1));
    QCOMPARE(TempEngine::errorType(t.call(kPrefix + "DescribeStream", {{"StreamArn", first}})),
             std::string("ResourceNotFoundException"));
  }
};

QTEST_GUILESS_MAIN(TestStreams)
#include "test_streams.moc"
