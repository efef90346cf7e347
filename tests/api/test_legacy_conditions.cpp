// The legacy conditions shape (KeyConditions, QueryFilter, ScanFilter) and the
// translation of KeyConditions into Query's typed key condition, with
// DynamoDB's messages for every misuse.
#include <QtTest>

#include "api/legacy_conditions.h"

using namespace dynadesk;
using namespace dynadesk::api;

Q_DECLARE_METATYPE(std::string)

namespace {
TableDef eventsTable() {
  TableDef t;
  t.name = "Events";
  t.key.partition = {"pk", AttrType::S};
  t.key.sort = KeyAttribute{"sk", AttrType::N};
  return t;
}

Result<KeyConditionParts> convert(const std::string& json) {
  auto conditions = readLegacyConditions(Json{{"KeyConditions", Json::parse(json)}}, "KeyConditions", "keyConditions");
  if (!conditions) return conditions.status();
  return keyConditionFromLegacy(*conditions, eventsTable().key);
}
}  // namespace

class TestLegacyConditions : public QObject {
  Q_OBJECT
 private slots:
  void converts();
  void rejects_data();
  void rejects();
};

void TestLegacyConditions::converts() {
  auto hashOnly = convert(R"({"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}})");
  QVERIFY(hashOnly.isOk());
  QVERIFY(hashOnly->partitionValue == AttributeValue::string("a"));
  QVERIFY(!hashOnly->sort);
  auto between = convert(R"({"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]},
                             "sk":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"1"},{"N":"5"}]}})");
  QVERIFY(between.isOk());
  QCOMPARE(between->sort->op, ops::SortKeyOp::Between);
  QVERIFY(*between->sort->upper == AttributeValue::number(Number::fromInt64(5)));
}

void TestLegacyConditions::rejects_data() {
  QTest::addColumn<std::string>("conditions");
  QTest::addColumn<std::string>("message");
  const std::string eqA = R"("pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]})";
  QTest::newRow("no hash") << std::string(R"({"sk":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}})")
                           << std::string("Query condition missed key schema element: pk");
  QTest::newRow("hash not EQ") << std::string(R"({"pk":{"ComparisonOperator":"GT","AttributeValueList":[{"S":"a"}]}})")
                               << std::string("Attempted conditional constraint is not an indexable operation");
  QTest::newRow("sort NE") << "{" + eqA + R"(,"sk":{"ComparisonOperator":"NE","AttributeValueList":[{"N":"1"}]}})"
                           << std::string("Attempted conditional constraint is not an indexable operation");
  QTest::newRow("wrong type") << "{" + eqA + R"(,"sk":{"ComparisonOperator":"GT","AttributeValueList":[{"S":"1"}]}})"
                              << std::string("One or more parameter values were invalid: Condition parameter type does not match schema type");
  QTest::newRow("non-key") << "{" + eqA + R"(,"x":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}})"
                           << std::string("Query condition missed key schema element: sk");
  QTest::newRow("three") << "{" + eqA + R"(,"sk":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]},"x":{"ComparisonOperator":"NULL"}})"
                         << std::string("Conditions can be of length 1 or 2 only");
  QTest::newRow("arg count") << std::string(R"({"pk":{"ComparisonOperator":"EQ","AttributeValueList":[]}})")
                             << std::string("One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator");
  QTest::newRow("mixed types") << std::string(R"({"pk":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"S":"a"},{"N":"1"}]}})")
                               << std::string("One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type");
  QTest::newRow("begins_with N") << std::string(R"({"pk":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"N":"1"}]}})")
                                 << std::string("One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
  QTest::newRow("between reversed") << std::string(R"({"pk":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"5"},{"N":"1"}]}})")
                                    << std::string("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
  QTest::newRow("bad operator") << std::string(R"({"pk":{"ComparisonOperator":"LIKE","AttributeValueList":[{"S":"a"}]}})")
                                << std::string("1 validation error detected: Value 'LIKE' at 'keyConditions.pk.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
}

void TestLegacyConditions::rejects() {
  QFETCH(std::string, conditions);
  QFETCH(std::string, message);
  auto r = convert(conditions);
  QVERIFY(!r.isOk());
  QCOMPARE(r.status().type(), ErrorType::ValidationException);
  QCOMPARE(r.status().message(), message);
}

QTEST_APPLESS_MAIN(TestLegacyConditions)
#include "test_legacy_conditions.moc"
