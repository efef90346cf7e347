// Property test of the item-key encoding: for random key values of each type,
// bytewise order of the encoded keys equals DynamoDB's order (S and B by
// unsigned bytes, N numerically), partitions stay contiguous, and keys at
// DynamoDB's size limits encode without trouble.
#include <QtTest>

#include <algorithm>
#include <cstring>
#include <random>

#include "dynadesk/attribute_value.h"
#include "storage/key_codec.h"

using namespace dynadesk;
using namespace dynadesk::storage;

namespace {

int dynamoCompare(const AttributeValue& a, const AttributeValue& b) {
  if (a.is(AttrType::N)) return a.asNumber().compare(b.asNumber());
  const std::string& x = a.is(AttrType::S) ? a.asString() : a.asBinary();
  const std::string& y = b.is(AttrType::S) ? b.asString() : b.asBinary();
  const int c = std::memcmp(x.data(), y.data(), std::min(x.size(), y.size()));
  if (c != 0) return c < 0 ? -1 : 1;
  return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
}

int sign(int v) { return v < 0 ? -1 : v > 0 ? 1 : 0; }

std::string randomBytes(std::mt19937_64& rng, std::size_t maxLen, bool smallAlphabet) {
  std::string s(rng() % (maxLen + 1), '\0');
  for (auto& c : s) c = static_cast<char>(smallAlphabet ? (rng() % 3) : (rng() % 256));  // includes 0x00
  return s;
}

AttributeValue randomValue(std::mt19937_64& rng, AttrType type) {
  if (type == AttrType::N) {
    std::string text = (rng() % 2 ? "-" : "") + std::to_string(rng() % 100000) + "." +
                       std::to_string(rng() % 1000) + "e" + std::to_string(static_cast<int>(rng() % 60) - 30);
    return AttributeValue::number(*Number::parse(text));
  }
  std::string bytes = randomBytes(rng, 12, rng() % 2 == 0);
  if (bytes.empty()) bytes = "x";
  return type == AttrType::S ? AttributeValue::string(bytes) : AttributeValue::binary(bytes);
}

}  // namespace

class TestKeyCodec : public QObject {
  Q_OBJECT
 private slots:
  void sortKeyOrderMatchesDynamoDb_data();
  void sortKeyOrderMatchesDynamoDb();
  void partitionKeysAreSelfDelimiting_data();
  void partitionKeysAreSelfDelimiting();
  void maximumSizeKeys();
  void hashIsStable();
};

void TestKeyCodec::sortKeyOrderMatchesDynamoDb_data() {
  QTest::addColumn<int>("type");
  QTest::newRow("S") << static_cast<int>(AttrType::S);
  QTest::newRow("N") << static_cast<int>(AttrType::N);
  QTest::newRow("B") << static_cast<int>(AttrType::B);
}

void TestKeyCodec::sortKeyOrderMatchesDynamoDb() {
  QFETCH(int, type);
  std::mt19937_64 rng(7 + type);
  const AttributeValue pk = AttributeValue::string("partition");
  for (int i = 0; i < 20000; ++i) {
    AttributeValue a = randomValue(rng, static_cast<AttrType>(type));
    AttributeValue b = randomValue(rng, static_cast<AttrType>(type));
    const std::string ka = itemKey(1, pk, &a), kb = itemKey(1, pk, &b);
    QCOMPARE(sign(ka.compare(kb)), sign(dynamoCompare(a, b)));
  }
}

void TestKeyCodec::partitionKeysAreSelfDelimiting_data() { sortKeyOrderMatchesDynamoDb_data(); }

// Items of one partition share its prefix and no other partition's key starts
// with it, whatever bytes (including 0x00) the keys contain.
void TestKeyCodec::partitionKeysAreSelfDelimiting() {
  QFETCH(int, type);
  std::mt19937_64 rng(99 + type);
  for (int i = 0; i < 20000; ++i) {
    AttributeValue p1 = randomValue(rng, static_cast<AttrType>(type));
    AttributeValue p2 = randomValue(rng, static_cast<AttrType>(type));
    AttributeValue sk = randomValue(rng, AttrType::S);
    const std::string prefix1 = partitionPrefix(3, p1);
    QVERIFY(itemKey(3, p1, &sk).starts_with(prefix1));
    if (!(p1 == p2)) QVERIFY(!itemKey(3, p2, &sk).starts_with(prefix1));
  }
}

void TestKeyCodec::maximumSizeKeys() {
  const AttributeValue pk = AttributeValue::string(std::string(2048, '\0'));
  const AttributeValue sk = AttributeValue::binary(std::string(1024, '\xff'));
  const std::string key = itemKey(9, pk, &sk);
  // 2048 zero bytes escape to 4096, plus terminator, hash, table id and tag.
  QCOMPARE(key.size(), std::size_t(1 + 4 + 8 + 4096 + 2 + 1024));
  QVERIFY(key.starts_with(partitionPrefix(9, pk)));
  QCOMPARE(hashOfItemKey(key), partitionHash(pk));
}

// The hash is part of the on-disk format: these values must never change.
void TestKeyCodec::hashIsStable() {
  QCOMPARE(partitionHash(AttributeValue::string("a")), std::uint64_t(0xcc990e0f604988eaull));
  QCOMPARE(partitionHash(AttributeValue::binary("a")), std::uint64_t(0xdb18f1112d4e4df1ull));
  QCOMPARE(partitionHash(AttributeValue::number(Number::fromInt64(1))), std::uint64_t(0x4b7266d5d8e890b6ull));
  QVERIFY(partitionHash(AttributeValue::string("a")) != partitionHash(AttributeValue::binary("a")));
  QCOMPARE(partitionHash(AttributeValue::number(*Number::parse("1.0"))),
           partitionHash(AttributeValue::number(*Number::parse("1"))));
}

QTEST_APPLESS_MAIN(TestKeyCodec)
#include "test_key_codec.moc"
