// The create-table and delete-table dialogs against a real engine: live name
// validation, the CreateTable JSON and CLI preview, the included-attributes
// picker and DynamoDB's projection rules, creating, DynamoDB's refusal shown
// in plain words, and typing the name to delete.
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

namespace {

// Music: Artist/SongTitle, a GSI on Genre that includes AlbumTitle, an LSI
// on Year with keys only, and an expiry attribute.
TableDesign musicDesign() {
  TableDesign d;
  d.name = "Music";
  d.partitionKey = {"Artist", "S"};
  d.sortKey = KeyDesign{"SongTitle", "S"};
  IndexDesign gsi;
  gsi.name = "GenreIndex";
  gsi.partitionKey = {"Genre", "S"};
  gsi.projection = "INCLUDE";
  gsi.nonKeyAttributes = {"AlbumTitle"};
  d.indexes.push_back(gsi);
  IndexDesign lsi;
  lsi.global = false;
  lsi.name = "ByYear";
  lsi.partitionKey = {"Artist", "S"};
  lsi.sortKey = KeyDesign{"Year", "N"};
  lsi.projection = "KEYS_ONLY";
  d.indexes.push_back(lsi);
  d.ttlAttribute = "expiresAt";
  return d;
}

// How the CLI preview spells the names chosen in pickerInTheDialog.
const QString kChosenInCli = R"("NonKeyAttributes":["AlbumTitle","Price","expiresAt"])";

// `count` global indexes, each including `perIndex` names of its own.
TableDesign manyIncludes(int count, int perIndex) {
  TableDesign d;
  d.name = "Wide";
  d.partitionKey = {"id", "S"};
  for (int i = 0; i < count; ++i) {
    IndexDesign ix;
    ix.name = "Index" + std::to_string(i);
    ix.partitionKey = {"key" + std::to_string(i), "S"};
    ix.projection = "INCLUDE";
    for (int a = 0; a < perIndex; ++a) ix.nonKeyAttributes.push_back("i" + std::to_string(i) + "a" + std::to_string(a));
    d.indexes.push_back(ix);
  }
  return d;
}

}  // namespace

class TestCreateTableDialog : public QObject {
  Q_OBJECT
 private slots:
  void designBecomesTheRequestAndTheCommand() {
    // The Music design, provisioned, with a stream and tags instead of an expiry.
    TableDesign d = musicDesign();
    d.ttlAttribute.clear();
    d.onDemand = false;
    d.readCapacity = 10;
    d.writeCapacity = 4;
    d.indexes[0].readCapacity = 3;
    d.indexes[0].writeCapacity = 4;
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

  void projectionRulesInDynamoDBsWords() {
    TableDesign d = musicDesign();
    QVERIFY(validate(d).isEmpty());
    d.indexes[0].nonKeyAttributes.clear();
    QVERIFY(validate(d).join(" ").contains("GenreIndex: INCLUDE needs at least one non-key attribute"));
    // NonKeyAttributes with ALL or KEYS_ONLY: refused, and the preview shows what was given.
    d.indexes[1].nonKeyAttributes = {"Plays"};
    QVERIFY(validate(d).join(" ").contains("ByYear: ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified"));
    QCOMPARE(createTableRequest(d)["LocalSecondaryIndexes"][0]["Projection"]["NonKeyAttributes"][0].get<std::string>(),
             std::string("Plays"));
    d = musicDesign();
    d.indexes[0].nonKeyAttributes = {"AlbumTitle", "Artist"};
    QVERIFY(validate(d).join(" ").contains("“Artist” is a key attribute"));
    // At most 20 names in one index...
    QVERIFY(validate(manyIncludes(1, 20)).isEmpty());
    QVERIFY(validate(manyIncludes(1, 21)).join(" ").contains("at most 20 non-key attributes"));
    // ...and 100 over all of a table's indexes, counted per index.
    QVERIFY(validate(manyIncludes(5, 20)).isEmpty());
    const QStringList over = validate(manyIncludes(6, 17));
    QCOMPARE(over.size(), 1);
    QCOMPARE(over.first(), QString("Number of projected attributes in all indexes exceeds limit of 100, number of "
                                   "projected attributes:102"));
    // ALL does not count towards the limit.
    TableDesign all = manyIncludes(6, 17);
    for (auto& ix : all.indexes) {
      ix.projection = "ALL";
      ix.nonKeyAttributes.clear();
    }
    QVERIFY(validate(all).isEmpty());
  }

  void knownNamesAndAlwaysProjectedOnes() {
    const TableDesign d = musicDesign();
    QCOMPARE(knownAttributeNames(d), QStringList({"AlbumTitle", "Artist", "expiresAt", "Genre", "SongTitle", "Year"}));
    // A GSI holds the table's keys and its own, not another index's.
    QCOMPARE(alwaysProjectedAttributes(d, d.indexes[0]), QStringList({"Artist", "SongTitle", "Genre"}));
    QCOMPARE(alwaysProjectedAttributes(d, d.indexes[1]), QStringList({"Artist", "SongTitle", "Year"}));
    // Leaving out an index's own included names (its picker holds them).
    QCOMPARE(knownAttributeNames(d, 0), QStringList({"Artist", "expiresAt", "Genre", "SongTitle", "Year"}));
    QCOMPARE(knownAttributeNames(d, 1), knownAttributeNames(d));
  }

  void pickerInTheDialog() {
    TempEngine t;
    LocalClient client(t.engine());
    RequestRunner runner(client);
    CreateTableDialog dialog(runner, "http://127.0.0.1:8000");
    dialog.setDesign(musicDesign());
    dialog.show();
    QVERIFY(dialog.createButton()->isEnabled());
    AttributePicker* gsi = dialog.attributePicker(0);
    AttributePicker* lsi = dialog.attributePicker(1);
    QVERIFY(gsi && lsi);
    QCOMPARE(gsi->chosen(), QStringList({"AlbumTitle"}));

    // Keys of the table and of the index itself are not offered; another
    // index's key and the TTL attribute are (they are not projected by themselves).
    QCOMPARE(gsi->offered(), QStringList({"AlbumTitle", "expiresAt", "Year"}));
    QCOMPARE(lsi->offered(), QStringList({"AlbumTitle", "expiresAt", "Genre"}));

    // Enabled only with INCLUDE.
    QVERIFY(gsi->isEnabled());
    QVERIFY(!lsi->isEnabled());
    dialog.projectionCombo(1)->setCurrentText("INCLUDE");
    QVERIFY(lsi->isEnabled());
    QVERIFY(!dialog.createButton()->isEnabled());  // INCLUDE with nothing chosen
    QVERIFY(dialog.problemsLabel()->text().contains("ByYear: INCLUDE needs at least one non-key attribute"));
    dialog.projectionCombo(1)->setCurrentText("KEYS_ONLY");
    QVERIFY(!lsi->isEnabled());
    QVERIFY(dialog.createButton()->isEnabled());

    // Choose through the popup: a typed name and an offered one.
    AttributePickerPopup* popup = gsi->openPopup();
    QTest::keyClicks(popup->nameEdit(), "Price");
    QTest::keyClick(popup->nameEdit(), Qt::Key_Return);
    popup->list()->findItems("expiresAt", Qt::MatchExactly).first()->setCheckState(Qt::Checked);
    QCOMPARE(gsi->chosen(), QStringList({"AlbumTitle", "Price", "expiresAt"}));
    // The other picker now offers the new name too; keys stay out.
    QVERIFY(lsi->offered().contains("Price"));
    // A typed name can be removed again; a name the dialog knows cannot.
    popup->list()->setCurrentItem(popup->list()->findItems("Price", Qt::MatchExactly).first());
    QVERIFY(popup->removeButton()->isEnabled());
    popup->list()->setCurrentItem(popup->list()->findItems("expiresAt", Qt::MatchExactly).first());
    QVERIFY(!popup->removeButton()->isEnabled());
    QTest::keyClicks(popup->nameEdit(), "Genre");
    QTest::keyClick(popup->nameEdit(), Qt::Key_Return);
    QVERIFY(popup->hintLabel()->text().contains("key"));
    popup->close();

    // The previews carry NonKeyAttributes as chosen.
    const auto request = nlohmann::json::parse(dialog.jsonPreview()->toPlainText().toStdString());
    QCOMPARE(request["GlobalSecondaryIndexes"][0]["Projection"]["ProjectionType"].get<std::string>(),
             std::string("INCLUDE"));
    QCOMPARE(request["GlobalSecondaryIndexes"][0]["Projection"]["NonKeyAttributes"],
             nlohmann::json({"AlbumTitle", "Price", "expiresAt"}));
    QVERIFY(!request["LocalSecondaryIndexes"][0]["Projection"].contains("NonKeyAttributes"));
    QVERIFY(dialog.cliPreview()->toPlainText().contains(kChosenInCli));

    // Another projection keeps the choice for later but sends none of it.
    dialog.projectionCombo(0)->setCurrentText("ALL");
    QVERIFY(!gsi->isEnabled());
    QVERIFY(!dialog.jsonPreview()->toPlainText().contains("NonKeyAttributes"));
    dialog.projectionCombo(0)->setCurrentText("INCLUDE");
    QVERIFY(dialog.jsonPreview()->toPlainText().contains("\"Price\""));

    // Created as designed.
    QSignalSpy created(&dialog, &CreateTableDialog::tableCreated);
    QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
    QTRY_COMPARE(created.count(), 1);
    Json described = t.call("DescribeTable", {{"TableName", "Music"}});
    QCOMPARE(described["Table"]["GlobalSecondaryIndexes"][0]["Projection"]["NonKeyAttributes"],
             Json({"AlbumTitle", "Price", "expiresAt"}));
  }

  void duplicatesAreRemovedAndTheLimitShows() {
    TempEngine t;
    LocalClient client(t.engine());
    RequestRunner runner(client);
    CreateTableDialog dialog(runner, {});
    TableDesign d = musicDesign();
    d.indexes[0].nonKeyAttributes = {"AlbumTitle", "Plays", "AlbumTitle"};
    dialog.setDesign(d);
    QCOMPARE(dialog.design().indexes[0].nonKeyAttributes, std::vector<std::string>({"AlbumTitle", "Plays"}));

    dialog.setDesign(manyIncludes(6, 17));
    QVERIFY(!dialog.createButton()->isEnabled());
    QVERIFY(dialog.problemsLabel()->text().contains("exceeds limit of 100"));
    QVERIFY(dialog.problemsLabel()->text().contains("attributes:102"));
    // Two fewer in one index: within the limit.
    QStringList fewer = dialog.attributePicker(5)->chosen();
    fewer.removeLast();
    fewer.removeLast();
    dialog.attributePicker(5)->setChosen(fewer);
    QVERIFY(dialog.createButton()->isEnabled());
  }

  void returnInAFieldNeverCancels() {
    TempEngine t;
    LocalClient client(t.engine());
    RequestRunner runner(client);
    CreateTableDialog dialog(runner, {});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClicks(dialog.nameEdit(), "Orders");
    QVERIFY(!dialog.createButton()->isEnabled());  // no partition key yet
    QTest::keyClick(dialog.nameEdit(), Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(dialog.nameEdit()->text(), QString("Orders"));
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
