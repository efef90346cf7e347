// The item editor's JSON views: plain JSON keeps every digit and, with the
// item's own types as hints, sets stay sets and binary stays binary; DynamoDB
// JSON round-trips; save requests are conditioned as documented.
#include <QtTest>

#include "dynadesk/attribute_json.h"
#include "format/item_export.h"
#include "format/item_save.h"
#include "format/plain_json.h"

using namespace dynadesk;
using namespace dynadesk::ui;

namespace {
Item parse(const char* json) { return *itemFromJson(nlohmann::json::parse(json)); }
}  // namespace

class TestPlainJson : public QObject {
  Q_OBJECT
 private slots:
  void plainJsonNeverLosesInformation() {
    const Item item = parse(R"({
      "id": {"S": "a"},
      "big": {"N": "12345678901234567890123456789012345678"},
      "small": {"N": "-0.00000000000000000000000000000000000000000000000000000000000000000000001"},
      "huge": {"N": "1E+125"},
      "bin": {"B": "AAEC/w=="},
      "tags": {"SS": ["x", "y"]},
      "scores": {"NS": ["1", "2.5"]},
      "blobs": {"BS": ["AQ==", "Ag=="]},
      "list": {"L": [{"S": "one"}, {"SS": ["z"]}]},
      "map": {"M": {"bin": {"B": "AQ=="}, "n": {"N": "3"}}}
    })");
    const std::string text = itemToPlainJson(item);
    QVERIFY(text.find("12345678901234567890123456789012345678") != std::string::npos);
    auto back = itemFromPlainJson(text, item);
    QVERIFY2(back.isOk(), back.status().message().c_str());
    QVERIFY(*back == item);
  }

  void newAttributesTakeNaturalTypes() {
    auto item = itemFromPlainJson(R"({"id":"a","n":12345678901234567890123,"f":1.5e3,"ok":true,"none":null,"l":[1,"x"],"m":{"k":"v"}})",
                                  Item{});
    QVERIFY(item.isOk());
    QCOMPARE(item->find("n")->second.asNumber().toString(), std::string("12345678901234567890123"));
    QCOMPARE(item->find("f")->second.asNumber().toString(), std::string("1500"));
    QCOMPARE(item->find("ok")->second.type(), AttrType::BOOL);
    QCOMPARE(item->find("none")->second.type(), AttrType::NUL);
    QCOMPARE(item->find("l")->second.type(), AttrType::L);
    QCOMPARE(item->find("m")->second.type(), AttrType::M);
  }

  void badTextIsExplained() {
    auto notJson = itemFromPlainJson("{\"id\": \n  \"a\",, }", Item{});
    QCOMPARE(notJson.status().type(), ErrorType::SerializationException);
    QVERIFY(QString::fromStdString(notJson.status().message()).contains("line 2"));
    auto notObject = itemFromDynamoJson("[1]");
    QCOMPARE(notObject.status().type(), ErrorType::SerializationException);
    auto badType = itemFromDynamoJson(R"({"id": {"X": "a"}})");
    QVERIFY(!badType.isOk());
    auto tooBig = itemFromPlainJson(R"({"n": 1e200})", Item{});
    QCOMPARE(tooBig.status().type(), ErrorType::ValidationException);
  }

  void exportsKeepValues() {
    Item first = parse(R"({"n": {"N": "12345678901234567890123456789012345678"}, "s": {"SS": ["x"]}})");
    first.emplace("pk", AttributeValue::string("a,\"b"));  // a comma and a quote: CSV must quote it
    const std::vector<Item> items = {first,
                                     parse(R"({"pk": {"S": "c"}, "bin": {"B": "AAE="}, "m": {"M": {"k": {"L": [{"N": "1"}]}}}})")};
    // DynamoDB JSON: every item back exactly.
    const auto dynamo = nlohmann::json::parse(exportDynamoJson(items));
    QCOMPARE(dynamo.size(), std::size_t(2));
    QVERIFY(*itemFromJson(dynamo[0]) == items[0]);
    QVERIFY(*itemFromJson(dynamo[1]) == items[1]);
    // Plain JSON: valid, with the 38-digit number written exactly.
    const std::string plain = exportPlainJson(items);
    QVERIFY(nlohmann::json::accept(plain));
    QVERIFY(plain.find("\"n\":12345678901234567890123456789012345678") != std::string::npos);
    QVERIFY(plain.find("\"m\":{\"k\":[1]}") != std::string::npos);
    // CSV: RFC 4180 quoting, one column per attribute, empty when absent.
    const std::string csv = exportCsv(items, {"pk", "n", "s", "bin", "m"});
    QCOMPARE(csv, std::string("pk,n,s,bin,m\r\n"
                              "\"a,\"\"b\",12345678901234567890123456789012345678,\"[\"\"x\"\"]\",,\r\n"
                              "c,,,AAE=,\"{\"\"k\"\":[1]}\"\r\n"));
  }

  void saveRequestsAreConditioned() {
    const std::vector<KeyAttribute> keys{{"pk", "S"}, {"sk", "N"}};
    const Item original = parse(R"({"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "old"}})");
    Item edited = original;
    edited["v"] = AttributeValue::string("new");
    auto r = putItemRequest("T", keys, edited, original);
    QCOMPARE(r["ReturnValuesOnConditionCheckFailure"].get<std::string>(), std::string("ALL_OLD"));
    const std::string condition = r["ConditionExpression"];
    QCOMPARE(std::count(condition.begin(), condition.end(), '='), 3L);
    QCOMPARE(r["ExpressionAttributeValues"].size(), std::size_t(3));
    auto fresh = putItemRequest("T", keys, edited, std::nullopt);
    QCOMPARE(fresh["ConditionExpression"].get<std::string>(), std::string("attribute_not_exists(#k)"));
    Item moved = edited;
    moved["sk"] = AttributeValue::number(Number::fromInt64(2));
    QCOMPARE(putItemRequest("T", keys, moved, original)["ConditionExpression"].get<std::string>(),
             std::string("attribute_not_exists(#k)"));
    QVERIFY(checkItemForTable(edited, keys).isOk());
    Item noKey = parse(R"({"pk": {"S": "a"}})");
    QCOMPARE(checkItemForTable(noKey, keys).message(),
             std::string("One or more parameter values were invalid: Missing the key sk in the item"));
    Item wrongType = parse(R"({"pk": {"S": "a"}, "sk": {"S": "1"}})");
    QCOMPARE(checkItemForTable(wrongType, keys).message(),
             std::string("One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S"));
  }
};

QTEST_MAIN(TestPlainJson)
#include "test_plain_json.moc"
