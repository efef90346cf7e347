// The generated programs, run for real: a real engine in a temp folder behind
// the real HTTP server on a free loopback port; for each request the builder
// might send (a Query with a key condition, a nested filter and a projection;
// a descending GSI Query with Limit over every page; a parallel Scan of three
// segments; reserved-word attributes with Limit on one page; awkward values;
// a binary start key), the code for Python (boto3 resource and client), the
// AWS CLI and JavaScript (client and DocumentClient) is generated, run with
// Debian's /usr/bin/python3 and /usr/bin/aws and with node, and what it prints
// must be exactly the items the same request returns through Engine::call.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <sstream>

#include "codegen/code_generator.h"
#include "dynadesk/attribute_json.h"
#include "dynadesk/http_server.h"
#include "format/plain_json.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

struct Case {
  const char* name;
  const char* operation;
  Json request;
  bool fetchAllPages;
};

// What a run must print: the items in order, their count, whether consumed
// capacity was reported.
struct Expected {
  std::vector<Item> items;
  long long firstPageCount = 0;
  bool capacity = false;
};

const char* kAwkward = "It's a \"quote\" \\ back\\slash\nnew line\ttab na\xC3\xAFve \xE6\x97\xA5\xE6\x9C\xAC \xE2\x80\x8B zw $HOME `x`";

Json item(const std::string& artist, const std::string& title, const std::string& genre, int year, const std::string& rating,
          std::size_t i) {
  Json it = {
      {"artist", S(artist)},
      {"title", S(title)},
      {"genre", S(genre)},
      {"year", N(std::to_string(year))},
      {"info", {{"M", {{"rating", N(rating)}, {"label", S("label " + std::to_string(i))},
                       {"credits", {{"L", Json::array({S("vocals"), N("2"), {{"BOOL", true}}, {{"NULL", true}}})}}}}}}},
      {"tags", {{"SS", Json::array({"live", "tag" + std::to_string(i % 3)})}}},
      {"status", S(i % 2 ? "open" : "closed")},
  };
  if (i % 4 == 0) it["big"] = N("1234567890123456789012345678901234567." + std::to_string(i % 10));
  if (i % 5 == 0) it["blob"] = {{"B", "AAEC/f7/"}};
  if (i % 3 == 0) it["scores"] = {{"NS", Json::array({"1.5", "-2", "99999999999999999999999999999999999999"})}};
  if (i % 6 == 0) it["blobs"] = {{"BS", Json::array({"AQ==", "Ag=="})}};
  if (i == 7) it["note"] = S(kAwkward);
  return it;
}

}  // namespace

class TestGeneratedCodeRuns : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    t_ = std::make_unique<TempEngine>();
    auto server = server::HttpServer::start(t_->engine());
    QVERIFY2(server.isOk(), server.status().message().c_str());
    server_ = std::move(server).value();
    QVERIFY(home_.isValid());
    QFile(home_.filePath("config")).open(QIODevice::WriteOnly);
    QFile(home_.filePath("credentials")).open(QIODevice::WriteOnly);
    QVERIFY(QFile::link(QStringLiteral(DYNADESK_JS_MODULES), home_.filePath("node_modules")));
    QVERIFY2(QFile::exists(home_.filePath("node_modules/@aws-sdk/client-dynamodb/package.json")) &&
                 QFile::exists(home_.filePath("node_modules/@aws-sdk/lib-dynamodb/package.json")),
             "tests/conformance/js/node_modules lacks the AWS SDK: run scripts/install-deps.sh (npm ci)");

    Json create = {
        {"TableName", "Music"},
        {"AttributeDefinitions", Json::array({{{"AttributeName", "artist"}, {"AttributeType", "S"}},
                                              {{"AttributeName", "title"}, {"AttributeType", "S"}},
                                              {{"AttributeName", "genre"}, {"AttributeType", "S"}},
                                              {{"AttributeName", "year"}, {"AttributeType", "N"}}})},
        {"KeySchema", Json::array({{{"AttributeName", "artist"}, {"KeyType", "HASH"}},
                                   {{"AttributeName", "title"}, {"KeyType", "RANGE"}}})},
        {"GlobalSecondaryIndexes",
         Json::array({{{"IndexName", "GenreIndex"},
                       {"KeySchema", Json::array({{{"AttributeName", "genre"}, {"KeyType", "HASH"}},
                                                  {{"AttributeName", "year"}, {"KeyType", "RANGE"}}})},
                       {"Projection", {{"ProjectionType", "ALL"}}}}})},
        {"BillingMode", "PAY_PER_REQUEST"},
    };
    QCOMPARE(TempEngine::errorType(t_->call("CreateTable", create)), std::string());
    const char* genres[] = {"Rock", "Jazz", "Pop"};
    for (std::size_t i = 0; i < 30; ++i) {
      const std::string artist = i < 12 ? "Band A" : (i < 20 ? "Band B" : "Band C");
      char title[32];
      std::snprintf(title, sizeof title, "Song %02zu", i);
      Json it = item(artist, title, genres[i % 3], 1985 + static_cast<int>(i), std::to_string(i % 5) + ".5", i);
      QCOMPARE(TempEngine::errorType(t_->call("PutItem", {{"TableName", "Music"}, {"Item", it}})), std::string());
    }

    Json blobs = {
        {"TableName", "Blobs"},
        {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}},
                                              {{"AttributeName", "part"}, {"AttributeType", "B"}}})},
        {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}},
                                   {{"AttributeName", "part"}, {"KeyType", "RANGE"}}})},
        {"BillingMode", "PAY_PER_REQUEST"},
    };
    QCOMPARE(TempEngine::errorType(t_->call("CreateTable", blobs)), std::string());
    const char* parts[] = {"AA==", "AQ==", "Ag==", "/w==", "AAA=", "gA=="};
    for (const char* part : parts) {
      Json it = {{"id", S("doc")}, {"part", {{"B", part}}}, {"size", N("1e2")}};
      QCOMPARE(TempEngine::errorType(t_->call("PutItem", {{"TableName", "Blobs"}, {"Item", it}})), std::string());
    }
  }

  void cleanupTestCase() {
    if (server_) server_->stop();
  }

  // Every case's programs, a few at a time: each spends most of its time
  // starting its interpreter, so running them side by side keeps this quick.
  void generatedProgramsPrintWhatTheEngineReturns() {
    struct Run {
      const Case* c;
      Expected expected;
      CodeTarget target;
      std::string source;
      std::unique_ptr<QProcess> process;
    };
    const std::vector<CodeTarget> targets = {CodeTarget::PythonResource, CodeTarget::PythonClient, CodeTarget::AwsCli,
                                             CodeTarget::JavaScriptClient, CodeTarget::JavaScriptDocument};
    std::vector<Run> runs;
    for (const Case& c : cases()) {
      const Expected expected = viaEngine(c);
      QVERIFY2(!expected.items.empty(), c.name);
      CodeOptions options;
      options.endpointUrl = server_->url();
      options.fetchAllPages = c.fetchAllPages;
      for (CodeTarget target : targets) {
        auto code = generateCode(target, c.operation, c.request, options);
        QVERIFY2(code.isOk(), code.status().message().c_str());
        runs.push_back(Run{&c, expected, target, *code, nullptr});
      }
    }
    constexpr std::size_t kAtOnce = 4;
    std::size_t started = 0;
    for (std::size_t done = 0; done < runs.size(); ++done) {
      while (started < runs.size() && started < done + kAtOnce) {
        runs[started].process = start(runs[started].target, runs[started].source, QString::number(started));
        ++started;
      }
      Run& run = runs[done];
      QProcess& p = *run.process;
      const QByteArray context = QByteArray("\n--- ") + run.c->name + " / " + codeTargetLabel(run.target).toUtf8() +
                                 " ---\n" + QByteArray::fromStdString(run.source);
      const bool finished = p.waitForFinished(120000);
      if (!finished || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        for (Run& r : runs) {
          if (r.process) {
            r.process->kill();
            r.process->waitForFinished();
          }
        }
        QFAIL((p.readAllStandardError() + p.readAllStandardOutput() + context).constData());
      }
      checkOutput(run.target, p.readAllStandardOutput(), run.expected, *run.c, context);
      if (QTest::currentTestFailed()) {
        for (Run& r : runs) {
          if (r.process) {
            r.process->kill();
            r.process->waitForFinished();
          }
        }
        return;
      }
    }
  }

 private:
  static const std::vector<Case>& cases() {
    static const std::vector<Case> all = {
        {"query: key condition, nested filter, projection", "Query",
         {{"TableName", "Music"},
          {"KeyConditionExpression", "#n0 = :v0 AND begins_with(#n1, :v1)"},
          {"FilterExpression", "#n2.#n3 >= :v2 AND size(#n4) > :v3"},
          {"ProjectionExpression", "#n1, #n2.#n3, #n4, #n5, #n6"},
          {"ExpressionAttributeNames",
           {{"#n0", "artist"}, {"#n1", "title"}, {"#n2", "info"}, {"#n3", "rating"}, {"#n4", "tags"}, {"#n5", "big"},
            {"#n6", "scores"}}},
          {"ExpressionAttributeValues", {{":v0", S("Band A")}, {":v1", S("Song")}, {":v2", N("2.5")}, {":v3", N("1")}}}},
         false},
        {"query: GSI descending, Limit, every page", "Query",
         {{"TableName", "Music"},
          {"IndexName", "GenreIndex"},
          {"KeyConditionExpression", "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2"},
          {"ExpressionAttributeNames", {{"#n0", "genre"}, {"#n1", "year"}}},
          {"ExpressionAttributeValues", {{":v0", S("Rock")}, {":v1", N("1986")}, {":v2", N("2010")}}},
          {"ScanIndexForward", false},
          {"Limit", 3},
          {"ReturnConsumedCapacity", "TOTAL"}},
         true},
        {"scan: 3 parallel segments, Limit, every page", "Scan",
         {{"TableName", "Music"},
          {"FilterExpression", "contains(#n0, :v0) OR attribute_exists(#n1)"},
          {"ExpressionAttributeNames", {{"#n0", "tags"}, {"#n1", "blob"}}},
          {"ExpressionAttributeValues", {{":v0", S("tag1")}}},
          {"Segment", 0},
          {"TotalSegments", 3},
          {"Limit", 4}},
         true},
        {"query: reserved words, Limit on one page", "Query",
         {{"TableName", "Music"},
          {"KeyConditionExpression", "#n0 = :v0"},
          {"FilterExpression", "#n1 = :v1 AND #n2 > :v2"},
          {"ProjectionExpression", "#n3, #n1, #n2, #n4"},
          {"ExpressionAttributeNames", {{"#n0", "artist"}, {"#n1", "status"}, {"#n2", "year"}, {"#n3", "title"},
                                        {"#n4", "comment"}}},
          {"ExpressionAttributeValues", {{":v0", S("Band B")}, {":v1", S("open")}, {":v2", N("1990")}}},
          {"Limit", 5},
          {"ReturnConsumedCapacity", "INDEXES"}},
         false},
        {"scan: awkward values, 3 parallel segments, one page each", "Scan",
         {{"TableName", "Music"},
          {"Segment", 1},
          {"TotalSegments", 3},
          {"ConsistentRead", true},
          {"FilterExpression", "#n0 = :v0 OR #n1 = :v1 OR #n2 = :v2 OR #n3 = :v3 OR #n4 = :v4 OR #n5 = :v5"},
          {"ExpressionAttributeNames",
           {{"#n0", "note"}, {"#n1", "big"}, {"#n2", "blob"}, {"#n3", "scores"}, {"#n4", "info"}, {"#n5", "blobs"}}},
          {"ExpressionAttributeValues",
           {{":v0", S(kAwkward)},
            {":v1", N("1234567890123456789012345678901234567.4")},
            {":v2", {{"B", "AAEC/f7/"}}},
            {":v3", {{"NS", Json::array({"99999999999999999999999999999999999999", "-2", "1.5"})}}},
            {":v4",
             {{"M",
               {{"rating", N("1.5")},
                {"label", S("label 11")},
                {"credits", {{"L", Json::array({S("vocals"), N("2"), {{"BOOL", true}}, {{"NULL", true}}})}}}}}}},
            {":v5", {{"BS", Json::array({"Ag==", "AQ=="})}}}}}},
         false},
        {"query: binary start key, every page", "Query",
         {{"TableName", "Blobs"},
          {"KeyConditionExpression", "id = :id"},
          {"ExpressionAttributeValues", {{":id", S("doc")}}},
          {"ExclusiveStartKey", {{"id", S("doc")}, {"part", {{"B", "AQ=="}}}}},
          {"Limit", 2}},
         true},
        {"query: binary start key, one page", "Query",
         {{"TableName", "Blobs"},
          {"KeyConditionExpression", "id = :id"},
          {"ExpressionAttributeValues", {{":id", S("doc")}}},
          {"ExclusiveStartKey", {{"id", S("doc")}, {"part", {{"B", "AQ=="}}}}},
          {"Limit", 2}},
         false},
    };
    return all;
  }

  // The items the request returns through Engine::call, following pages and
  // segments the way the generated code is meant to.
  Expected viaEngine(const Case& c) {
    Expected e;
    e.capacity = c.request.value("ReturnConsumedCapacity", "NONE") != "NONE";
    const int segments = c.request.value("TotalSegments", 0) > 1 ? c.request.value("TotalSegments", 0) : 1;
    for (int segment = 0; segment < segments; ++segment) {
      Json request = c.request;
      if (segments > 1) request["Segment"] = segment;
      while (true) {
        const Json response = t_->call(c.operation, request);
        if (!TempEngine::errorType(response).empty()) {
          qWarning("%s", response.dump().c_str());
          return e;
        }
        for (const Json& it : response.value("Items", Json::array())) {
          auto decoded = itemFromJson(it);
          if (decoded) e.items.push_back(*decoded);
        }
        if (segment == 0 && request == c.request) e.firstPageCount = response.value("Count", 0LL);
        if (!c.fetchAllPages || !response.contains("LastEvaluatedKey")) break;
        request["ExclusiveStartKey"] = response["LastEvaluatedKey"];
      }
    }
    return e;
  }

  std::unique_ptr<QProcess> start(CodeTarget target, const std::string& code, const QString& tag) {
    const QString path = home_.filePath(QStringLiteral("program_%1_%2.%3")
                                            .arg(tag)
                                            .arg(static_cast<int>(target))
                                            .arg(codeTargetFileExtension(target)));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) qFatal("cannot write %s", qPrintable(path));
    file.write(QByteArray::fromStdString(code));
    file.close();

    // Only Debian's tools, and no user configuration: an empty config and
    // credentials file, no AWS_* variables from the caller.
    QProcessEnvironment env;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    for (const QString& key : system.keys()) {
      if (!key.startsWith("AWS_") && !key.startsWith("PYTHON") && !key.startsWith("NODE_") && key != "PATH")
        env.insert(key, system.value(key));
    }
    env.insert("PATH", "/usr/bin:/bin");
    env.insert("AWS_CONFIG_FILE", home_.filePath("config"));
    env.insert("AWS_SHARED_CREDENTIALS_FILE", home_.filePath("credentials"));
    env.insert("AWS_PAGER", "");
    env.insert("AWS_EC2_METADATA_DISABLED", "true");

    auto p = std::make_unique<QProcess>();
    p->setProcessEnvironment(env);
    p->setWorkingDirectory(home_.path());
    switch (target) {
      case CodeTarget::PythonResource:
      case CodeTarget::PythonClient: p->start("/usr/bin/python3", {path}); break;
      case CodeTarget::AwsCli: p->start("/bin/sh", {path}); break;
      case CodeTarget::JavaScriptClient:
      case CodeTarget::JavaScriptDocument: p->start("/usr/bin/node", {path}); break;
      case CodeTarget::Cpp: break;
    }
    return p;
  }

  static void checkOutput(CodeTarget target, const QByteArray& out, const Expected& expected, const Case& c,
                          const QByteArray& context) {
    std::vector<Item> items;
    long long count = -1;
    int capacityLines = 0;
    if (target == CodeTarget::AwsCli) {
      // One JSON document per call (per segment in a parallel scan).
      std::istringstream in(out.toStdString());
      long long total = 0;
      while (in >> std::ws, in.peek() != EOF) {
        Json doc;
        try {
          in >> doc;
        } catch (const std::exception& e) {
          QFAIL((QByteArray("unparsable CLI output: ") + e.what() + "\n" + out + context).constData());
        }
        for (const Json& it : doc.value("Items", Json::array())) {
          auto decoded = itemFromJson(it);
          QVERIFY2(decoded.isOk(), (decoded.status().message() + "\n" + it.dump()).c_str());
          items.push_back(*decoded);
        }
        total += doc.value("Count", 0LL);
        if (doc.contains("ConsumedCapacity") && doc["ConsumedCapacity"].is_object()) ++capacityLines;
      }
      count = total;
    } else {
      const bool plain = target == CodeTarget::PythonResource || target == CodeTarget::JavaScriptDocument;
      for (const QByteArray& raw : out.split('\n')) {
        const std::string line = raw.toStdString();
        if (line.empty()) continue;
        if (line.rfind("Count: ", 0) == 0) {
          count = std::stoll(line.substr(7));
        } else if (line.rfind("ConsumedCapacity: ", 0) == 0) {
          ++capacityLines;
          QVERIFY2(Json::parse(line.substr(18), nullptr, false).is_object(), line.c_str());
        } else if (plain) {
          // Plain JSON cannot say "set" or "binary": the expected item at the
          // same place supplies those types, every value must still match.
          const Item hints = items.size() < expected.items.size() ? expected.items[items.size()] : Item{};
          auto decoded = itemFromPlainJson(line, hints);
          QVERIFY2(decoded.isOk(), (decoded.status().message() + "\n" + line + context.toStdString()).c_str());
          items.push_back(*decoded);
        } else {
          auto decoded = itemFromJson(Json::parse(line, nullptr, false));
          QVERIFY2(decoded.isOk(), (decoded.status().message() + "\n" + line + context.toStdString()).c_str());
          items.push_back(*decoded);
        }
      }
    }
    QVERIFY2(items.size() == expected.items.size(),
             (QByteArray("items: ") + QByteArray::number(qulonglong(items.size())) + " expected " +
              QByteArray::number(qulonglong(expected.items.size())) + "\n" + out + context)
                 .constData());
    for (std::size_t i = 0; i < items.size(); ++i) {
      QVERIFY2(items[i] == expected.items[i],
               (QByteArray("item ") + QByteArray::number(qulonglong(i)) + " differs: " +
                QByteArray::fromStdString(toJson(items[i]).dump()) + " expected " +
                QByteArray::fromStdString(toJson(expected.items[i]).dump()) + context)
                   .constData());
    }
    long long expectedCount = static_cast<long long>(expected.items.size());
    // The CLI resuming from --starting-token leaves the first page out of the
    // merged Count (botocore zeroes the secondary result keys of the page it
    // resumes on); the generated script says so, and its items are still all there.
    if (target == CodeTarget::AwsCli && c.fetchAllPages && c.request.contains("ExclusiveStartKey"))
      expectedCount -= expected.firstPageCount;
    QVERIFY2(count == expectedCount, (QByteArray("Count ") + QByteArray::number(count) + " expected " +
                                      QByteArray::number(expectedCount) + "\n" + out + context)
                                         .constData());
    QVERIFY2((capacityLines > 0) == expected.capacity, (out + context).constData());
  }

  std::unique_ptr<TempEngine> t_;
  std::unique_ptr<server::HttpServer> server_;
  QTemporaryDir home_;
};

QTEST_MAIN(TestGeneratedCodeRuns)
#include "test_generated_code_runs.moc"
