// The query builder's typed value fields: every DynamoDB type reads from one
// line of text exactly (numbers keep all 38 digits, sets lose duplicates,
// nested JSON keeps its types), writes back to text that reads the same, and
// bad text is a plain ValidationException.
#include <QtTest>

#include "dynadesk/attribute_json.h"
#include "format/typed_value_text.h"

using namespace dynadesk;
using namespace dynadesk::ui;

namespace {
AttributeValue parsed(const char* type, const char* text) {
  auto v = parseTypedValue(QString::fromUtf8(type), QString::fromUtf8(text));
  if (!v) qFatal("%s", v.status().message().c_str());
  return *v;
}
AttributeValue fromJson(const char* json) { return *attributeValueFromJson(nlohmann::json::parse(json)); }
}  // namespace

class TestTypedValueText : public QObject {
  Q_OBJECT
 private slots:
  void everyTypeReads() {
    QCOMPARE(parsed("S", "  Rock  "), AttributeValue::string("  Rock  "));
    QCOMPARE(parsed("N", " 12345678901234567890123456789012345678 "),
             fromJson(R"({"N": "12345678901234567890123456789012345678"})"));
    QCOMPARE(parsed("N", "-1.50e2"), fromJson(R"({"N": "-150"})"));
    QCOMPARE(parsed("B", "aGVsbG8="), AttributeValue::binary("hello"));
    QCOMPARE(parsed("BOOL", "TRUE"), AttributeValue::boolean(true));
    QCOMPARE(parsed("BOOL", "false"), AttributeValue::boolean(false));
    QCOMPARE(parsed("NULL", ""), AttributeValue::null());
    QCOMPARE(parsed("SS", R"(["b", "a", "b"])"), AttributeValue::stringSet({"a", "b"}));
    QCOMPARE(parsed("SS", "rock, jazz ,blues"), AttributeValue::stringSet({"blues", "jazz", "rock"}));
    QCOMPARE(parsed("NS", "[1, 2.50, 99999999999999999999999999999999999999]"),
             fromJson(R"({"NS": ["1", "2.5", "99999999999999999999999999999999999999"]})"));
    QCOMPARE(parsed("NS", "3, 1"), fromJson(R"({"NS": ["1", "3"]})"));
    QCOMPARE(parsed("BS", "aGk=, AQ=="), fromJson(R"({"BS": ["aGk=", "AQ=="]})"));
    QCOMPARE(parsed("L", R"([1, "two", true, null, [3], {"a": 12345678901234567890123456789012345678}])"),
             fromJson(R"({"L": [{"N": "1"}, {"S": "two"}, {"BOOL": true}, {"NULL": true}, {"L": [{"N": "3"}]},
                               {"M": {"a": {"N": "12345678901234567890123456789012345678"}}}]})"));
    QCOMPARE(parsed("M", R"({"rating": 4.5, "actors": ["A", "B"]})"),
             fromJson(R"({"M": {"rating": {"N": "4.5"}, "actors": {"L": [{"S": "A"}, {"S": "B"}]}}})"));
    QCOMPARE(parsed("L", ""), AttributeValue::list({}));
  }

  void textRoundTrips() {
    const char* values[] = {
        R"({"S": "with, comma and [brackets]"})", R"({"N": "-0.000000000000000000000000000000000001"})",
        R"({"B": "AAEC/w=="})", R"({"BOOL": true})", R"({"NULL": true})", R"({"SS": ["x", "y, z"]})",
        R"({"NS": ["1", "12345678901234567890123456789012345678"]})", R"({"BS": ["AQ==", "Ag=="]})",
        R"({"L": [{"S": "a"}, {"N": "1.5"}]})", R"({"M": {"k": {"M": {"deep": {"BOOL": false}}}}})",
    };
    for (const char* json : values) {
      const AttributeValue value = fromJson(json);
      const QString type = QString::fromStdString(std::string(attrTypeName(value.type())));
      auto back = parseTypedValue(type, typedValueText(value));
      QVERIFY2(back.isOk(), json);
      QVERIFY2(*back == value, json);
    }
  }

  void badTextIsAPlainError() {
    const std::pair<const char*, const char*> bad[] = {
        {"N", "12a"}, {"N", ""}, {"N", "123456789012345678901234567890123456789"}, {"N", "1e200"},
        {"B", "not base64!"}, {"BOOL", "yes"}, {"NULL", "x"}, {"SS", ""}, {"SS", "[]"}, {"SS", "[1, 2]"},
        {"NS", "1, x"}, {"L", "{\"a\": 1}"}, {"M", "[1]"}, {"M", "{oops"}, {"XYZ", "1"},
    };
    for (const auto& [type, text] : bad) {
      auto v = parseTypedValue(QString::fromUtf8(type), QString::fromUtf8(text));
      QVERIFY2(!v.isOk(), text);
      QCOMPARE(v.status().type(), ErrorType::ValidationException);
      QVERIFY(!v.status().message().empty());
    }
    auto n = parseTypedValue(QStringLiteral("N"), QStringLiteral("12a"));
    QVERIFY(QString::fromStdString(n.status().message()).contains(QStringLiteral("12a")));
  }

  void everyTypeHasAPlaceholder() {
    QCOMPARE(typedValueTypeCodes().size(), 10);
    for (const QString& code : typedValueTypeCodes()) QVERIFY(!typedValuePlaceholder(code).isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestTypedValueText)
#include "test_typed_value_text.moc"
