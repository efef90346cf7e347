// The query builder as a user drives it: a Query with a nested-path filter
// built through the form returns the same items as the same request sent by
// boto3 (Debian's, in its own process, through the real endpoint); the
// generated boto3 (resource and client) and AWS CLI code runs and returns
// those items; a parallel Scan reads every item once; ConsistentRead is off,
// with its reason, on a global secondary index; an incomplete operation is
// refused in plain words; runs land in the history and saved operations load
// back into the form, across a restart of the library.
#include <set>

#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include "client/local_client.h"
#include "client/request_runner.h"
#include "codegen/code_generator.h"
#include "dynadesk/http_server.h"
#include "operation/operation_library.h"
#include "temp_engine.h"
#include "widgets/query_builder_panel.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

void fillMusic(TempEngine& t) {
  Json created = t.call("CreateTable", Json::parse(R"({
    "TableName": "Music",
    "AttributeDefinitions": [{"AttributeName": "artist", "AttributeType": "S"},
                             {"AttributeName": "songTitle", "AttributeType": "S"},
                             {"AttributeName": "genre", "AttributeType": "S"},
                             {"AttributeName": "year", "AttributeType": "N"}],
    "KeySchema": [{"AttributeName": "artist", "KeyType": "HASH"}, {"AttributeName": "songTitle", "KeyType": "RANGE"}],
    "GlobalSecondaryIndexes": [{"IndexName": "GenreIndex",
      "KeySchema": [{"AttributeName": "genre", "KeyType": "HASH"}, {"AttributeName": "year", "KeyType": "RANGE"}],
      "Projection": {"ProjectionType": "ALL"}}],
    "BillingMode": "PAY_PER_REQUEST"})"));
  QVERIFY2(TempEngine::errorType(created).empty(), created.dump().c_str());
  for (int i = 0; i < 30; ++i) {
    const std::string n = (i < 10 ? "0" : "") + std::to_string(i);
    Json item = {{"artist", S(i % 3 == 0 ? "Other Band" : "Acme Band")},
                 {"songTitle", S("song-" + n)},
                 {"genre", S(i % 2 ? "Rock" : "Jazz")},
                 {"year", N(std::to_string(1990 + i))},
                 {"status", S(i % 4 ? "released" : "draft")},
                 {"info", {{"M", {{"rating", N(std::to_string(i % 6) + ".5")}, {"plays", N("12345678901234567890123456789012345678")}}}}},
                 {"tags", {{"L", Json::array({S("t" + n), S(i % 5 ? "studio" : "live"), S("x")})}}}};
    Json put = t.call("PutItem", {{"TableName", "Music"}, {"Item", item}});
    QVERIFY2(TempEngine::errorType(put).empty(), put.dump().c_str());
  }
}

std::set<std::string> titlesIn(const ItemTableModel& model) {
  std::set<std::string> out;
  for (int r = 0; r < model.rowCount(); ++r) out.insert(model.itemAt(r).find("songTitle")->second.asString());
  return out;
}

QProcessEnvironment clientEnvironment(const QTemporaryDir& home) {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("AWS_ACCESS_KEY_ID", "anything");
  env.insert("AWS_SECRET_ACCESS_KEY", "anything");
  env.insert("AWS_DEFAULT_REGION", "us-east-1");
  // The user's own AWS configuration must not change what the test sees.
  env.insert("AWS_CONFIG_FILE", home.filePath("config"));
  env.insert("AWS_SHARED_CREDENTIALS_FILE", home.filePath("credentials"));
  env.insert("HOME", home.path());
  return env;
}

// Runs a program; returns what it printed (stdout), failing the test on a non-zero exit.
QString runProgram(const QString& program, const QStringList& args, const QTemporaryDir& home) {
  QProcess p;
  p.setProcessEnvironment(clientEnvironment(home));
  p.start(program, args);
  if (!p.waitForFinished(60000)) return QStringLiteral("TIMEOUT");
  const QString out = QString::fromUtf8(p.readAllStandardOutput());
  if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
    qWarning().noquote() << program << args << "failed:" << p.readAllStandardError() << out;
    return QStringLiteral("FAILED");
  }
  return out;
}

}  // namespace

class TestQueryBuilder : public QObject {
  Q_OBJECT
 private slots:
  void nestedFilterMatchesBoto3AndGeneratedCode() {
    TempEngine t;
    fillMusic(t);
    LocalClient client(t.engine());
    RequestRunner runner(client);
    auto server = server::HttpServer::start(t.engine());
    QVERIFY(server.isOk());
    const QString url = QString::fromStdString((*server)->url());
    QTemporaryDir dir;
    OperationLibrary library(dir.filePath("operations.json"));
    QueryBuilderPanel panel(runner, library);
    panel.setEndpointUrl(url);
    panel.resize(1200, 800);
    panel.show();
    panel.openTable("Music");
    QueryForm* form = panel.form();
    QTRY_COMPARE(form->indexBox()->count(), 2);

    // Query Acme Band's songs from song-05 on, whose info.rating >= 2 and
    // whose second tag is "studio": a key condition and a nested-path filter.
    QTest::mouseClick(form->queryButton(), Qt::LeftButton);
    form->partitionValue()->setText("Acme Band");
    form->sortOperatorBox()->setCurrentIndex(form->sortOperatorBox()->findData(static_cast<int>(KeyOperator::GreaterOrEqual)));
    form->sortValue()->setText("song-05");
    FilterRowEditor* rating = form->addFilterRow();
    rating->pathEdit()->setText("info.rating");
    rating->testBox()->setCurrentIndex(rating->testBox()->findData(static_cast<int>(FilterTest::GreaterOrEqual)));
    rating->firstValue()->setTypeCode("N");
    rating->firstValue()->setText("2");
    FilterRowEditor* tag = form->addFilterRow();
    tag->pathEdit()->setText("tags[1]");
    tag->firstValue()->setText("studio");
    QTest::mouseClick(panel.runButton(), Qt::LeftButton);
    QTRY_VERIFY(panel.run().totals().complete);
    QTRY_VERIFY(!panel.run().running());

    // What the engine holds: computed here from the data, not from the builder.
    std::set<std::string> expected;
    for (int i = 5; i < 30; ++i) {
      if (i % 3 == 0 || i % 6 < 2 || i % 5 == 0) continue;
      expected.insert("song-" + std::string(i < 10 ? "0" : "") + std::to_string(i));
    }
    QVERIFY(!expected.empty());
    QCOMPARE(titlesIn(panel.model()), expected);
    QCOMPARE(panel.run().totals().count, static_cast<long long>(expected.size()));
    QVERIFY(panel.run().totals().scannedCount > panel.run().totals().count);
    QVERIFY(panel.run().totals().capacityUnits > 0);
    QVERIFY(panel.summaryLabel()->text().contains("ScannedCount"));
    QVERIFY(!panel.explanationLabel()->text().isEmpty());

    // The same request through boto3 in its own process.
    QTemporaryDir home;
    const nlohmann::json request = panel.run().firstRequest().request;
    QVERIFY(panel.requestText()->toPlainText().contains("KeyConditionExpression"));
    QFile script(home.filePath("same_request.py"));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("import boto3, json, sys\n"
                 "client = boto3.client('dynamodb', endpoint_url=sys.argv[1])\n"
                 "request = json.loads(sys.argv[2])\n"
                 "for page in client.get_paginator('query').paginate(**request):\n"
                 "    for item in page['Items']:\n"
                 "        print(item['songTitle']['S'])\n");
    script.close();
    const QString boto3Out = runProgram("/usr/bin/python3", {script.fileName(), url, QString::fromStdString(request.dump())}, home);
    std::set<std::string> boto3Titles;
    for (const QString& line : boto3Out.split('\n', Qt::SkipEmptyParts)) boto3Titles.insert(line.trimmed().toStdString());
    QCOMPARE(boto3Titles, expected);

    // Generated code, run as a user would paste it.
    auto checkOutput = [&](const QString& label, const QString& out) {
      for (int i = 0; i < 30; ++i) {
        const std::string title = "song-" + std::string(i < 10 ? "0" : "") + std::to_string(i);
        const bool shown = out.contains(QString::fromStdString("\"" + title + "\"")) || out.contains(QString::fromStdString("'" + title + "'"));
        QVERIFY2(shown == (expected.count(title) == 1), qPrintable(label + ": " + QString::fromStdString(title) + "\n" + out));
      }
    };
    const std::pair<CodeTarget, QString> runnable[] = {
        {CodeTarget::PythonResource, "/usr/bin/python3"},
        {CodeTarget::PythonClient, "/usr/bin/python3"},
        {CodeTarget::AwsCli, "/bin/sh"},
    };
    for (const auto& [target, interpreter] : runnable) {
      panel.codeTargetBox()->setCurrentIndex(panel.codeTargetBox()->findData(static_cast<int>(target)));
      const QString code = panel.codeText()->toPlainText();
      QVERIFY(code.contains(url));
      QFile file(home.filePath(QStringLiteral("generated_%1").arg(static_cast<int>(target))));
      QVERIFY(file.open(QIODevice::WriteOnly));
      // The CLI snippet calls `aws`: make it Debian's AWS CLI v2.
      file.write(target == CodeTarget::AwsCli ? ("aws() { /usr/bin/aws \"$@\"; }\n" + code.toUtf8()) : code.toUtf8());
      file.close();
      checkOutput(panel.codeTargetBox()->currentText(), runProgram(interpreter, {file.fileName()}, home));
    }

    // The run is in the history, and still there when the library is reopened.
    QCOMPARE(library.history().size(), std::size_t{1});
    QCOMPARE(library.history().front().spec.table, std::string("Music"));
    OperationLibrary reopened(dir.filePath("operations.json"));
    QCOMPARE(reopened.history().size(), std::size_t{1});
    QCOMPARE(reopened.history().front().spec.filters.size(), std::size_t{2});
    (*server)->stop();
  }

  void parallelScanReadsEveryItemOnce() {
    TempEngine t;
    fillMusic(t);
    LocalClient client(t.engine());
    RequestRunner runner(client);
    QTemporaryDir dir;
    OperationLibrary library(dir.filePath("operations.json"));
    QueryBuilderPanel panel(runner, library);
    panel.openTable("Music");
    QTRY_COMPARE(panel.form()->indexBox()->count(), 2);
    panel.form()->segmentsBox()->setValue(4);
    panel.form()->pageSizeBox()->setValue(4);
    panel.form()->fetchAllBox()->setChecked(true);
    panel.runOperation();
    QTRY_VERIFY(panel.run().totals().complete);
    QCOMPARE(panel.model().rowCount(), 30);
    QCOMPARE(titlesIn(panel.model()).size(), std::size_t{30});
    QCOMPARE(panel.run().totals().count, 30);
    QVERIFY(panel.run().totals().pages >= 8);  // 4 items a page in 4 segments
  }

  void formGuardsAndSavedOperations() {
    TempEngine t;
    fillMusic(t);
    LocalClient client(t.engine());
    RequestRunner runner(client);
    QTemporaryDir dir;
    OperationLibrary library(dir.filePath("operations.json"));
    QueryBuilderPanel panel(runner, library);
    panel.openTable("Music");
    QueryForm* form = panel.form();
    QTRY_COMPARE(form->indexBox()->count(), 2);

    // ConsistentRead is offered on the table, refused with a reason on the GSI.
    QVERIFY(form->consistentReadBox()->isEnabled());
    form->indexBox()->setCurrentIndex(form->indexBox()->findData(QString("GenreIndex")));
    QVERIFY(!form->consistentReadBox()->isEnabled());
    QVERIFY(form->consistentReadBox()->toolTip().contains("eventually consistent"));

    // A Query without its partition key value is refused before anything runs.
    QTest::mouseClick(form->queryButton(), Qt::LeftButton);
    panel.runOperation();
    QVERIFY(panel.model().table().empty());
    QVERIFY(library.history().empty());

    // A GSI Query, newest year first, saved and loaded back.
    form->partitionValue()->setText("Rock");
    form->orderBox()->setCurrentIndex(1);
    auto spec = form->spec();
    QVERIFY(spec.isOk());
    QVERIFY(library.save("Rock, newest first", *spec).isOk());
    form->clear();
    QVERIFY(form->scanButton()->isChecked());
    panel.libraryPane()->refresh();
    panel.loadSpec(library.saved().front().spec);
    QVERIFY(form->queryButton()->isChecked());
    QCOMPARE(form->indexBox()->currentData().toString(), QString("GenreIndex"));
    QCOMPARE(form->partitionValue()->text(), QString("Rock"));
    panel.runOperation();
    QTRY_VERIFY(panel.run().totals().complete);
    QCOMPARE(panel.model().rowCount(), 15);
    for (int r = 1; r < panel.model().rowCount(); ++r) {
      QVERIFY(panel.model().itemAt(r - 1).find("year")->second.asNumber() > panel.model().itemAt(r).find("year")->second.asNumber());
    }
    OperationLibrary reopened(dir.filePath("operations.json"));
    QCOMPARE(reopened.saved().size(), std::size_t{1});
    QCOMPARE(reopened.saved().front().name, QString("Rock, newest first"));
  }
};

QTEST_MAIN(TestQueryBuilder)
#include "test_query_builder.moc"
