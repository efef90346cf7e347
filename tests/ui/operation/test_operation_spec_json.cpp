// operationSpecToJson / operationSpecFromJson: every field and every value type
// survives the round trip exactly; bad input answers a ValidationException
// naming the field and never throws.
#include <QtTest>

#include "operation/operation_spec.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

Number num(const char* text) { return Number::parse(text).value(); }

std::vector<AttributeValue> everyType() {
  AttributeMap m;
  m.emplace("nested", AttributeValue::list({AttributeValue::string("x"), AttributeValue::number(num("-1.5E-100"))}));
  m.emplace("flag", AttributeValue::boolean(false));
  return {
      AttributeValue::string("Rock \"n\" roll ✓"),
      AttributeValue::number(num("12345678901234567890123456789012345678")),
      AttributeValue::number(num("9.9999999999999999999999999999999999999E+125")),
      AttributeValue::binary(std::string("\x00\x01\xff", 3)),
      AttributeValue::boolean(true),
      AttributeValue::null(),
      AttributeValue::map(m),
      AttributeValue::list({AttributeValue::null(), AttributeValue::map({})}),
      AttributeValue::stringSet({"b", "a"}),
      AttributeValue::numberSet({num("1"), num("0.00000000000000000000000000000000000001")}),
      AttributeValue::binarySet({std::string("\x00", 1), "z"}),
  };
}

OperationSpec fullSpec() {
  OperationSpec spec;
  spec.kind = OperationKind::Query;
  spec.table = "Music";
  spec.index = "GenreIndex";
  spec.partitionValue = AttributeValue::binary("pk");
  spec.sortOperator = KeyOperator::Between;
  spec.sortValues = {AttributeValue::number(num("1")), AttributeValue::number(num("2"))};
  int i = 0;
  for (const auto& v : everyType()) {
    spec.filters.push_back({"info.a[" + std::to_string(i) + "]", static_cast<FilterTest>(i % 20), {v}});
    ++i;
  }
  spec.filters.push_back({"`odd.name`", FilterTest::In, everyType()});
  spec.filters.push_back({"x", FilterTest::NotExists, {}});
  spec.matchAny = true;
  spec.projection = {"a", "b.c[1]"};
  spec.ascending = false;
  spec.pageSize = 250;
  spec.fetchAllPages = true;
  spec.consistentRead = true;
  spec.totalSegments = 1000000;
  return spec;
}

}  // namespace

class TestOperationSpecJson : public QObject {
  Q_OBJECT
 private slots:
  void roundTripsEveryField() {
    const OperationSpec spec = fullSpec();
    const Json json = operationSpecToJson(spec);
    auto back = operationSpecFromJson(json);
    QVERIFY2(back.isOk(), back.status().message().c_str());
    QVERIFY(back.value() == spec);
    // Through text too, as the library stores it; numbers keep every digit.
    auto fromText = operationSpecFromJson(Json::parse(json.dump()));
    QVERIFY(fromText.isOk());
    QVERIFY(fromText.value() == spec);
    QCOMPARE(json["filters"][1]["values"][0], Json({{"N", "12345678901234567890123456789012345678"}}));
    QCOMPARE(json["sortOperator"], Json("Between"));
    QCOMPARE(json["kind"], Json("Query"));
  }

  void roundTripsEveryEnumerator() {
    for (auto kind : {OperationKind::Query, OperationKind::Scan}) {
      OperationSpec spec;
      spec.kind = kind;
      QVERIFY(operationSpecFromJson(operationSpecToJson(spec)).value() == spec);
    }
    for (int op = 0; op <= static_cast<int>(KeyOperator::BeginsWith); ++op) {
      OperationSpec spec;
      spec.sortOperator = static_cast<KeyOperator>(op);
      QVERIFY(operationSpecFromJson(operationSpecToJson(spec)).value() == spec);
    }
    for (int t = 0; t <= static_cast<int>(FilterTest::AttributeType); ++t) {
      const auto test = static_cast<FilterTest>(t);
      QVERIFY(!filterTestName(test).empty());
      QCOMPARE(filterTestFromName(filterTestName(test)), std::optional<FilterTest>(test));
    }
    // Defaults: no sort operator, no partition value.
    const OperationSpec empty;
    const Json json = operationSpecToJson(empty);
    QVERIFY(json["sortOperator"].is_null());
    QVERIFY(json["partitionValue"].is_null());
    QVERIFY(operationSpecFromJson(json).value() == empty);
    QVERIFY(operationSpecFromJson(Json::object()).value() == empty);  // missing fields take defaults
  }

  void rejectsBadInputNamingTheField() {
    struct Bad { const char* name; Json json; const char* field; };
    const std::vector<Bad> cases = {
        {"not an object", Json::array(), "operation"},
        {"bad kind", {{"kind", "Delete"}}, "kind"},
        {"kind not a string", {{"kind", 1}}, "kind"},
        {"table not a string", {{"table", 5}}, "table"},
        {"bad partition value", {{"partitionValue", {{"X", "1"}}}}, "partitionValue"},
        {"bad number", {{"partitionValue", {{"N", "1e999"}}}}, "partitionValue"},
        {"bad sort operator", {{"sortOperator", "LIKE"}}, "sortOperator"},
        {"sortValues not a list", {{"sortValues", {{"S", "x"}}}}, "sortValues"},
        {"filters not a list", {{"filters", "x"}}, "filters"},
        {"filter not an object", {{"filters", Json::array({1})}}, "filters[0]"},
        {"bad filter test", {{"filters", Json::array({{{"path", "a"}, {"test", "Like"}}})}}, "filters[0].test"},
        {"bad filter value", {{"filters", Json::array({{{"path", "a"}, {"values", Json::array({{{"SS", Json::array()}}})}}})}},
         "filters[0].values[0]"},
        {"projection not strings", {{"projection", Json::array({1})}}, "projection[0]"},
        {"ascending not a bool", {{"ascending", "yes"}}, "ascending"},
        {"pageSize not a number", {{"pageSize", "10"}}, "pageSize"},
        {"pageSize fractional", {{"pageSize", 1.5}}, "pageSize"},
        {"pageSize huge", {{"pageSize", 1e12}}, "pageSize"},
        {"totalSegments huge", {{"totalSegments", 99999999999LL}}, "totalSegments"},
        {"matchAny not a bool", {{"matchAny", 0}}, "matchAny"},
    };
    for (const auto& c : cases) {
      auto r = operationSpecFromJson(c.json);
      QVERIFY2(!r.isOk(), c.name);
      QCOMPARE(r.status().type(), ErrorType::ValidationException);
      QVERIFY2(r.status().message().rfind(c.field, 0) == 0, r.status().message().c_str());
    }
  }

  void valueCounts() {
    QCOMPARE(expectedValueCount(FilterTest::Exists), 0);
    QCOMPARE(expectedValueCount(FilterTest::NotExists), 0);
    QCOMPARE(expectedValueCount(FilterTest::Between), 2);
    QCOMPARE(expectedValueCount(FilterTest::In), -1);
    QCOMPARE(expectedValueCount(FilterTest::SizeGreater), 1);
    QCOMPARE(expectedValueCount(KeyOperator::Between), 2);
    QCOMPARE(expectedValueCount(KeyOperator::BeginsWith), 1);
  }
};

QTEST_GUILESS_MAIN(TestOperationSpecJson)
#include "test_operation_spec_json.moc"
