// The builder's plain-language lines: explainRun after a run and describePlan
// before it, for Query and Scan, table and index, with and without a filter,
// projection, Limit, segments, and index projections that hold only some
// attributes.
#include <QtTest>

#include "operation/operation_explanation.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

AttributeValue s(const std::string& v) { return AttributeValue::string(v); }
AttributeValue n(const std::string& v) { return AttributeValue::number(Number::parse(v).value()); }

TableShape musicShape() {
  const Json table = {
      {"TableName", "Music"},
      {"KeySchema", Json::array({{{"AttributeName", "artist"}, {"KeyType", "HASH"}},
                                 {{"AttributeName", "year"}, {"KeyType", "RANGE"}}})},
      {"AttributeDefinitions", Json::array({{{"AttributeName", "artist"}, {"AttributeType", "S"}},
                                            {{"AttributeName", "year"}, {"AttributeType", "N"}},
                                            {{"AttributeName", "genre"}, {"AttributeType", "S"}},
                                            {{"AttributeName", "title"}, {"AttributeType", "S"}}})},
      {"GlobalSecondaryIndexes",
       Json::array({{{"IndexName", "GenreIndex"},
                     {"KeySchema", Json::array({{{"AttributeName", "genre"}, {"KeyType", "HASH"}},
                                                {{"AttributeName", "year"}, {"KeyType", "RANGE"}}})},
                     {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}},
                    {{"IndexName", "AllIndex"},
                     {"KeySchema", Json::array({{{"AttributeName", "genre"}, {"KeyType", "HASH"}}})},
                     {"Projection", {{"ProjectionType", "ALL"}}}}})},
      {"LocalSecondaryIndexes",
       Json::array({{{"IndexName", "TitleIndex"},
                     {"KeySchema", Json::array({{{"AttributeName", "artist"}, {"KeyType", "HASH"}},
                                                {{"AttributeName", "title"}, {"KeyType", "RANGE"}}})},
                     {"Projection", {{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", Json::array({"plays", "tags"})}}}}})},
  };
  return tableShapeFromDescription(table).value();
}

RunTotals totals(long long count, long long scanned, int pages, double capacity, bool complete = true) {
  RunTotals t;
  t.count = count;
  t.scannedCount = scanned;
  t.pages = pages;
  t.capacityUnits = capacity;
  t.complete = complete;
  return t;
}

}  // namespace

class TestOperationExplanation : public QObject {
  Q_OBJECT
 private slots:
  void queryOnIndexWithFilter() {
    OperationSpec spec;
    spec.kind = OperationKind::Query;
    spec.table = "Music";
    spec.index = "GenreIndex";
    spec.partitionValue = s("Rock");
    spec.sortOperator = KeyOperator::Between;
    spec.sortValues = {n("1990"), n("1999")};
    spec.filters.push_back({"info.rating", FilterTest::GreaterOrEqual, {n("8")}});
    QCOMPARE(explainRun(spec, musicShape(), totals(12, 20, 2, 2.5)),
             QString("Query on index GenreIndex of table Music: the key condition reads only items with genre = \"Rock\" "
                     "and year between 1990 and 1999; the filter discarded 8 of the 20 items read; index GenreIndex "
                     "holds only the keys (KEYS_ONLY), so attributes outside the projection cannot be returned; "
                     "12 returned in 2 pages, 2.5 read capacity units."));

    spec.sortOperator = KeyOperator::GreaterOrEqual;
    spec.sortValues = {n("1990")};
    spec.filters.push_back({"tags", FilterTest::Contains, {s("live")}});
    spec.projection = {"title"};
    spec.ascending = false;
    spec.pageSize = 50;
    spec.fetchAllPages = true;
    QCOMPARE(describePlan(spec, musicShape()),
             QString("Query on index GenreIndex of table Music: reads only items with genre = \"Rock\" and year >= 1990, "
                     "in descending year order; then the filter keeps only items where info.rating >= 8 and tags "
                     "contains \"live\"; returns only title; index GenreIndex holds only the keys (KEYS_ONLY), so "
                     "attributes outside the projection cannot be returned; pages of at most 50 items read, counted "
                     "before the filter; fetches all pages."));
    spec.consistentRead = true;
    QVERIFY(describePlan(spec, musicShape())
                .endsWith("fetches all pages; ConsistentRead is not possible: Global secondary indexes support "
                          "eventually consistent reads only."));
  }

  void queryOnTableWithoutFilter() {
    OperationSpec spec;
    spec.kind = OperationKind::Query;
    spec.table = "Music";
    spec.partitionValue = s("Acme");
    spec.sortOperator = KeyOperator::BeginsWith;  // the key is a number, but the line only describes
    spec.sortValues = {n("19")};
    QCOMPARE(explainRun(spec, musicShape(), totals(1, 1, 1, 1)),
             QString("Query on table Music: the key condition reads only items with artist = \"Acme\" and year begins "
                     "with 19; no filter, so every item read is returned; 1 returned in 1 page, 1 read capacity unit."));
    spec.sortOperator.reset();
    spec.consistentRead = true;
    QCOMPARE(describePlan(spec, musicShape()),
             QString("Query on table Music: reads only items with artist = \"Acme\", in ascending year order; no filter, "
                     "so every item read is returned; strongly consistent reads."));
  }

  void scanInSegmentsWithFilter() {
    OperationSpec spec;
    spec.table = "Music";
    spec.totalSegments = 4;
    spec.filters.push_back({"status", FilterTest::Equal, {s("live")}});
    QCOMPARE(explainRun(spec, musicShape(), totals(10, 1000, 4, 128)),
             QString("Scan of table Music in 4 segments: every item is read; the filter discarded 990 of the 1,000 "
                     "items read; 10 returned in 4 pages, 128 read capacity units."));
  }

  void scanWithLimitAndProjectionStoppedEarly() {
    OperationSpec spec;
    spec.table = "Music";
    spec.projection = {"title", "info.rating"};
    spec.pageSize = 100;
    QCOMPARE(explainRun(spec, musicShape(), totals(100, 100, 1, 0.5, false)),
             QString("Scan of table Music: part of the table is read; no filter, so every item read is returned; only "
                     "title, info.rating are returned; each page stops after 100 items read (Limit); 100 returned in "
                     "1 page, 0.5 read capacity units; more items remain."));
    spec.filters.push_back({"a", FilterTest::Exists, {}});
    QVERIFY(explainRun(spec, musicShape(), totals(3, 100, 1, 0.5, false))
                .contains("each page stops after 100 items read (Limit), before the filter;"));
    QCOMPARE(describePlan(spec, musicShape()),
             QString("Scan of table Music: reads every item in the table; then the filter keeps only items where a "
                     "exists; returns only title, info.rating; pages of at most 100 items read, counted before the "
                     "filter."));
  }

  void scanOfIndexes() {
    OperationSpec spec;
    spec.table = "Music";
    spec.index = "TitleIndex";
    QCOMPARE(describePlan(spec, musicShape()),
             QString("Scan of index TitleIndex of table Music: reads every item in the index; no filter, so every item "
                     "read is returned; index TitleIndex holds only the keys and plays, tags (INCLUDE); attributes "
                     "outside it are fetched from the table at extra read cost."));
    spec.index = "AllIndex";
    QCOMPARE(explainRun(spec, musicShape(), totals(0, 0, 1, 0)),
             QString("Scan of index AllIndex of table Music: every item is read; no filter, so every item read is "
                     "returned; 0 returned in 1 page, 0 read capacity units."));
  }

  void everyFilterTestReads() {
    OperationSpec spec;
    spec.table = "Music";
    spec.matchAny = true;
    spec.totalSegments = 3;
    spec.filters = {{"a", FilterTest::NotExists, {}},
                    {"tags", FilterTest::SizeGreater, {n("2")}},
                    {"b", FilterTest::In, {s("x"), n("1")}},
                    {"c", FilterTest::Between, {n("1"), n("2")}},
                    {"d", FilterTest::NotContains, {s("z")}},
                    {"e", FilterTest::AttributeType, {s("SS")}},
                    {"f", FilterTest::BeginsWith, {s("p")}},
                    {"g", FilterTest::NotEqual, {AttributeValue::boolean(true)}},
                    {"h", FilterTest::SizeLessOrEqual, {n("3")}}};
    QCOMPARE(describePlan(spec, musicShape()),
             QString("Scan of table Music in 3 segments: reads every item in the table; then the filter keeps only "
                     "items where a does not exist or size of tags > 2 or b is one of \"x\", 1 or c between 1 and 2 or "
                     "d does not contain \"z\" or e is of type SS or f begins with \"p\" or g <> true or size of h <= "
                     "3."));
  }

  void incompleteSpecsSayWhatIsMissing() {
    OperationSpec spec;
    QCOMPARE(describePlan(spec, musicShape()), QString("Choose a table."));
    spec.table = "Music";
    spec.kind = OperationKind::Query;
    QCOMPARE(describePlan(spec, musicShape()),
             QString("Query on table Music: enter a value for the partition key artist."));
    spec.index = "Nope";
    QCOMPARE(describePlan(spec, musicShape()),
             QString("Query on index Nope of table Music: Table Music has no index named Nope."));
    QCOMPARE(explainRun(spec, musicShape(), RunTotals{}),
             QString("Query on index Nope of table Music: Table Music has no index named Nope."));
  }

  void addPageSumsResponses() {
    RunTotals t;
    addPage(t, Json{{"Count", 3}, {"ScannedCount", 10}, {"ConsumedCapacity", {{"TableName", "x"}, {"CapacityUnits", 1.5}}}});
    addPage(t, Json{{"Count", 2}, {"ScannedCount", 4}, {"ConsumedCapacity", {{"CapacityUnits", 0.5}}}});
    addPage(t, Json{{"Items", Json::array()}});
    QCOMPARE(t.count, 5LL);
    QCOMPARE(t.scannedCount, 14LL);
    QCOMPARE(t.pages, 3);
    QCOMPARE(t.capacityUnits, 2.0);
    QVERIFY(t.complete);
  }
};

QTEST_GUILESS_MAIN(TestOperationExplanation)
#include "test_operation_explanation.moc"
