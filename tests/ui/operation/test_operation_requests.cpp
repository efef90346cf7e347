// The builder's requests, sent to a real engine, return the items they should:
// every sort key operator, descending order, nested-path filters with every
// test, projection of nested paths, reserved-word names, 38-digit numbers,
// binary and set values, parallel scan segments, and index queries.
#include <algorithm>
#include <set>

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "dynadesk/attribute_json.h"
#include "dynadesk/http_server.h"
#include "operation/operation_explanation.h"
#include "operation/request_builder.h"
#include "operation/table_shape.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

// Ten items under name "Band" (year 1990..1999, i = year - 1990) and two under "Other".
const char* kBig = "1234567890123456789012345678901234567";  // 37 digits; the 38th is i

AttributeValue s(const std::string& v) { return AttributeValue::string(v); }
AttributeValue n(const std::string& v) { return AttributeValue::number(Number::parse(v).value()); }
AttributeValue b(const std::string& bytes) { return AttributeValue::binary(bytes); }
std::string blobOf(int i) { return std::string{static_cast<char>(i), static_cast<char>(0xff)}; }
std::string base64(const std::string& bytes) {
  return QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())).toBase64().toStdString();
}

Json libraryItem(int i) {
  Json tags = Json::array();
  for (int j = 0; j <= i % 4; ++j) tags.push_back(S("tag" + std::to_string(j)));
  Json item = {
      {"name", S("Band")},
      {"year", N(std::to_string(1990 + i))},
      {"status", S(i % 2 == 0 ? "active" : "retired")},
      {"plays", N(std::to_string(100 - i))},
      {"info", {{"M", {{"rating", N(std::to_string(i))},
                       {"genre", S(i < 5 ? "rock" : "jazz")},
                       {"actors", {{"L", Json::array({{{"M", {{"name", S("A" + std::to_string(i))}}}},
                                                      {{"M", {{"name", S("B" + std::to_string(i))}}}}})}}}}}}},
      {"tags", {{"L", tags}}},
      {"labels", {{"SS", Json::array({"common", "l" + std::to_string(i % 3)})}}},
      {"nums", {{"NS", Json::array({std::to_string(i), std::to_string(i + 1)})}}},
      {"big", N(std::string(kBig) + std::to_string(i))},
      {"blob", {{"B", base64(blobOf(i))}}},
  };
  if (i % 5 == 0) item["extra"] = S("x" + std::to_string(i));
  return item;
}

void createLibrary(TempEngine& t) {
  Json r = t.call("CreateTable",
                  {{"TableName", "Library"},
                   {"KeySchema", Json::array({{{"AttributeName", "name"}, {"KeyType", "HASH"}},
                                              {{"AttributeName", "year"}, {"KeyType", "RANGE"}}})},
                   {"AttributeDefinitions", Json::array({{{"AttributeName", "name"}, {"AttributeType", "S"}},
                                                         {{"AttributeName", "year"}, {"AttributeType", "N"}},
                                                         {{"AttributeName", "status"}, {"AttributeType", "S"}},
                                                         {{"AttributeName", "plays"}, {"AttributeType", "N"}}})},
                   {"GlobalSecondaryIndexes",
                    Json::array({{{"IndexName", "StatusIndex"},
                                  {"KeySchema", Json::array({{{"AttributeName", "status"}, {"KeyType", "HASH"}},
                                                             {{"AttributeName", "year"}, {"KeyType", "RANGE"}}})},
                                  {"Projection", {{"ProjectionType", "ALL"}}}}})},
                   {"LocalSecondaryIndexes",
                    Json::array({{{"IndexName", "ByPlays"},
                                  {"KeySchema", Json::array({{{"AttributeName", "name"}, {"KeyType", "HASH"}},
                                                             {{"AttributeName", "plays"}, {"KeyType", "RANGE"}}})},
                                  {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}})},
                   {"BillingMode", "PAY_PER_REQUEST"}});
  QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
  for (int i = 0; i < 10; ++i) {
    Json put = t.call("PutItem", {{"TableName", "Library"}, {"Item", libraryItem(i)}});
    QVERIFY2(TempEngine::errorType(put).empty(), put.dump().c_str());
  }
  for (int y : {2000, 2001}) {
    t.call("PutItem", {{"TableName", "Library"},
                       {"Item", {{"name", S("Other")}, {"year", N(std::to_string(y))}, {"status", S("active")}}}});
  }
}

TableShape shapeOf(TempEngine& t, const std::string& table) {
  Json d = t.call("DescribeTable", {{"TableName", table}});
  auto shape = tableShapeFromDescription(d["Table"]);
  if (!shape) qFatal("%s", shape.status().message().c_str());
  return shape.value();
}

struct Run {
  std::vector<Item> items;
  RunTotals totals;
};

// Runs every page of every segment, as "fetch all pages" does.
Run runAll(TempEngine& t, const OperationSpec& spec, const TableShape& shape) {
  Run run;
  const int segments = spec.kind == OperationKind::Scan ? spec.totalSegments : 1;
  for (int segment = 0; segment < segments; ++segment) {
    std::optional<Json> start;
    for (;;) {
      auto built = buildRequest(spec, shape, segment, start);
      if (!built) qFatal("buildRequest: %s", built.status().message().c_str());
      Json response = t.call(built->operation, built->request);
      if (!TempEngine::errorType(response).empty()) {
        qFatal("%s failed: %s\nrequest: %s", built->operation.c_str(), response.dump().c_str(),
               built->request.dump().c_str());
      }
      addPage(run.totals, response);
      for (const auto& j : response["Items"]) run.items.push_back(itemFromJson(j).value());
      if (!response.contains("LastEvaluatedKey")) break;
      start = response["LastEvaluatedKey"];
    }
  }
  return run;
}

std::vector<int> yearsOf(const std::vector<Item>& items) {
  std::vector<int> years;
  for (const auto& item : items) years.push_back(std::stoi(item.at("year").asNumber().toString()));
  return years;
}

std::vector<int> sorted(std::vector<int> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// Runs each {operation, request} with boto3's low-level client against the
// endpoint, following LastEvaluatedKey, and returns per job the items (as
// DynamoDB JSON), Count and ScannedCount summed over pages.
const char* kBoto3Runner = R"PY(
import base64, json, sys
import boto3

def to_boto(v):
    (k, x), = v.items()
    if k == 'B': return {'B': base64.b64decode(x)}
    if k == 'BS': return {'BS': [base64.b64decode(b) for b in x]}
    if k == 'M': return {'M': {n: to_boto(y) for n, y in x.items()}}
    if k == 'L': return {'L': [to_boto(y) for y in x]}
    return v

def from_boto(v):
    (k, x), = v.items()
    if k == 'B': return {'B': base64.b64encode(x).decode()}
    if k == 'BS': return {'BS': [base64.b64encode(b).decode() for b in x]}
    if k == 'M': return {'M': {n: from_boto(y) for n, y in x.items()}}
    if k == 'L': return {'L': [from_boto(y) for y in x]}
    return v

client = boto3.client('dynamodb', endpoint_url=sys.argv[1])
out = []
for job in json.load(open(sys.argv[2])):
    req = dict(job['request'])
    for key in ('ExpressionAttributeValues', 'ExclusiveStartKey'):
        if key in req:
            req[key] = {n: to_boto(v) for n, v in req[key].items()}
    call = client.query if job['operation'] == 'Query' else client.scan
    items, count, scanned = [], 0, 0
    while True:
        resp = call(**req)
        items += [{n: from_boto(v) for n, v in item.items()} for item in resp['Items']]
        count += resp['Count']
        scanned += resp['ScannedCount']
        if 'LastEvaluatedKey' not in resp:
            break
        req['ExclusiveStartKey'] = resp['LastEvaluatedKey']
    out.append({'items': items, 'count': count, 'scanned': scanned})
json.dump(out, open(sys.argv[3], 'w'))
)PY";

OperationSpec bandQuery() {
  OperationSpec spec;
  spec.kind = OperationKind::Query;
  spec.table = "Library";
  spec.partitionValue = s("Band");
  return spec;
}

OperationSpec withFilter(OperationSpec spec, std::string path, FilterTest test, std::vector<AttributeValue> values) {
  spec.filters.push_back({std::move(path), test, std::move(values)});
  return spec;
}

}  // namespace

class TestOperationRequests : public QObject {
  Q_OBJECT
 private slots:
  void queryWithEverySortKeyOperator() {
    TempEngine t;
    createLibrary(t);
    const TableShape shape = shapeOf(t, "Library");
    struct Case { KeyOperator op; std::vector<AttributeValue> values; std::vector<int> years; };
    const std::vector<Case> cases = {
        {KeyOperator::Equal, {n("1995")}, {1995}},
        {KeyOperator::Less, {n("1992")}, {1990, 1991}},
        {KeyOperator::LessOrEqual, {n("1992")}, {1990, 1991, 1992}},
        {KeyOperator::Greater, {n("1997")}, {1998, 1999}},
        {KeyOperator::GreaterOrEqual, {n("1997")}, {1997, 1998, 1999}},
        {KeyOperator::Between, {n("1992"), n("1994")}, {1992, 1993, 1994}},
    };
    for (const auto& c : cases) {
      OperationSpec spec = bandQuery();
      spec.sortOperator = c.op;
      spec.sortValues = c.values;
      QCOMPARE(yearsOf(runAll(t, spec, shape).items), c.years);
    }
    // No sort key condition: the whole partition, in key order; Other is never read.
    const Run all = runAll(t, bandQuery(), shape);
    QCOMPARE(all.items.size(), std::size_t(10));
    QCOMPARE(all.totals.scannedCount, 10LL);

    // begins_with needs a string sort key: a second table.
    t.call("CreateTable", {{"TableName", "Songs"},
                           {"KeySchema", Json::array({{{"AttributeName", "artist"}, {"KeyType", "HASH"}},
                                                      {{"AttributeName", "title"}, {"KeyType", "RANGE"}}})},
                           {"AttributeDefinitions", Json::array({{{"AttributeName", "artist"}, {"AttributeType", "S"}},
                                                                 {{"AttributeName", "title"}, {"AttributeType", "S"}}})},
                           {"BillingMode", "PAY_PER_REQUEST"}});
    for (const char* title : {"In Bloom", "Intro", "Lithium", "Polly"}) {
      t.call("PutItem", {{"TableName", "Songs"}, {"Item", {{"artist", S("Nirvana")}, {"title", S(title)}}}});
    }
    OperationSpec songs;
    songs.kind = OperationKind::Query;
    songs.table = "Songs";
    songs.partitionValue = s("Nirvana");
    songs.sortOperator = KeyOperator::BeginsWith;
    songs.sortValues = {s("In")};
    const Run prefixed = runAll(t, songs, shapeOf(t, "Songs"));
    QCOMPARE(prefixed.items.size(), std::size_t(2));
    QCOMPARE(prefixed.items[0].at("title").asString(), std::string("In Bloom"));
    QCOMPARE(prefixed.items[1].at("title").asString(), std::string("Intro"));
  }

  void descendingOrderAndPaging() {
    TempEngine t;
    createLibrary(t);
    const TableShape shape = shapeOf(t, "Library");
    OperationSpec spec = bandQuery();
    spec.ascending = false;
    spec.pageSize = 3;
    const Run run = runAll(t, spec, shape);
    QCOMPARE(yearsOf(run.items), (std::vector<int>{1999, 1998, 1997, 1996, 1995, 1994, 1993, 1992, 1991, 1990}));
    QVERIFY(run.totals.pages >= 4);  // 3 + 3 + 3 + 1, and maybe an empty last page
    QCOMPARE(run.totals.count, 10LL);
    QVERIFY(run.totals.capacityUnits > 0);
  }

  void filtersOnNestedPathsWithEveryTest() {
    TempEngine t;
    createLibrary(t);
    const TableShape shape = shapeOf(t, "Library");
    struct Case { const char* what; std::string path; FilterTest test; std::vector<AttributeValue> values; std::vector<int> years; };
    const std::vector<Case> cases = {
        {"nested >=", "info.rating", FilterTest::GreaterOrEqual, {n("7")}, {1997, 1998, 1999}},
        {"nested <", "info.rating", FilterTest::Less, {n("2")}, {1990, 1991}},
        {"nested <=", "info.rating", FilterTest::LessOrEqual, {n("1")}, {1990, 1991}},
        {"nested >", "info.rating", FilterTest::Greater, {n("8")}, {1999}},
        {"list element =", "tags[1]", FilterTest::Equal, {s("tag1")}, {1991, 1992, 1993, 1995, 1996, 1997, 1999}},
        {"deep path =", "info.actors[1].name", FilterTest::Equal, {s("B3")}, {1993}},
        {"<> on a reserved word", "status", FilterTest::NotEqual, {s("active")}, {1991, 1993, 1995, 1997, 1999}},
        {"size >", "tags", FilterTest::SizeGreater, {n("2")}, {1992, 1993, 1996, 1997}},
        {"size =", "tags", FilterTest::SizeEqual, {n("1")}, {1990, 1994, 1998}},
        {"size <>", "tags", FilterTest::SizeNotEqual, {n("1")}, {1991, 1992, 1993, 1995, 1996, 1997, 1999}},
        {"size <", "tags", FilterTest::SizeLess, {n("2")}, {1990, 1994, 1998}},
        {"size <=", "tags", FilterTest::SizeLessOrEqual, {n("1")}, {1990, 1994, 1998}},
        {"size >=", "tags", FilterTest::SizeGreaterOrEqual, {n("4")}, {1993, 1997}},
        {"size of a string", "info.genre", FilterTest::SizeEqual, {n("4")}, {1990, 1991, 1992, 1993, 1994, 1995, 1996, 1997, 1998, 1999}},
        {"attribute_type M", "info", FilterTest::AttributeType, {s("M")}, {1990, 1991, 1992, 1993, 1994, 1995, 1996, 1997, 1998, 1999}},
        {"attribute_type S on sparse", "extra", FilterTest::AttributeType, {s("S")}, {1990, 1995}},
        {"attribute_type mismatch", "tags", FilterTest::AttributeType, {s("SS")}, {}},
        {"IN", "status", FilterTest::In, {s("retired"), s("nobody")}, {1991, 1993, 1995, 1997, 1999}},
        {"IN on nested numbers", "info.rating", FilterTest::In, {n("0"), n("4"), n("9")}, {1990, 1994, 1999}},
        {"BETWEEN", "info.rating", FilterTest::Between, {n("2"), n("4")}, {1992, 1993, 1994}},
        {"begins_with", "info.genre", FilterTest::BeginsWith, {s("ro")}, {1990, 1991, 1992, 1993, 1994}},
        {"contains on a string set", "labels", FilterTest::Contains, {s("l1")}, {1991, 1994, 1997}},
        {"not contains on a string set", "labels", FilterTest::NotContains, {s("l1")}, {1990, 1992, 1993, 1995, 1996, 1998, 1999}},
        {"contains on a number set", "nums", FilterTest::Contains, {n("3")}, {1992, 1993}},
        {"contains on a list", "tags", FilterTest::Contains, {s("tag3")}, {1993, 1997}},
        {"exists", "extra", FilterTest::Exists, {}, {1990, 1995}},
        {"not exists on a sparse attribute", "extra", FilterTest::NotExists, {}, {1991, 1992, 1993, 1994, 1996, 1997, 1998, 1999}},
        {"38-digit number =", "big", FilterTest::Equal, {n(std::string(kBig) + "3")}, {1993}},
        {"38-digit number >=", "big", FilterTest::GreaterOrEqual, {n(std::string(kBig) + "8")}, {1998, 1999}},
        {"binary =", "blob", FilterTest::Equal, {b(blobOf(4))}, {1994}},
        {"binary begins_with", "blob", FilterTest::BeginsWith, {b(std::string(1, '\x06'))}, {1996}},
        {"string set =", "labels", FilterTest::Equal, {AttributeValue::stringSet({"l2", "common"})}, {1992, 1995, 1998}},
        {"number set =", "nums", FilterTest::Equal, {AttributeValue::numberSet({Number::parse("6").value(), Number::parse("5").value()})}, {1995}},
    };
    for (const auto& c : cases) {
      const Run run = runAll(t, withFilter(bandQuery(), c.path, c.test, c.values), shape);
      QVERIFY2(sorted(yearsOf(run.items)) == c.years, c.what);
      QCOMPARE(run.totals.scannedCount, 10LL);
    }

    // Several rows: AND, then OR.
    OperationSpec both = withFilter(withFilter(bandQuery(), "status", FilterTest::Equal, {s("active")}),
                                    "info.rating", FilterTest::GreaterOrEqual, {n("5")});
    QCOMPARE(yearsOf(runAll(t, both, shape).items), (std::vector<int>{1996, 1998}));
    both.matchAny = true;
    QCOMPARE(yearsOf(runAll(t, both, shape).items), (std::vector<int>{1990, 1992, 1994, 1995, 1996, 1997, 1998, 1999}));
  }

  void scanWithFiltersSeesEveryPartition() {
    TempEngine t;
    createLibrary(t);
    const TableShape shape = shapeOf(t, "Library");
    OperationSpec spec;
    spec.table = "Library";
    spec.filters.push_back({"status", FilterTest::Equal, {s("active")}});
    const Run run = runAll(t, spec, shape);
    QCOMPARE(sorted(yearsOf(run.items)), (std::vector<int>{1990, 1992, 1994, 1996, 1998, 2000, 2001}));
    QCOMPARE(run.totals.scannedCount, 12LL);
    QCOMPARE(run.totals.count, 7LL);
    // Key attributes may be filtered in a Scan.
    OperationSpec byYear;
    byYear.table = "Library";
    byYear.filters.push_back({"year", FilterTest::Between, {n("1999"), n("2000")}});
    QCOMPARE(sorted(yearsOf(runAll(t, byYear, shape).items)), (std::vector<int>{1999, 2000}));
  }

  void projectionOfNestedPaths() {
    TempEngine t;
    createLibrary(t);
    const TableShape shape = shapeOf(t, "Library");
    OperationSpec spec = bandQuery();
    spec.sortOperator = KeyOperator::Equal;
    spec.sortValues = {n("1993")};
    spec.projection = {"name", "year", "info.rating", "info.actors[1].name", "tags[0]", "status"};
    const Run run = runAll(t, spec, shape);
    QCOMPARE(run.items.size(), std::size_t(1));
    const Json got = toJson(run.items[0]);
    const Json want = {
        {"name", S("Band")},
        {"year", N("1993")},
        {"status", S("retired")},
        {"info", {{"M", {{"rating", N("3")}, {"actors", {{"L", Json::array({{{"M", {{"name", S("B3")}}}}})}}}}}}},
        {"tags", {{"L", Json::array({S("tag0")})}}},
    };
    QCOMPARE(got, want);
  }

  void reservedWordsAndOddNames() {
    TempEngine t;
    t.call("CreateTable", {{"TableName", "Odd"},
                           {"KeySchema", Json::array({{{"AttributeName", "name"}, {"KeyType", "HASH"}}})},
                           {"AttributeDefinitions", Json::array({{{"AttributeName", "name"}, {"AttributeType", "S"}}})},
                           {"BillingMode", "PAY_PER_REQUEST"}});
    t.call("PutItem", {{"TableName", "Odd"},
                       {"Item", {{"name", S("a")}, {"status", S("on")}, {"year", N("2024")},
                                 {"odd.name", S("dotted")}, {"size", N("3")}, {"weird [x]", S("bracketed")}}}});
    t.call("PutItem", {{"TableName", "Odd"}, {"Item", {{"name", S("b")}, {"status", S("off")}}}});
    const TableShape shape = shapeOf(t, "Odd");
    OperationSpec spec;
    spec.table = "Odd";
    spec.filters = {{"status", FilterTest::Equal, {s("on")}},
                    {"year", FilterTest::Equal, {n("2024")}},
                    {"`odd.name`", FilterTest::Equal, {s("dotted")}},
                    {"size", FilterTest::Equal, {n("3")}},
                    {"`weird [x]`", FilterTest::Exists, {}}};
    spec.projection = {"name", "`odd.name`"};
    const Run run = runAll(t, spec, shape);
    QCOMPARE(run.items.size(), std::size_t(1));
    QCOMPARE(toJson(run.items[0]), (Json{{"name", S("a")}, {"odd.name", S("dotted")}}));

    // Query on a table keyed by a reserved word.
    OperationSpec query;
    query.kind = OperationKind::Query;
    query.table = "Odd";
    query.partitionValue = s("b");
    const Run one = runAll(t, query, shape);
    QCOMPARE(one.items.size(), std::size_t(1));
    QCOMPARE(one.items[0].at("status").asString(), std::string("off"));
  }

  void numbersAndBinaryKeysStayExact() {
    TempEngine t;
    t.call("CreateTable", {{"TableName", "Exact"},
                           {"KeySchema", Json::array({{{"AttributeName", "k"}, {"KeyType", "HASH"}},
                                                      {{"AttributeName", "n"}, {"KeyType", "RANGE"}}})},
                           {"AttributeDefinitions", Json::array({{{"AttributeName", "k"}, {"AttributeType", "B"}},
                                                                 {{"AttributeName", "n"}, {"AttributeType", "N"}}})},
                           {"BillingMode", "PAY_PER_REQUEST"}});
    const std::string key = std::string("\x00\x01\xfe", 3);
    const std::vector<std::string> numbers = {"0.00000000000000000000000000000000000001",
                                              "99999999999999999999999999999999999999",
                                              "99999999999999999999999999999999999998", "-1E-130", "9.9E125"};
    for (const auto& v : numbers) {
      Json r = t.call("PutItem", {{"TableName", "Exact"}, {"Item", {{"k", {{"B", base64(key)}}}, {"n", N(v)}}}});
      QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
    }
    const TableShape shape = shapeOf(t, "Exact");
    OperationSpec spec;
    spec.kind = OperationKind::Query;
    spec.table = "Exact";
    spec.partitionValue = b(key);
    spec.sortOperator = KeyOperator::GreaterOrEqual;
    spec.sortValues = {n("99999999999999999999999999999999999999")};
    Run run = runAll(t, spec, shape);
    QCOMPARE(run.items.size(), std::size_t(2));  // ...99 and 9.9E125
    QCOMPARE(run.items[0].at("n").asNumber().toString(), std::string("99999999999999999999999999999999999999"));
    spec.sortOperator = KeyOperator::Between;
    spec.sortValues = {n("-1E-130"), n("0.00000000000000000000000000000000000001")};
    run = runAll(t, spec, shape);
    QCOMPARE(run.items.size(), std::size_t(2));
  }

  void parallelScanSegmentsReturnEveryItemOnce() {
    TempEngine t;
    t.call("CreateTable", {{"TableName", "Many"},
                           {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
                           {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})},
                           {"BillingMode", "PAY_PER_REQUEST"}});
    for (int start = 0; start < 300; start += 25) {
      Json writes = Json::array();
      for (int i = start; i < start + 25; ++i) {
        writes.push_back({{"PutRequest", {{"Item", {{"id", S("item-" + std::to_string(i))}, {"i", N(std::to_string(i))}}}}}});
      }
      t.call("BatchWriteItem", {{"RequestItems", {{"Many", writes}}}});
    }
    const TableShape shape = shapeOf(t, "Many");
    OperationSpec spec;
    spec.table = "Many";
    spec.totalSegments = 7;
    spec.pageSize = 20;
    std::multiset<std::string> seen;
    int segmentsWithItems = 0;
    for (int segment = 0; segment < spec.totalSegments; ++segment) {
      OperationSpec one = spec;
      std::optional<Json> start;
      int inSegment = 0;
      for (;;) {
        auto built = buildRequest(one, shape, segment, start);
        QVERIFY(built.isOk());
        QCOMPARE(built->request["Segment"], Json(segment));
        QCOMPARE(built->request["TotalSegments"], Json(7));
        Json response = t.call("Scan", built->request);
        QVERIFY2(TempEngine::errorType(response).empty(), response.dump().c_str());
        for (const auto& item : response["Items"]) {
          seen.insert(item["id"]["S"].get<std::string>());
          ++inSegment;
        }
        if (!response.contains("LastEvaluatedKey")) break;
        start = response["LastEvaluatedKey"];
      }
      if (inSegment > 0) ++segmentsWithItems;
    }
    QCOMPARE(seen.size(), std::size_t(300));
    QCOMPARE(std::set<std::string>(seen.begin(), seen.end()).size(), std::size_t(300));
    QVERIFY(segmentsWithItems > 1);  // the work really was split
    // runAll (all segments, all pages) agrees.
    QCOMPARE(runAll(t, spec, shape).items.size(), std::size_t(300));
  }

  void indexQueries() {
    TempEngine t;
    createLibrary(t);
    const TableShape shape = shapeOf(t, "Library");
    OperationSpec spec;
    spec.kind = OperationKind::Query;
    spec.table = "Library";
    spec.index = "StatusIndex";
    spec.partitionValue = s("retired");
    spec.sortOperator = KeyOperator::Greater;
    spec.sortValues = {n("1994")};
    spec.ascending = false;
    spec.filters.push_back({"info.genre", FilterTest::Equal, {s("jazz")}});
    Run run = runAll(t, spec, shape);
    QCOMPARE(yearsOf(run.items), (std::vector<int>{1999, 1997, 1995}));
    QCOMPARE(run.items[0].at("info").asMap().at("genre").asString(), std::string("jazz"));  // ALL projection

    // A GSI Query with ConsistentRead is refused before it is sent.
    spec.consistentRead = true;
    QCOMPARE(buildRequest(spec, shape).status().type(), ErrorType::ValidationException);

    // A local index allows it; KEYS_ONLY returns the keys.
    OperationSpec local;
    local.kind = OperationKind::Query;
    local.table = "Library";
    local.index = "ByPlays";
    local.partitionValue = s("Band");
    local.sortOperator = KeyOperator::LessOrEqual;
    local.sortValues = {n("92")};
    local.consistentRead = true;
    run = runAll(t, local, shape);
    QCOMPARE(yearsOf(run.items), (std::vector<int>{1999, 1998}));  // plays 91, 92
    QCOMPARE(run.items[0].size(), std::size_t(3));  // name, year, plays

    // A Scan of the GSI.
    OperationSpec scan;
    scan.table = "Library";
    scan.index = "StatusIndex";
    QCOMPARE(runAll(t, scan, shape).items.size(), std::size_t(12));
  }

  void sameResultsThroughBoto3() {
    TempEngine t;
    createLibrary(t);
    const TableShape shape = shapeOf(t, "Library");
    std::vector<OperationSpec> specs;
    OperationSpec between = bandQuery();
    between.sortOperator = KeyOperator::Between;
    between.sortValues = {n("1992"), n("1996")};
    between.ascending = false;
    between.pageSize = 2;
    specs.push_back(between);
    specs.push_back(withFilter(bandQuery(), "info.actors[1].name", FilterTest::In, {s("B3"), s("B4"), s("B8")}));
    specs.push_back(withFilter(bandQuery(), "tags", FilterTest::SizeGreater, {n("2")}));
    specs.push_back(withFilter(bandQuery(), "labels", FilterTest::Contains, {s("l1")}));
    specs.push_back(withFilter(bandQuery(), "extra", FilterTest::NotExists, {}));
    specs.push_back(withFilter(bandQuery(), "info", FilterTest::AttributeType, {s("M")}));
    specs.push_back(withFilter(bandQuery(), "big", FilterTest::GreaterOrEqual, {n(std::string(kBig) + "8")}));
    specs.push_back(withFilter(bandQuery(), "blob", FilterTest::Equal, {b(blobOf(4))}));
    specs.push_back(withFilter(bandQuery(), "nums", FilterTest::Equal,
                               {AttributeValue::numberSet({Number::parse("5").value(), Number::parse("6").value()})}));
    specs.push_back(withFilter(bandQuery(), "info.rating", FilterTest::Between, {n("2"), n("6")}));
    OperationSpec projected = bandQuery();
    projected.projection = {"name", "year", "info.actors[0].name", "blob", "labels", "status"};
    specs.push_back(projected);
    OperationSpec gsi;
    gsi.kind = OperationKind::Query;
    gsi.table = "Library";
    gsi.index = "StatusIndex";
    gsi.partitionValue = s("active");
    gsi.sortOperator = KeyOperator::LessOrEqual;
    gsi.sortValues = {n("1996")};
    specs.push_back(gsi);
    OperationSpec parallel;
    parallel.table = "Library";
    parallel.totalSegments = 3;
    parallel.pageSize = 2;
    parallel.consistentRead = true;
    parallel.filters = {{"status", FilterTest::Equal, {s("active")}}, {"extra", FilterTest::Exists, {}}};
    parallel.matchAny = true;
    specs.push_back(parallel);

    Json jobs = Json::array();
    for (const auto& spec : specs) {
      const int segments = spec.kind == OperationKind::Scan ? spec.totalSegments : 1;
      for (int segment = 0; segment < segments; ++segment) {
        auto built = buildRequest(spec, shape, segment);
        QVERIFY2(built.isOk(), built.status().message().c_str());
        jobs.push_back({{"operation", built->operation}, {"request", built->request}});
      }
    }
    auto server = server::HttpServer::start(t.engine());
    QVERIFY(server.isOk());
    QTemporaryDir dir;
    {
      QFile f(dir.filePath("jobs.json"));
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(QByteArray::fromStdString(jobs.dump()));
    }
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("AWS_ACCESS_KEY_ID", "anything");
    env.insert("AWS_SECRET_ACCESS_KEY", "anything");
    env.insert("AWS_DEFAULT_REGION", "us-east-1");
    python.setProcessEnvironment(env);
    python.start("/usr/bin/python3", {"-c", kBoto3Runner, QString::fromStdString((*server)->url()),
                                      dir.filePath("jobs.json"), dir.filePath("results.json")});
    QVERIFY(python.waitForStarted());
    QVERIFY(python.waitForFinished(120000));
    QVERIFY2(python.exitCode() == 0, python.readAll().constData());
    QFile resultsFile(dir.filePath("results.json"));
    QVERIFY(resultsFile.open(QIODevice::ReadOnly));
    const Json results = Json::parse(resultsFile.readAll().toStdString());
    QCOMPARE(results.size(), jobs.size());

    std::size_t job = 0;
    for (std::size_t i = 0; i < specs.size(); ++i) {
      const Run engineRun = runAll(t, specs[i], shape);
      Json engineItems = Json::array();
      for (const auto& item : engineRun.items) engineItems.push_back(toJson(item));
      Json botoItems = Json::array();
      long long count = 0;
      long long scanned = 0;
      const int segments = specs[i].kind == OperationKind::Scan ? specs[i].totalSegments : 1;
      for (int segment = 0; segment < segments; ++segment, ++job) {
        for (const auto& item : results[job]["items"]) botoItems.push_back(item);
        count += results[job]["count"].get<long long>();
        scanned += results[job]["scanned"].get<long long>();
      }
      QVERIFY2(!engineItems.empty(), qPrintable(QString("spec %1 returns nothing").arg(i)));
      QCOMPARE(botoItems, engineItems);
      QCOMPARE(count, engineRun.totals.count);
      QCOMPARE(scanned, engineRun.totals.scannedCount);
    }
  }

  void explanationMatchesTheRun() {
    TempEngine t;
    createLibrary(t);
    const TableShape shape = shapeOf(t, "Library");
    OperationSpec spec = withFilter(bandQuery(), "info.rating", FilterTest::GreaterOrEqual, {n("7")});
    spec.pageSize = 4;
    spec.fetchAllPages = true;
    const Run run = runAll(t, spec, shape);
    const QString line = explainRun(spec, shape, run.totals);
    QVERIFY2(line.startsWith("Query on table Library: the key condition reads only items with name = \"Band\"; "
                             "the filter discarded 7 of the 10 items read; 3 returned in "),
             qPrintable(line));
    QVERIFY2(line.contains("read capacity unit"), qPrintable(line));
  }
};

QTEST_GUILESS_MAIN(TestOperationRequests)
#include "test_operation_requests.moc"
