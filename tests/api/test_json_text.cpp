// The direct JSON writer for item answers: random items of every type (nested,
// with characters that need escaping) parse to exactly what toJson() builds,
// and GetItem / Query / Scan answer the same through the text front door as
// through the JSON one (projections, COUNT, LastEvaluatedKey included).
#include <QtTest>

#include <random>

#include "api/json_text.h"
#include "dynadesk/attribute_json.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

namespace {

std::string randomText(std::mt19937& rng) {
  static const std::vector<std::string> pieces = {"a", "Z", "\"", "\\", "\n", "\t", "\x01", "\x1f", "é", "日本", "😀", " ", "/", "\x7f"};
  std::string s;
  const int n = std::uniform_int_distribution<int>(0, 6)(rng);
  for (int i = 0; i < n; ++i) s += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
  return s;
}

AttributeValue randomValue(std::mt19937& rng, int depth) {
  const int kind = std::uniform_int_distribution<int>(0, depth > 3 ? 7 : 9)(rng);
  switch (kind) {
    case 0: return AttributeValue::string(randomText(rng));
    case 1: return AttributeValue::number(*Number::parse(std::to_string(std::uniform_int_distribution<long>(-1000000, 1000000)(rng)) + ".25"));
    case 2: return AttributeValue::binary(randomText(rng) + std::string(1, '\0'));
    case 3: return AttributeValue::boolean(rng() % 2 == 0);
    case 4: return AttributeValue::null();
    case 5: return AttributeValue::stringSet({randomText(rng) + "1", randomText(rng) + "2"});
    case 6: return AttributeValue::numberSet({Number::fromInt64(rng() % 100), Number::fromInt64(100 + rng() % 100)});
    case 7: return AttributeValue::binarySet({"x" + randomText(rng), "y"});
    case 8: {
      AttributeList l;
      for (int i = 0, n = static_cast<int>(rng() % 4); i < n; ++i) l.push_back(randomValue(rng, depth + 1));
      return AttributeValue::list(std::move(l));
    }
    default: {
      AttributeMap m;
      for (int i = 0, n = static_cast<int>(rng() % 4); i < n; ++i) m[randomText(rng) + std::to_string(i)] = randomValue(rng, depth + 1);
      return AttributeValue::map(std::move(m));
    }
  }
}

}  // namespace

class TestJsonText : public QObject {
  Q_OBJECT
 private slots:
  void randomItemsMatchTheTreeEncoding() {
    std::mt19937 rng(20261121);
    for (int round = 0; round < 2000; ++round) {
      Item item;
      for (int i = 0, n = static_cast<int>(rng() % 6); i < n; ++i) item[randomText(rng) + "k" + std::to_string(i)] = randomValue(rng, 0);
      std::string text;
      api::appendItemJson(text, item);
      const Json parsed = Json::parse(text);
      QCOMPARE(parsed, toJson(item));
    }
  }

  void textAnswersEqualJsonAnswers() {
    TempEngine t;
    t.call("CreateTable", {{"TableName", "T"},
                           {"KeySchema", Json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}})},
                           {"AttributeDefinitions", Json::array({{{"AttributeName", "pk"}, {"AttributeType", "S"}}, {{"AttributeName", "sk"}, {"AttributeType", "N"}}})},
                           {"BillingMode", "PAY_PER_REQUEST"}});
    for (int i = 0; i < 30; ++i) {
      t.call("PutItem", {{"TableName", "T"}, {"Item", {{"pk", S(i % 2 ? "a" : "b\"\n")}, {"sk", N(std::to_string(i))}, {"m", {{"M", {{"x", {{"SS", {"p", "q"}}}}}}}}, {"v", S("é\t" + std::to_string(i))}}}});
    }
    const std::vector<std::pair<std::string, Json>> requests = {
        {"GetItem", {{"TableName", "T"}, {"Key", {{"pk", S("a")}, {"sk", N("1")}}}}},
        {"GetItem", {{"TableName", "T"}, {"Key", {{"pk", S("a")}, {"sk", N("2")}}}}},
        {"GetItem", {{"TableName", "T"}, {"Key", {{"pk", S("a")}, {"sk", N("3")}}}, {"ProjectionExpression", "m.x, v"}}},
        {"Query", {{"TableName", "T"}, {"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("b\"\n")}}}, {"Limit", 4}}},
        {"Query", {{"TableName", "T"}, {"KeyConditionExpression", "pk = :p"}, {"ExpressionAttributeValues", {{":p", S("a")}}}, {"Select", "COUNT"}}},
        {"Scan", {{"TableName", "T"}, {"ProjectionExpression", "sk"}, {"Limit", 7}}},
        {"Scan", {{"TableName", "T"}, {"FilterExpression", "sk > :n"}, {"ExpressionAttributeValues", {{":n", N("20")}}}}},
        {"Scan", {{"TableName", "Missing"}}},
    };
    for (const auto& [op, request] : requests) {
      auto asJson = t.engine().call(op, request);
      auto asText = t.engine().call(op, std::string_view(request.dump()));
      QCOMPARE(asJson.isOk(), asText.isOk());
      if (!asJson.isOk()) {
        QCOMPARE(asText.status().message(), asJson.status().message());
        continue;
      }
      QCOMPARE(Json::parse(*asText), *asJson);
    }
  }
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "test_json_text.moc"
