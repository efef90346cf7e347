// Query at the ops level: for random sort keys of each type and every sort-key
// operator, forward and backward, whole and paged, the items returned are
// exactly those a brute-force filter and sort of the partition gives.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <random>

#include "ops/database.h"
#include "ops/item_ops.h"
#include "ops/query_ops.h"
#include "ops/table_ops.h"
#include "storage/lmdb_env.h"

using namespace dynadesk;
using namespace dynadesk::ops;

namespace {

struct Fixture {
  QTemporaryDir dir;
  std::unique_ptr<Database> db;

  explicit Fixture(AttrType sortType) {
    auto env = storage::Env::open({dir.path().toStdString(), 16u << 20, 0, false, 64});
    db = std::move(Database::open(std::move(env).value(), std::make_shared<ManualClock>(0), "us-east-1", "0")).value();
    CreateTableRequest c;
    c.tableName = "Events";
    c.keySchema = {{"pk", "HASH"}, {"sk", "RANGE"}};
    c.attributeDefinitions = {{"pk", AttrType::S}, {"sk", sortType}};
    c.billingMode = BillingMode::PayPerRequest;
    if (!createTable(*db, c)) qFatal("create");
  }

  void put(const std::string& pk, const AttributeValue& sk, int n) {
    Item item;
    item.emplace("pk", AttributeValue::string(pk));
    item.emplace("sk", sk);
    item.emplace("n", AttributeValue::number(Number::fromInt64(n)));
    if (!putItem(*db, {"Events", item, ReturnValues::None})) qFatal("put");
  }
};

int cmp(const AttributeValue& a, const AttributeValue& b) {
  if (a.is(AttrType::N)) return a.asNumber().compare(b.asNumber());
  const std::string& x = a.is(AttrType::S) ? a.asString() : a.asBinary();
  const std::string& y = b.is(AttrType::S) ? b.asString() : b.asBinary();
  return x < y ? -1 : x > y ? 1 : 0;
}

bool matches(const SortKeyCondition& c, const AttributeValue& v) {
  switch (c.op) {
    case SortKeyOp::Equal: return cmp(v, c.value) == 0;
    case SortKeyOp::Less: return cmp(v, c.value) < 0;
    case SortKeyOp::LessOrEqual: return cmp(v, c.value) <= 0;
    case SortKeyOp::Greater: return cmp(v, c.value) > 0;
    case SortKeyOp::GreaterOrEqual: return cmp(v, c.value) >= 0;
    case SortKeyOp::Between: return cmp(v, c.value) >= 0 && cmp(v, *c.upper) <= 0;
    case SortKeyOp::BeginsWith: {
      const std::string& x = v.is(AttrType::S) ? v.asString() : v.asBinary();
      const std::string& p = c.value.is(AttrType::S) ? c.value.asString() : c.value.asBinary();
      return x.starts_with(p);
    }
  }
  return false;
}

AttributeValue randomSortKey(std::mt19937& rng, AttrType type) {
  if (type == AttrType::N) {
    return AttributeValue::number(*Number::parse(std::to_string(static_cast<int>(rng() % 200) - 100) + "." +
                                                 std::to_string(rng() % 10)));
  }
  std::string s(1 + rng() % 4, 'a');
  for (auto& c : s) c = static_cast<char>(type == AttrType::S ? 'a' + rng() % 3 : rng() % 3 == 0 ? 0xFF : rng() % 3);
  return type == AttrType::S ? AttributeValue::string(s) : AttributeValue::binary(s);
}

// Every page of a query, following LastEvaluatedKey, concatenated.
std::vector<Item> queryAll(Database& db, QueryRequest r, std::size_t* pages = nullptr) {
  std::vector<Item> all;
  std::size_t n = 0;
  while (true) {
    auto page = query(db, r);
    if (!page) qFatal("query: %s", page.status().message().c_str());
    ++n;
    for (auto& i : page->items) all.push_back(i);
    if (!page->lastEvaluatedKey) break;
    r.exclusiveStartKey = page->lastEvaluatedKey;
  }
  if (pages) *pages = n;
  return all;
}

}  // namespace

class TestQueryOps : public QObject {
  Q_OBJECT
 private slots:
  void matchesBruteForce_data();
  void matchesBruteForce();
  void filterCountsAndLimit();
  void errors();
};

void TestQueryOps::matchesBruteForce_data() {
  QTest::addColumn<int>("typeInt");
  QTest::newRow("N") << static_cast<int>(AttrType::N);
  QTest::newRow("S") << static_cast<int>(AttrType::S);
  QTest::newRow("B") << static_cast<int>(AttrType::B);
}

void TestQueryOps::matchesBruteForce() {
  QFETCH(int, typeInt);
  const auto type = static_cast<AttrType>(typeInt);
  Fixture f(type);
  std::mt19937 rng(11 + typeInt);
  std::vector<AttributeValue> keys;
  for (int i = 0; i < 150; ++i) {
    AttributeValue k = randomSortKey(rng, type);
    if (std::none_of(keys.begin(), keys.end(), [&](const AttributeValue& x) { return x == k; })) keys.push_back(k);
    f.put("p", k, i);
    f.put("other", k, i);  // a neighbouring partition must never leak in
  }
  std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return cmp(a, b) < 0; });

  for (int round = 0; round < 300; ++round) {
    QueryRequest r;
    r.tableName = "Events";
    r.partitionValue = AttributeValue::string("p");
    if (round % 8 != 0) {
      SortKeyCondition c;
      c.op = static_cast<SortKeyOp>(rng() % (type == AttrType::N ? 6 : 7));
      c.value = randomSortKey(rng, type);
      if (c.op == SortKeyOp::Between) {
        AttributeValue other = randomSortKey(rng, type);
        if (cmp(other, c.value) < 0) std::swap(other, c.value);
        c.upper = other;
      }
      r.sortCondition = c;
    }
    r.scanIndexForward = rng() % 2 == 0;
    if (rng() % 2) r.limit = 1 + static_cast<int>(rng() % 7);

    std::vector<AttributeValue> expected;
    for (const auto& k : keys) {
      if (!r.sortCondition || matches(*r.sortCondition, k)) expected.push_back(k);
    }
    if (!r.scanIndexForward) std::reverse(expected.begin(), expected.end());

    std::vector<Item> got = queryAll(*f.db, r);
    QCOMPARE(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      QVERIFY(got[i].at("sk") == expected[i]);
      QVERIFY(got[i].at("pk") == AttributeValue::string("p"));
    }
  }
}

void TestQueryOps::filterCountsAndLimit() {
  Fixture f(AttrType::N);
  for (int i = 0; i < 10; ++i) f.put("p", AttributeValue::number(Number::fromInt64(i)), i);
  QueryRequest r;
  r.tableName = "Events";
  r.partitionValue = AttributeValue::string("p");
  r.limit = 4;
  r.filter = [](const Item& item) -> Result<bool> { return item.at("n").asNumber().compare(Number::fromInt64(2)) > 0; };
  auto page = query(*f.db, r);
  QVERIFY(page.isOk());
  QCOMPARE(page->scannedCount, std::size_t(4));   // 0, 1, 2, 3 evaluated
  QCOMPARE(page->count, std::size_t(1));          // only 3 passes
  QVERIFY(page->lastEvaluatedKey.has_value());
  QVERIFY(page->lastEvaluatedKey->at("sk") == AttributeValue::number(Number::fromInt64(3)));
  // Filtered-out items still move the page on: the whole query returns 7 items.
  r.limit = 3;
  QCOMPARE(queryAll(*f.db, r).size(), std::size_t(7));
  r.select = Select::Count;
  r.limit.reset();
  auto counted = query(*f.db, r);
  QCOMPARE(counted->count, std::size_t(7));
  QVERIFY(counted->items.empty());
}

void TestQueryOps::errors() {
  Fixture f(AttrType::N);
  f.put("p", AttributeValue::number(Number::fromInt64(1)), 1);
  QueryRequest r;
  r.tableName = "Events";
  r.partitionValue = AttributeValue::number(Number::fromInt64(1));
  QCOMPARE(query(*f.db, r).status().message(),
           std::string("One or more parameter values were invalid: Condition parameter type does not match schema type"));
  r.partitionValue = AttributeValue::string("p");
  r.sortCondition = SortKeyCondition{SortKeyOp::BeginsWith, AttributeValue::number(Number::fromInt64(1)), std::nullopt};
  QCOMPARE(query(*f.db, r).status().message(),
           std::string("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or "
                       "function: begins_with, operand type: N"));
  r.sortCondition = SortKeyCondition{SortKeyOp::Between, AttributeValue::number(Number::fromInt64(5)),
                                     AttributeValue::number(Number::fromInt64(1))};
  QCOMPARE(query(*f.db, r).status().message(),
           std::string("Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or "
                       "equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: "
                       "AttributeValue: {N:1}"));
  r.sortCondition = SortKeyCondition{SortKeyOp::Greater, AttributeValue::number(Number::fromInt64(5)), std::nullopt};
  Item outside;
  outside.emplace("pk", AttributeValue::string("p"));
  outside.emplace("sk", AttributeValue::number(Number::fromInt64(2)));
  r.exclusiveStartKey = outside;
  QCOMPARE(query(*f.db, r).status().message(),
           std::string("The provided starting key is outside query boundaries based on provided conditions"));
  r.tableName = "Nope";
  QCOMPARE(query(*f.db, r).status().type(), ErrorType::ResourceNotFoundException);
}

QTEST_APPLESS_MAIN(TestQueryOps)
#include "test_query_ops.moc"
