// The text of each generated program: the request's parameters and values
// as each SDK spells them, pagination, parallel-scan segments, endpoint and
// no-endpoint modes, and the errors generateCode reports instead of throwing.
// (The programs are run for real in test_generated_code_runs; C++ cannot be
// compiled here, so its text is checked most closely.)
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <regex>

#include "codegen/code_generator.h"
#include "dynadesk/base64.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using dynadesk::test::Json;

// Declared ahead of the JSON fixtures: moc cannot read raw string literals
// holding quotes or backslashes, so it must meet the class first.
class TestCodeGenerator : public QObject {
  Q_OBJECT
 private slots:
  void targetsLabelsAndSyntax();
  void errorsAreValuesNeverExceptions_data();
  void errorsAreValuesNeverExceptions();
  void invalidUtf8AndDeepNestingAreRefused();
  void pythonResource();
  void pythonClient();
  void awsCli();
  void awsCliStartingTokenIsTheCliEncoding();
  void javascriptClient();
  void javascriptDocument();
  void cpp();
  void cppNestedAndNul();
  void parallelScanLoopsOverSegments();
  void invisibleCharactersAreVisible();
  void cppCompilesAgainstTheSdkSignatures();
};

namespace {

// Parsed from text, as the builder's JSON arrives (non-negative integers are
// unsigned in nlohmann::json).
Json musicQuery() {
  return Json::parse(R"J({"TableName":"Music","IndexName":"GenreIndex",
    "KeyConditionExpression":"#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2",
    "FilterExpression":"#n2.#n3 >= :v3 AND size(#n4) > :v4","ProjectionExpression":"#n5, #n2.#n3",
    "ExpressionAttributeNames":{"#n0":"genre","#n1":"year","#n2":"info","#n3":"rating","#n4":"tags","#n5":"title"},
    "ExpressionAttributeValues":{":v0":{"S":"Rock"},":v1":{"N":"1990"},":v2":{"N":"1999"},":v3":{"N":"4.5"},
      ":v4":{"N":"2"},":v10":{"N":"12345678901234567890123456789012345678"},":v11":{"B":"AAEC"},
      ":v12":{"S":"it\u0027s \"q\" \\ \n caf\u00e9"},":v13":{"SS":["x","y"]}},
    "ScanIndexForward":false,"Limit":25,"ReturnConsumedCapacity":"TOTAL"})J");
}

Json parallelScan() {
  return Json::parse(R"J({"TableName":"Music","FilterExpression":"attribute_exists(#n0)",
    "ExpressionAttributeNames":{"#n0":"year"},"Segment":1,"TotalSegments":3,"ConsistentRead":true,
    "Select":"ALL_ATTRIBUTES"})J");
}

CodeOptions local(bool pages = false) {
  CodeOptions o;
  o.endpointUrl = "http://127.0.0.1:8000";
  o.region = "eu-west-1";
  o.fetchAllPages = pages;
  return o;
}

std::string code(CodeTarget target, const std::string& op, const Json& request, const CodeOptions& options) {
  auto r = generateCode(target, op, request, options);
  if (!r) qFatal("generateCode failed: %s", r.status().message().c_str());
  return *r;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

#define QVERIFY_HAS(text, part) QVERIFY2(has(text, part), (std::string("missing: ") + (part) + "\n" + (text)).c_str())
#define QVERIFY_LACKS(text, part) \
  QVERIFY2(!has(text, part), (std::string("unexpected: ") + (part) + "\n" + (text)).c_str())

// Brackets, braces and parentheses balance outside string and character
// literals and comments: the C++ text at least has the right shape.
bool balancedCpp(const std::string& text) {
  std::string stack;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      i = text.find('\n', i);
      if (i == std::string::npos) break;
      continue;
    }
    if (c == '"' || c == '\'') {
      for (++i; i < text.size() && text[i] != c; ++i)
        if (text[i] == '\\') ++i;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') stack += c;
    if (c == ')' || c == ']' || c == '}') {
      const char open = c == ')' ? '(' : c == ']' ? '[' : '{';
      if (stack.empty() || stack.back() != open) return false;
      stack.pop_back();
    }
  }
  return stack.empty();
}

}  // namespace

void TestCodeGenerator::targetsLabelsAndSyntax() {
  const auto targets = allCodeTargets();
  QCOMPARE(targets.size(), std::size_t(6));
  QCOMPARE(codeTargetLabel(CodeTarget::PythonResource), QString("Python (boto3 resource)"));
  QCOMPARE(codeTargetLabel(CodeTarget::PythonClient), QString("Python (boto3 client)"));
  QCOMPARE(codeTargetLabel(CodeTarget::AwsCli), QString("AWS CLI"));
  QCOMPARE(codeTargetLabel(CodeTarget::JavaScriptClient), QString("JavaScript (SDK v3 client)"));
  QCOMPARE(codeTargetLabel(CodeTarget::JavaScriptDocument), QString("JavaScript (DocumentClient)"));
  QCOMPARE(codeTargetLabel(CodeTarget::Cpp), QString("C++ (AWS SDK)"));
  QCOMPARE(codeTargetSyntax(CodeTarget::PythonClient), QString("python"));
  QCOMPARE(codeTargetSyntax(CodeTarget::AwsCli), QString("shell"));
  QCOMPARE(codeTargetSyntax(CodeTarget::JavaScriptDocument), QString("javascript"));
  QCOMPARE(codeTargetSyntax(CodeTarget::Cpp), QString("cpp"));
  QCOMPARE(codeTargetFileExtension(CodeTarget::JavaScriptClient), QString("mjs"));
  QCOMPARE(codeTargetFileExtension(CodeTarget::AwsCli), QString("sh"));
}

void TestCodeGenerator::errorsAreValuesNeverExceptions_data() {
  QTest::addColumn<QString>("operation");
  QTest::addColumn<QByteArray>("request");
  QTest::addColumn<QString>("messagePart");
  QTest::newRow("other operation") << "GetItem" << QByteArray(R"J({"TableName":"T"})J") << "Query and Scan only";
  QTest::newRow("not an object") << "Query" << QByteArray(R"J(["TableName"])J") << "must be a JSON object";
  QTest::newRow("null") << "Scan" << QByteArray("null") << "must be a JSON object";
  QTest::newRow("no table") << "Scan" << QByteArray(R"J({"Limit":1})J") << "no TableName";
  QTest::newRow("bad number") << "Query"
                              << QByteArray(R"J({"TableName":"T","ExpressionAttributeValues":{":v":{"N":"1x"}}})J")
                              << "numeric value";
  QTest::newRow("39 digits") << "Query"
                             << QByteArray(R"J({"TableName":"T","ExpressionAttributeValues":{":v":{"N":"123456789012345678901234567890123456789"}}})J")
                             << "38 significant digits";
  QTest::newRow("two types") << "Scan"
                             << QByteArray(R"J({"TableName":"T","ExpressionAttributeValues":{":v":{"S":"a","N":"1"}}})J")
                             << ":v";
  QTest::newRow("bad base64") << "Scan"
                              << QByteArray(R"J({"TableName":"T","ExclusiveStartKey":{"k":{"B":"A"}}})J") << "k";
  QTest::newRow("legacy") << "Query" << QByteArray(R"J({"TableName":"T","KeyConditions":{}})J") << "legacy parameter";
  QTest::newRow("unknown") << "Scan" << QByteArray(R"J({"TableName":"T","Bogus":1})J") << "no parameter named Bogus";
  QTest::newRow("Query-only on Scan") << "Scan" << QByteArray(R"J({"TableName":"T","ScanIndexForward":true})J")
                                      << "no parameter named ScanIndexForward";
  QTest::newRow("Scan-only on Query") << "Query" << QByteArray(R"J({"TableName":"T","TotalSegments":2})J")
                                      << "no parameter named TotalSegments";
  QTest::newRow("Limit text") << "Scan" << QByteArray(R"J({"TableName":"T","Limit":"5"})J") << "whole number";
  QTest::newRow("Limit huge") << "Scan" << QByteArray(R"J({"TableName":"T","Limit":99999999999})J") << "out of range";
  QTest::newRow("Limit fraction") << "Scan" << QByteArray(R"J({"TableName":"T","Limit":2.5})J") << "whole number";
  QTest::newRow("bad Select") << "Scan" << QByteArray(R"J({"TableName":"T","Select":"SOME"})J") << "Select must be";
  QTest::newRow("bad capacity") << "Scan" << QByteArray(R"J({"TableName":"T","ReturnConsumedCapacity":"ALL"})J")
                                << "ReturnConsumedCapacity must be";
  QTest::newRow("name not a string") << "Scan"
                                     << QByteArray(R"J({"TableName":"T","ExpressionAttributeNames":{"#a":1}})J")
                                     << "must be a string";
  QTest::newRow("bool as text") << "Scan" << QByteArray(R"J({"TableName":"T","ConsistentRead":"true"})J")
                                << "true or false";
}

void TestCodeGenerator::errorsAreValuesNeverExceptions() {
  QFETCH(QString, operation);
  QFETCH(QByteArray, request);
  QFETCH(QString, messagePart);
  for (CodeTarget target : allCodeTargets()) {
    const auto r = generateCode(target, operation.toStdString(), Json::parse(request.toStdString()), local());
    QVERIFY(!r.isOk());
    QCOMPARE(r.status().type(), ErrorType::ValidationException);
    QVERIFY2(has(r.status().message(), messagePart.toStdString()), r.status().message().c_str());
  }
}

void TestCodeGenerator::invalidUtf8AndDeepNestingAreRefused() {
  Json request = {{"TableName", std::string("T\xC3")}};
  auto r = generateCode(CodeTarget::PythonClient, "Scan", request, local());
  QVERIFY(!r.isOk());
  QCOMPARE(r.status().type(), ErrorType::ValidationException);
  QVERIFY(has(r.status().message(), "not valid UTF-8"));
  request = {{"TableName", "T"}, {"ExpressionAttributeNames", {{std::string("#\xFF"), "a"}}}};
  QVERIFY(!generateCode(CodeTarget::Cpp, "Scan", request, local()).isOk());
  CodeOptions badEndpoint = local();
  badEndpoint.endpointUrl = "http://\xE6\x97";
  QVERIFY(!generateCode(CodeTarget::AwsCli, "Scan", Json{{"TableName", "T"}}, badEndpoint).isOk());

  Json deep = {{"S", "x"}};
  for (int i = 0; i < 500; ++i) deep = {{"L", Json::array({deep})}};
  request = {{"TableName", "T"}, {"ExpressionAttributeValues", {{":v", deep}}}};
  for (CodeTarget target : allCodeTargets()) {
    r = generateCode(target, "Scan", request, local());
    QVERIFY(!r.isOk());
    QCOMPARE(r.status().type(), ErrorType::ValidationException);
    QVERIFY2(has(r.status().message(), "nested"), r.status().message().c_str());
  }
  // Nesting DynamoDB accepts is fine.
  Json ok = {{"S", "x"}};
  for (int i = 0; i < 31; ++i) ok = {{"M", {{"m", ok}}}};
  request = {{"TableName", "T"}, {"ExpressionAttributeValues", {{":v", ok}}}};
  for (CodeTarget target : allCodeTargets()) QVERIFY(generateCode(target, "Scan", request, local()).isOk());
}

void TestCodeGenerator::pythonResource() {
  const std::string c = code(CodeTarget::PythonResource, "Query", musicQuery(), local());
  QVERIFY_HAS(c, "import boto3\n");
  QVERIFY_HAS(c, "dynamodb = boto3.resource(\n    \"dynamodb\",\n    endpoint_url=\"http://127.0.0.1:8000\",\n"
                 "    region_name=\"eu-west-1\",\n    aws_access_key_id=\"dynadesk\",\n"
                 "    aws_secret_access_key=\"dynadesk\",\n)\n");
  QVERIFY_HAS(c, "table = dynamodb.Table(\"Music\")\n");
  QVERIFY_LACKS(c, "\"TableName\"");  // the Table resource carries it
  QVERIFY_HAS(c, "    \"IndexName\": \"GenreIndex\",\n");
  QVERIFY_HAS(c, "        \":v0\": \"Rock\",\n        \":v1\": Decimal(\"1990\"),\n");
  // Natural order: :v4 before :v10.
  QVERIFY(c.find("\":v4\"") < c.find("\":v10\""));
  QVERIFY_HAS(c, "\":v10\": Decimal(\"12345678901234567890123456789012345678\"),");
  QVERIFY_HAS(c, "\":v11\": b\"\\x00\\x01\\x02\",");
  QVERIFY_HAS(c, "\":v12\": \"it's \\\"q\\\" \\\\ \\n caf\xC3\xA9\",");
  QVERIFY_HAS(c, "\":v13\": {\"x\", \"y\"},");
  QVERIFY_HAS(c, "    \"ScanIndexForward\": False,\n    \"Limit\": 25,\n");
  QVERIFY_HAS(c, "count += show(table.query(**request))\n");
  QVERIFY_LACKS(c, "LastEvaluatedKey");
  QVERIFY_HAS(c, "print(\"Count:\", count)\n");

  const std::string pages = code(CodeTarget::PythonResource, "Query", musicQuery(), local(true));
  QVERIFY_HAS(pages, "while True:\n    response = table.query(**request)\n    count += show(response)\n"
                     "    if \"LastEvaluatedKey\" not in response:\n        break\n"
                     "    request[\"ExclusiveStartKey\"] = response[\"LastEvaluatedKey\"]\n");

  const std::string aws = code(CodeTarget::PythonResource, "Query", musicQuery(), CodeOptions{});
  QVERIFY_HAS(aws, "dynamodb = boto3.resource(\"dynamodb\", region_name=\"us-east-1\")\n");
  QVERIFY_LACKS(aws, "endpoint_url");
  QVERIFY_LACKS(aws, "aws_access_key_id");
}

void TestCodeGenerator::pythonClient() {
  const std::string c = code(CodeTarget::PythonClient, "Query", musicQuery(), local());
  QVERIFY_HAS(c, "client = boto3.client(\n    \"dynamodb\",\n    endpoint_url=\"http://127.0.0.1:8000\",\n");
  QVERIFY_HAS(c, "    \"TableName\": \"Music\",\n");
  QVERIFY_HAS(c, "\":v1\": {\"N\": \"1990\"},");
  QVERIFY_HAS(c, "\":v11\": {\"B\": b\"\\x00\\x01\\x02\"},");  // bytes: the client base64-encodes itself
  QVERIFY_HAS(c, "\":v13\": {\"SS\": [\"x\", \"y\"]},");
  QVERIFY_HAS(c, "count += show(client.query(**request))\n");
  QVERIFY_LACKS(c, "paginator");

  const std::string pages = code(CodeTarget::PythonClient, "Query", musicQuery(), local(true));
  QVERIFY_HAS(pages, "paginator = client.get_paginator(\"query\")\nfor page in paginator.paginate(**request):\n"
                     "    count += show(page)\n");
}

void TestCodeGenerator::awsCli() {
  const std::string c = code(CodeTarget::AwsCli, "Query", musicQuery(), local());
  QVERIFY_HAS(c, "AWS_ACCESS_KEY_ID=dynadesk AWS_SECRET_ACCESS_KEY=dynadesk \\\n  aws dynamodb query \\\n"
                 "    --endpoint-url http://127.0.0.1:8000 \\\n    --region eu-west-1 \\\n"
                 "    --table-name Music \\\n    --index-name GenreIndex \\\n"
                 "    --key-condition-expression '#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2' \\\n");
  // JSON arguments in single quotes; the embedded single quote closes,
  // escapes and reopens.
  QVERIFY_HAS(c, "\":v12\":{\"S\":\"it'\\''s \\\"q\\\" \\\\ \\n caf\xC3\xA9\"}");
  QVERIFY_HAS(c, "    --no-scan-index-forward \\\n    --limit 25 \\\n    --return-consumed-capacity TOTAL \\\n"
                 "    --no-paginate \\\n    --output json\n");
  // Every line but the last continues.
  const std::string command = c.substr(c.find("AWS_ACCESS_KEY_ID"));
  int lines = 0;
  for (std::size_t at = 0; (at = command.find('\n', at)) != std::string::npos; ++at, ++lines) {
    if (at + 1 < command.size()) QVERIFY2(command[at - 1] == '\\', command.c_str());
  }
  QVERIFY(lines > 10);

  const std::string pages = code(CodeTarget::AwsCli, "Query", musicQuery(), local(true));
  QVERIFY_HAS(pages, "    --page-size 25 \\\n");
  QVERIFY_LACKS(pages, "--limit");
  QVERIFY_LACKS(pages, "--no-paginate");

  const std::string aws = code(CodeTarget::AwsCli, "Query", musicQuery(), CodeOptions{});
  QVERIFY_LACKS(aws, "AWS_ACCESS_KEY_ID");
  QVERIFY_LACKS(aws, "--endpoint-url");
  QVERIFY_HAS(aws, "\naws dynamodb query \\\n  --region us-east-1 \\\n  --table-name Music \\\n");
}

void TestCodeGenerator::awsCliStartingTokenIsTheCliEncoding() {
  const Json request = Json::parse(R"J({"TableName":"-odd","ExclusiveStartKey":{"id":{"S":"a"},"p":{"B":"AQ=="}},"Limit":2})J");
  const std::string once = code(CodeTarget::AwsCli, "Scan", request, local());
  QVERIFY_HAS(once, "    --table-name=-odd \\\n");
  QVERIFY_HAS(once, "    --exclusive-start-key '{\"id\":{\"S\":\"a\"},\"p\":{\"B\":\"AQ==\"}}' \\\n");

  const std::string pages = code(CodeTarget::AwsCli, "Scan", request, local(true));
  const std::size_t found = pages.find("\\\n    --starting-token ");  // the option, not the comment
  QVERIFY(found != std::string::npos);
  const std::size_t at = found + 6;
  const std::string token = pages.substr(at + 17, pages.find(' ', at + 17) - at - 17);
  auto decoded = base64Decode(token);
  QVERIFY2(decoded.isOk(), (token + ": " + decoded.status().message()).c_str());
  QCOMPARE(Json::parse(*decoded), Json::parse(R"J({"ExclusiveStartKey":{"id":{"S":"a"},"p":{"B":"AQ=="}},
                                                  "boto_encoded_keys":[["ExclusiveStartKey","p","B"]]})J"));
  QVERIFY_LACKS(pages, "--exclusive-start-key");
}

void TestCodeGenerator::javascriptClient() {
  const std::string c = code(CodeTarget::JavaScriptClient, "Query", musicQuery(), local());
  QVERIFY_HAS(c, "import { DynamoDBClient, QueryCommand } from \"@aws-sdk/client-dynamodb\";\n");
  QVERIFY_HAS(c, "const client = new DynamoDBClient({\n  endpoint: \"http://127.0.0.1:8000\",\n  region: \"eu-west-1\",\n"
                 "  credentials: { accessKeyId: \"dynadesk\", secretAccessKey: \"dynadesk\" },\n});\n");
  QVERIFY_HAS(c, "  TableName: \"Music\",\n");
  QVERIFY_HAS(c, "    \":v1\": { N: \"1990\" },\n");
  QVERIFY_HAS(c, "    \":v11\": { B: Buffer.from(\"AAEC\", \"base64\") },\n");
  QVERIFY_HAS(c, "    \":v12\": { S: \"it's \\\"q\\\" \\\\ \\n caf\xC3\xA9\" },\n");
  QVERIFY_HAS(c, "  ScanIndexForward: false,\n  Limit: 25,\n");
  QVERIFY_HAS(c, "count += show(await client.send(new QueryCommand(input)));\n");

  const std::string pages = code(CodeTarget::JavaScriptClient, "Query", musicQuery(), local(true));
  QVERIFY_HAS(pages, "import { DynamoDBClient, paginateQuery } from \"@aws-sdk/client-dynamodb\";\n");
  QVERIFY_HAS(pages, "for await (const page of paginateQuery({ client, pageSize: 25 }, input)) {\n  count += show(page);\n}\n");

  const std::string aws = code(CodeTarget::JavaScriptClient, "Query", musicQuery(), CodeOptions{});
  QVERIFY_HAS(aws, "const client = new DynamoDBClient({ region: \"us-east-1\" });\n");
  QVERIFY_LACKS(aws, "credentials");
}

void TestCodeGenerator::javascriptDocument() {
  const std::string c = code(CodeTarget::JavaScriptDocument, "Query", musicQuery(), local());
  QVERIFY_HAS(c, "import { DynamoDBDocumentClient, NumberValue, QueryCommand } from \"@aws-sdk/lib-dynamodb\";\n");
  QVERIFY_HAS(c, "DynamoDBDocumentClient.from(client, { unmarshallOptions: { wrapNumbers: true } });\n");
  QVERIFY_HAS(c, "    \":v0\": \"Rock\",\n    \":v1\": 1990,\n");
  QVERIFY_HAS(c, "    \":v10\": NumberValue.from(\"12345678901234567890123456789012345678\"),\n");
  QVERIFY_HAS(c, "    \":v11\": Buffer.from(\"AAEC\", \"base64\"),\n");
  QVERIFY_HAS(c, "    \":v13\": new Set([\"x\", \"y\"]),\n");
  QVERIFY_HAS(c, "count += show(await documentClient.send(new QueryCommand(input)));\n");

  const std::string pages = code(CodeTarget::JavaScriptDocument, "Query", musicQuery(), local(true));
  QVERIFY_HAS(pages, "for await (const page of paginateQuery({ client: documentClient, pageSize: 25 }, input)) {\n");
}

void TestCodeGenerator::cpp() {
  const std::string c = code(CodeTarget::Cpp, "Query", musicQuery(), local());
  QVERIFY(balancedCpp(c));
  QVERIFY_HAS(c, "#include <aws/dynamodb/model/QueryRequest.h>\n");
  QVERIFY_HAS(c, "  Aws::InitAPI(sdkOptions);\n");
  QVERIFY_HAS(c, "    config.region = \"eu-west-1\";\n    config.endpointOverride = \"http://127.0.0.1:8000\";\n"
                 "    Aws::DynamoDB::DynamoDBClient client(Aws::Auth::AWSCredentials(\"dynadesk\", \"dynadesk\"), config);\n");
  QVERIFY_HAS(c, "    request.SetTableName(\"Music\");\n    request.SetIndexName(\"GenreIndex\");\n");
  QVERIFY_HAS(c, "    request.AddExpressionAttributeNames(\"#n0\", \"genre\");\n");
  QVERIFY_HAS(c, "    request.AddExpressionAttributeValues(\":v1\", AttributeValue().SetN(\"1990\"));\n");
  QVERIFY_HAS(c, "    request.AddExpressionAttributeValues(\":v11\", AttributeValue().SetB("
                 "Aws::Utils::HashingUtils::Base64Decode(\"AAEC\")));\n");
  QVERIFY_HAS(c, "    request.AddExpressionAttributeValues(\":v12\", AttributeValue().SetS("
                 "\"it's \\\"q\\\" \\\\ \\n caf\xC3\xA9\"));\n");
  QVERIFY_HAS(c, "    request.SetScanIndexForward(false);\n    request.SetLimit(25);\n"
                 "    request.SetReturnConsumedCapacity(Aws::DynamoDB::Model::ReturnConsumedCapacity::TOTAL);\n");
  QVERIFY_HAS(c, "    const auto outcome = client.Query(request);\n");
  QVERIFY_HAS(c, "std::cout << \"ConsumedCapacity: \" << result.GetConsumedCapacity().Jsonize().View().WriteCompact()");
  QVERIFY_HAS(c, "  Aws::ShutdownAPI(sdkOptions);\n  return exitCode;\n}\n");
  QVERIFY_LACKS(c, "GetLastEvaluatedKey");

  const std::string pages = code(CodeTarget::Cpp, "Query", musicQuery(), local(true));
  QVERIFY(balancedCpp(pages));
  QVERIFY_HAS(pages, "      if (result.GetLastEvaluatedKey().empty()) break;\n"
                     "      request.SetExclusiveStartKey(result.GetLastEvaluatedKey());\n");

  const std::string aws = code(CodeTarget::Cpp, "Query", musicQuery(), CodeOptions{});
  QVERIFY(balancedCpp(aws));
  QVERIFY_HAS(aws, "    Aws::DynamoDB::DynamoDBClient client(config);\n");
  QVERIFY_LACKS(aws, "endpointOverride");
  QVERIFY_LACKS(aws, "AWSCredentials");
}

void TestCodeGenerator::cppNestedAndNul() {
  const Json request = Json::parse(R"J({"TableName":"T","FilterExpression":"#a = :m",
    "ExpressionAttributeNames":{"#a":"a"},
    "ExpressionAttributeValues":{":m":{"M":{"l":{"L":[{"S":"x\u0000y"},{"NS":["1","2"]}]},"e":{"M":{}}}}}})J");
  const std::string c = code(CodeTarget::Cpp, "Scan", request, local());
  QVERIFY(balancedCpp(c));
  QVERIFY_HAS(c, "    request.AddExpressionAttributeValues(\":m\", AttributeValue()\n"
                 "      .AddMEntry(\"e\", std::make_shared<AttributeValue>(AttributeValue().SetM({})))\n"
                 "      .AddMEntry(\"l\", std::make_shared<AttributeValue>(AttributeValue()\n"
                 "        .AddLItem(std::make_shared<AttributeValue>(AttributeValue().SetS(Aws::String(\"x\\000y\", 3))))\n"
                 "        .AddLItem(std::make_shared<AttributeValue>(AttributeValue().SetNS({\"1\", \"2\"}))))));\n");
  QVERIFY_HAS(c, "#include <aws/dynamodb/model/ScanRequest.h>\n");
}

// A parallel scan visits every segment whatever Segment says, and says so.
void TestCodeGenerator::parallelScanLoopsOverSegments() {
  const Json request = parallelScan();
  for (bool pages : {false, true}) {
    for (CodeTarget target : allCodeTargets()) {
      const std::string c = code(target, "Scan", request, local(pages));
      QVERIFY_HAS(c, "A parallel scan: DynamoDB splits the table into 3 segments");
      QVERIFY_HAS(c, "This scans every segment");
      QVERIFY_LACKS(c, "Segment\": 1");
      QVERIFY_LACKS(c, "Segment: 1");
      QVERIFY_LACKS(c, "SetSegment(1)");
      QVERIFY_LACKS(c, "--segment 1");
      if (target == CodeTarget::Cpp) QVERIFY(balancedCpp(c));
    }
  }
  QVERIFY_HAS(code(CodeTarget::PythonResource, "Scan", request, local()),
              "for segment in range(3):\n    segment_request = dict(request, Segment=segment)\n"
              "    count += show(table.scan(**segment_request))\n");
  QVERIFY_HAS(code(CodeTarget::PythonResource, "Scan", request, local(true)),
              "        segment_request[\"ExclusiveStartKey\"] = response[\"LastEvaluatedKey\"]\n");
  QVERIFY_HAS(code(CodeTarget::PythonClient, "Scan", request, local(true)),
              "for segment in range(3):\n    for page in paginator.paginate(**request, Segment=segment):\n");
  QVERIFY_HAS(code(CodeTarget::AwsCli, "Scan", request, local()),
              "for segment in 0 1 2; do\n  AWS_ACCESS_KEY_ID=dynadesk AWS_SECRET_ACCESS_KEY=dynadesk \\\n"
              "    aws dynamodb scan \\\n");
  QVERIFY_HAS(code(CodeTarget::AwsCli, "Scan", request, local()),
              "      --consistent-read \\\n      --total-segments 3 \\\n      --segment \"$segment\" \\\n");
  QVERIFY_HAS(code(CodeTarget::JavaScriptClient, "Scan", request, local()),
              "for (let segment = 0; segment < 3; segment++) {\n  const segmentInput = { ...input, Segment: segment };\n"
              "  count += show(await client.send(new ScanCommand(segmentInput)));\n}\n");
  QVERIFY_HAS(code(CodeTarget::Cpp, "Scan", request, local()),
              "    for (int segment = 0; segment < 3 && exitCode == 0; ++segment) {\n"
              "      Aws::DynamoDB::Model::ScanRequest segmentRequest = request;\n"
              "      segmentRequest.SetSegment(segment);\n");
  QVERIFY_HAS(code(CodeTarget::Cpp, "Scan", request, local()),
              "    request.SetSelect(Aws::DynamoDB::Model::Select::ALL_ATTRIBUTES);\n");

  // One segment of one: nothing to loop over, the request is sent as written.
  const Json single = Json::parse(R"J({"TableName":"T","Segment":0,"TotalSegments":1})J");
  const std::string c = code(CodeTarget::PythonClient, "Scan", single, local());
  QVERIFY_HAS(c, "    \"Segment\": 0,\n    \"TotalSegments\": 1,\n");
  QVERIFY_LACKS(c, "parallel scan");
}

// Invisible and direction-changing characters are spelled as escapes in
// every language, so the code shows what is sent.
void TestCodeGenerator::invisibleCharactersAreVisible() {
  const Json request = {{"TableName", "T"},
                        {"FilterExpression", "#a = :v"},
                        {"ExpressionAttributeNames", {{"#a", "a"}}},
                        {"ExpressionAttributeValues", {{":v", {{"S", "x\xE2\x80\xAEy"}}}}}};
  QVERIFY_HAS(code(CodeTarget::PythonResource, "Scan", request, local()), "\"x\\u202Ey\"");
  QVERIFY_HAS(code(CodeTarget::PythonClient, "Scan", request, local()), "\"x\\u202Ey\"");
  QVERIFY_HAS(code(CodeTarget::JavaScriptClient, "Scan", request, local()), "\"x\\u{202E}y\"");
  QVERIFY_HAS(code(CodeTarget::JavaScriptDocument, "Scan", request, local()), "\"x\\u{202E}y\"");
  QVERIFY_HAS(code(CodeTarget::AwsCli, "Scan", request, local()), "{\"S\":\"x\\u202Ey\"}");
  QVERIFY_HAS(code(CodeTarget::Cpp, "Scan", request, local()), "\"x\\342\\200\\256y\"");
}

// Every C++ variant, compiled with -fsyntax-only against aws_sdk_cpp_stub.h
// (the SDK's signatures): well-formed C++ calling the API with the right types.
// The programs go into one translation unit, each in its own namespace.
void TestCodeGenerator::cppCompilesAgainstTheSdkSignatures() {
  const Json everyType = Json::parse(R"J({"TableName":"T","FilterExpression":"#a IN (:s, :n, :b, :t, :z, :ss, :ns, :bs, :l, :m)",
    "ExpressionAttributeNames":{"#a":"a"},
    "ExpressionAttributeValues":{":s":{"S":"q\"\\\n\u0000"},":n":{"N":"-1e-130"},":b":{"B":"AAE="},":t":{"BOOL":true},
      ":z":{"NULL":true},":ss":{"SS":["a","b"]},":ns":{"NS":["1","2"]},":bs":{"BS":["AQ==","Ag=="]},
      ":l":{"L":[]},":m":{"M":{"e":{"M":{}},"l":{"L":[{"L":[{"N":"1"}]}]}}}},
    "ExclusiveStartKey":{"id":{"S":"x"}},"Select":"ALL_ATTRIBUTES","ConsistentRead":false,"Limit":7,
    "ReturnConsumedCapacity":"INDEXES"})J");
  struct Variant {
    const char* operation;
    Json request;
    CodeOptions options;
  };
  const std::vector<Variant> variants = {
      {"Query", musicQuery(), local()},       {"Query", musicQuery(), local(true)},
      {"Query", musicQuery(), CodeOptions{}}, {"Scan", parallelScan(), local()},
      {"Scan", parallelScan(), local(true)},  {"Scan", everyType, local()},
      {"Scan", everyType, local(true)},
  };
  std::string unit;
  int n = 0;
  for (const Variant& v : variants) {
    std::string program = code(CodeTarget::Cpp, v.operation, v.request, v.options);
    QVERIFY_HAS(program, "int main() {");
    program = std::regex_replace(program, std::regex("#include <aws/[^>]*>\n"), "");
    program = std::regex_replace(program, std::regex("#include <(iostream|memory)>\n"), "");
    program.replace(program.find("int main() {"), 12, "int main" + std::to_string(n) + "() {");
    unit += "namespace program" + std::to_string(n++) + " {\n" + program + "}\n";
  }
  unit += "int main() { return 0; }\n";

  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  QFile file(dir.filePath("programs.cpp"));
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(QByteArray::fromStdString(unit));
  file.close();
  QProcess compiler;
  compiler.setProcessChannelMode(QProcess::MergedChannels);
  compiler.start(DYNADESK_CXX_COMPILER, {"-std=c++17", "-fsyntax-only", "-Wall", "-Werror", "-include",
                                         DYNADESK_SDK_STUB, file.fileName()});
  QVERIFY(compiler.waitForFinished(120000));
  QVERIFY2(compiler.exitCode() == 0, (compiler.readAll() + "\n" + QByteArray::fromStdString(unit)).constData());
}

QTEST_MAIN(TestCodeGenerator)
#include "test_code_generator.moc"
