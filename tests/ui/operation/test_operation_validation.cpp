// Every check buildRequest makes before a request is sent, each answering a
// plain message that names the field; plus the exact shape of valid requests
// (placeholders, shared names and values, options left out at their default).
#include <functional>

#include <QtTest>

#include "operation/attribute_path.h"
#include "operation/request_builder.h"
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
                     {"KeySchema", Json::array({{{"AttributeName", "genre"}, {"KeyType", "HASH"}}})},
                     {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}})},
      {"LocalSecondaryIndexes",
       Json::array({{{"IndexName", "TitleIndex"},
                     {"KeySchema", Json::array({{{"AttributeName", "artist"}, {"KeyType", "HASH"}},
                                                {{"AttributeName", "title"}, {"KeyType", "RANGE"}}})},
                     {"Projection", {{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", Json::array({"plays"})}}}}})},
  };
  return tableShapeFromDescription(table).value();
}

OperationSpec query() {
  OperationSpec spec;
  spec.kind = OperationKind::Query;
  spec.table = "Music";
  spec.partitionValue = s("Acme");
  return spec;
}

OperationSpec scan() {
  OperationSpec spec;
  spec.table = "Music";
  return spec;
}

OperationSpec filtered(OperationSpec spec, std::string path, FilterTest test, std::vector<AttributeValue> values) {
  spec.filters.push_back({std::move(path), test, std::move(values)});
  return spec;
}

}  // namespace

class TestOperationValidation : public QObject {
  Q_OBJECT
 private slots:
  void everyErrorNamesItsField_data() {
    QTest::addColumn<int>("row");
    for (int i = 0; i < static_cast<int>(cases().size()); ++i) QTest::newRow(cases()[i].name) << i;
  }
  void everyErrorNamesItsField() {
    QFETCH(int, row);
    const Case& c = cases()[row];
    auto built = buildRequest(c.spec, musicShape(), c.segment);
    QVERIFY2(!built.isOk(), c.name);
    QCOMPARE(built.status().type(), c.type);
    const QString message = QString::fromStdString(built.status().message());
    QVERIFY2(message.contains(QString::fromUtf8(c.contains)), qPrintable(message));
  }

  void pathsParseAndPrint() {
    auto p = parseAttributePath("info.actors[2].name");
    QVERIFY(p.isOk());
    QCOMPARE(p->size(), std::size_t(4));
    QCOMPARE(p->at(2).isIndex, true);
    QCOMPARE(p->at(2).index, std::size_t(2));
    QCOMPARE(attributePathText(*p), std::string("info.actors[2].name"));
    auto quoted = parseAttributePath("`odd.name`.`x``y`[0][1]");
    QVERIFY(quoted.isOk());
    QCOMPARE(quoted->at(0).name, std::string("odd.name"));
    QCOMPARE(quoted->at(1).name, std::string("x`y"));
    QCOMPARE(quoted->size(), std::size_t(4));
    QCOMPARE(attributePathText(*quoted), std::string("`odd.name`.`x``y`[0][1]"));
    QCOMPARE(parseAttributePath(attributePathText(*quoted)).value(), quoted.value());
    QVERIFY(parseAttributePath("with space").isOk());
    for (const char* bad : {"", "a..b", ".a", "a.", "[0]", "a[", "a[x]", "a[]", "a]", "`a", "``", "a[0]b", "`a`b",
                            "a.[0]", "a[1234567890]", "a`b"}) {
      QVERIFY2(!parseAttributePath(bad).isOk(), bad);
      QCOMPARE(parseAttributePath(bad).status().type(), ErrorType::ValidationException);
    }
  }

  void queryRequestUsesPlaceholdersEverywhere() {
    OperationSpec spec = query();
    spec.sortOperator = KeyOperator::Between;
    spec.sortValues = {n("1990"), n("1999")};
    spec.filters = {{"info.rating", FilterTest::GreaterOrEqual, {n("7")}},
                    {"tags[1]", FilterTest::Equal, {s("Acme")}},
                    {"info.actors[2].name", FilterTest::Exists, {s("ignored")}},
                    {"status", FilterTest::In, {n("7"), s("live")}}};
    spec.projection = {"info.rating", "status"};
    spec.ascending = false;
    spec.pageSize = 25;
    auto built = buildRequest(spec, musicShape(), 0, Json{{"artist", {{"S", "Acme"}}}, {"year", {{"N", "1991"}}}});
    QVERIFY(built.isOk());
    QCOMPARE(built->operation, std::string("Query"));
    const Json want = {
        {"TableName", "Music"},
        {"KeyConditionExpression", "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2"},
        {"FilterExpression",
         "#n2.#n3 >= :v3 AND #n4[1] = :v0 AND attribute_exists(#n2.#n5[2].#n6) AND #n7 IN (:v3, :v4)"},
        {"ProjectionExpression", "#n2.#n3, #n7"},
        {"ExpressionAttributeNames", {{"#n0", "artist"}, {"#n1", "year"}, {"#n2", "info"}, {"#n3", "rating"},
                                      {"#n4", "tags"}, {"#n5", "actors"}, {"#n6", "name"}, {"#n7", "status"}}},
        {"ExpressionAttributeValues", {{":v0", {{"S", "Acme"}}}, {":v1", {{"N", "1990"}}}, {":v2", {{"N", "1999"}}},
                                       {":v3", {{"N", "7"}}}, {":v4", {{"S", "live"}}}}},
        {"ScanIndexForward", false},
        {"Limit", 25},
        {"ReturnConsumedCapacity", "TOTAL"},
        {"ExclusiveStartKey", {{"artist", {{"S", "Acme"}}}, {"year", {{"N", "1991"}}}}},
    };
    QCOMPARE(built->request, want);
  }

  void scanRequestIsMinimal() {
    OperationSpec spec = scan();
    spec.partitionValue = s("ignored on a Scan");
    spec.sortOperator = KeyOperator::Equal;
    spec.ascending = false;  // Query only
    auto built = buildRequest(spec, musicShape());
    QVERIFY(built.isOk());
    QCOMPARE(built->operation, std::string("Scan"));
    QCOMPARE(built->request, (Json{{"TableName", "Music"}, {"ReturnConsumedCapacity", "TOTAL"}}));

    spec.index = "TitleIndex";
    spec.consistentRead = true;
    spec.totalSegments = 4;
    spec.matchAny = true;
    spec.filters = {{"a", FilterTest::NotContains, {s("x")}}, {"b", FilterTest::SizeLess, {n("3")}},
                    {"c", FilterTest::AttributeType, {s("NULL")}}, {"d", FilterTest::BeginsWith, {s("p")}},
                    {"e", FilterTest::NotExists, {}}, {"f", FilterTest::Contains, {s("x")}}};
    built = buildRequest(spec, musicShape(), 3);
    QVERIFY(built.isOk());
    QCOMPARE(built->request["IndexName"], Json("TitleIndex"));
    QCOMPARE(built->request["ConsistentRead"], Json(true));
    QCOMPARE(built->request["Segment"], Json(3));
    QCOMPARE(built->request["TotalSegments"], Json(4));
    QCOMPARE(built->request["FilterExpression"],
             Json("NOT contains(#n0, :v0) OR size(#n1) < :v1 OR attribute_type(#n2, :v2) OR begins_with(#n3, :v3) "
                  "OR attribute_not_exists(#n4) OR contains(#n5, :v0)"));
    // Sibling projection paths do not overlap.
    OperationSpec siblings = scan();
    siblings.projection = {"a.b", "a.c", "l[0]", "l[1]", "l[2].x", "`a.b`"};
    QVERIFY(buildRequest(siblings, musicShape()).isOk());
    // A Query ignores the segment fields.
    OperationSpec q = query();
    q.totalSegments = 0;
    QVERIFY(buildRequest(q, musicShape(), 5).isOk());
  }

  void tableShapeReadsIndexes() {
    const TableShape shape = musicShape();
    QCOMPARE(shape.partitionKey, std::string("artist"));
    QCOMPARE(shape.sortKey, std::string("year"));
    QCOMPARE(shape.indexes.size(), std::size_t(2));
    QCOMPARE(keysFor(shape, "GenreIndex")->partitionKey, std::string("genre"));
    QCOMPARE(keysFor(shape, "GenreIndex")->sortKey, std::string());
    QCOMPARE(keysFor(shape, "TitleIndex")->sortKey, std::string("title"));
    QCOMPARE(findIndex(shape, "TitleIndex")->nonKeyAttributes, std::vector<std::string>{"plays"});
    QCOMPARE(keysFor(shape, "Nope").status().type(), ErrorType::ResourceNotFoundException);
    std::string reason;
    QVERIFY(!consistentReadAllowed(shape, "GenreIndex", &reason));
    QCOMPARE(reason, std::string("Global secondary indexes support eventually consistent reads only."));
    QVERIFY(consistentReadAllowed(shape, "TitleIndex", nullptr));
    QVERIFY(consistentReadAllowed(shape, "", nullptr));
    QVERIFY(!tableShapeFromDescription(Json::array()).isOk());
    QVERIFY(!tableShapeFromDescription(Json{{"TableName", "x"}}).isOk());
    QVERIFY(!tableShapeFromDescription(Json{{"TableName", "x"}, {"KeySchema", Json::array({{{"AttributeName", "a"}, {"KeyType", "RANGE"}}})}}).isOk());
  }

 private:
  struct Case {
    const char* name;
    OperationSpec spec;
    ErrorType type;
    const char* contains;
    int segment = 0;
  };

  static const std::vector<Case>& cases() {
    static const std::vector<Case> all = [] {
      using E = ErrorType;
      std::vector<Case> c;
      const E V = E::ValidationException;
      OperationSpec noTable = scan();
      noTable.table.clear();
      c.push_back({"no table", noTable, V, "Table"});
      OperationSpec other = scan();
      other.table = "Other";
      c.push_back({"another table", other, V, "Table"});
      OperationSpec unknownIndex = scan();
      unknownIndex.index = "Nope";
      c.push_back({"unknown index", unknownIndex, E::ResourceNotFoundException, "no index named Nope"});

      OperationSpec noPartition = query();
      noPartition.partitionValue.reset();
      c.push_back({"query without partition value", noPartition, V, "partition key artist"});
      OperationSpec wrongPk = query();
      wrongPk.partitionValue = n("1");
      c.push_back({"partition value of the wrong type", wrongPk, V, "artist is a string (S); the value given is a number (N)"});
      OperationSpec emptyPk = query();
      emptyPk.partitionValue = s("");
      c.push_back({"empty partition value", emptyPk, V, "cannot be empty"});
      OperationSpec boolPk = query();
      boolPk.partitionValue = AttributeValue::boolean(true);
      c.push_back({"boolean partition value", boolPk, V, "artist"});
      OperationSpec wrongSk = query();
      wrongSk.sortOperator = KeyOperator::Equal;
      wrongSk.sortValues = {s("1990")};
      c.push_back({"sort value of the wrong type", wrongSk, V, "year is a number (N); the value given is a string (S)"});
      OperationSpec oneForBetween = query();
      oneForBetween.sortOperator = KeyOperator::Between;
      oneForBetween.sortValues = {n("1")};
      c.push_back({"key BETWEEN with one value", oneForBetween, V, "BETWEEN needs two values; 1 given"});
      OperationSpec threeForBetween = oneForBetween;
      threeForBetween.sortValues = {n("1"), n("2"), n("3")};
      c.push_back({"key BETWEEN with three values", threeForBetween, V, "BETWEEN needs two values; 3 given"});
      OperationSpec reversed = oneForBetween;
      reversed.sortValues = {n("1999"), n("1990")};
      c.push_back({"key BETWEEN reversed", reversed, V, "lower value first"});
      OperationSpec noValue = query();
      noValue.sortOperator = KeyOperator::Less;
      c.push_back({"sort operator without value", noValue, V, "needs one value; 0 given"});
      OperationSpec beginsOnNumber = query();
      beginsOnNumber.sortOperator = KeyOperator::BeginsWith;
      beginsOnNumber.sortValues = {n("19")};
      c.push_back({"begins_with on a number key", beginsOnNumber, V, "begins_with"});
      OperationSpec noSortKey = query();
      noSortKey.index = "GenreIndex";
      noSortKey.partitionValue = s("Rock");
      noSortKey.sortOperator = KeyOperator::Equal;
      noSortKey.sortValues = {n("1")};
      c.push_back({"sort condition on an index without sort key", noSortKey, V, "index GenreIndex has no sort key"});

      c.push_back({"empty path", filtered(scan(), "", FilterTest::Exists, {}), V, "Filter row 1 (no path): the path is empty"});
      c.push_back({"unclosed [", filtered(scan(), "tags[1", FilterTest::Exists, {}), V, "Filter row 1 (tags[1): a [ is not closed"});
      c.push_back({"non-number index", filtered(scan(), "tags[x]", FilterTest::Exists, {}), V, "\"x\" is not a number"});
      c.push_back({"empty segment", filtered(filtered(scan(), "a", FilterTest::Exists, {}), "info..rating", FilterTest::Exists, {}),
                   V, "Filter row 2 (info..rating): the path has an empty name"});
      c.push_back({"filter BETWEEN with one value", filtered(scan(), "a", FilterTest::Between, {n("1")}), V, "BETWEEN needs two values; 1 given"});
      c.push_back({"filter BETWEEN reversed", filtered(scan(), "a", FilterTest::Between, {s("b"), s("a")}), V, "lower value first"});
      c.push_back({"filter BETWEEN mixed types", filtered(scan(), "a", FilterTest::Between, {s("b"), n("1")}), V, "same type"});
      c.push_back({"IN with no values", filtered(scan(), "a", FilterTest::In, {}), V, "IN needs at least one value"});
      c.push_back({"IN with 101 values", filtered(scan(), "a", FilterTest::In, std::vector<AttributeValue>(101, n("1"))), V,
                   "IN takes at most 100 values; 101 given"});
      c.push_back({"size with a string", filtered(scan(), "tags", FilterTest::SizeGreater, {s("2")}), V, "size test compares with a number (N)"});
      c.push_back({"attribute_type with a bad code", filtered(scan(), "a", FilterTest::AttributeType, {s("STRING")}), V, "type codes"});
      c.push_back({"attribute_type with a number", filtered(scan(), "a", FilterTest::AttributeType, {n("1")}), V, "type codes"});
      c.push_back({"< with a boolean", filtered(scan(), "a", FilterTest::Less, {AttributeValue::boolean(true)}), V, "the value given is a boolean (BOOL)"});
      c.push_back({"begins_with with a number", filtered(scan(), "a", FilterTest::BeginsWith, {n("1")}), V, "begins_with takes a string or binary"});
      c.push_back({"= without a value", filtered(scan(), "a", FilterTest::Equal, {}), V, "needs one value; 0 given"});
      c.push_back({"query filter on its sort key", filtered(query(), "year", FilterTest::Equal, {n("1")}), V,
                   "cannot filter on its key attribute year"});
      OperationSpec projection = scan();
      projection.projection = {"title", "a[b]"};
      c.push_back({"malformed projection", projection, V, "Projection (a[b])"});
      OperationSpec overlap = scan();
      overlap.projection = {"title", "info.rating", "info"};
      c.push_back({"overlapping projection", overlap, V, "Projection: info.rating and info overlap"});
      OperationSpec twice = scan();
      twice.projection = {"tags[1]", "tags[1]"};
      c.push_back({"projection path twice", twice, V, "Projection: tags[1] and tags[1] overlap"});
      OperationSpec conflict = scan();
      conflict.projection = {"a.b", "a[0]"};
      c.push_back({"conflicting projection", conflict, V, "Projection: a.b and a[0] conflict"});
      OperationSpec gsiConsistent = query();
      gsiConsistent.index = "GenreIndex";
      gsiConsistent.consistentRead = true;
      c.push_back({"ConsistentRead on a GSI", gsiConsistent, V, "ConsistentRead: Global secondary indexes support eventually consistent reads only."});
      OperationSpec negativeLimit = scan();
      negativeLimit.pageSize = -1;
      c.push_back({"negative page size", negativeLimit, V, "Page size"});
      OperationSpec zeroSegments = scan();
      zeroSegments.totalSegments = 0;
      c.push_back({"zero segments", zeroSegments, V, "between 1 and 1000000; 0 given"});
      OperationSpec tooManySegments = scan();
      tooManySegments.totalSegments = 1000001;
      c.push_back({"too many segments", tooManySegments, V, "between 1 and 1000000; 1000001 given"});
      OperationSpec fourSegments = scan();
      fourSegments.totalSegments = 4;
      c.push_back({"segment equal to total", fourSegments, V, "Segment: 4 does not exist", 4});
      c.push_back({"negative segment", fourSegments, V, "Segment: -1 does not exist", -1});
      return c;
    }();
    return all;
  }
};

QTEST_GUILESS_MAIN(TestOperationValidation)
#include "test_operation_validation.moc"
