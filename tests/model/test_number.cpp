// Tests for dynadesk::Number, DynamoDB's exact decimal "N" type.
#include <QtTest>

#include <algorithm>
#include <cstring>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "dynadesk/number.h"

using dynadesk::ErrorType;
using dynadesk::Number;
using dynadesk::Result;

namespace {

const QByteArray kBad(dynadesk::kNumberNotANumberMessage.data(),
                      static_cast<int>(dynadesk::kNumberNotANumberMessage.size()));
const QByteArray kDigits(dynadesk::kNumberTooManyDigitsMessage.data(),
                         static_cast<int>(dynadesk::kNumberTooManyDigitsMessage.size()));
const QByteArray kOver(dynadesk::kNumberOverflowMessage.data(),
                       static_cast<int>(dynadesk::kNumberOverflowMessage.size()));
const QByteArray kUnder(dynadesk::kNumberUnderflowMessage.data(),
                        static_cast<int>(dynadesk::kNumberUnderflowMessage.size()));

std::string str(const QByteArray& b) { return std::string(b.constData(), static_cast<size_t>(b.size())); }
QByteArray qb(const std::string& s) { return QByteArray(s.data(), static_cast<int>(s.size())); }

Number num(const QByteArray& text) {
  Result<Number> r = Number::parse(str(text));
  if (!r.isOk()) qFatal("test input %s does not parse: %s", text.constData(), r.status().message().c_str());
  return r.value();
}

std::string encode(const Number& n) {
  std::string s;
  n.appendOrderedKey(s);
  return s;
}

int sign(int v) { return v < 0 ? -1 : (v > 0 ? 1 : 0); }

QByteArray repeat(char c, int n) { return QByteArray(n, c); }

// A random in-range number as text in exponent notation, from a fixed-seed generator.
std::string randomText(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> pct(0, 99);
  if (pct(rng) < 3) return pct(rng) < 50 ? "0" : "-0.000";
  int digits;
  const int shape = pct(rng);
  if (shape < 40) {
    digits = std::uniform_int_distribution<int>(1, 4)(rng);
  } else if (shape < 80) {
    digits = std::uniform_int_distribution<int>(1, 38)(rng);
  } else {
    digits = 38;
  }
  // Exponents of the leading digit: often clustered near zero so that many
  // pairs share an exponent, sometimes the whole range including both ends.
  int e;
  const int eshape = pct(rng);
  if (eshape < 60) {
    e = std::uniform_int_distribution<int>(-3, 3)(rng);
  } else if (eshape < 90) {
    e = std::uniform_int_distribution<int>(Number::kMinExponent, Number::kMaxExponent)(rng);
  } else {
    e = pct(rng) < 50 ? Number::kMinExponent : Number::kMaxExponent;
  }
  std::string s;
  if (pct(rng) < 50) s.push_back('-');
  // Few distinct digits so that shared prefixes are common.
  std::uniform_int_distribution<int> dig(0, pct(rng) < 50 ? 1 : 9);
  std::string mant;
  for (int i = 0; i < digits; ++i) mant.push_back(static_cast<char>('0' + dig(rng)));
  if (mant[0] == '0') mant[0] = '1';
  if (mant.back() == '0') mant.back() = '9';
  s += mant.substr(0, 1);
  if (mant.size() > 1) s += "." + mant.substr(1);
  s += "e" + std::to_string(e);
  return s;
}

}  // namespace

class TestNumber : public QObject {
  Q_OBJECT

 private slots:
  void parseAccepts_data();
  void parseAccepts();
  void parseRejects_data();
  void parseRejects();
  void compare_data();
  void compare();
  void sizeInBytes_data();
  void sizeInBytes();
  void add_data();
  void add();
  void subtract_data();
  void subtract();
  void fromInt64_data();
  void fromInt64();
  void helpers();
  void orderedKeyExamples_data();
  void orderedKeyExamples();
  void decodeRejectsCorrupt_data();
  void decodeRejectsCorrupt();
  void randomProperties();
  void randomArithmetic();
};

// ---- parse + toString -------------------------------------------------------

void TestNumber::parseAccepts_data() {
  QTest::addColumn<QByteArray>("text");
  QTest::addColumn<QByteArray>("plain");
  QTest::addColumn<int>("digits");

  QTest::newRow("one") << QByteArray("1") << QByteArray("1") << 1;
  QTest::newRow("leading and trailing zeros") << QByteArray("01.50") << QByteArray("1.5") << 2;
  QTest::newRow("exponent") << QByteArray("1e2") << QByteArray("100") << 1;
  QTest::newRow("negative zero fraction") << QByteArray("-0.000") << QByteArray("0") << 0;
  QTest::newRow("negative zero") << QByteArray("-0") << QByteArray("0") << 0;
  QTest::newRow("negative zero exp") << QByteArray("-0.00e5") << QByteArray("0") << 0;
  QTest::newRow("zero huge exp") << QByteArray("0e1000") << QByteArray("0") << 0;
  QTest::newRow("zero huge exp text") << QByteArray("0e999999999999999999999999") << QByteArray("0") << 0;
  QTest::newRow("mixed") << QByteArray("-12.3400e-2") << QByteArray("-0.1234") << 4;
  QTest::newRow("plus sign") << QByteArray("+3") << QByteArray("3") << 1;
  QTest::newRow("trailing dot") << QByteArray("5.") << QByteArray("5") << 1;
  QTest::newRow("leading dot") << QByteArray(".5") << QByteArray("0.5") << 1;
  QTest::newRow("leading zeros") << QByteArray("007") << QByteArray("7") << 1;
  QTest::newRow("0001.23") << QByteArray("0001.23") << QByteArray("1.23") << 3;
  QTest::newRow(".123") << QByteArray(".123") << QByteArray("0.123") << 3;
  QTest::newRow("1e+5") << QByteArray("1e+5") << QByteArray("100000") << 1;
  QTest::newRow("E upper") << QByteArray("-17.4E37") << QByteArray("-174" + repeat('0', 36)) << 3;
  QTest::newRow("-17e5") << QByteArray("-17e5") << QByteArray("-1700000") << 2;
  QTest::newRow("-7.1234") << QByteArray("-7.1234") << QByteArray("-7.1234") << 5;
  QTest::newRow("exp moves point") << QByteArray("123.456e1") << QByteArray("1234.56") << 6;
  QTest::newRow("exp moves point left") << QByteArray("123.456e-5") << QByteArray("0.00123456") << 6;
  QTest::newRow("exp negative zero") << QByteArray("5e-0") << QByteArray("5") << 1;
  QTest::newRow("exp leading zeros") << QByteArray("5e0002") << QByteArray("500") << 1;
  QTest::newRow("exp cancels long zeros") << QByteArray("0." + repeat('0', 200) + "1e201") << QByteArray("1") << 1;
  QTest::newRow("long integer zeros") << QByteArray("1" + repeat('0', 50)) << QByteArray("1" + repeat('0', 50)) << 1;
  QTest::newRow("long fraction zeros") << QByteArray("0." + repeat('0', 50) + "1" + repeat('0', 80))
                                       << QByteArray("0." + repeat('0', 50) + "1") << 1;
  QTest::newRow("38 digits") << QByteArray("12345678901234567890123456789012345678")
                             << QByteArray("12345678901234567890123456789012345678") << 38;
  QTest::newRow("38 digits, 50 trailing zeros")
      << QByteArray("12345678901234567890123456789012345678" + repeat('0', 50))
      << QByteArray("12345678901234567890123456789012345678" + repeat('0', 50)) << 38;
  QTest::newRow("38 digits fraction") << QByteArray("3.1415926535897932384626433832795028841")
                                      << QByteArray("3.1415926535897932384626433832795028841") << 38;
  QTest::newRow("38 digits with inner zeros") << QByteArray("-1" + repeat('0', 36) + "1")
                                              << QByteArray("-1" + repeat('0', 36) + "1") << 38;
  QTest::newRow("38 digits e30") << QByteArray("31415926535897932384626433832795028841e30")
                                 << QByteArray("31415926535897932384626433832795028841" + repeat('0', 30)) << 38;
  QTest::newRow("min 1E-130") << QByteArray("1E-130") << QByteArray("0." + repeat('0', 129) + "1") << 1;
  QTest::newRow("min -1E-130") << QByteArray("-1E-130") << QByteArray("-0." + repeat('0', 129) + "1") << 1;
  QTest::newRow("min spelled 10E-131") << QByteArray("10E-131") << QByteArray("0." + repeat('0', 129) + "1") << 1;
  QTest::newRow("1E+125") << QByteArray("1E+125") << QByteArray("1" + repeat('0', 125)) << 1;
  QTest::newRow("max") << QByteArray("9.9999999999999999999999999999999999999E+125")
                       << QByteArray(repeat('9', 38) + repeat('0', 88)) << 38;
  QTest::newRow("-max") << QByteArray("-9.9999999999999999999999999999999999999E+125")
                        << QByteArray("-" + repeat('9', 38) + repeat('0', 88)) << 38;
  QTest::newRow("max spelled 0.99e126") << QByteArray("0.99e126") << QByteArray("99" + repeat('0', 124)) << 2;
  QTest::newRow("smallest with many digits")
      << QByteArray("1.0000000000000000000000000000000000001E-130")
      << QByteArray("0." + repeat('0', 129) + "1" + repeat('0', 36) + "1") << 38;
}

void TestNumber::parseAccepts() {
  QFETCH(QByteArray, text);
  QFETCH(QByteArray, plain);
  QFETCH(int, digits);
  Result<Number> r = Number::parse(str(text));
  QVERIFY2(r.isOk(), r.status().message().c_str());
  QCOMPARE(qb(r->toString()), plain);
  QCOMPARE(r->significantDigits(), digits);
  QCOMPARE(r->isZero(), digits == 0);
  QCOMPARE(r->isNegative(), plain.startsWith('-'));
  // The plain form parses back to the same value.
  Result<Number> back = Number::parse(r->toString());
  QVERIFY(back.isOk());
  QVERIFY(*back == *r);
}

void TestNumber::parseRejects_data() {
  QTest::addColumn<QByteArray>("text");
  QTest::addColumn<QByteArray>("message");

  // Grammar.
  for (const char* s : {"", "+", "-", ".", "+.", "-.e1", "e5", "E5", "1e", "1e+", "1e-", "1.2.3", "1..2", "..1",
                        " 1", "1 ", "1\t", "\n1", "0x10", "0X1", "NaN", "nan", "-NaN", "Infinity", "-Infinity",
                        "inf", "dog", "-dog", "1,5", "1_000", "++1", "+-1", "--1", "1e+-5", "1e5.5", "1e5e5",
                        "1e 5", "1f", "1d", "1.5f", "١", "1e1000000000000000000000000000000000x", "1-", "1+1"}) {
    QTest::newRow(("bad '" + QByteArray(s).toPercentEncoding() + "'").constData()) << QByteArray(s) << kBad;
  }
  QTest::newRow("embedded nul") << QByteArray("1\0" "2", 3) << kBad;

  // Significant digits.
  QTest::newRow("39 digits") << QByteArray("123456789012345678901234567890123456789") << kDigits;
  QTest::newRow("-39 digits fraction") << QByteArray("-1.23456789012345678901234567890123456789") << kDigits;
  QTest::newRow("39 digits pi") << QByteArray("3.14159265358979323846264338327950288419") << kDigits;
  QTest::newRow("39 digits e30") << QByteArray("314159265358979323846264338327950288419e30") << kDigits;
  QTest::newRow("39 with inner zeros") << QByteArray("1" + repeat('0', 37) + "1") << kDigits;
  QTest::newRow("40 digits") << QByteArray("1234567890123456789012345678901234567890") << kDigits;
  QTest::newRow("digits before range") << QByteArray("1234567890123456789012345678901234567891e500") << kDigits;
  QTest::newRow("digits before underflow") << QByteArray("1" + repeat('0', 40) + "1e-500") << kDigits;
  // ... but grammar before digits.
  QTest::newRow("grammar before digits") << QByteArray("1234567890123456789012345678901234567891x") << kBad;

  // Range.
  QTest::newRow("1E+126") << QByteArray("1E+126") << kOver;
  QTest::newRow("-1E+126") << QByteArray("-1E+126") << kOver;
  QTest::newRow("11e125") << QByteArray("11e125") << kOver;
  QTest::newRow("10 and 125 zeros") << QByteArray("1" + repeat('0', 126)) << kOver;
  QTest::newRow("1E-131") << QByteArray("1E-131") << kUnder;
  QTest::newRow("-1E-131") << QByteArray("-1E-131") << kUnder;
  QTest::newRow("0.9e-130") << QByteArray("0.9e-130") << kUnder;
  QTest::newRow("0.(130 zeros)1") << QByteArray("0." + repeat('0', 130) + "1") << kUnder;
  QTest::newRow("huge exponent") << QByteArray("1e999999999999") << kOver;
  QTest::newRow("huger exponent") << QByteArray("1e99999999999999999999999999999999999999999") << kOver;
  QTest::newRow("-huge exponent") << QByteArray("-1e99999999999") << kOver;
  QTest::newRow("int max exponent") << QByteArray("1e2147483647") << kOver;
  QTest::newRow("int overflow exponent") << QByteArray("1e2147483648") << kOver;
  QTest::newRow("huge negative exponent") << QByteArray("1e-999999999999") << kUnder;
  QTest::newRow("int min exponent") << QByteArray("1e-2147483648") << kUnder;
  QTest::newRow("huger negative exponent") << QByteArray("-1e-99999999999999999999999999999999999") << kUnder;
}

void TestNumber::parseRejects() {
  QFETCH(QByteArray, text);
  QFETCH(QByteArray, message);
  Result<Number> r = Number::parse(str(text));
  QVERIFY(!r.isOk());
  QCOMPARE(r.status().type(), ErrorType::ValidationException);
  // DynamoDB names the rejected text after the not-a-number message.
  QByteArray expected = message;
  if (message == kBad && !text.isEmpty()) expected += ": " + text;
  QCOMPARE(qb(r.status().message()), expected);
}

// ---- compare ----------------------------------------------------------------

void TestNumber::compare_data() {
  QTest::addColumn<QByteArray>("a");
  QTest::addColumn<QByteArray>("b");
  QTest::addColumn<int>("expected");

  QTest::newRow("1.0 == 1") << QByteArray("1.0") << QByteArray("1") << 0;
  QTest::newRow("1 == 1e0") << QByteArray("1") << QByteArray("1e0") << 0;
  QTest::newRow("spellings") << QByteArray("+0001.000E+0") << QByteArray("0.01e2") << 0;
  QTest::newRow("-0 == 0") << QByteArray("-0") << QByteArray("0") << 0;
  QTest::newRow("-0.00e5 == 0.0") << QByteArray("-0.00e5") << QByteArray("0.0") << 0;
  QTest::newRow("100 == 1e2") << QByteArray("100") << QByteArray("1e2") << 0;
  QTest::newRow("1 < 2") << QByteArray("1") << QByteArray("2") << -1;
  QTest::newRow("9 < 10") << QByteArray("9") << QByteArray("10") << -1;
  QTest::newRow("0.9 < 1") << QByteArray("0.9") << QByteArray("1") << -1;
  QTest::newRow("1 < 1.0000001") << QByteArray("1") << QByteArray("1.0000001") << -1;
  QTest::newRow("-1 < 0") << QByteArray("-1") << QByteArray("0") << -1;
  QTest::newRow("0 < 1E-130") << QByteArray("0") << QByteArray("1E-130") << -1;
  QTest::newRow("-1E-130 < 0") << QByteArray("-1E-130") << QByteArray("0") << -1;
  QTest::newRow("-2 < -1") << QByteArray("-2") << QByteArray("-1") << -1;
  QTest::newRow("-10 < -9") << QByteArray("-10") << QByteArray("-9") << -1;
  QTest::newRow("-1.0000001 < -1") << QByteArray("-1.0000001") << QByteArray("-1") << -1;
  QTest::newRow("-max < max") << QByteArray("-9.9999999999999999999999999999999999999E+125")
                              << QByteArray("9.9999999999999999999999999999999999999E+125") << -1;
  QTest::newRow("1e125 > 9.99e124") << QByteArray("1e125") << QByteArray("9.99e124") << 1;
  QTest::newRow("2 > 1.99") << QByteArray("2") << QByteArray("1.99") << 1;
  QTest::newRow("12 > 1.2") << QByteArray("12") << QByteArray("1.2") << 1;
  QTest::newRow("0 > -0.1") << QByteArray("0") << QByteArray("-0.1") << 1;
  QTest::newRow("38 digits last differs") << QByteArray("1" + repeat('0', 36) + "2")
                                          << QByteArray("1" + repeat('0', 36) + "1") << 1;
}

void TestNumber::compare() {
  QFETCH(QByteArray, a);
  QFETCH(QByteArray, b);
  QFETCH(int, expected);
  const Number x = num(a);
  const Number y = num(b);
  QCOMPARE(sign(x.compare(y)), expected);
  QCOMPARE(sign(y.compare(x)), -expected);
  QCOMPARE(x == y, expected == 0);
  QCOMPARE(x != y, expected != 0);
  QCOMPARE(x < y, expected < 0);
  QCOMPARE(x > y, expected > 0);
  QCOMPARE((x <=> y) == 0, expected == 0);
  const int keyOrder = sign(encode(x).compare(encode(y)));
  QCOMPARE(keyOrder, expected);
}

// ---- sizeInBytes --------------------------------------------------------------

void TestNumber::sizeInBytes_data() {
  QTest::addColumn<QByteArray>("text");
  QTest::addColumn<int>("size");

  QTest::newRow("0") << QByteArray("0") << 1;
  QTest::newRow("-0") << QByteArray("-0.0") << 1;
  QTest::newRow("1") << QByteArray("1") << 2;
  QTest::newRow("10") << QByteArray("10") << 2;
  QTest::newRow("12") << QByteArray("12") << 2;
  QTest::newRow("99") << QByteArray("99") << 2;
  QTest::newRow("100") << QByteArray("100") << 2;
  QTest::newRow("101") << QByteArray("101") << 3;
  QTest::newRow("123") << QByteArray("123") << 3;
  QTest::newRow("1234") << QByteArray("1234") << 3;
  QTest::newRow("12345") << QByteArray("12345") << 4;
  QTest::newRow("0.5") << QByteArray("0.5") << 2;
  QTest::newRow("0.05") << QByteArray("0.05") << 2;
  QTest::newRow("1.5") << QByteArray("1.5") << 3;
  QTest::newRow("12.34") << QByteArray("12.34") << 3;
  QTest::newRow("1.234") << QByteArray("1.234") << 4;
  QTest::newRow("-1") << QByteArray("-1") << 3;
  QTest::newRow("-12.34") << QByteArray("-12.34") << 4;
  QTest::newRow("1e125") << QByteArray("1e125") << 2;
  QTest::newRow("1e-130") << QByteArray("1e-130") << 2;
  QTest::newRow("38 digits aligned") << QByteArray(repeat('9', 38)) << 20;
  QTest::newRow("38 digits misaligned") << QByteArray("9." + repeat('9', 37)) << 21;
  QTest::newRow("-38 digits misaligned") << QByteArray("-9." + repeat('9', 37)) << 22;
}

void TestNumber::sizeInBytes() {
  QFETCH(QByteArray, text);
  QFETCH(int, size);
  const Number n = num(text);
  QCOMPARE(static_cast<int>(n.sizeInBytes()), size);
  // The storage encoding is the size plus the class byte, minus the sign byte.
  if (!n.isZero()) {
    QCOMPARE(static_cast<int>(encode(n).size()), size + 1 - (n.isNegative() ? 1 : 0));
  }
}

// ---- add / subtract -----------------------------------------------------------

namespace {

void arithmeticRows() {
  QTest::addColumn<QByteArray>("a");
  QTest::addColumn<QByteArray>("b");
  QTest::addColumn<QByteArray>("expected");  // plain result, or the error message
  QTest::addColumn<bool>("fails");
}

void ok(const char* name, const QByteArray& a, const QByteArray& b, const QByteArray& r) {
  QTest::newRow(name) << a << b << r << false;
}
void err(const char* name, const QByteArray& a, const QByteArray& b, const QByteArray& message) {
  QTest::newRow(name) << a << b << message << true;
}

void checkArithmetic(bool subtract) {
  QFETCH(QByteArray, a);
  QFETCH(QByteArray, b);
  QFETCH(QByteArray, expected);
  QFETCH(bool, fails);
  const Number x = num(a);
  const Number y = num(b);
  Result<Number> r = subtract ? x.subtract(y) : x.add(y);
  if (fails) {
    QVERIFY2(!r.isOk(), r.isOk() ? r->toString().c_str() : "");
    QCOMPARE(r.status().type(), ErrorType::ValidationException);
    QCOMPARE(qb(r.status().message()), expected);
    return;
  }
  QVERIFY2(r.isOk(), r.status().message().c_str());
  QCOMPARE(qb(r->toString()), expected);
  QVERIFY(*r == num(expected));
}

}  // namespace

void TestNumber::add_data() {
  arithmeticRows();
  ok("1+1", "1", "1", "2");
  ok("0+0", "0", "-0", "0");
  ok("0+x", "0", "-12.5", "-12.5");
  ok("x+0", "3.25", "0", "3.25");
  ok("decimal", "0.1", "0.2", "0.3");
  ok("carry", "9", "1", "10");
  ok("carry fraction", "0.99", "0.01", "1");
  ok("carry across 38 digits", repeat('9', 37), "1", "1" + repeat('0', 37));
  ok("carry to 38 digits", repeat('9', 38), "1", "1" + repeat('0', 38));
  ok("carry across many digits", "9999999999.9999999999", "0.0000000001", "10000000000");
  ok("different exponents", "1e20", "1", "100000000000000000001");
  ok("scylla precision", "1", "10000000000000000000000", "10000000000000000000001");
  ok("negatives", "-1.5", "-2.5", "-4");
  ok("sign change", "-5", "3", "-2");
  ok("sign change up", "5", "-7.5", "-2.5");
  ok("cancel", "123.456", "-123.456", "0");
  ok("cancel spellings", "-1.2e3", "1200", "0");
  ok("borrow", "1000", "-0.001", "999.999");
  ok("borrow long", "1" + repeat('0', 37), "-1", repeat('9', 37));
  ok("partial cancel", "1." + repeat('0', 36) + "1", "-1", "0." + repeat('0', 36) + "1");
  ok("trailing zeros drop", "0.15", "0.05", "0.2");
  ok("max fits", "9.9999999999999999999999999999999999998E+125", "1e88",
     repeat('9', 38) + repeat('0', 88));
  ok("min fits", "2E-130", "-1E-130", "0." + repeat('0', 129) + "1");
  ok("tiny plus tiny", "1E-130", "1E-130", "0." + repeat('0', 129) + "2");
  ok("38 digits exactly", "1" + repeat('0', 37), "1", "1" + repeat('0', 36) + "1");
  // Range.
  err("overflow", "9e125", "9e125", kOver);
  err("overflow max+1e88", "9.9999999999999999999999999999999999999E+125", "1e88", kOver);
  err("overflow negative", "-9e125", "-9e125", kOver);
  err("extenddb overflow", "9.9999999999999999999999999999999999999E+125", "1E+125", kOver);
  err("underflow", "1.5E-130", "-1E-130", kUnder);
  err("underflow negative", "-1.0000001E-130", "1E-130", kUnder);
  // Exact result needs more than 38 digits: DynamoDB says overflow.
  err("39 digits", "1" + repeat('0', 38), "1", kOver);
  err("1e50+1", "1e50", "1", kOver);
  err("1+1e-50", "1", "1e-50", kOver);
  err("wide apart", "1e125", "1e-130", kOver);
  err("39 digits by carry", "9" + repeat('9', 37), "0.1", kOver);
}

void TestNumber::add() { checkArithmetic(false); }

void TestNumber::subtract_data() {
  arithmeticRows();
  ok("2-1", "2", "1", "1");
  ok("1-2", "1", "2", "-1");
  ok("0-x", "0", "4.5", "-4.5");
  ok("x-0", "-4.5", "0", "-4.5");
  ok("0-0", "0", "0", "0");
  ok("decimal", "0.3", "0.1", "0.2");
  ok("moto", "100000000000000000000.00000001", "1", "99999999999999999999.00000001");
  ok("scylla", "10000000000000000000000", "1", "9999999999999999999999");
  ok("self", "-7.25", "-7.25", "0");
  ok("minus negative", "5", "-5", "10");
  ok("negative minus", "-5", "5", "-10");
  ok("negative minus negative", "-5", "-7", "2");
  ok("borrow across many", "1", "1e-37", "0." + repeat('9', 37));
  ok("to tiny", "1." + repeat('0', 36) + "1E-93", "1E-93", "0." + repeat('0', 129) + "1");
  err("overflow", "9e125", "-9e125", kOver);
  err("overflow negative", "-9e125", "9e125", kOver);
  err("underflow", "1.0000001E-130", "1E-130", kUnder);
  err("1e50-1", "1e50", "1", kOver);
  err("38 nines minus tiny", repeat('9', 38), "0.1", kOver);
}

void TestNumber::subtract() { checkArithmetic(true); }

// ---- fromInt64 and helpers --------------------------------------------------

void TestNumber::fromInt64_data() {
  QTest::addColumn<qint64>("value");
  QTest::addColumn<QByteArray>("plain");
  QTest::newRow("0") << qint64(0) << QByteArray("0");
  QTest::newRow("1") << qint64(1) << QByteArray("1");
  QTest::newRow("-1") << qint64(-1) << QByteArray("-1");
  QTest::newRow("10") << qint64(10) << QByteArray("10");
  QTest::newRow("1000000") << qint64(1000000) << QByteArray("1000000");
  QTest::newRow("-1203") << qint64(-1203) << QByteArray("-1203");
  QTest::newRow("max") << qint64(INT64_MAX) << QByteArray("9223372036854775807");
  QTest::newRow("min") << qint64(INT64_MIN) << QByteArray("-9223372036854775808");
}

void TestNumber::fromInt64() {
  QFETCH(qint64, value);
  QFETCH(QByteArray, plain);
  const Number n = Number::fromInt64(value);
  QCOMPARE(qb(n.toString()), plain);
  QVERIFY(n == num(plain));
  QCOMPARE(n.isNegative(), value < 0);
  QCOMPARE(n.isZero(), value == 0);
}

void TestNumber::helpers() {
  QVERIFY(Number::zero().isZero());
  QVERIFY(Number().isZero());
  QVERIFY(!Number::zero().isNegative());
  QCOMPARE(Number::zero().significantDigits(), 0);
  QCOMPARE(qb(Number::zero().toString()), QByteArray("0"));
  QVERIFY(Number::zero() == num("-0"));
  QVERIFY(num("-1.5").negated() == num("1.5"));
  QVERIFY(num("0").negated() == Number::zero());
  QVERIFY(!num("0").negated().isNegative());
  QCOMPARE(Number::zero().sizeInBytes(), size_t(1));
  static_assert(sizeof(Number) <= 48, "Number should stay small");
  static_assert(std::is_trivially_copyable_v<Number>, "Number is a plain value");
  // Binary form round-trips too.
  std::string s;
  num("-123.45").appendBinary(s);
  num("0").appendBinary(s);
  std::string_view v = s;
  Result<Number> a = Number::decodeBinary(v);
  Result<Number> b = Number::decodeBinary(v);
  QVERIFY(a.isOk() && b.isOk());
  QVERIFY(*a == num("-123.45"));
  QVERIFY(b->isZero());
  QVERIFY(v.empty());
}

// ---- ordered key ------------------------------------------------------------

void TestNumber::orderedKeyExamples_data() {
  QTest::addColumn<QByteArray>("text");
  QTest::addColumn<QByteArray>("hex");
  QTest::newRow("0") << QByteArray("0") << QByteArray("02");
  // 1: e=0, top pair 0 -> 0x42, pair 01 last -> 3.
  QTest::newRow("1") << QByteArray("1") << QByteArray("034203");
  // 10: e=1, pair 10 last -> 21 = 0x15.
  QTest::newRow("10") << QByteArray("10") << QByteArray("034215");
  // 123: e=2, top pair 1 -> 0x43; pairs 01 (4), 23 last (47 = 0x2f).
  QTest::newRow("123") << QByteArray("123") << QByteArray("0343042f");
  // 0.5: e=-1, top pair -1 -> 0x41; pair 50 last -> 101 = 0x65.
  QTest::newRow("0.5") << QByteArray("0.5") << QByteArray("034165");
  // -1: inverted 0x42 -> 0xbd, 3 -> 0xfc.
  QTest::newRow("-1") << QByteArray("-1") << QByteArray("01bdfc");
  QTest::newRow("1e-130") << QByteArray("1e-130") << QByteArray("030103");
  QTest::newRow("1e125") << QByteArray("1e125") << QByteArray("038015");
}

void TestNumber::orderedKeyExamples() {
  QFETCH(QByteArray, text);
  QFETCH(QByteArray, hex);
  const std::string key = encode(num(text));
  QCOMPARE(qb(key).toHex(), hex);
  QVERIFY(key.size() <= Number::kMaxEncodedSize);
}

void TestNumber::decodeRejectsCorrupt_data() {
  QTest::addColumn<QByteArray>("hex");
  QTest::newRow("empty") << QByteArray("");
  QTest::newRow("bad class 00") << QByteArray("00");
  QTest::newRow("bad class 04") << QByteArray("044203");
  QTest::newRow("class only") << QByteArray("03");
  QTest::newRow("no digits") << QByteArray("0342");
  QTest::newRow("unterminated") << QByteArray("034204");
  QTest::newRow("exp byte 0") << QByteArray("030003");
  QTest::newRow("exp byte too big") << QByteArray("038103");
  QTest::newRow("last pair zero") << QByteArray("034201");
  QTest::newRow("leading pair zero") << QByteArray("03420203");
  QTest::newRow("pair byte 0") << QByteArray("03420003");
  QTest::newRow("pair byte 255") << QByteArray("0342ff");
  QTest::newRow("pair byte 201") << QByteArray("0342c9");
  QTest::newRow("pair byte 202") << QByteArray("0342ca03");
  QTest::newRow("21 pairs") << QByteArray("0342") + QByteArray("04").repeated(20) + QByteArray("03");
  QTest::newRow("40 digits") << QByteArray("0343") + QByteArray("16").repeated(19) + QByteArray("03");
  QTest::newRow("negative unterminated") << QByteArray("01bd");
}

void TestNumber::decodeRejectsCorrupt() {
  QFETCH(QByteArray, hex);
  const QByteArray bytes = QByteArray::fromHex(hex);
  std::string data = str(bytes);
  std::string_view in = data;
  Result<Number> r = Number::decodeOrderedKey(in);
  QVERIFY2(!r.isOk(), r.isOk() ? r->toString().c_str() : "");
  QCOMPARE(r.status().type(), ErrorType::InternalServerError);
  QCOMPARE(qb(r.status().message()), QByteArray("corrupt number key"));
  QCOMPARE(in.size(), data.size());  // nothing consumed
}

// ---- properties over random numbers -------------------------------------------

void TestNumber::randomProperties() {
  std::mt19937_64 rng(20240611);
  std::vector<Number> nums;
  std::vector<std::string> keys;
  const int kCount = 4000;
  nums.reserve(kCount);
  for (int i = 0; i < kCount; ++i) {
    const std::string text = randomText(rng);
    Result<Number> r = Number::parse(text);
    QVERIFY2(r.isOk(), text.c_str());
    nums.push_back(*r);
  }
  // A few fixed edge values too.
  for (const char* s : {"0", "1", "-1", "10", "-10", "9", "-9", "1e-130", "-1e-130", "1e125", "-1e125",
                        "9.9999999999999999999999999999999999999E+125",
                        "-9.9999999999999999999999999999999999999E+125", "0.1", "0.11", "0.1100001"}) {
    nums.push_back(num(s));
  }

  std::uniform_int_distribution<int> byte(0, 255);
  for (const Number& n : nums) {
    const std::string key = encode(n);
    QVERIFY(!key.empty() && key.size() <= Number::kMaxEncodedSize);
    keys.push_back(key);

    // Round trip.
    std::string_view in = key;
    Result<Number> d = Number::decodeOrderedKey(in);
    QVERIFY(d.isOk());
    QVERIFY(*d == n);
    QVERIFY(in.empty());

    // Prefix-free: a random suffix after it is left untouched.
    std::string withSuffix = key;
    const int extra = byte(rng) % 8;
    for (int k = 0; k < extra; ++k) withSuffix.push_back(static_cast<char>(byte(rng)));
    std::string_view in2 = withSuffix;
    Result<Number> d2 = Number::decodeOrderedKey(in2);
    QVERIFY(d2.isOk());
    QVERIFY(*d2 == n);
    QCOMPARE(in2.size(), static_cast<size_t>(extra));
    QVERIFY(std::memcmp(in2.data(), withSuffix.data() + key.size(), static_cast<size_t>(extra)) == 0);

    // Text round trip.
    Result<Number> t = Number::parse(n.toString());
    QVERIFY(t.isOk());
    QVERIFY(*t == n);
    QCOMPARE(qb(t->toString()), qb(n.toString()));

    // Size relation to the key: 1 class + 1 exponent + pairs.
    if (!n.isZero()) QCOMPARE(key.size(), n.sizeInBytes() + (n.isNegative() ? 0 : 1));
  }

  // Random pairs: memcmp order of the keys equals compare(), also with suffixes.
  std::uniform_int_distribution<size_t> pick(0, nums.size() - 1);
  for (int i = 0; i < 20000; ++i) {
    const size_t a = pick(rng);
    const size_t b = (i % 4 == 0) ? a : pick(rng);
    const int c = sign(nums[a].compare(nums[b]));
    QCOMPARE(sign(nums[b].compare(nums[a])), -c);
    QCOMPARE(nums[a] == nums[b], c == 0);
    QCOMPARE(sign(keys[a].compare(keys[b])), c);
    QCOMPARE(keys[a] == keys[b], c == 0);
    if (c != 0) {
      // Any trailing components do not change the order of unequal numbers.
      std::string ka = keys[a] + std::string(3, static_cast<char>(byte(rng)));
      std::string kb = keys[b] + std::string(2, static_cast<char>(byte(rng)));
      QCOMPARE(sign(ka.compare(kb)), c);
    }
  }

  // Sorting by key gives the same order as sorting by value.
  std::vector<size_t> byKey(nums.size()), byValue(nums.size());
  for (size_t i = 0; i < nums.size(); ++i) byKey[i] = byValue[i] = i;
  std::sort(byKey.begin(), byKey.end(), [&](size_t x, size_t y) { return keys[x] < keys[y]; });
  std::sort(byValue.begin(), byValue.end(), [&](size_t x, size_t y) { return nums[x] < nums[y]; });
  for (size_t i = 0; i < nums.size(); ++i) QVERIFY(nums[byKey[i]] == nums[byValue[i]]);

  // Concatenated keys decode back in sequence.
  std::string all;
  for (const auto& k : keys) all += k;
  std::string_view in = all;
  for (const Number& n : nums) {
    Result<Number> d = Number::decodeOrderedKey(in);
    QVERIFY(d.isOk());
    QVERIFY(*d == n);
  }
  QVERIFY(in.empty());
}

void TestNumber::randomArithmetic() {
  std::mt19937_64 rng(77);
  std::vector<Number> nums;
  for (int i = 0; i < 1500; ++i) {
    Result<Number> r = Number::parse(randomText(rng));
    QVERIFY(r.isOk());
    nums.push_back(*r);
  }
  std::uniform_int_distribution<size_t> pick(0, nums.size() - 1);
  int exact = 0;
  for (int i = 0; i < 20000; ++i) {
    const Number& a = nums[pick(rng)];
    const Number& b = nums[pick(rng)];
    Result<Number> s = a.add(b);
    Result<Number> s2 = b.add(a);
    QCOMPARE(s.isOk(), s2.isOk());
    if (!s.isOk()) {
      QCOMPARE(s.status(), s2.status());
      QCOMPARE(s.status().type(), ErrorType::ValidationException);
      continue;
    }
    ++exact;
    QVERIFY(*s == *s2);
    // The sum moves a in the direction of b's sign.
    QCOMPARE(sign(s->compare(a)), b.isZero() ? 0 : (b.isNegative() ? -1 : 1));
    // (a + b) - b == a whenever it is representable (it is: a was).
    Result<Number> back = s->subtract(b);
    QVERIFY2(back.isOk(), back.status().message().c_str());
    QVERIFY(*back == a);
    // a - (-b) == a + b.
    Result<Number> viaSub = a.subtract(b.negated());
    QVERIFY(viaSub.isOk());
    QVERIFY(*viaSub == *s);
  }
  QVERIFY(exact > 1000);  // the generator exercises the exact path a lot
}

QTEST_APPLESS_MAIN(TestNumber)
#include "test_number.moc"
