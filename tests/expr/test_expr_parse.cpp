// Parsing and resolving every expression kind: what is accepted, and DynamoDB's
// exact message for everything that is not.
#include <QtTest>

#include <chrono>

#include "expr/key_condition.h"
#include "expr/reserved_words.h"
#include "expr_test_util.h"

using namespace exprtest;

class TestExprParse : public QObject {
  Q_OBJECT

 private slots:
  void accepts_data();
  void accepts();
  void rejects_data();
  void rejects();
  void treeShape();
  void keyConditions_data();
  void keyConditions();
  void unusedAcrossExpressions();
  void hostileInputIsRejectedQuickly();
  void operatorLimit();
  void reservedWords();
};

namespace {

ExpressionKind kindOf(const std::string& k) {
  if (k == "F") return ExpressionKind::Filter;
  if (k == "K") return ExpressionKind::KeyCondition;
  if (k == "P") return ExpressionKind::Projection;
  if (k == "U") return ExpressionKind::Update;
  return ExpressionKind::Condition;
}

Status compile(const std::string& k, const std::string& text, const std::string& n, const std::string& v) {
  ExpressionKind kind = kindOf(k);
  if (kind == ExpressionKind::Update) return update(text, n, v).status();
  if (kind == ExpressionKind::Projection) return projection(text, n).status();
  return condition(text, n, v, kind).status();
}

void columns() {
  QTest::addColumn<std::string>("kind");
  QTest::addColumn<std::string>("text");
  QTest::addColumn<std::string>("names");
  QTest::addColumn<std::string>("values");
}

}  // namespace

void TestExprParse::accepts_data() {
  columns();
  const std::string n = R"({"#n":"status"})", v = R"({":v":{"N":"1"}})", w = R"({":v":{"N":"1"},":w":{"N":"2"}})";
  auto row = [](const char* name, const char* k, const std::string& t, const std::string& nm, const std::string& vl) {
    QTest::newRow(name) << std::string(k) << t << nm << vl;
  };
  row("seed SET age", "U", "SET age = :new_age", "", R"({":new_age":{"N":"30"}})");
  row("seed boto3 gt", "C", "#n0 > :v0", R"({"#n0":"age"})", R"({":v0":{"N":"20"}})");
  row("all comparators", "C", "a = :v AND a <> :v AND a < :v AND a <= :v AND a > :v AND a >= :v", "", v);
  row("between", "C", "a BETWEEN :v AND :w", "", w);
  row("in", "C", "a IN (:v, :w)", "", w);
  row("and or not parens", "F", "NOT (a = :v OR b = :w) AND c <> :v", "", w);
  row("functions", "C",
      "attribute_exists(a) AND attribute_not_exists(b.c) AND begins_with(s, :s) AND contains(l, :v) AND "
      "attribute_type(a, :t) AND size(l) > :v",
      "", R"({":v":{"N":"1"},":s":{"S":"x"},":t":{"S":"SS"}})");
  row("document paths", "C", "a.b[3].c = :v AND #n[0][1] = :v AND x.#n = :v", n, v);
  row("keywords any case", "C", "a = :v and not b = :v or c = :v", "", v);
  row("whitespace", "C", " \t a\n=\r:v ", "", v);
  row("placeholder for reserved", "C", "#n = :v", n, v);
  row("projection", "P", "a, b.c, d[1], #n", n, "");
  row("update all clauses", "U", "SET a = :v, b = c + :v, d = if_not_exists(d, :v), e = list_append(e, :l) REMOVE f, g[1] ADD h :v DELETE s :ss",
      "", R"({":v":{"N":"1"},":l":{"L":[]},":ss":{"SS":["x"]}})");
  row("update clause order free", "U", "remove f set a = :v", "", v);
  row("update minus", "U", "SET a = :v - b", "", v);
  row("update sibling paths", "U", "SET a.b = :v, a.c = :v, l[0] = :v, l[1] = :v", "", v);
  row("key condition", "K", "#n0 = :v0 AND #n1 = :v1", R"({"#n0":"ProductID","#n1":"Year"})",
      R"({":v0":{"S":"P001"},":v1":{"N":"2021"}})");
  row("in 100 operands", "C", [] {
    std::string s = "a IN (:v";
    for (int i = 1; i < 100; ++i) s += ", :v";
    return s + ")";
  }(), "", v);
  row("4096 bytes", "C", "a = :v" + std::string(4090, ' '), "", v);
}

void TestExprParse::accepts() {
  QFETCH(std::string, kind);
  QFETCH(std::string, text);
  QFETCH(std::string, names);
  QFETCH(std::string, values);
  Status st = compile(kind, text, names, values);
  QVERIFY2(st.isOk(), st.message().c_str());
}

void TestExprParse::rejects_data() {
  columns();
  QTest::addColumn<std::string>("message");
  const std::string v = R"({":v":{"N":"1"}})";
  auto row = [](const char* name, const char* k, const std::string& t, const std::string& nm, const std::string& vl,
                const std::string& msg) { QTest::newRow(name) << std::string(k) << t << nm << vl << msg; };
  const std::string C = "Invalid ConditionExpression: ", U = "Invalid UpdateExpression: ",
                    F = "Invalid FilterExpression: ", P = "Invalid ProjectionExpression: ";
  row("seed SET status", "U", "SET status = :s", "", R"({":s":{"S":"x"}})",
      U + "Attribute name is a reserved keyword; reserved keyword: status");
  row("reserved in condition", "C", "Size = :v", "", v, C + "Attribute name is a reserved keyword; reserved keyword: Size");
  row("reserved nested", "P", "a.name", "", "", P + "Attribute name is a reserved keyword; reserved keyword: name");
  row("empty", "C", "", "", "", C + "The expression can not be empty;");
  row("too big", "C", "a = :v" + std::string(4091, ' '), "", v,
      C + "Expression size has exceeded the maximum allowed size; expression size: 4097");
  row("syntax eof", "C", "foo", "", "", C + "Syntax error; token: \"<EOF>\", near: \"foo\"");
  row("syntax underscore", "U", "SET _123 = :v", "", v, U + "Syntax error; token: \"_\", near: \"SET _123\"");
  row("syntax double eq", "C", "a == :v", "", v, C + "Syntax error; token: \"=\", near: \"== :v\"");
  row("syntax empty in", "C", "a IN ()", "", v, C + "Syntax error; token: \")\", near: \"()\"");
  row("syntax chained plus", "U", "SET a = :v + :v + :v", "", v, U + "Syntax error; token: \"+\", near: \":v + :v\"");
  row("undefined name", "C", "#x = :v", "", v,
      C + "An expression attribute name used in the document path is not defined; attribute name: #x");
  row("undefined value", "F", "a = :x", "", v,
      F + "An expression attribute value used in expression is not defined; attribute value: :x");
  row("unused name", "C", "a = :v", R"({"#a":"a","#b":"b"})", v,
      "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}");
  row("unused value", "C", "a = :v", "", R"({":v":{"N":"1"},":x":{"N":"1"}})",
      "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
  row("unknown function", "C", "foo(a)", "", "", C + "Invalid function name; function: foo");
  row("size as condition", "F", "size(a)", "", "",
      F + "The function is not allowed to be used this way in an expression; function: size");
  row("boolean function as operand", "C", "contains(a, :v) = :v", "", v,
      C + "The function is not allowed to be used this way in an expression; function: contains");
  row("operand count", "C", "attribute_exists(a, b)", "", "",
      C + "Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2");
  row("exists needs path", "C", "attribute_exists(:v)", "", v,
      C + "Operator or function requires a document path; operator or function: attribute_exists");
  row("distinct", "C", "a = a", "", "",
      C + "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]");
  row("redundant parens", "C", "((a = :v))", "", v, C + "The expression has redundant parentheses;");
  row("attribute_type bad name", "C", "attribute_type(a, :t)", "", R"({":t":{"S":"STRING"}})",
      C + "Invalid attribute type name found; type: STRING, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
  row("attribute_type not S", "C", "attribute_type(a, :v)", "", v,
      C + "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N");
  row("begins_with N", "C", "begins_with(a, :v)", "", v,
      C + "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
  row("size of N", "C", "size(:v) > :v", "", v,
      C + "Incorrect operand type for operator or function; operator or function: size, operand type: N");
  row("between types", "C", "a BETWEEN :v AND :s", "", R"({":v":{"N":"1"},":s":{"S":"x"}})",
      C + "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}");
  row("between order", "C", "a BETWEEN :w AND :v", "", R"({":v":{"N":"1"},":w":{"N":"5"}})",
      C + "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}");
  row("in 101", "C", [] {
    std::string s = "a IN (:v";
    for (int i = 1; i < 101; ++i) s += ",:v";
    return s + ")";
  }(), "", v, C + "The IN operator is provided with too many operands; number of operands: 101");
  row("section twice", "U", "SET a = :v SET b = :v", "", v,
      U + "The \"SET\" section can only be used once in an update expression;");
  row("overlap", "U", "SET a = :v REMOVE a.b", "", v,
      U + "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]");
  row("overlap via names", "U", "SET #x = :v, a = :v", R"({"#x":"a"})", v,
      U + "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
  row("conflict", "U", "SET a[1] = :v, a.b = :v", "", v,
      U + "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [1]], path two: [a, b]");
  row("add string", "U", "ADD a :s", "", R"({":s":{"S":"x"}})",
      U + "Incorrect operand type for operator or function; operator: ADD, operand type: STRING");
  row("delete number", "U", "DELETE a :v", "", v,
      U + "Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER");
  row("plus string", "U", "SET a = b + :s", "", R"({":s":{"S":"x"}})",
      U + "Incorrect operand type for operator or function; operator or function: +, operand type: S");
  row("list_append number", "U", "SET a = list_append(a, :v)", "", v,
      U + "Incorrect operand type for operator or function; operator or function: list_append, operand type: N");
  row("update unknown function", "U", "SET a = size(b)", "", "", U + "Invalid function name; function: size");
  row("if_not_exists needs path", "U", "SET a = if_not_exists(:v, :v)", "", v,
      U + "Operator or function requires a document path; operator or function: if_not_exists");
  row("update undefined name", "U", "SET #a = :v", "", v,
      U + "An expression attribute name used in the document path is not defined; attribute name: #a");
}

void TestExprParse::rejects() {
  QFETCH(std::string, kind);
  QFETCH(std::string, text);
  QFETCH(std::string, names);
  QFETCH(std::string, values);
  QFETCH(std::string, message);
  Status st = compile(kind, text, names, values);
  QVERIFY2(!st.isOk(), "accepted");
  QCOMPARE(st.type(), ErrorType::ValidationException);
  QCOMPARE(QString::fromStdString(st.message()), QString::fromStdString(message));
}

void TestExprParse::treeShape() {
  // Precedence: NOT binds tighter than AND, AND tighter than OR.
  auto c = condition("a = :v OR NOT b = :v AND c = :v", "", R"({":v":{"N":"1"}})");
  QVERIFY(c.isOk());
  QCOMPARE(c->kind, Condition::Kind::Or);
  QCOMPARE(c->children[1].kind, Condition::Kind::And);
  QCOMPARE(c->children[1].children[0].kind, Condition::Kind::Not);
  // a.b[3].c resolved through a placeholder.
  auto p = projection("#x.b[3].c", R"({"#x":"a"})");
  QVERIFY(p.isOk());
  QCOMPARE(pathToMessageString(p->paths[0]), std::string("[a, b, [3], c]"));
}

void TestExprParse::keyConditions_data() {
  QTest::addColumn<std::string>("text");
  QTest::addColumn<std::string>("names");
  QTest::addColumn<std::string>("values");
  QTest::addColumn<std::string>("expected");  // "pk=<json>;sk <op> n" or the error message
  const std::string v = R"({":v":{"S":"P001"},":w":{"N":"2021"}})";
  auto row = [](const char* name, const std::string& t, const std::string& n, const std::string& vl, const std::string& e) {
    QTest::newRow(name) << t << n << vl << e;
  };
  const std::string kn = R"({"#p":"ProductID","#s":"Year"})";
  row("seed eq and eq", "#p = :v AND #s = :w", kn, v, "EQ 1");
  row("hash only", "#p = :v", R"({"#p":"ProductID"})", R"({":v":{"S":"P001"}})", "none");
  row("flipped", ":w < #s AND #p = :v", kn, v, "GT 1");
  row("between", "#p = :v AND #s BETWEEN :w AND :w", kn, v, "BETWEEN 2");
  row("begins_with", "#p = :v AND begins_with(#s, :v)", kn, R"({":v":{"S":"P001"}})", "BEGINS_WITH 1");
  row("or", "#p = :v OR #s = :w", kn, v, "Invalid operator used in KeyConditionExpression: OR");
  row("ne", "#p <> :v", R"({"#p":"ProductID"})", R"({":v":{"S":"P001"}})", "Invalid operator used in KeyConditionExpression: <>");
  row("in", "#p IN (:v)", R"({"#p":"ProductID"})", R"({":v":{"S":"P001"}})", "Invalid operator used in KeyConditionExpression: IN");
  row("contains", "contains(#p, :v)", R"({"#p":"ProductID"})", R"({":v":{"S":"P001"}})",
      "Invalid operator used in KeyConditionExpression: contains");
  row("size", "size(#p) = :w", R"({"#p":"ProductID"})", R"({":w":{"N":"1"}})", "KeyConditionExpressions cannot contain nested operations");
  row("nested", "#p.x = :v", R"({"#p":"ProductID"})", R"({":v":{"S":"P001"}})",
      "KeyConditionExpressions cannot have conditions on nested attributes");
  row("two names", "#p = #s", kn, "", "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
  row("no name", ":v = :v", "", R"({":v":{"S":"P001"}})", "Invalid condition in KeyConditionExpression: No key attribute specified");
  row("twice", "#p = :v AND #p = :v", R"({"#p":"ProductID"})", R"({":v":{"S":"P001"}})",
      "KeyConditionExpressions must only contain one condition per key");
  row("three", "#p = :v AND #s = :w AND c = :v", kn, v, "Conditions can be of length 1 or 2 only");
  row("hash not eq", "#p > :v", R"({"#p":"ProductID"})", R"({":v":{"S":"P001"}})", "Query key condition not supported");
  row("missing hash", "#s = :w", R"({"#s":"Year"})", R"({":w":{"N":"2021"}})", "Query condition missed key schema element: ProductID");
  row("missing range", "#p = :v AND #o = :w", R"({"#p":"ProductID","#o":"other"})", v, "Query condition missed key schema element: Year");
  row("bare reserved key", "ProductID = :v AND Year = :w", "", v,
      "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: Year");
}

void TestExprParse::keyConditions() {
  QFETCH(std::string, text);
  QFETCH(std::string, names);
  QFETCH(std::string, values);
  QFETCH(std::string, expected);
  auto run = [&]() -> Result<std::string> {
    DYNADESK_ASSIGN_OR_RETURN(Condition c, condition(text, names, values, ExpressionKind::KeyCondition));
    DYNADESK_ASSIGN_OR_RETURN(auto terms, toKeyConditionTerms(c));
    DYNADESK_ASSIGN_OR_RETURN(KeyCondition k, bindKeySchema(std::move(terms), "ProductID", "Year"));
    if (!(k.partitionValue == value(R"({"S":"P001"})"))) return std::string("wrong partition value");
    if (!k.sortKeyCondition) return std::string("none");
    static const char* ops[] = {"EQ", "LT", "LE", "GT", "GE", "BETWEEN", "BEGINS_WITH"};
    return std::string(ops[static_cast<int>(k.sortKeyCondition->op)]) + " " +
           std::to_string(k.sortKeyCondition->values.size());
  };
  auto r = run();
  QCOMPARE(QString::fromStdString(r.isOk() ? *r : r.status().message()), QString::fromStdString(expected));
}

void TestExprParse::unusedAcrossExpressions() {
  // One request, two expressions: a name used only by the second is not unused.
  AttributeNames n = names(R"({"#a":"a","#b":"b"})");
  AttributeValues v = values(R"({":v":{"N":"1"}})");
  Placeholders p(&n, &v);
  auto u = parseUpdate("SET #a = :v");
  QVERIFY(u.isOk());
  QVERIFY(resolveUpdate(*u, p).isOk());
  QCOMPARE(p.checkAllUsed().message(), std::string("Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}"));
  auto c = parseCondition("attribute_exists(#b)", ExpressionKind::Condition);
  QVERIFY(c.isOk());
  QVERIFY(resolveCondition(*c, ExpressionKind::Condition, p).isOk());
  QVERIFY(p.checkAllUsed().isOk());
}

void TestExprParse::hostileInputIsRejectedQuickly() {
  auto start = std::chrono::steady_clock::now();
  std::string parens(100000, '(');
  QVERIFY(!parseCondition(parens + "a = :v" + std::string(100000, ')'), ExpressionKind::Condition).isOk());
  // Within 4 KB: 2000 nested groups and 2000 NOTs hit the depth guard, not the stack.
  std::string deep(2000, '(');
  QVERIFY(!parseCondition(deep + "a = :v" + std::string(2000, ')'), ExpressionKind::Filter).isOk());
  std::string nots;
  for (int i = 0; i < 900; ++i) nots += "NOT ";
  QVERIFY(!parseCondition(nots + "a = :v", ExpressionKind::Filter).isOk());
  std::string calls;
  for (int i = 0; i < 700; ++i) calls += "size(";
  QVERIFY(!parseCondition(calls + "a" + std::string(700, ')') + " = :v", ExpressionKind::Filter).isOk());
  std::string garbage(4096, '\x01');
  QVERIFY(!parseCondition(garbage, ExpressionKind::Condition).isOk());
  // Legitimate nesting below the guard still parses.
  std::string ok;
  for (int i = 0; i < 100; ++i) ok += "a = :v AND (";
  ok += "a = :v" + std::string(100, ')');
  QVERIFY(parseCondition(ok, ExpressionKind::Condition).isOk());
  QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

void TestExprParse::reservedWords() {
  QCOMPARE(reservedWordCount(), std::size_t(573));
  QVERIFY(isReservedWord("status"));
  QVERIFY(isReservedWord("ABORT"));
  QVERIFY(isReservedWord("zone"));
  QVERIFY(isReservedWord("Year"));
  QVERIFY(!isReservedWord("age"));
  QVERIFY(!isReservedWord("ProductID"));
  QVERIFY(!isReservedWord("statuses"));
}

// DynamoDB counts operators and functions; 300 are allowed in one expression.
void TestExprParse::operatorLimit() {
  auto chain = [](int comparisons) {
    std::string text = "a = :v";
    for (int i = 1; i < comparisons; ++i) text += " OR a = :v";
    return text;
  };
  QVERIFY(expr::parseCondition(chain(150), expr::ExpressionKind::Filter).isOk());  // 150 + 149 = 299
  auto r = expr::parseCondition(chain(151), expr::ExpressionKind::Filter);        // 151 + 150 = 301
  QVERIFY(!r.isOk());
  QCOMPARE(r.status().message(),
           std::string("Invalid FilterExpression: The expression contains too many operators; operator count: 301"));
}

QTEST_APPLESS_MAIN(TestExprParse)
#include "test_expr_parse.moc"
