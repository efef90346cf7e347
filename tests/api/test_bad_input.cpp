// Bad input never crashes the engine and never half-writes: thousands of
// randomly mutated requests for every operation come back as a success or as a
// DynamoDB error type with a message, and a table's contents only ever change
// by whole, valid requests.
#include <QtTest>

#include <random>

#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

class TestBadInput : public QObject {
  Q_OBJECT
 private slots:
  void mutatedRequestsGetTypedErrors();
  void hostileBodies();
};

namespace {

const char* kOperations[] = {"CreateTable", "DescribeTable", "ListTables", "UpdateTable", "DeleteTable", "PutItem",
                             "GetItem", "DeleteItem", "BatchWriteItem", "BatchGetItem", "Scan"};

Json seedRequest(const std::string& op) {
  if (op == "CreateTable") {
    return Json::parse(R"({"TableName":"Fuzz2","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})");
  }
  if (op == "PutItem") return Json::parse(R"({"TableName":"Fuzz","Item":{"pk":{"S":"a"},"n":{"N":"1"},"l":{"L":[{"SS":["x"]}]}}})");
  if (op == "GetItem" || op == "DeleteItem") return Json::parse(R"({"TableName":"Fuzz","Key":{"pk":{"S":"a"}}})");
  if (op == "BatchWriteItem") {
    return Json::parse(R"({"RequestItems":{"Fuzz":[{"PutRequest":{"Item":{"pk":{"S":"b"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"c"}}}}]}})");
  }
  if (op == "BatchGetItem") return Json::parse(R"({"RequestItems":{"Fuzz":{"Keys":[{"pk":{"S":"a"}}]}}})");
  if (op == "UpdateTable") return Json::parse(R"({"TableName":"Fuzz2","BillingMode":"PROVISIONED","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}})");
  if (op == "Scan") return Json::parse(R"({"TableName":"Fuzz","Limit":2,"Segment":0,"TotalSegments":2})");
  if (op == "ListTables") return Json::parse(R"({"Limit":5})");
  return Json::parse(R"({"TableName":"Fuzz2"})");
}

Json randomScalar(std::mt19937& rng) {
  switch (rng() % 9) {
    case 0: return nullptr;
    case 1: return true;
    case 2: return -1;
    case 3: return 1e300;
    case 4: return "";
    case 5: return std::string(3000, 'x');
    case 6: return Json::array();
    case 7: return Json::object();
    default: return "\x01\xc3\xa9";
  }
}

// Replaces, removes or adds one member somewhere in the tree.
void mutate(Json& j, std::mt19937& rng, int depth = 0) {
  if ((j.is_object() || j.is_array()) && !j.empty() && depth < 6 && rng() % 3 != 0) {
    auto it = j.begin();
    std::advance(it, rng() % j.size());
    mutate(*it, rng, depth + 1);
    return;
  }
  switch (rng() % 4) {
    case 0: j = randomScalar(rng); break;
    case 1:
      if (j.is_object()) j[std::string(1, static_cast<char>('A' + rng() % 26))] = randomScalar(rng);
      else j = randomScalar(rng);
      break;
    case 2:
      if (j.is_object() && !j.empty()) j.erase(j.begin());
      else if (j.is_array() && !j.empty()) j.erase(j.begin());
      else j = randomScalar(rng);
      break;
    default:
      if (j.is_array()) j.push_back(j.empty() ? randomScalar(rng) : j.front());
      else j = Json::array({j});
  }
}

}  // namespace

void TestBadInput::mutatedRequestsGetTypedErrors() {
  TempEngine t;
  QCOMPARE(TempEngine::errorType(t.call("CreateTable", Json::parse(R"({"TableName":"Fuzz","BillingMode":"PAY_PER_REQUEST",
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]})"))),
           std::string());
  std::mt19937 rng(2026);
  int errors = 0;
  for (int i = 0; i < 6000; ++i) {
    const std::string op = kOperations[rng() % std::size(kOperations)];
    Json request = seedRequest(op);
    for (unsigned m = rng() % 3 + 1; m > 0; --m) mutate(request, rng);
    Json r = t.call(op, request);
    if (r.contains("__type")) {
      ++errors;
      const std::string type = TempEngine::errorType(r);
      QVERIFY2(type != "InternalServerError", (op + " " + request.dump() + " -> " + r.dump()).c_str());
      QVERIFY2(!r.value("message", "").empty(), (op + " " + request.dump()).c_str());
    }
    // The table statistics always agree with the data: nothing half-written.
    if (i % 500 == 0) {
      Json d = t.call("DescribeTable", {{"TableName", "Fuzz"}});
      if (d.contains("Table")) {
        QCOMPARE(d["Table"]["ItemCount"], t.call("Scan", {{"TableName", "Fuzz"}, {"Select", "COUNT"}})["Count"]);
      }
    }
  }
  QVERIFY(errors > 1000);  // the mutations really were bad input
}

void TestBadInput::hostileBodies() {
  TempEngine t;
  std::string deep;
  for (int i = 0; i < 200000; ++i) deep += "[";
  for (int i = 0; i < 200000; ++i) deep += "]";
  for (const std::string& body : {std::string(), std::string("null"), std::string("[]"), std::string("\"x\""),
                                  std::string("{\"TableName\":"), std::string("{\"a\":\"\xff\"}"), deep,
                                  std::string(R"({"TableName":"Fuzz","Item":)") + deep + "}"}) {
    auto r = t.engine().call("PutItem", std::string_view(body));
    QVERIFY(!r.isOk());
    QVERIFY(r.status().type() == ErrorType::SerializationException ||
            r.status().type() == ErrorType::ValidationException);
  }
}

QTEST_APPLESS_MAIN(TestBadInput)
#include "test_bad_input.moc"
