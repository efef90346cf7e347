// Contributor Insights through the front door: UpdateContributorInsights,
// DescribeContributorInsights, ListContributorInsights, and CloudWatch's
// GetInsightRuleReport over the rules they create; the setting survives a reopen.
#include <QtTest>

#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

namespace {

const std::string kReport = "GraniteServiceVersion20100801.GetInsightRuleReport";

Json musicTable(const std::string& name, bool provisioned = false) {
  Json t{{"TableName", name},
         {"KeySchema", Json::array({{{"AttributeName", "Artist"}, {"KeyType", "HASH"}},
                                    {{"AttributeName", "Song"}, {"KeyType", "RANGE"}}})},
         {"AttributeDefinitions", Json::array({{{"AttributeName", "Artist"}, {"AttributeType", "S"}},
                                               {{"AttributeName", "Song"}, {"AttributeType", "S"}},
                                               {{"AttributeName", "Genre"}, {"AttributeType", "S"}}})},
         {"GlobalSecondaryIndexes",
          Json::array({{{"IndexName", "ByGenre"},
                        {"KeySchema", Json::array({{{"AttributeName", "Genre"}, {"KeyType", "HASH"}}})},
                        {"Projection", {{"ProjectionType", "ALL"}}}}})}};
  if (provisioned) {
    t["ProvisionedThroughput"] = {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 1}};
    t["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"] = {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 100}};
  } else {
    t["BillingMode"] = "PAY_PER_REQUEST";
  }
  return t;
}

Json put(const std::string& table, const std::string& artist, const std::string& song) {
  return {{"TableName", table}, {"Item", {{"Artist", S(artist)}, {"Song", S(song)}, {"Genre", S("Rock")}}}};
}

std::string ruleOf(const Json& describe, const std::string& kind) {
  for (const auto& name : describe["ContributorInsightsRuleList"]) {
    if (name.get<std::string>().find("-" + kind + "-") != std::string::npos) return name.get<std::string>();
  }
  return {};
}

Json report(TempEngine& t, const std::string& rule) {
  const double now = static_cast<double>(t.clock().nowMillis()) / 1000.0;
  return t.call(kReport, {{"RuleName", rule},
                          {"StartTime", now - 3600},
                          {"EndTime", now + 60},
                          {"Period", 60},
                          {"MaxContributorCount", 5},
                          {"Metrics", Json::array({"Sum", "SampleCount", "UniqueContributors"})}});
}

}  // namespace

class TestContributorInsights : public QObject {
  Q_OBJECT
 private slots:
  void enableDescribeListAndReport() {
    TempEngine t;
    QVERIFY(TempEngine::errorType(t.call("CreateTable", musicTable("Music"))).empty());
    Json d = t.call("DescribeContributorInsights", {{"TableName", "Music"}});
    QCOMPARE(d["ContributorInsightsStatus"], Json("DISABLED"));
    QVERIFY(!d.contains("ContributorInsightsRuleList"));

    Json u = t.call("UpdateContributorInsights", {{"TableName", "Music"}, {"ContributorInsightsAction", "ENABLE"}});
    QVERIFY2(TempEngine::errorType(u).empty(), u.dump().c_str());
    QCOMPARE(u["ContributorInsightsStatus"], Json("ENABLING"));
    d = t.call("DescribeContributorInsights", {{"TableName", "Music"}});
    QCOMPARE(d["ContributorInsightsStatus"], Json("ENABLED"));
    QCOMPARE(d["ContributorInsightsRuleList"].size(), std::size_t(4));  // the table has a sort key
    const std::string pkc = ruleOf(d, "PKC");
    QVERIFY(pkc.starts_with("DynamoDBContributorInsights-PKC-Music-"));

    // A hot key drives the most accessed keys.
    for (int i = 0; i < 20; ++i) t.call("PutItem", put("Music", "Hot", "s" + std::to_string(i)));
    t.call("PutItem", put("Music", "Cold", "s"));
    for (int i = 0; i < 5; ++i) t.call("GetItem", {{"TableName", "Music"}, {"Key", {{"Artist", S("Hot")}, {"Song", S("s1")}}}});
    Json r = report(t, pkc);
    QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
    QCOMPARE(r["KeyLabels"], Json::array({"Artist"}));
    QCOMPARE(r["AggregationStatistic"], Json("Sum"));
    QCOMPARE(r["Contributors"][0]["Keys"], Json::array({"Hot"}));
    QCOMPARE(r["Contributors"][0]["ApproximateAggregateValue"], Json(20 * 1.0 + 5 * 0.5));
    QCOMPARE(r["Contributors"][1]["Keys"], Json::array({"Cold"}));
    QCOMPARE(r["AggregateValue"], Json(23.5));
    QCOMPARE(r["ApproximateUniqueCount"], Json(2));
    QCOMPARE(r["MetricDatapoints"][0]["SampleCount"], Json(26));
    Json skc = report(t, ruleOf(d, "SKC"));
    QCOMPARE(skc["KeyLabels"], Json::array({"Artist", "Song"}));
    QCOMPARE(skc["Contributors"][0]["Keys"], Json::array({"Hot", "s1"}));  // written once, read five times

    // A global index has its own rules, fed by its queries.
    u = t.call("UpdateContributorInsights",
               {{"TableName", "Music"}, {"IndexName", "ByGenre"}, {"ContributorInsightsAction", "ENABLE"}});
    QVERIFY2(TempEngine::errorType(u).empty(), u.dump().c_str());
    Json di = t.call("DescribeContributorInsights", {{"TableName", "Music"}, {"IndexName", "ByGenre"}});
    QCOMPARE(di["ContributorInsightsRuleList"].size(), std::size_t(2));  // no sort key
    t.call("Query", {{"TableName", "Music"}, {"IndexName", "ByGenre"}, {"KeyConditionExpression", "Genre = :g"},
                     {"ExpressionAttributeValues", {{":g", S("Rock")}}}});
    r = report(t, ruleOf(di, "PKC"));
    QCOMPARE(r["KeyLabels"], Json::array({"Genre"}));
    QCOMPARE(r["Contributors"][0]["Keys"], Json::array({"Rock"}));

    Json list = t.call("ListContributorInsights", Json::object());
    QCOMPARE(list["ContributorInsightsSummaries"].size(), std::size_t(2));
    QCOMPARE(list["ContributorInsightsSummaries"][0]["ContributorInsightsStatus"], Json("ENABLED"));
    QCOMPARE(list["ContributorInsightsSummaries"][1]["IndexName"], Json("ByGenre"));
    list = t.call("ListContributorInsights", {{"MaxResults", 1}});
    QCOMPARE(list["ContributorInsightsSummaries"].size(), std::size_t(1));
    list = t.call("ListContributorInsights", {{"MaxResults", 1}, {"NextToken", list["NextToken"]}});
    QCOMPARE(list["ContributorInsightsSummaries"][0]["IndexName"], Json("ByGenre"));
    QVERIFY(!list.contains("NextToken"));

    // Disabling removes the rules.
    t.call("UpdateContributorInsights", {{"TableName", "Music"}, {"ContributorInsightsAction", "DISABLE"}});
    QCOMPARE(t.call("DescribeContributorInsights", {{"TableName", "Music"}})["ContributorInsightsStatus"], Json("DISABLED"));
    QCOMPARE(TempEngine::errorType(report(t, pkc)), std::string("ResourceNotFoundException"));
  }

  void throttledHotKeyAppearsInTheThrottledRule() {
    TempEngine t;
    t.call("CreateTable", musicTable("Slow", true));
    t.call("UpdateContributorInsights", {{"TableName", "Slow"}, {"ContributorInsightsAction", "ENABLE"}});
    Json d = t.call("DescribeContributorInsights", {{"TableName", "Slow"}});
    // 1 WCU saves 300 units; then the hot key is refused.
    int refused = 0;
    for (int i = 0; i < 310; ++i) {
      Json r = t.call("PutItem", put("Slow", "Hot", "s" + std::to_string(i)));
      refused += TempEngine::errorType(r) == "ProvisionedThroughputExceededException";
    }
    QCOMPARE(refused, 10);
    t.call("PutItem", put("Slow", "Other", "x"));  // refused too
    Json r = report(t, ruleOf(d, "PKT"));
    QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
    QCOMPARE(r["AggregationStatistic"], Json("Count"));
    QCOMPARE(r["Contributors"][0]["Keys"], Json::array({"Hot"}));
    QCOMPARE(r["Contributors"][0]["ApproximateAggregateValue"], Json(10.0));
    QCOMPARE(r["Contributors"][1]["Keys"], Json::array({"Other"}));
    Json skt = report(t, ruleOf(d, "SKT"));
    QCOMPARE(skt["Contributors"].size(), std::size_t(5));  // MaxContributorCount
  }

  void errorsInDynamoDBsAndCloudWatchsWords() {
    TempEngine t;
    t.call("CreateTable", musicTable("Music"));
    QCOMPARE(TempEngine::errorType(t.call("DescribeContributorInsights", {{"TableName", "Nope"}})),
             std::string("ResourceNotFoundException"));
    QCOMPARE(TempEngine::errorType(t.call("UpdateContributorInsights",
                                          {{"TableName", "Music"}, {"IndexName", "Nope"}, {"ContributorInsightsAction", "ENABLE"}})),
             std::string("ResourceNotFoundException"));
    Json bad = t.call("UpdateContributorInsights", {{"TableName", "Music"}, {"ContributorInsightsAction", "ON"}});
    QCOMPARE(TempEngine::errorType(bad), std::string("ValidationException"));
    QVERIFY(bad["message"].get<std::string>().find("[ENABLE, DISABLE]") != std::string::npos);
    QCOMPARE(TempEngine::errorType(report(t, "DynamoDBContributorInsights-PKC-Music-1")),
             std::string("ResourceNotFoundException"));
    t.call("UpdateContributorInsights", {{"TableName", "Music"}, {"ContributorInsightsAction", "ENABLE"}});
    const std::string pkc = ruleOf(t.call("DescribeContributorInsights", {{"TableName", "Music"}}), "PKC");
    QCOMPARE(TempEngine::errorType(t.call(kReport, {{"RuleName", pkc}, {"StartTime", 0}, {"EndTime", 60}, {"Period", 30}})),
             std::string("InvalidParameterValue"));
    QCOMPARE(TempEngine::errorType(t.call(kReport, {{"RuleName", pkc}, {"EndTime", 60}, {"Period", 60}})),
             std::string("MissingParameter"));
  }

  void theSettingSurvivesAReopen() {
    TempEngine t;
    t.call("CreateTable", musicTable("Music"));
    t.call("UpdateContributorInsights",
           {{"TableName", "Music"}, {"IndexName", "ByGenre"}, {"ContributorInsightsAction", "ENABLE"}});
    const Json before = t.call("DescribeContributorInsights", {{"TableName", "Music"}, {"IndexName", "ByGenre"}});
    t.reopen();
    const Json after = t.call("DescribeContributorInsights", {{"TableName", "Music"}, {"IndexName", "ByGenre"}});
    QCOMPARE(after, before);
    QCOMPARE(after["ContributorInsightsStatus"], Json("ENABLED"));
    QCOMPARE(t.call("DescribeContributorInsights", {{"TableName", "Music"}})["ContributorInsightsStatus"], Json("DISABLED"));
    // The counters are in memory: a reopened engine reports the rule, empty.
    Json r = report(t, ruleOf(after, "PKC"));
    QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
    QCOMPARE(r["Contributors"].size(), std::size_t(0));
  }
};

QTEST_GUILESS_MAIN(TestContributorInsights)
#include "test_contributor_insights.moc"
