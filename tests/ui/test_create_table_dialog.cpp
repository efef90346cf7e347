// The create-table and delete-table dialogs against a real engine: live name
// validation, the CreateTable JSON and CLI preview, creating, DynamoDB's
// refusal shown in plain words, and typing the name to delete.
#include <QSignalSpy>
#include <QtTest>

#include "client/local_client.h"
#include "client/request_runner.h"
#include "format/table_design.h"
#include "temp_engine.h"
#include "widgets/create_table_dialog.h"
#include "widgets/delete_table_dialog.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

class TestCreateTableDialog : public QObject {
  Q_OBJECT
 private slots:
  void designBecomesTheRequestAndTheCommand() {
    TableDesign d;
    d.name = "Music";
    d.partitionKey = {"Artist", "S"};
    d.sortKey = KeyDesign{"SongTitle", "S"};
    d.onDemand = false;
    d.readCapacity = 10;
    d.writeCapacity = 4;
    IndexDesign gsi;
    gsi.name = "GenreIndex";
    gsi.partitionKey = {"Genre", "S"};
    gsi.projection = "INCLUDE";
    gsi.nonKeyAttributes = {"AlbumTitle"};
    gsi.readCapacity = 3;
    gsi.writeCapacity = 4;
    d.indexes.push_back(gsi);
    IndexDesign lsi;
    lsi.global = false;
    lsi.name = "ByYear";
    lsi.partitionKey = {"Artist", "S"};
    lsi.sortKey = KeyDesign{"Year", "N"};
    lsi.projection = "KEYS_ONLY";
    d.indexes.push_back(lsi);
    d.streamViewType = "NEW_AND_OLD_IMAGES";
    d.tags = {{"team", "audio"}};
    QVERIFY(validate(d).isEmpty());
    const auto r = createTableRequest(d);
    QCOMPARE(r["AttributeDefinitions"].size(), std::size_t(4));
    QCOMPARE(r["ProvisionedThroughput"]["ReadCapacityUnits"].get<int>(), 10);
    QCOMPARE(r["GlobalSecondaryIndexes"][0]["Projection"]["NonKeyAttributes"][0].get<std::string>(), std::string("AlbumTitle"));
    QCOMPARE(r["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["WriteCapacityUnits"].get<int>(), 4);
    QCOMPARE(r["LocalSecondaryIndexes"][0]["KeySchema"][1]["AttributeName"].get<std::string>(), std::string("Year"));
    QCOMPARE(r["StreamSpecification"]["StreamViewType"].get<std::string>(), std::string("NEW_AND_OLD_IMAGES"));
    const QString cli = awsCliCommand(d, "http://127.0.0.1:8000");
    QVERIFY(cli.startsWith("aws dynamodb create-table"));
    QVERIFY(cli.contains("--table-name 'Music'"));
    QVERIFY(cli.contains("--local-secondary-indexes"));
    QVERIFY(cli.contains("--endpoint-url http://127.0.0.1:8000"));
  }

  void designProblemsArePlain() {
    TableDesign d;
    d.name = "ab";
    d.partitionKey = {"id", "S"};
    QVERIFY(validate(d).join(" ").contains("3 to 255"));
    d.name = "bad name!";
    QVERIFY(validate(d).join(" ").contains("Use only letters"));
    d.name = "Good";
    d.sortKey = KeyDesign{"id", "N"};
    QVERIFY(validate(d).join(" ").contains("different attributes"));
    d.sortKey.reset();
    IndexDesign lsi;
    lsi.global = false;
    lsi.name = "Local";
    lsi.partitionKey = {"id", "S"};
    lsi.sortKey = KeyDesign{"when", "N"};
    d.indexes.push_back(lsi);
    QVERIFY(validate(d).join(" ").contains("needs a table with a sort key"));
  }

  void createsATableAndShowsRefusals() {
    TempEngine t;
    LocalClient client(t.engine());
    RequestRunner runner(client);
    CreateTableDialog dialog(runner, "http://127.0.0.1:8000");
    QVERIFY(!dialog.createButton()->isEnabled());
    QTest::keyClicks(dialog.nameEdit(), "x!");
    QVERIFY(!dialog.createButton()->isEnabled());
    dialog.nameEdit()->clear();

    TableDesign d;
    d.name = "Orders";
    d.partitionKey = {"customerId", "S"};
    d.sortKey = KeyDesign{"orderId", "N"};
    d.tags = {{"env", "dev"}};
    dialog.setDesign(d);
    QVERIFY(dialog.createButton()->isEnabled());
    QVERIFY(dialog.jsonPreview()->toPlainText().contains("\"orderId\""));
    QVERIFY(dialog.cliPreview()->toPlainText().contains("--key-schema"));
    QSignalSpy created(&dialog, &CreateTableDialog::tableCreated);
    QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
    QTRY_COMPARE(created.count(), 1);
    QCOMPARE(created.at(0).at(0).toString(), QString("Orders"));
    Json described = t.call("DescribeTable", {{"TableName", "Orders"}});
    QCOMPARE(described["Table"]["KeySchema"][1]["AttributeName"].get<std::string>(), std::string("orderId"));

    // The same name again: DynamoDB's refusal, in the dialog, which stays open.
    CreateTableDialog again(runner, {});
    again.setDesign(d);
    QTest::mouseClick(again.createButton(), Qt::LeftButton);
    QTRY_VERIFY(again.problemsLabel()->text().contains("Table already exists"));
    QVERIFY(again.createButton()->isEnabled());
  }

  void deleteNeedsTheNameTyped() {
    TempEngine t;
    t.call("CreateTable", {{"TableName", "Doomed"},
                           {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
                           {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})},
                           {"BillingMode", "PAY_PER_REQUEST"},
                           {"DeletionProtectionEnabled", true}});
    LocalClient client(t.engine());
    RequestRunner runner(client);
    DeleteTableDialog dialog(runner, "Doomed");
    QVERIFY(!dialog.deleteButton()->isEnabled());
    QTest::keyClicks(dialog.confirmEdit(), "Doome");
    QVERIFY(!dialog.deleteButton()->isEnabled());
    QTest::keyClicks(dialog.confirmEdit(), "d");
    QVERIFY(dialog.deleteButton()->isEnabled());
    // Protected: the refusal is shown and nothing is deleted.
    QTest::mouseClick(dialog.deleteButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog.errorLabel()->isVisibleTo(&dialog));
    QVERIFY(dialog.errorLabel()->text().contains("protected against deletion"));
    t.call("UpdateTable", {{"TableName", "Doomed"}, {"DeletionProtectionEnabled", false}});
    QSignalSpy deleted(&dialog, &DeleteTableDialog::tableDeleted);
    QTest::mouseClick(dialog.deleteButton(), Qt::LeftButton);
    QTRY_COMPARE(deleted.count(), 1);
    QCOMPARE(TempEngine::errorType(t.call("DescribeTable", {{"TableName", "Doomed"}})),
             std::string("ResourceNotFoundException"));
  }
};

QTEST_MAIN(TestCreateTableDialog)
#include "test_create_table_dialog.moc"
