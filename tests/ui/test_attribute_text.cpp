// Cell text, tooltips and sort order of attribute values.
#include <QtTest>

#include "dynadesk/attribute_json.h"
#include "format/attribute_text.h"

using namespace dynadesk;
using namespace dynadesk::ui;

namespace {
AttributeValue parse(const char* json) { return *attributeValueFromJson(nlohmann::json::parse(json)); }
}  // namespace

class TestAttributeText : public QObject {
  Q_OBJECT
 private slots:
  void compact_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("text");
    QTest::newRow("string") << R"({"S":"hello"})" << "hello";
    QTest::newRow("38 digits exact") << R"({"N":"12345678901234567890123456789012345678"})"
                                     << "12345678901234567890123456789012345678";
    QTest::newRow("small decimal") << R"({"N":"0.000000000000000000000000000001"})" << "0.000000000000000000000000000001";
    QTest::newRow("bool") << R"({"BOOL":true})" << "true";
    QTest::newRow("null") << R"({"NULL":true})" << "null";
    QTest::newRow("binary") << R"({"B":"AAEC"})" << "AAEC (3 B)";
    QTest::newRow("string set") << R"({"SS":["b","a"]})" << R"({"a", "b"})";
    QTest::newRow("number set") << R"({"NS":["10","2"]})" << "{2, 10}";
    QTest::newRow("list") << R"({"L":[{"S":"x"},{"N":"1"}]})" << R"(["x", 1])";
    QTest::newRow("map") << R"({"M":{"b":{"N":"2"},"a":{"S":"y"}}})" << R"({a: "y", b: 2})";
    QTest::newRow("newline") << R"({"S":"a\nb"})" << QString("a") + QChar(0x23CE) + "b";
  }
  void compact() {
    QFETCH(QString, json);
    QFETCH(QString, text);
    QCOMPARE(compactText(parse(json.toUtf8().constData())), text);
  }

  void longValuesAreCut() {
    const QString text = compactText(AttributeValue::string(std::string(1000, 'x')), 50);
    QCOMPARE(text.size(), 51);
    QVERIFY(text.endsWith(QChar(0x2026)));
  }

  void epochDates() {
    QCOMPARE(epochDateOf(parse(R"({"N":"1767225600"})"))->toString(Qt::ISODate), QString("2026-01-01T00:00:00Z"));
    QCOMPARE(epochDateOf(parse(R"({"N":"1767225600000"})"))->toString(Qt::ISODate), QString("2026-01-01T00:00:00Z"));
    QVERIFY(!epochDateOf(parse(R"({"N":"42"})")));
    QVERIFY(!epochDateOf(parse(R"({"N":"1767225600.5"})")));
    QVERIFY(!epochDateOf(parse(R"({"S":"1767225600"})")));
    QVERIFY(tooltipText(parse(R"({"N":"1767225600"})")).contains("2026-01-01 00:00:00"));
  }

  void sortOrder() {
    QVERIFY(compareForSort(parse(R"({"N":"9"})"), parse(R"({"N":"10"})")) < 0);  // numerically, not as text
    QVERIFY(compareForSort(parse(R"({"N":"-1"})"), parse(R"({"N":"0.5"})")) < 0);
    QVERIFY(compareForSort(parse(R"({"S":"B"})"), parse(R"({"S":"a"})")) < 0);   // bytewise, as DynamoDB
    QVERIFY(compareForSort(parse(R"({"N":"100"})"), parse(R"({"S":"1"})")) < 0);  // numbers before strings
    QCOMPARE(compareForSort(parse(R"({"N":"1.0"})"), parse(R"({"N":"1"})")), 0);
  }
};

QTEST_MAIN(TestAttributeText)
#include "test_attribute_text.moc"
