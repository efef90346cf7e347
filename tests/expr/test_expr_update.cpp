// Applying updates and projections: the new item, or DynamoDB's message.
#include <QtTest>

#include "expr/projection.h"
#include "expr/update_apply.h"
#include "expr_test_util.h"

using namespace exprtest;

class TestExprUpdate : public QObject {
  Q_OBJECT
 private slots:
  void applies_data();
  void applies();
  void reportsUpdatedAttributes();
  void projects_data();
  void projects();
};

void TestExprUpdate::applies_data() {
  QTest::addColumn<std::string>("text");
  QTest::addColumn<std::string>("values");
  QTest::addColumn<std::string>("old");       // "" = no item
  QTest::addColumn<std::string>("expected");  // new item JSON or error message
  auto row = [](const char* name, const std::string& t, const std::string& v, const std::string& o, const std::string& e) {
    QTest::newRow(name) << t << v << o << e;
  };
  const std::string base = R"({"n":{"N":"5"},"l":{"L":[{"N":"1"},{"N":"2"},{"N":"3"}]},"m":{"M":{"k":{"S":"v"}}},"ss":{"SS":["a","b"]},"s":{"S":"x"}})";
  const std::string badType = "An operand in the update expression has an incorrect data type";
  const std::string badPath = "The document path provided in the update expression is invalid for update";
  row("seed SET age", "SET age = :new_age", R"({":new_age":{"N":"31"}})", R"({"age":{"N":"30"}})", R"({"age":{"N":"31"}})");
  row("set on missing item", "SET a = :v", R"({":v":{"S":"x"}})", "", R"({"a":{"S":"x"}})");
  row("plus", "SET n = n + :v", R"({":v":{"N":"2.5"}})", base.substr(0, 0) + R"({"n":{"N":"5"}})", R"({"n":{"N":"7.5"}})");
  row("minus", "SET n = :v - n", R"({":v":{"N":"2"}})", R"({"n":{"N":"5"}})", R"({"n":{"N":"-3"}})");
  row("plus on string", "SET s = s + :v", R"({":v":{"N":"1"}})", R"({"s":{"S":"x"}})", badType);
  row("plus missing operand", "SET n = nope + :v", R"({":v":{"N":"1"}})", R"({"n":{"N":"5"}})",
      "The provided expression refers to an attribute that does not exist in the item");
  row("if_not_exists absent", "SET c = if_not_exists(c, :v)", R"({":v":{"N":"0"}})", "{}", R"({"c":{"N":"0"}})");
  row("if_not_exists present", "SET n = if_not_exists(n, :v)", R"({":v":{"N":"0"}})", R"({"n":{"N":"5"}})", R"({"n":{"N":"5"}})");
  row("list_append", "SET l = list_append(l, :v)", R"({":v":{"L":[{"N":"9"}]}})", R"({"l":{"L":[{"N":"1"}]}})",
      R"({"l":{"L":[{"N":"1"},{"N":"9"}]}})");
  row("list_append front", "SET l = list_append(:v, l)", R"({":v":{"L":[{"N":"9"}]}})", R"({"l":{"L":[{"N":"1"}]}})",
      R"({"l":{"L":[{"N":"9"},{"N":"1"}]}})");
  row("list_append non list", "SET s = list_append(s, :v)", R"({":v":{"L":[]}})", R"({"s":{"S":"x"}})", badType);
  row("set list index", "SET l[1] = :v", R"({":v":{"N":"9"}})", R"({"l":{"L":[{"N":"1"},{"N":"2"}]}})",
      R"({"l":{"L":[{"N":"1"},{"N":"9"}]}})");
  row("set past end appends", "SET l[10] = :v", R"({":v":{"N":"9"}})", R"({"l":{"L":[{"N":"1"}]}})",
      R"({"l":{"L":[{"N":"1"},{"N":"9"}]}})");
  row("set nested", "SET m.j = :v", R"({":v":{"N":"1"}})", R"({"m":{"M":{"k":{"S":"v"}}}})",
      R"({"m":{"M":{"j":{"N":"1"},"k":{"S":"v"}}}})");
  row("set under missing parent", "SET nope.j = :v", R"({":v":{"N":"1"}})", "{}", badPath);
  row("set under wrong type", "SET s.j = :v", R"({":v":{"N":"1"}})", R"({"s":{"S":"x"}})", badPath);
  row("index into map", "SET m[0] = :v", R"({":v":{"N":"1"}})", R"({"m":{"M":{}}})", badPath);
  row("remove", "REMOVE s, nope", "", R"({"s":{"S":"x"},"n":{"N":"1"}})", R"({"n":{"N":"1"}})");
  row("remove nested", "REMOVE m.k", "", R"({"m":{"M":{"k":{"S":"v"}}}})", R"({"m":{"M":{}}})");
  row("remove list elements by original index", "REMOVE l[0], l[2]", "", R"({"l":{"L":[{"N":"1"},{"N":"2"},{"N":"3"}]}})",
      R"({"l":{"L":[{"N":"2"}]}})");
  row("add number", "ADD n :v", R"({":v":{"N":"1"}})", R"({"n":{"N":"5"}})", R"({"n":{"N":"6"}})");
  row("add creates number", "ADD c :v", R"({":v":{"N":"1"}})", "", R"({"c":{"N":"1"}})");
  row("add set union", "ADD ss :v", R"({":v":{"SS":["c","a"]}})", R"({"ss":{"SS":["a","b"]}})", R"({"ss":{"SS":["a","b","c"]}})");
  row("add creates set", "ADD ns :v", R"({":v":{"NS":["1"]}})", "{}", R"({"ns":{"NS":["1"]}})");
  row("add wrong type", "ADD s :v", R"({":v":{"N":"1"}})", R"({"s":{"S":"x"}})", badType);
  row("add set type mismatch", "ADD ss :v", R"({":v":{"NS":["1"]}})", R"({"ss":{"SS":["a"]}})", badType);
  row("delete", "DELETE ss :v", R"({":v":{"SS":["a","z"]}})", R"({"ss":{"SS":["a","b"]}})", R"({"ss":{"SS":["b"]}})");
  row("delete empties", "DELETE ss :v", R"({":v":{"SS":["a","b"]}})", R"({"ss":{"SS":["a","b"]}})", "{}");
  row("delete missing", "DELETE ss :v", R"({":v":{"SS":["a"]}})", "{}", "{}");
  row("delete wrong type", "DELETE s :v", R"({":v":{"SS":["a"]}})", R"({"s":{"S":"x"}})", badType);
  row("values from old item", "SET a = b, b = a", "", R"({"a":{"N":"1"},"b":{"N":"2"}})", R"({"a":{"N":"2"},"b":{"N":"1"}})");
  row("overflow", "SET n = n + :v", R"({":v":{"N":"1"}})", R"({"n":{"N":"1E50"}})",
      "Number overflow. Attempting to store a number with magnitude larger than supported range");
}

void TestExprUpdate::applies() {
  QFETCH(std::string, text);
  QFETCH(std::string, values);
  QFETCH(std::string, old);
  QFETCH(std::string, expected);
  auto u = update(text, "", values);
  QVERIFY2(u.isOk(), u.status().message().c_str());
  Item oldItem = item(old);
  auto r = applyUpdate(old.empty() ? nullptr : &oldItem, *u);
  std::string got = r.isOk() ? json(r->item) : r.status().message();
  std::string want = expected.front() == '{' ? json(item(expected)) : expected;
  QCOMPARE(QString::fromStdString(got), QString::fromStdString(want));
}

void TestExprUpdate::reportsUpdatedAttributes() {
  auto u = update("SET b.c = :v, a = :v REMOVE d ADD b.e :v", "", R"({":v":{"N":"1"}})");
  QVERIFY(u.isOk());
  Item old = item(R"({"b":{"M":{}},"d":{"N":"1"}})");
  auto r = applyUpdate(&old, *u);
  QVERIFY2(r.isOk(), r.status().message().c_str());
  QCOMPARE(r->updatedAttributes, (std::vector<std::string>{"a", "b", "d"}));
  QCOMPARE(r->updatedPaths.size(), std::size_t(4));
  QCOMPARE(json(project(r->item, r->updatedPaths)), json(item(R"({"a":{"N":"1"},"b":{"M":{"c":{"N":"1"},"e":{"N":"1"}}}})")));
}

void TestExprUpdate::projects_data() {
  QTest::addColumn<std::string>("text");
  QTest::addColumn<std::string>("expected");
  QTest::newRow("top level") << std::string("a, nope") << std::string(R"({"a":{"N":"1"}})");
  QTest::newRow("nested") << std::string("m.x") << std::string(R"({"m":{"M":{"x":{"S":"1"}}}})");
  QTest::newRow("list elements in index order") << std::string("l[2], l[0], l[9]")
                                                << std::string(R"({"l":{"L":[{"N":"10"},{"N":"30"}]}})");
  QTest::newRow("list element field") << std::string("l[3].k") << std::string(R"({"l":{"L":[{"M":{"k":{"N":"4"}}}]}})");
  QTest::newRow("parent wins") << std::string("m.x, m") << std::string(R"({"m":{"M":{"x":{"S":"1"},"y":{"S":"2"}}}})");
  QTest::newRow("missing child gives nothing") << std::string("m.z, a.b") << std::string("{}");
}

void TestExprUpdate::projects() {
  QFETCH(std::string, text);
  QFETCH(std::string, expected);
  Item it = item(R"({"a":{"N":"1"},"m":{"M":{"x":{"S":"1"},"y":{"S":"2"}}},
                     "l":{"L":[{"N":"10"},{"N":"20"},{"N":"30"},{"M":{"k":{"N":"4"},"j":{"N":"5"}}}]}})");
  auto p = projection(text, "");
  QVERIFY2(p.isOk(), p.status().message().c_str());
  QCOMPARE(QString::fromStdString(json(project(it, *p))), QString::fromStdString(json(item(expected))));
}

QTEST_APPLESS_MAIN(TestExprUpdate)
#include "test_expr_update.moc"
