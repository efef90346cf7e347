// The Partitions tab's plain values: the window of whole minutes ending with
// the current one, the DescribeKeyActivity request, decoding its answer
// (including malformed ones, which must never throw), and the heat map grid —
// minutes without activity, a split partway through, the hottest cell.
#include <QtTest>

#include "session/key_activity_report.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using Json = nlohmann::json;

namespace {

// 2026-01-01T12:00:00Z
constexpr std::int64_t kNoon = 1767268800000LL;
constexpr std::int64_t kMinute = 60'000;

Json sampleAnswer() {
  const double start = (kNoon - 60 * kMinute) / 1000.0;
  return {{"TableName", "Music"},
          {"StartTime", start},
          {"EndTime", kNoon / 1000.0},
          {"KeySchema", Json::array({{{"AttributeName", "Artist"}, {"KeyType", "HASH"}},
                                     {{"AttributeName", "Song"}, {"KeyType", "RANGE"}}})},
          {"PartitionCount", 2},
          {"Minutes", Json::array({// newest first: the decoder sorts
                                   {{"StartTime", (kNoon - 2 * kMinute) / 1000.0},
                                    {"PartitionCount", 2},
                                    {"ReadCapacityUnits", {0.5, 4}},
                                    {"WriteCapacityUnits", {0, 30}},
                                    {"ThrottledRequests", {0, 3}}},
                                   {{"StartTime", (kNoon - 50 * kMinute) / 1000.0},
                                    {"PartitionCount", 1},
                                    {"ReadCapacityUnits", {2}},
                                    {"WriteCapacityUnits", {5}},
                                    {"ThrottledRequests", {0}}}})},
          {"MostAccessedKeys", Json::array({{{"Keys", {"Hot"}}, {"Value", 30}}, {{"Keys", {"Cold"}}, {"Value", 7.5}}})},
          {"MostThrottledKeys", Json::array({{{"Keys", {"Hot"}}, {"Value", 3}}})},
          {"MostAccessedItems", Json::array({{{"Keys", {"Hot", "s1"}}, {"Value", 20}}})},
          {"MostThrottledItems", Json::array()},
          {"Totals", {{"MostAccessedKeys", 41.5}, {"MostThrottledKeys", 3}, {"MostAccessedItems", 41.5},
                      {"MostThrottledItems", 0}}}};
}

}  // namespace

class TestKeyActivityReport : public QObject {
  Q_OBJECT
 private slots:
  void windowEndsWithTheCurrentMinute() {
    const std::int64_t now = kNoon + 34 * kMinute + 56'000;  // 12:34:56
    ActivityWindow hour = activityWindow(ActivityRange::LastHour, now);
    QCOMPARE(hour.endMillis, kNoon + 35 * kMinute);
    QCOMPARE(hour.startMillis, kNoon - 25 * kMinute);
    QCOMPARE(hour.minutes(), 60);
    ActivityWindow quarter = activityWindow(ActivityRange::Last15Minutes, now);
    QCOMPARE(quarter.startMillis, kNoon + 20 * kMinute);
    QCOMPARE(quarter.minutes(), 15);
    // On a minute boundary, that minute is the current one.
    QCOMPARE(activityWindow(ActivityRange::LastHour, kNoon).endMillis, kNoon + kMinute);
  }

  void requestCarriesTheWindowInSeconds() {
    KeyActivityQuery q;
    q.table = "Music";
    q.window = activityWindow(ActivityRange::Last15Minutes, kNoon);
    Json r = keyActivityRequest(q);
    QCOMPARE(r["TableName"], Json("Music"));
    QVERIFY(!r.contains("IndexName"));
    QCOMPARE(r["StartTime"], Json((kNoon - 14 * kMinute) / 1000.0));
    QCOMPARE(r["EndTime"], Json((kNoon + kMinute) / 1000.0));
    QCOMPARE(r["MaxContributors"], Json(10));
    q.index = "ByGenre";
    q.maxContributors = 500;  // clamped to what the operation allows
    r = keyActivityRequest(q);
    QCOMPARE(r["IndexName"], Json("ByGenre"));
    QCOMPARE(r["MaxContributors"], Json(100));
  }

  void decodesTheAnswer() {
    auto r = parseKeyActivity(sampleAnswer());
    QVERIFY(r.isOk());
    QCOMPARE(r->table, std::string("Music"));
    QCOMPARE(r->partitionKeyName, std::string("Artist"));
    QCOMPARE(r->sortKeyName, std::string("Song"));
    QVERIFY(r->hasSortKey());
    QCOMPARE(r->partitionCount, 2);
    QCOMPARE(r->startMillis, kNoon - 60 * kMinute);
    QCOMPARE(r->minutes.size(), std::size_t(2));
    QCOMPARE(r->minutes[0].startMillis, kNoon - 50 * kMinute);  // sorted
    QCOMPARE(r->minutes[1].partitions[1].writeUnits, 30.0);
    QCOMPARE(r->minutes[1].partitions[0].readUnits, 0.5);
    QCOMPARE(r->minutes[1].partitions[1].throttled, 3u);
    QCOMPARE(r->mostAccessedKeys.entries.size(), std::size_t(2));
    QCOMPARE(r->mostAccessedKeys.entries[1].keys, std::vector<std::string>{"Cold"});
    QCOMPARE(r->mostAccessedKeys.total, 41.5);
    QCOMPARE(r->mostAccessedKeys.shareOf(r->mostAccessedKeys.entries[0]), 30 / 41.5);
    QCOMPARE(r->mostAccessedItems.entries[0].keys, (std::vector<std::string>{"Hot", "s1"}));
    QCOMPARE(r->mostThrottledItems.total, 0.0);
  }

  void malformedAnswersNeverThrow() {
    QCOMPARE(parseKeyActivity(Json::array()).status().type(), ErrorType::ValidationException);
    QCOMPARE(parseKeyActivity(Json{{"Minutes", 3}, {"KeySchema", Json::array()}}).status().type(),
             ErrorType::ValidationException);
    QVERIFY(!parseKeyActivity(Json{{"Minutes", Json::array()}}).isOk());
    Json odd{{"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}, 7})},
             {"PartitionCount", "many"},
             {"Minutes", Json::array({"x",
                                      {{"ReadCapacityUnits", {1}}},  // no start: skipped
                                      {{"StartTime", 60}, {"ReadCapacityUnits", {1, "two", nullptr}}}})},
             {"MostAccessedKeys", Json::array({{{"Value", 3}}, {{"Keys", {"a"}}, {"Value", "lots"}}, 5})},
             {"Totals", "none"}};
    auto r = parseKeyActivity(odd);
    QVERIFY(r.isOk());
    QCOMPARE(r->partitionCount, 1);
    QVERIFY(!r->hasSortKey());
    QCOMPARE(r->minutes.size(), std::size_t(1));
    QCOMPARE(r->minutes[0].partitionCount, 3);  // from the list's length
    QCOMPARE(r->minutes[0].partitions[1].readUnits, 0.0);
    QCOMPARE(r->mostAccessedKeys.entries.size(), std::size_t(1));
    QCOMPARE(r->mostAccessedKeys.entries[0].value, 0.0);
    QCOMPARE(r->mostAccessedKeys.shareOf(r->mostAccessedKeys.entries[0]), 0.0);
    // A huge partition count is clamped, not allocated.
    Json huge{{"KeySchema", Json::array()}, {"PartitionCount", 1e12},
              {"Minutes", Json::array({{{"StartTime", 0}, {"PartitionCount", 1e12}}})}};
    r = parseKeyActivity(huge);
    QVERIFY(r.isOk());
    QVERIFY(r->partitionCount <= 4096);
    QVERIFY(r->minutes[0].partitionCount <= 4096);
  }

  void gridPlacesMinutesAndMarksTheSplit() {
    auto r = parseKeyActivity(sampleAnswer());
    QVERIFY(r.isOk());
    const HeatGrid g = heatGridOf(*r);
    QCOMPARE(g.columns, 60);
    QCOMPARE(g.rows, 2);
    QCOMPARE(g.startMillis, kNoon - 60 * kMinute);
    QCOMPARE(g.columnStartMillis(58), kNoon - 2 * kMinute);
    // An idle minute is present and zero.
    QVERIFY(g.at(0, 1) && !g.at(0, 1)->active());
    // Ten minutes in the table had one partition: P1 did not exist.
    QVERIFY(g.at(10, 0));
    QCOMPARE(g.at(10, 0)->writeUnits, 5.0);
    QVERIFY(!g.at(10, 1));
    QCOMPARE(g.at(58, 1)->writeUnits, 30.0);
    QVERIFY(!g.at(60, 0));
    QVERIFY(!g.at(-1, 0));
    QVERIFY(g.anyActivity());

    HeatCellRef hot = hottestCell(g, HeatMeasure::ReadAndWrite);
    QCOMPARE(hot.column, 58);
    QCOMPARE(hot.row, 1);
    QCOMPARE(hot.value, 34.0);
    QCOMPARE(maxValue(g, HeatMeasure::Write), 30.0);
    // By reads alone, P1 at 58 still leads (4 against 2).
    QCOMPARE(hottestCell(g, HeatMeasure::Read).value, 4.0);
    QCOMPARE(measureOf(PartitionCell{1.5, 2, 0}, HeatMeasure::ReadAndWrite), 3.5);

    KeyActivityReport quiet;
    quiet.startMillis = kNoon;
    quiet.endMillis = kNoon + 15 * kMinute;
    const HeatGrid empty = heatGridOf(quiet);
    QCOMPARE(empty.columns, 15);
    QCOMPARE(empty.rows, 1);
    QVERIFY(!empty.anyActivity());
    QVERIFY(!hottestCell(empty, HeatMeasure::ReadAndWrite).valid());
    QCOMPARE(maxValue(empty, HeatMeasure::ReadAndWrite), 0.0);
  }
};

QTEST_MAIN(TestKeyActivityReport)
#include "test_key_activity_report.moc"
