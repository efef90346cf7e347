// Evaluating conditions against items with DynamoDB's comparison semantics.
#include <QtTest>

#include "expr/evaluate.h"
#include "expr_test_util.h"

using namespace exprtest;

class TestExprEvaluate : public QObject {
  Q_OBJECT
 private slots:
  void evaluates_data();
  void evaluates();
};

void TestExprEvaluate::evaluates_data() {
  QTest::addColumn<std::string>("text");
  QTest::addColumn<std::string>("values");
  QTest::addColumn<bool>("expected");
  // One item for every row.
  auto row = [](const char* name, const std::string& t, const std::string& v, bool e) { QTest::newRow(name) << t << v << e; };
  const std::string n5 = R"({":v":{"N":"5"}})";
  row("eq N", "n = :v", n5, true);
  row("eq N other spelling", "n = :v", R"({":v":{"N":"5.00"}})", true);
  row("ne N", "n <> :v", n5, false);
  row("lt", "n < :v", R"({":v":{"N":"6"}})", true);
  row("le", "n <= :v", n5, true);
  row("gt", "n > :v", n5, false);
  row("ge", "n >= :v", n5, true);
  row("seed age > 20", "age > :v", R"({":v":{"N":"20"}})", true);
  row("different types false", "n = :v", R"({":v":{"S":"5"}})", false);
  row("different types lt false", "n < :v", R"({":v":{"S":"9"}})", false);
  row("different types ne true", "n <> :v", R"({":v":{"S":"5"}})", true);
  row("missing eq false", "nope = :v", n5, false);
  row("missing ne true", "nope <> :v", n5, true);
  row("S order bytes", "s < :v", R"({":v":{"S":"hellp"}})", true);
  row("B order unsigned", "b < :v", R"({":v":{"B":"/w=="}})", true);
  row("set eq any order", "ss = :v", R"({":v":{"SS":["y","x"]}})", true);
  row("set lt false", "ss < :v", R"({":v":{"SS":["z"]}})", false);
  row("list eq", "l = :v", R"({":v":{"L":[{"N":"1"},{"S":"two"}]}})", true);
  row("map eq", "m = :v", R"({":v":{"M":{"k":{"S":"v"},"l":{"L":[{"N":"7"}]}}}})", true);
  row("nested path", "m.k = :v", R"({":v":{"S":"v"}})", true);
  row("list index", "l[1] = :v", R"({":v":{"S":"two"}})", true);
  row("nested list index", "m.l[0] = :v", R"({":v":{"N":"7"}})", true);
  row("index past end", "l[5] = :v", R"({":v":{"S":"two"}})", false);
  row("between", "n BETWEEN :a AND :b", R"({":a":{"N":"1"},":b":{"N":"5"}})", true);
  row("between outside", "n BETWEEN :a AND :b", R"({":a":{"N":"6"},":b":{"N":"7"}})", false);
  row("between S", "s BETWEEN :a AND :b", R"({":a":{"S":"a"},":b":{"S":"i"}})", true);
  row("in", "n IN (:a, :b)", R"({":a":{"N":"1"},":b":{"N":"5"}})", true);
  row("in none", "n IN (:a, :b)", R"({":a":{"N":"1"},":b":{"N":"2"}})", false);
  row("and", "n = :v AND s = :s", R"({":v":{"N":"5"},":s":{"S":"hello"}})", true);
  row("or", "n = :s OR s = :s", R"({":s":{"S":"hello"}})", true);
  row("not", "NOT n = :v", n5, false);
  row("precedence", "n = :w OR n = :v AND NOT s = :w", R"({":v":{"N":"5"},":w":{"N":"0"}})", true);
  row("exists", "attribute_exists(m.k)", "", true);
  row("exists missing", "attribute_exists(m.x)", "", false);
  row("not exists", "attribute_not_exists(nope)", "", true);
  row("type S", "attribute_type(s, :t)", R"({":t":{"S":"S"}})", true);
  row("type SS", "attribute_type(ss, :t)", R"({":t":{"S":"SS"}})", true);
  row("type NULL", "attribute_type(z, :t)", R"({":t":{"S":"NULL"}})", true);
  row("type BOOL", "attribute_type(t, :t)", R"({":t":{"S":"BOOL"}})", true);
  row("type wrong", "attribute_type(n, :t)", R"({":t":{"S":"S"}})", false);
  row("begins_with S", "begins_with(s, :v)", R"({":v":{"S":"hel"}})", true);
  row("begins_with S no", "begins_with(s, :v)", R"({":v":{"S":"el"}})", false);
  row("begins_with B", "begins_with(b, :v)", R"({":v":{"B":"AA=="}})", true);
  row("begins_with on N false", "begins_with(n, :v)", R"({":v":{"S":"5"}})", false);
  row("contains S", "contains(s, :v)", R"({":v":{"S":"ell"}})", true);
  row("contains SS", "contains(ss, :v)", R"({":v":{"S":"y"}})", true);
  row("contains NS", "contains(ns, :v)", R"({":v":{"N":"2.0"}})", true);
  row("contains BS", "contains(bs, :v)", R"({":v":{"B":"AQ=="}})", true);
  row("contains L", "contains(l, :v)", R"({":v":{"S":"two"}})", true);
  row("contains wrong type", "contains(ss, :v)", R"({":v":{"N":"1"}})", false);
  row("size S", "size(s) = :v", n5, true);
  row("size B", "size(b) = :v", R"({":v":{"N":"2"}})", true);
  row("size SS", "size(ss) = :v", R"({":v":{"N":"2"}})", true);
  row("size L", "size(l) > :v", R"({":v":{"N":"1"}})", true);
  row("size M", "size(m) = :v", R"({":v":{"N":"2"}})", true);
  row("size N is no value", "size(n) = :v", R"({":v":{"N":"1"}})", false);
  row("size missing", "size(nope) <> :v", R"({":v":{"N":"1"}})", true);
}

void TestExprEvaluate::evaluates() {
  QFETCH(std::string, text);
  QFETCH(std::string, values);
  QFETCH(bool, expected);
  static const Item it = item(R"({"n":{"N":"5"},"age":{"N":"30"},"s":{"S":"hello"},"b":{"B":"AAE="},
    "ss":{"SS":["x","y"]},"ns":{"NS":["1","2"]},"bs":{"BS":["AQ=="]},"l":{"L":[{"N":"1"},{"S":"two"}]},
    "m":{"M":{"k":{"S":"v"},"l":{"L":[{"N":"7"}]}}},"z":{"NULL":true},"t":{"BOOL":true}})");
  auto c = condition(text, "", values, ExpressionKind::Filter);
  QVERIFY2(c.isOk(), c.status().message().c_str());
  auto r = evaluate(*c, it);
  QVERIFY(r.isOk());
  QCOMPARE(*r, expected);
}

QTEST_APPLESS_MAIN(TestExprEvaluate)
#include "test_expr_evaluate.moc"
