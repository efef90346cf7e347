// The DynamoDB JSON codec: lossless round trips of every type and DynamoDB's
// error types and messages for every malformed value.
#include <QtTest>

#include <random>

#include "dynadesk/attribute_json.h"
#include "dynadesk/base64.h"

using namespace dynadesk;
using Json = nlohmann::json;

Q_DECLARE_METATYPE(std::string)

class TestAttributeJson : public QObject {
  Q_OBJECT

 private slots:
  void roundTrip_data();
  void roundTrip();
  void rejects_data();
  void rejects();
  void numbersAreNormalised();
  void setsCompareAsSets();
  void nestingLimit();
  void hostileNestingIsRejectedQuickly();
  void base64();
  void randomRoundTrip();
};

void TestAttributeJson::roundTrip_data() {
  QTest::addColumn<std::string>("json");
  QTest::newRow("S") << std::string(R"({"S":"hello"})");
  QTest::newRow("S empty") << std::string(R"({"S":""})");
  QTest::newRow("S unicode") << std::string(R"({"S":"héllo ✓ 𝄞"})");
  QTest::newRow("N") << std::string(R"({"N":"-12.5"})");
  QTest::newRow("B") << std::string(R"({"B":"AAEC/w=="})");
  QTest::newRow("B empty") << std::string(R"({"B":""})");
  QTest::newRow("BOOL true") << std::string(R"({"BOOL":true})");
  QTest::newRow("BOOL false") << std::string(R"({"BOOL":false})");
  QTest::newRow("NULL") << std::string(R"({"NULL":true})");
  QTest::newRow("SS") << std::string(R"({"SS":["a","b","c"]})");
  QTest::newRow("NS") << std::string(R"({"NS":["-1","2.5","300"]})");
  QTest::newRow("BS") << std::string(R"({"BS":["AQ==","Ag=="]})");
  QTest::newRow("L") << std::string(R"({"L":[{"S":"x"},{"N":"1"},{"L":[]},{"M":{}}]})");
  QTest::newRow("M") << std::string(R"({"M":{"a":{"S":"x"},"b":{"M":{"c":{"NULL":true}}}}})");
}

void TestAttributeJson::roundTrip() {
  QFETCH(std::string, json);
  Json in = Json::parse(json);
  auto v = attributeValueFromJson(in);
  QVERIFY2(v.isOk(), v.status().message().c_str());
  QCOMPARE(toJson(*v).dump(), in.dump());
  auto again = attributeValueFromJson(toJson(*v));
  QVERIFY(again.isOk());
  QVERIFY(*again == *v);
}

void TestAttributeJson::rejects_data() {
  QTest::addColumn<std::string>("json");
  QTest::addColumn<std::string>("type");
  QTest::addColumn<std::string>("message");
  const std::string V = "ValidationException", Z = "SerializationException";
  QTest::newRow("empty") << std::string("{}") << V
                         << std::string("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  QTest::newRow("unknown only") << std::string(R"({"X":"a"})") << V
                                << std::string("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  QTest::newRow("two types") << std::string(R"({"S":"a","N":"1"})") << V
                             << std::string("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
  QTest::newRow("NULL false") << std::string(R"({"NULL":false})") << V
                              << std::string("One or more parameter values were invalid: Null attribute value types must have the value of true");
  QTest::newRow("empty SS") << std::string(R"({"SS":[]})") << V
                            << std::string("One or more parameter values were invalid: An string set  may not be empty");
  QTest::newRow("empty NS") << std::string(R"({"NS":[]})") << V
                            << std::string("One or more parameter values were invalid: An number set  may not be empty");
  QTest::newRow("empty BS") << std::string(R"({"BS":[]})") << V
                            << std::string("One or more parameter values were invalid: Binary sets should not be empty");
  QTest::newRow("dup SS") << std::string(R"({"SS":["a","b","a"]})") << V
                          << std::string("One or more parameter values were invalid: Input collection [a, b, a] contains duplicates.");
  QTest::newRow("dup NS by value") << std::string(R"({"NS":["1","1.0"]})") << V
                                   << std::string("Input collection contains duplicates");
  QTest::newRow("dup BS") << std::string(R"({"BS":["AQ==","AQ=="]})") << V
                          << std::string("One or more parameter values were invalid: Input collection [AQ==, AQ==]of type BS contains duplicates.");
  QTest::newRow("bad number") << std::string(R"({"N":"abc"})") << V
                              << std::string("The parameter cannot be converted to a numeric value: abc");
  QTest::newRow("number overflow") << std::string(R"({"N":"1e126"})") << V
                                   << std::string("Number overflow. Attempting to store a number with magnitude larger than supported range");
  QTest::newRow("S as number") << std::string(R"({"S":5})") << Z << std::string("NUMBER_VALUE cannot be converted to String");
  QTest::newRow("S as bool") << std::string(R"({"S":true})") << Z << std::string("TRUE_VALUE cannot be converted to String");
  QTest::newRow("S as object") << std::string(R"({"S":{}})") << Z
                               << std::string("Start of structure or map found where not expected");
  QTest::newRow("N as number") << std::string(R"({"N":5})") << Z << std::string("NUMBER_VALUE cannot be converted to String");
  QTest::newRow("B as number") << std::string(R"({"B":5})") << Z
                               << std::string("only base-64-encoded strings are convertible to bytes");
  QTest::newRow("B bad length") << std::string(R"({"B":"abc"})") << Z
                                << std::string("Base64 encoded length is expected a multiple of 4 bytes but found: 3");
  QTest::newRow("B bad char") << std::string(R"({"B":"ab!="})") << Z
                              << std::string("Invalid last non-pad Base64 character dectected");
  QTest::newRow("SS not list") << std::string(R"({"SS":"a"})") << Z << std::string("Unexpected field type");
  QTest::newRow("L not list") << std::string(R"({"L":{}})") << Z
                              << std::string("Start of structure or map found where not expected");
  QTest::newRow("M as list") << std::string(R"({"M":[]})") << Z
                             << std::string("Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>");
  QTest::newRow("value is string") << std::string(R"("x")") << Z << std::string("Unexpected value type in payload");
  QTest::newRow("nested bad") << std::string(R"({"L":[{"S":"ok"},{"NULL":false}]})") << V
                              << std::string("One or more parameter values were invalid: Null attribute value types must have the value of true");
}

void TestAttributeJson::rejects() {
  QFETCH(std::string, json);
  QFETCH(std::string, type);
  QFETCH(std::string, message);
  auto v = attributeValueFromJson(Json::parse(json));
  QVERIFY(!v.isOk());
  QCOMPARE(std::string(errorTypeName(v.status().type())), type);
  QCOMPARE(v.status().message(), message);
}

void TestAttributeJson::numbersAreNormalised() {
  auto v = attributeValueFromJson(Json::parse(R"({"N":"01.50"})"));
  QVERIFY(v.isOk());
  QCOMPARE(toJson(*v).dump(), std::string(R"({"N":"1.5"})"));
  auto w = attributeValueFromJson(Json::parse(R"({"N":"1e2"})"));
  QCOMPARE(toJson(*w).dump(), std::string(R"({"N":"100"})"));
}

void TestAttributeJson::setsCompareAsSets() {
  auto a = attributeValueFromJson(Json::parse(R"({"NS":["2","1.0","3"]})"));
  auto b = attributeValueFromJson(Json::parse(R"({"NS":["3","1","2.00"]})"));
  QVERIFY(a.isOk() && b.isOk());
  QVERIFY(*a == *b);
}

static Json nested(int levels) {
  Json v = Json{{"S", "leaf"}};
  for (int i = 0; i < levels; ++i) v = (i % 2) ? Json{{"L", Json::array({v})}} : Json{{"M", Json{{"k", v}}}};
  return v;
}

void TestAttributeJson::nestingLimit() {
  QVERIFY(attributeValueFromJson(nested(32)).isOk());
  auto deep = attributeValueFromJson(nested(33));
  QVERIFY(!deep.isOk());
  QCOMPARE(deep.status().type(), ErrorType::ValidationException);
  QCOMPARE(deep.status().message(), std::string("Nesting Levels have exceeded supported limits"));
}

void TestAttributeJson::hostileNestingIsRejectedQuickly() {
  // 100,000 levels would overflow the stack of a naively recursive decoder.
  std::string text;
  for (int i = 0; i < 100000; ++i) text += R"({"L":[)";
  text += R"({"S":"x"})";
  for (int i = 0; i < 100000; ++i) text += "]}";
  Json j = Json::parse(text);
  auto v = attributeValueFromJson(j);
  QVERIFY(!v.isOk());
  QCOMPARE(v.status().message(), std::string("Nesting Levels have exceeded supported limits"));
}

void TestAttributeJson::base64() {
  for (std::string s : {std::string(), std::string("f"), std::string("fo"), std::string("foo"), std::string("foob"),
                        std::string("\0\xff\x10", 3)}) {
    auto d = base64Decode(base64Encode(s));
    QVERIFY(d.isOk());
    QCOMPARE(*d, s);
  }
  QCOMPARE(base64Encode("foobar"), std::string("Zm9vYmFy"));
  QVERIFY(!base64Decode("QR==").isOk());  // non-canonical trailing bits
}

// Random values of every type survive encode -> decode unchanged.
void TestAttributeJson::randomRoundTrip() {
  std::mt19937 rng(42);
  std::function<Json(int)> gen = [&](int depth) -> Json {
    int t = static_cast<int>(rng() % (depth < 5 ? 10 : 8));
    auto str = [&] {
      std::string s;
      for (unsigned i = rng() % 8; i > 0; --i) s += static_cast<char>('a' + rng() % 26);
      return s;
    };
    auto num = [&] { return std::to_string(static_cast<int>(rng() % 2000) - 1000) + "." + std::to_string(rng() % 100 + 1); };
    switch (t) {
      case 0: return Json{{"S", str()}};
      case 1: return Json{{"N", num()}};
      case 2: return Json{{"B", base64Encode(str())}};
      case 3: return Json{{"BOOL", rng() % 2 == 0}};
      case 4: return Json{{"NULL", true}};
      case 5: return Json{{"SS", Json::array({"x" + str(), "y" + str()})}};
      case 6: return Json{{"NS", Json::array({"1", "2." + std::to_string(rng() % 9 + 1)})}};
      case 7: return Json{{"BS", Json::array({base64Encode("x" + str()), base64Encode("y" + str())})}};
      case 8: {
        Json l = Json::array();
        for (unsigned i = rng() % 4; i > 0; --i) l.push_back(gen(depth + 1));
        return Json{{"L", l}};
      }
      default: {
        Json m = Json::object();
        for (unsigned i = rng() % 4; i > 0; --i) m["k" + str()] = gen(depth + 1);
        return Json{{"M", m}};
      }
    }
  };
  for (int i = 0; i < 2000; ++i) {
    Json j = gen(0);
    auto v = attributeValueFromJson(j);
    QVERIFY2(v.isOk(), (j.dump() + ": " + v.status().message()).c_str());
    auto back = attributeValueFromJson(toJson(*v));
    QVERIFY(back.isOk());
    QVERIFY(*back == *v);
  }
}

QTEST_APPLESS_MAIN(TestAttributeJson)
#include "test_attribute_json.moc"
