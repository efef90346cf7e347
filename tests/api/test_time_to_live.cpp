// Time to Live through the front door on the engine's manual clock: the
// settings, items expiring once the clock passes their epoch seconds (and
// only then), values DynamoDB ignores, and REMOVE stream records that name
// the DynamoDB service.
#include <QtTest>

#include <chrono>
#include <thread>

#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

namespace {

Json table(const std::string& name) {
  return Json{{"TableName", name},
              {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
              {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})},
              {"BillingMode", "PAY_PER_REQUEST"},
              {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", "OLD_IMAGE"}}}};
}

Json ttl(bool enabled, const std::string& attribute) {
  return {{"TableName", "Stories"}, {"TimeToLiveSpecification", {{"Enabled", enabled}, {"AttributeName", attribute}}}};
}

std::size_t countItems(TempEngine& t) {
  return t.call("Scan", {{"TableName", "Stories"}, {"Select", "COUNT"}})["Count"].get<std::size_t>();
}

// The sweeper runs a few times a second: wait (real time) for the count.
bool waitForCount(TempEngine& t, std::size_t n) {
  for (int i = 0; i < 100; ++i) {
    if (countItems(t) == n) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

Json streamRecords(TempEngine& t) {
  const std::string arn = t.call("DescribeTable", {{"TableName", "Stories"}})["Table"]["LatestStreamArn"];
  Json d = t.call("DynamoDBStreams_20120810.DescribeStream", {{"StreamArn", arn}});
  Json it = t.call("DynamoDBStreams_20120810.GetShardIterator",
                   {{"StreamArn", arn}, {"ShardId", d["StreamDescription"]["Shards"][0]["ShardId"]},
                    {"ShardIteratorType", "TRIM_HORIZON"}});
  return t.call("DynamoDBStreams_20120810.GetRecords", {{"ShardIterator", it["ShardIterator"]}})["Records"];
}

// Keys of the REMOVE records that name the DynamoDB service (TTL deletions).
std::vector<std::string> removedByService(TempEngine& t) {
  std::vector<std::string> out;
  const Json service{{"PrincipalId", "dynamodb.amazonaws.com"}, {"Type", "Service"}};
  for (const auto& r : streamRecords(t)) {
    if (r["eventName"] == "REMOVE" && r.value("userIdentity", Json()) == service) {
      out.push_back(r["dynamodb"]["Keys"]["id"]["S"]);
    }
  }
  return out;
}

}  // namespace

class TestTimeToLive : public QObject {
  Q_OBJECT
 private slots:
  void settingsAreDynamoDbs() {
    TempEngine t;
    t.call("CreateTable", table("Stories"));
    QCOMPARE(t.call("DescribeTimeToLive", {{"TableName", "Stories"}})["TimeToLiveDescription"],
             Json({{"TimeToLiveStatus", "DISABLED"}}));
    QCOMPARE(t.call("UpdateTimeToLive", ttl(true, "expiresAt"))["TimeToLiveSpecification"],
             Json({{"Enabled", true}, {"AttributeName", "expiresAt"}}));
    QCOMPARE(t.call("DescribeTimeToLive", {{"TableName", "Stories"}})["TimeToLiveDescription"],
             Json({{"TimeToLiveStatus", "ENABLED"}, {"AttributeName", "expiresAt"}}));
    QCOMPARE(t.call("UpdateTimeToLive", ttl(true, "other"))["message"], Json("TimeToLive is already enabled"));
    QCOMPARE(t.call("UpdateTimeToLive", ttl(false, "other"))["message"],
             Json("TimeToLive is active on a different AttributeName: current AttributeName is expiresAt"));
    QVERIFY(TempEngine::errorType(t.call("UpdateTimeToLive", ttl(false, "expiresAt"))).empty());
    QCOMPARE(t.call("UpdateTimeToLive", ttl(false, "expiresAt"))["message"], Json("TimeToLive is already disabled"));
    QCOMPARE(TempEngine::errorType(t.call("DescribeTimeToLive", {{"TableName", "Nope"}})),
             std::string("ResourceNotFoundException"));
  }

  void expiredItemsGoWithAServiceRecord() {
    TempEngine t;
    t.clock().setMillis(1'800'000'000'000);  // 2027-01-15
    const std::int64_t now = 1'800'000'000;
    t.call("CreateTable", table("Stories"));
    t.call("UpdateTimeToLive", ttl(true, "expiresAt"));
    auto put = [&](const std::string& id, const Json& expiresAt) {
      Json item{{"id", S(id)}};
      if (!expiresAt.is_null()) item["expiresAt"] = expiresAt;
      t.call("PutItem", {{"TableName", "Stories"}, {"Item", item}});
    };
    put("past", N(std::to_string(now - 10)));
    put("day", N(std::to_string(now + 24 * 3600)));          // a story: 24 hours
    put("ancient", N(std::to_string(now - 6LL * 365 * 24 * 3600)));  // over 5 years old: ignored
    put("text", S("yesterday"));                              // not a number: ignored
    put("none", Json());
    QVERIFY(waitForCount(t, 4));  // "past" went
    QCOMPARE(removedByService(t), (std::vector<std::string>{"past"}));
    t.clock().advanceMillis(24LL * 3600 * 1000 - 1000);  // a second before the story expires
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    QCOMPARE(countItems(t), std::size_t(4));
    t.clock().advanceMillis(1000);
    QVERIFY(waitForCount(t, 3));

    // The first deletion's record is 24 hours old now, past the stream's retention.
    QCOMPARE(removedByService(t), (std::vector<std::string>{"day"}));
    // A user's own delete carries no userIdentity.
    t.call("DeleteItem", {{"TableName", "Stories"}, {"Key", {{"id", S("none")}}}});
    const Json records = streamRecords(t);
    QCOMPARE(records.back()["eventName"], Json("REMOVE"));
    QCOMPARE(records.back().contains("userIdentity"), false);
  }
};

QTEST_GUILESS_MAIN(TestTimeToLive)
#include "test_time_to_live.moc"
