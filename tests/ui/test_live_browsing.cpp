// The item browser's controllers against a real engine: the sidebar lists and
// counts tables, the grid pages through a table with fetchMore, and writes made
// by someone else (straight through the engine's front door, as the endpoint
// does) appear in the grid and the counts without any refresh.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "bridge/engine_bridge.h"
#include "client/local_client.h"
#include "client/request_runner.h"
#include "models/connection_tree_model.h"
#include "models/item_table_model.h"
#include "session/catalog_controller.h"
#include "session/item_browser_controller.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

void createMusic(TempEngine& t, int items) {
  t.call("CreateTable", {{"TableName", "Music"},
                         {"KeySchema", Json::array({{{"AttributeName", "Artist"}, {"KeyType", "HASH"}},
                                                    {{"AttributeName", "SongTitle"}, {"KeyType", "RANGE"}}})},
                         {"AttributeDefinitions", Json::array({{{"AttributeName", "Artist"}, {"AttributeType", "S"}},
                                                              {{"AttributeName", "SongTitle"}, {"AttributeType", "S"}}})},
                         {"BillingMode", "PAY_PER_REQUEST"}});
  for (int start = 0; start < items; start += 25) {
    Json writes = Json::array();
    for (int i = start; i < std::min(items, start + 25); ++i) {
      writes.push_back({{"PutRequest",
                         {{"Item", {{"Artist", S("Artist " + std::to_string(i % 7))},
                                    {"SongTitle", S("Song " + std::to_string(i))},
                                    {"Plays", N(std::to_string(i))}}}}}});
    }
    t.call("BatchWriteItem", {{"RequestItems", {{"Music", writes}}}});
  }
}

}  // namespace

class TestLiveBrowsing : public QObject {
  Q_OBJECT
 private slots:
  void sidebarListsAndCountsLive() {
    TempEngine t;
    createMusic(t, 30);
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    ConnectionTreeModel tree;
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int conn = tree.addConnection("Local engine", QString::fromStdString(client.location()));
    CatalogController catalog(runner, &bridge, tree, conn);
    catalog.refresh();
    QTRY_COMPARE(tree.tableIndex(conn, "Music").data(ConnectionTreeModel::ItemCountRole).toULongLong(), 30ull);

    // Someone else adds a table and an item.
    t.call("CreateTable", {{"TableName", "Zebra"},
                           {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
                           {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})},
                           {"BillingMode", "PAY_PER_REQUEST"}});
    QTRY_VERIFY(tree.tableIndex(conn, "Zebra").isValid());
    t.call("PutItem", {{"TableName", "Music"}, {"Item", {{"Artist", S("New")}, {"SongTitle", S("One")}}}});
    QTRY_COMPARE(tree.tableIndex(conn, "Music").data(ConnectionTreeModel::ItemCountRole).toULongLong(), 31ull);
    t.call("DeleteTable", {{"TableName", "Zebra"}});
    QTRY_VERIFY(!tree.tableIndex(conn, "Zebra").isValid());
  }

  void gridPagesAndFollowsExternalWrites() {
    TempEngine t;
    createMusic(t, 1200);  // three pages of 500
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    ItemTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ItemBrowserController browser(runner, &bridge, model);
    QSignalSpy opened(&browser, &ItemBrowserController::opened);
    browser.open("Music");
    QTRY_COMPARE(model.rowCount(), ItemBrowserController::kPageSize);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(model.columnName(0), std::string("Artist"));
    QCOMPARE(model.columnName(1), std::string("SongTitle"));
    while (model.canFetchMore({})) {
      model.fetchMore({});
      QTRY_VERIFY(!model.loading());
    }
    QCOMPARE(model.rowCount(), 1200);
    QVERIFY(model.exhausted());

    // An external writer: update, insert, delete.
    t.call("UpdateItem", {{"TableName", "Music"},
                          {"Key", {{"Artist", S("Artist 3")}, {"SongTitle", S("Song 10")}}},
                          {"UpdateExpression", "SET Plays = :p"},
                          {"ExpressionAttributeValues", {{":p", N("99999")}}}});
    t.call("PutItem", {{"TableName", "Music"},
                       {"Item", {{"Artist", S("Zed")}, {"SongTitle", S("Live")}, {"Genre", S("Jazz")}}}});
    t.call("DeleteItem", {{"TableName", "Music"}, {"Key", {{"Artist", S("Artist 0")}, {"SongTitle", S("Song 0")}}}});

    Item updatedKey;
    updatedKey.emplace("Artist", AttributeValue::string("Artist 3"));
    updatedKey.emplace("SongTitle", AttributeValue::string("Song 10"));
    QTRY_COMPARE(model.rowCount(), 1200);  // one in, one out
    Item newKey;
    newKey.emplace("Artist", AttributeValue::string("Zed"));
    newKey.emplace("SongTitle", AttributeValue::string("Live"));
    QTRY_VERIFY(model.rowOfKey(newKey) >= 0);
    const int row = model.rowOfKey(updatedKey);
    QVERIFY(row >= 0);
    QCOMPARE(model.itemAt(row).find("Plays")->second.asNumber().toString(), std::string("99999"));
    Item removedKey;
    removedKey.emplace("Artist", AttributeValue::string("Artist 0"));
    removedKey.emplace("SongTitle", AttributeValue::string("Song 0"));
    QCOMPARE(model.rowOfKey(removedKey), -1);

    // The table goes away under the grid.
    QSignalSpy gone(&browser, &ItemBrowserController::tableGone);
    t.call("DeleteTable", {{"TableName", "Music"}});
    QTRY_COMPARE(gone.count(), 1);
    QCOMPARE(model.rowCount(), 0);
  }

  void openingAMissingTableFailsPlainly() {
    TempEngine t;
    LocalClient client(t.engine());
    RequestRunner runner(client);
    ItemTableModel model;
    ItemBrowserController browser(runner, nullptr, model);
    QSignalSpy failed(&browser, &ItemBrowserController::failed);
    browser.open("Nope");
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains("not found"));
  }
};

QTEST_MAIN(TestLiveBrowsing)
#include "test_live_browsing.moc"
