// TransactWriteItems and TransactGetItems through the front door: all or
// nothing, cancellation reasons in request order, the 10-minute
// ClientRequestToken window on the engine's clock, and one snapshot for gets.
#include <QtTest>

#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

namespace {

Json table(const std::string& name) {
  return Json{{"TableName", name},
              {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
              {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})},
              {"BillingMode", "PAY_PER_REQUEST"}};
}

Json put(const std::string& t, const Json& item) { return {{"Put", {{"TableName", t}, {"Item", item}}}}; }

Json add(const std::string& t, const std::string& id, const std::string& n) {
  return {{"Update",
           {{"TableName", t},
            {"Key", {{"id", S(id)}}},
            {"UpdateExpression", "ADD balance :n"},
            {"ExpressionAttributeValues", {{":n", N(n)}}}}}};
}

std::string balance(TempEngine& t, const std::string& id) {
  Json r = t.call("GetItem", {{"TableName", "Accounts"}, {"Key", {{"id", S(id)}}}});
  if (!r.contains("Item")) return "absent";
  return r["Item"]["balance"]["N"].get<std::string>();
}

}  // namespace

class TestTransactions : public QObject {
  Q_OBJECT
 private slots:
  void allOrNothingWithReasonsInOrder() {
    TempEngine t;
    t.call("CreateTable", table("Accounts"));
    t.call("PutItem", {{"TableName", "Accounts"}, {"Item", {{"id", S("a")}, {"balance", N("10")}}}});
    Json guarded = add("Accounts", "a", "-20");
    guarded["Update"]["ConditionExpression"] = "balance >= :min";
    guarded["Update"]["ExpressionAttributeValues"][":min"] = N("20");
    guarded["Update"]["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";
    Json r = t.call("TransactWriteItems",
                    {{"TransactItems", Json::array({add("Accounts", "b", "20"), guarded,
                                                    put("Accounts", {{"id", S("c")}, {"text", N("1")}})})}});
    QCOMPARE(TempEngine::errorType(r), std::string("TransactionCanceledException"));
    QCOMPARE(r["message"].get<std::string>(),
             std::string("Transaction cancelled, please refer cancellation reasons for specific reasons "
                         "[None, ConditionalCheckFailed, None]"));
    QCOMPARE(r["CancellationReasons"].size(), std::size_t(3));
    QCOMPARE(r["CancellationReasons"][0], Json({{"Code", "None"}}));
    QCOMPARE(r["CancellationReasons"][1]["Code"], Json("ConditionalCheckFailed"));
    QCOMPARE(r["CancellationReasons"][1]["Item"]["balance"], N("10"));
    // Nothing of it was written.
    QCOMPARE(balance(t, "b"), std::string("absent"));
    QCOMPARE(balance(t, "a"), std::string("10"));

    // An update that cannot apply to the item is a ValidationError reason.
    t.call("PutItem", {{"TableName", "Accounts"}, {"Item", {{"id", S("s")}, {"balance", S("text")}}}});
    Json bad = add("Accounts", "s", "1");
    bad["Update"]["UpdateExpression"] = "SET balance = balance + :n";  // a string plus a number, found at run time
    r = t.call("TransactWriteItems", {{"TransactItems", Json::array({add("Accounts", "b", "1"), bad})}});
    QVERIFY2(r.contains("CancellationReasons"), r.dump().c_str());
    QCOMPARE(r["CancellationReasons"][1]["Code"], Json("ValidationError"));
    QCOMPARE(balance(t, "b"), std::string("absent"));

    // Passing: every action lands.
    r = t.call("TransactWriteItems",
               {{"TransactItems", Json::array({add("Accounts", "a", "-5"), add("Accounts", "b", "5")})}});
    QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
    QCOMPARE(balance(t, "a"), std::string("5"));
    QCOMPARE(balance(t, "b"), std::string("5"));
  }

  void refusesWhatDynamoDbRefuses() {
    TempEngine t;
    t.call("CreateTable", table("Accounts"));
    Json r = t.call("TransactWriteItems",
                    {{"TransactItems", Json::array({add("Accounts", "a", "1"), add("Accounts", "a", "2")})}});
    QCOMPARE(r["message"], Json("Transaction request cannot include multiple operations on one item"));
    Json many = Json::array();
    for (int i = 0; i < 101; ++i) many.push_back(add("Accounts", "k" + std::to_string(i), "1"));
    r = t.call("TransactWriteItems", {{"TransactItems", many}});
    QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
    QVERIFY(r["message"].get<std::string>().find("less than or equal to 100") != std::string::npos);
    // 4 MB at most: 11 puts of ~390 KB.
    Json big = Json::array();
    for (int i = 0; i < 11; ++i) {
      big.push_back(put("Accounts", {{"id", S("big" + std::to_string(i))}, {"blob", S(std::string(390 * 1024, 'x'))}}));
    }
    r = t.call("TransactWriteItems", {{"TransactItems", big}});
    QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
    QVERIFY(r["message"].get<std::string>().find("4 MB") != std::string::npos);
    QCOMPARE(balance(t, "big0"), std::string("absent"));
    r = t.call("TransactWriteItems", {{"TransactItems", Json::array({add("Nope", "a", "1")})}});
    QCOMPARE(TempEngine::errorType(r), std::string("ResourceNotFoundException"));
    r = t.call("TransactWriteItems",
               {{"TransactItems", Json::array({{{"Put", {{"TableName", "Accounts"}, {"Item", {{"id", S("a")}}}}},
                                                {"Delete", {{"TableName", "Accounts"}, {"Key", {{"id", S("b")}}}}}}})}});
    QCOMPARE(TempEngine::errorType(r), std::string("ValidationException"));
  }

  void clientRequestTokenHoldsForTenMinutesOfEngineTime() {
    TempEngine t;
    t.call("CreateTable", table("Accounts"));
    const Json request{{"ClientRequestToken", "transfer-1"}, {"TransactItems", Json::array({add("Accounts", "a", "7")})}};
    QVERIFY(TempEngine::errorType(t.call("TransactWriteItems", request)).empty());
    QVERIFY(TempEngine::errorType(t.call("TransactWriteItems", request)).empty());  // a retry: not applied again
    QCOMPARE(balance(t, "a"), std::string("7"));
    Json other = request;
    other["TransactItems"] = Json::array({add("Accounts", "a", "8")});
    QCOMPARE(TempEngine::errorType(t.call("TransactWriteItems", other)),
             std::string("IdempotentParameterMismatchException"));
    // Survives a restart.
    t.reopen();
    QVERIFY(TempEngine::errorType(t.call("TransactWriteItems", request)).empty());
    QCOMPARE(balance(t, "a"), std::string("7"));
    // Ten minutes later the token is new again.
    t.clock().advanceMillis(10 * 60 * 1000 + 1);
    QVERIFY(TempEngine::errorType(t.call("TransactWriteItems", request)).empty());
    QCOMPARE(balance(t, "a"), std::string("14"));
  }

  void getsReadOneSnapshotWithProjections() {
    TempEngine t;
    t.call("CreateTable", table("Accounts"));
    t.call("PutItem", {{"TableName", "Accounts"}, {"Item", {{"id", S("a")}, {"balance", N("1")}, {"owner", S("ann")}}}});
    Json r = t.call("TransactGetItems",
                    {{"TransactItems",
                      Json::array({{{"Get", {{"TableName", "Accounts"}, {"Key", {{"id", S("a")}}},
                                             {"ProjectionExpression", "#o"},
                                             {"ExpressionAttributeNames", {{"#o", "owner"}}}}}},
                                   {{"Get", {{"TableName", "Accounts"}, {"Key", {{"id", S("zz")}}}}}}})}});
    QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
    QCOMPARE(r["Responses"][0], Json({{"Item", {{"owner", S("ann")}}}}));
    QCOMPARE(r["Responses"][1], Json::object());
  }
};

QTEST_GUILESS_MAIN(TestTransactions)
#include "test_transactions.moc"
