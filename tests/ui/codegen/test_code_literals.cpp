// The literal renderers under the code generators: every awkward character in
// every language, exact numbers, binary, sets and nesting, shell quoting.
#include <QtTest>

#include "codegen/cpp_literals.h"
#include "codegen/javascript_literals.h"
#include "codegen/python_literals.h"
#include "codegen/shell_quoting.h"
#include "codegen/text_escaping.h"
#include "dynadesk/attribute_json.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::ui::codegen;
using dynadesk::test::Json;

namespace {

AttributeValue value(const Json& dynamoJson) {
  auto v = attributeValueFromJson(dynamoJson);
  if (!v) qFatal("bad test value %s: %s", dynamoJson.dump().c_str(), v.status().message().c_str());
  return *v;
}

Number number(const char* text) { return *Number::parse(text); }

// quote, backslash, newline, tab, non-ASCII, a zero-width space, a
// right-to-left override, NUL.
const std::string kAwkward = std::string("a'b\"c\\d\ne\tf caf\xC3\xA9 \xE6\x97\xA5 \xE2\x80\x8B \xE2\x80\xAE") + '\0' + "z";

}  // namespace

class TestCodeLiterals : public QObject {
  Q_OBJECT
 private slots:
  void pythonStrings() {
    QCOMPARE(pythonString(kAwkward),
             std::string("\"a'b\\\"c\\\\d\\ne\\tf caf\xC3\xA9 \xE6\x97\xA5 \\u200B \\u202E\\x00z\""));
    QCOMPARE(pythonString("\x7F\xC2\x85"), std::string("\"\\x7F\\x85\""));
    QCOMPARE(pythonString("\xF3\xA0\x81\x81"), std::string("\"\\U000E0041\""));  // a tag character
    QCOMPARE(pythonString("\xF0\x9F\x8E\xB8"), std::string("\"\xF0\x9F\x8E\xB8\""));  // an emoji stays
    QCOMPARE(pythonBytes(std::string("\x00\x01\"\\az\xFF", 7)), std::string("b\"\\x00\\x01\\\"\\\\az\\xFF\""));
  }

  void pythonValues() {
    const AttributeValue nested = value(
        {{"M",
          {{"n", {{"N", "12345678901234567890123456789012345678"}}},
           {"l", {{"L", Json::array({{{"S", "x"}}, {{"BOOL", false}}, {{"NULL", true}}, {{"B", "AAE="}}})}}},
           {"ss", {{"SS", Json::array({"b", "a"})}}},
           {"ns", {{"NS", Json::array({"1.50", "-1e-130"})}}},
           {"bs", {{"BS", Json::array({"AQ=="})}}},
           {"e", {{"M", Json::object()}}}}}});
    QCOMPARE(pythonNativeValue(nested),
             std::string("{\"bs\": {b\"\\x01\"}, \"e\": {}, \"l\": [\"x\", False, None, b\"\\x00\\x01\"], "
                         "\"n\": Decimal(\"12345678901234567890123456789012345678\"), \"ns\": {Decimal(\"-0." +
                         std::string(129, '0') + "1\"), Decimal(\"1.5\")}, \"ss\": {\"a\", \"b\"}}"));
    QCOMPARE(pythonDynamoValue(nested),
             std::string("{\"M\": {\"bs\": {\"BS\": [b\"\\x01\"]}, \"e\": {\"M\": {}}, \"l\": {\"L\": [{\"S\": \"x\"}, "
                         "{\"BOOL\": False}, {\"NULL\": True}, {\"B\": b\"\\x00\\x01\"}]}, "
                         "\"n\": {\"N\": \"12345678901234567890123456789012345678\"}, \"ns\": {\"NS\": [\"-0." +
                         std::string(129, '0') + "1\", \"1.5\"]}, \"ss\": {\"SS\": [\"a\", \"b\"]}}}"));
  }

  void javascriptStrings() {
    QCOMPARE(javascriptString(kAwkward),
             std::string("\"a'b\\\"c\\\\d\\ne\\tf caf\xC3\xA9 \xE6\x97\xA5 \\u{200B} \\u{202E}\\x00z\""));
    QCOMPARE(javascriptString("\xE2\x80\xA8"), std::string("\"\\u{2028}\""));  // a line separator
    QCOMPARE(javascriptKey("TableName"), std::string("TableName"));
    QCOMPARE(javascriptKey("$x_1"), std::string("$x_1"));
    QCOMPARE(javascriptKey(":v0"), std::string("\":v0\""));
    QCOMPARE(javascriptKey("1st"), std::string("\"1st\""));
    QCOMPARE(javascriptKey(""), std::string("\"\""));
    QCOMPARE(javascriptKey("__proto__"), std::string("[\"__proto__\"]"));
  }

  void javascriptNumbersThatFit() {
    QVERIFY(fitsJavascriptNumber(number("4.5")));
    QVERIFY(fitsJavascriptNumber(number("-1990")));
    QVERIFY(fitsJavascriptNumber(number("0.1")));
    QVERIFY(fitsJavascriptNumber(number("999999999999999")));    // 15 digits
    QVERIFY(fitsJavascriptNumber(number("1e-130")));
    QVERIFY(!fitsJavascriptNumber(number("1e15")));               // past the marshaller's safe range
    QVERIFY(!fitsJavascriptNumber(number("9007199254740993")));   // not a double
    QVERIFY(!fitsJavascriptNumber(number("0.1234567890123456")));  // 16 significant digits
    QVERIFY(!fitsJavascriptNumber(number("12345678901234567890123456789012345678")));
  }

  void javascriptValues() {
    QCOMPARE(javascriptDocumentValue(value({{"N", "4.50"}})), std::string("4.5"));
    QCOMPARE(javascriptDocumentValue(value({{"N", "12345678901234567890123456789012345678"}})),
             std::string("NumberValue.from(\"12345678901234567890123456789012345678\")"));
    // One member too big for a JS number makes the whole set NumberValue: the
    // marshaller types a set by its first member.
    QCOMPARE(javascriptDocumentValue(value({{"NS", Json::array({"1", "1e20"})}})),
             std::string("new Set([NumberValue.from(\"1\"), NumberValue.from(\"100000000000000000000\")])"));
    QCOMPARE(javascriptDocumentValue(value({{"NS", Json::array({"2", "1.5"})}})), std::string("new Set([1.5, 2])"));
    QCOMPARE(javascriptDocumentValue(value({{"SS", Json::array({"it's", "b"})}})),
             std::string("new Set([\"b\", \"it's\"])"));
    QCOMPARE(javascriptDocumentValue(value({{"BS", Json::array({"AQ==", "AAE="})}})),
             std::string("new Set([Buffer.from(\"AAE=\", \"base64\"), Buffer.from(\"AQ==\", \"base64\")])"));
    QCOMPARE(javascriptDocumentValue(value(
                 {{"M", {{"a b", {{"L", Json::array({{{"NULL", true}}, {{"BOOL", true}}})}}}, {"x", {{"M", Json::object()}}}}}})),
             std::string("{ \"a b\": [null, true], x: {} }"));
    QCOMPARE(javascriptDynamoValue(value(
                 {{"M", {{"b", {{"B", "AAE="}}}, {"n", {{"NS", Json::array({"1"})}}}, {"s", {{"S", "x\ny"}}}}}})),
             std::string("{ M: { b: { B: Buffer.from(\"AAE=\", \"base64\") }, n: { NS: [\"1\"] }, s: { S: \"x\\ny\" } } }"));
  }

  void shellWords() {
    QCOMPARE(shellQuote("Music"), std::string("Music"));
    QCOMPARE(shellQuote("http://127.0.0.1:8000"), std::string("http://127.0.0.1:8000"));
    QCOMPARE(shellQuote(""), std::string("''"));
    QCOMPARE(shellQuote("a b"), std::string("'a b'"));
    QCOMPARE(shellQuote("it's"), std::string("'it'\\''s'"));
    QCOMPARE(shellQuote("''"), std::string("''\\'''\\'''"));
    QCOMPARE(shellQuote("$HOME `x` \\ \"q\"\nnext"), std::string("'$HOME `x` \\ \"q\"\nnext'"));
    QCOMPARE(shellQuote("#n0 = :v0"), std::string("'#n0 = :v0'"));
    QCOMPARE(cliOption("table-name", "Music"), std::string("--table-name Music"));
    QCOMPARE(cliOption("table-name", "-odd.name"), std::string("--table-name=-odd.name"));
    QCOMPARE(cliOption("filter-expression", "-x = :y"), std::string("'--filter-expression=-x = :y'"));
  }

  void cppStrings() {
    QCOMPARE(cppString("plain"), std::string("\"plain\""));
    QCOMPARE(cppString("a\"b\\c\nd\te caf\xC3\xA9"), std::string("\"a\\\"b\\\\c\\nd\\te caf\xC3\xA9\""));
    // Octal, not \x: "\x1F" followed by "A" would read as one escape.
    QCOMPARE(cppString("\x1F" "A \xE2\x80\x8B"), std::string("\"\\037A \\342\\200\\213\""));
    QCOMPARE(cppString("?\?=?\?"), std::string("\"?\\?=?\\?\""));
    QCOMPARE(cppString(std::string("a\0b", 3)), std::string("Aws::String(\"a\\000b\", 3)"));
  }

  void cppValues() {
    QCOMPARE(cppAttributeValue(value({{"N", "-0.50"}}), 0), std::string("AttributeValue().SetN(\"-0.5\")"));
    QCOMPARE(cppAttributeValue(value({{"B", "AAE="}}), 0),
             std::string("AttributeValue().SetB(Aws::Utils::HashingUtils::Base64Decode(\"AAE=\"))"));
    QCOMPARE(cppAttributeValue(value({{"SS", Json::array({"b", "a"})}}), 0), std::string("AttributeValue().SetSS({\"a\", \"b\"})"));
    QCOMPARE(cppAttributeValue(value({{"NS", Json::array({"1e2"})}}), 0), std::string("AttributeValue().SetNS({\"100\"})"));
    QCOMPARE(cppAttributeValue(value({{"NULL", true}}), 0), std::string("AttributeValue().SetNull(true)"));
    QCOMPARE(cppAttributeValue(value({{"L", Json::array()}}), 0), std::string("AttributeValue().SetL({})"));
    QCOMPARE(cppAttributeValue(value({{"M", {{"k", {{"L", Json::array({{{"BOOL", true}}})}}}}}}), 0),
             std::string("AttributeValue()\n"
                         "  .AddMEntry(\"k\", std::make_shared<AttributeValue>(AttributeValue()\n"
                         "    .AddLItem(std::make_shared<AttributeValue>(AttributeValue().SetBool(true)))))"));
  }

  void jsonText() {
    QCOMPARE(jsonString(kAwkward), std::string("\"a'b\\\"c\\\\d\\ne\\tf caf\xC3\xA9 \xE6\x97\xA5 \\u200B \\u202E\\u0000z\""));
    QCOMPARE(jsonString("\xF3\xA0\x81\x81"), std::string("\"\\uDB40\\uDC41\""));
    QCOMPARE(dynamoJson(value({{"M", {{"b", {{"BS", Json::array({"AQ=="})}}}, {"n", {{"N", "1E+2"}}}}}})),
             std::string("{\"M\":{\"b\":{\"BS\":[\"AQ==\"]},\"n\":{\"N\":\"100\"}}}"));
    // What the renderer writes is JSON that reads back as the same value.
    const Json parsed = Json::parse(jsonString(kAwkward));
    QCOMPARE(parsed.get<std::string>(), kAwkward);
  }

  void utf8Validation() {
    QVERIFY(isValidUtf8("caf\xC3\xA9 \xF0\x9F\x8E\xB8"));
    QVERIFY(!isValidUtf8("\xC0\xAF"));          // overlong '/'
    QVERIFY(!isValidUtf8("\xED\xA0\x80"));      // a surrogate
    QVERIFY(!isValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    QVERIFY(!isValidUtf8("abc\xE6\x97"));       // cut short
    QVERIFY(!isValidUtf8("\xFF"));
  }

  void naturalOrder() {
    std::vector<std::string> names = {":v10", ":v2", ":v1", ":a", ":v02", ":v0"};
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return naturalLess(a, b); });
    QCOMPARE(names, (std::vector<std::string>{":a", ":v0", ":v1", ":v02", ":v2", ":v10"}));
  }
};

QTEST_MAIN(TestCodeLiterals)
#include "test_code_literals.moc"
