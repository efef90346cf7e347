// The Stream tab against a real engine: a table with NEW_AND_OLD_IMAGES is
// tailed while PutItem, UpdateItem and DeleteItem go through Engine::call; the
// panel's list receives INSERT, MODIFY and REMOVE in order with the right
// images, and the MODIFY's diff names the changed nested attribute. Pause holds
// records back and Resume delivers them; the filter hides an event type; a
// table without a stream shows that state and can enable one; an expired
// iterator is re-acquired without losing or repeating records; a deleted table
// or a stream turned off stops the tail with a message. Finally a real boto3
// process writes through the real HTTP server and is tailed too.
#include <QSignalSpy>
#include <QtTest>

#include "bridge/engine_bridge.h"
#include "client/local_client.h"
#include "client/request_runner.h"
#include "dynadesk/http_server.h"
#include "format/image_diff.h"
#include "boto3_script.h"
#include "temp_engine.h"
#include "widget_screenshot.h"
#include "widgets/app_palette.h"
#include "widgets/stream_tail_panel.h"

using namespace dynadesk;
using namespace dynadesk::ui;
using namespace dynadesk::test;

namespace {

void createTable(TempEngine& t, const std::string& name, const std::string& viewType) {
  Json request{{"TableName", name},
               {"KeySchema", Json::array({{{"AttributeName", "id"}, {"KeyType", "HASH"}}})},
               {"AttributeDefinitions", Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}})},
               {"BillingMode", "PAY_PER_REQUEST"}};
  if (!viewType.empty()) request["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", viewType}};
  const Json r = t.call("CreateTable", request);
  QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
}

void ok(TempEngine& t, const std::string& op, const Json& request) {
  const Json r = t.call(op, request);
  QVERIFY2(TempEngine::errorType(r).empty(), r.dump().c_str());
}

Json movie(const std::string& id, int rating) {
  return {{"id", S(id)},
          {"title", S("Film " + id)},
          {"info", {{"M", {{"rating", N(std::to_string(rating))}, {"genres", {{"SS", {"drama", "noir"}}}}}}}}};
}

// The tree item of the detail view with this path, or null.
QTreeWidgetItem* detailItem(QTreeWidget* tree, const QString& path) {
  for (QTreeWidgetItemIterator it(tree); *it; ++it) {
    if ((*it)->data(StreamTailPanel::PathColumn, StreamTailPanel::DiffPathRole).toString() == path) return *it;
  }
  return nullptr;
}

QString eventAt(const QAbstractItemModel& m, int row) {
  return m.index(row, StreamRecordModel::EventColumn).data().toString();
}


}  // namespace

class TestStreamTail : public QObject {
  Q_OBJECT
 private slots:
  void followsWritesWithDiffPauseAndFilter() {
    TempEngine t;
    createTable(t, "Movies", "NEW_AND_OLD_IMAGES");
    ok(t, "PutItem", {{"TableName", "Movies"}, {"Item", movie("before", 1)}});  // before the tail: not shown
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    StreamTailPanel panel(runner, &bridge);
    panel.resize(1200, 700);
    panel.show();
    panel.openTable("Movies");
    QTRY_COMPARE(panel.tail().state(), StreamTail::State::Following);
    QVERIFY(!panel.showingMessagePage());
    QCOMPARE(panel.tail().viewType(), QString("NEW_AND_OLD_IMAGES"));
    QVERIFY(panel.tail().streamArn().startsWith("arn:aws:dynamodb:"));
    QVERIFY(panel.streamInfo()->text().contains("NEW_AND_OLD_IMAGES"));
    // The header names the stream by its label (the ARN's last part); the
    // whole ARN is in its tooltip.
    const QString arn = panel.tail().streamArn();
    QVERIFY(panel.streamInfo()->text().contains(arn.mid(arn.lastIndexOf("/stream/") + 8)));
    QCOMPARE(panel.streamInfo()->toolTip(), arn);

    ok(t, "PutItem", {{"TableName", "Movies"}, {"Item", movie("m1", 7)}});
    ok(t, "UpdateItem", {{"TableName", "Movies"},
                         {"Key", {{"id", S("m1")}}},
                         {"UpdateExpression", "SET info.rating = :r, seen = :s"},
                         {"ExpressionAttributeValues", {{":r", N("8")}, {":s", Json{{"BOOL", true}}}}}});
    ok(t, "DeleteItem", {{"TableName", "Movies"}, {"Key", {{"id", S("m1")}}}});

    auto& model = panel.model();
    QTRY_COMPARE(model.rowCount(), 3);
    QCOMPARE(model.recordAt(0).type, StreamEventType::Insert);
    QCOMPARE(model.recordAt(1).type, StreamEventType::Modify);
    QCOMPARE(model.recordAt(2).type, StreamEventType::Remove);
    QVERIFY(std::stoull(model.recordAt(0).sequenceNumber) < std::stoull(model.recordAt(1).sequenceNumber));
    QVERIFY(std::stoull(model.recordAt(1).sequenceNumber) < std::stoull(model.recordAt(2).sequenceNumber));
    Item key;
    key.emplace("id", AttributeValue::string("m1"));
    for (int r = 0; r < 3; ++r) QVERIFY(model.recordAt(r).keys == key);
    // INSERT: the new image only.
    QVERIFY(model.recordAt(0).newImage && !model.recordAt(0).oldImage);
    QCOMPARE(model.recordAt(0).newImage->at("title").asString(), std::string("Film m1"));
    // MODIFY: both images, the rating changed inside the info map.
    const auto& modify = model.recordAt(1);
    QVERIFY(modify.oldImage && modify.newImage);
    QCOMPARE(modify.oldImage->at("info").asMap().at("rating").asNumber().toString(), std::string("7"));
    QCOMPARE(modify.newImage->at("info").asMap().at("rating").asNumber().toString(), std::string("8"));
    QCOMPARE(model.index(1, StreamRecordModel::ChangeColumn).data().toString(),
             QString("changed info.rating · added seen"));
    // REMOVE: the old image only.
    QVERIFY(model.recordAt(2).oldImage && !model.recordAt(2).newImage);
    QCOMPARE(model.recordAt(2).oldImage->at("seen").asBool(), true);

    // The MODIFY's detail: a diff naming the nested attribute.
    panel.selectRow(1);
    QVERIFY(panel.detailHeader()->text().contains("MODIFY"));
    QVERIFY(!panel.detailView()->isColumnHidden(StreamTailPanel::NewColumn));
    QTreeWidgetItem* rating = detailItem(panel.detailView(), "info.rating");
    QVERIFY(rating);
    QCOMPARE(rating->data(0, StreamTailPanel::DiffKindRole).toInt(), int(DiffKind::Changed));
    QCOMPARE(rating->text(StreamTailPanel::OldColumn), QString("7"));
    QCOMPARE(rating->text(StreamTailPanel::NewColumn), QString("8"));
    QVERIFY(rating->parent() && rating->parent()->text(0) == "info");
    QCOMPARE(detailItem(panel.detailView(), "seen")->data(0, StreamTailPanel::DiffKindRole).toInt(),
             int(DiffKind::Added));
    QCOMPARE(detailItem(panel.detailView(), "title")->data(0, StreamTailPanel::DiffKindRole).toInt(),
             int(DiffKind::Unchanged));
    maybeScreenshot(panel, "stream-modify");
    // An INSERT's detail is its image.
    panel.selectRow(0);
    QVERIFY(panel.detailView()->isColumnHidden(StreamTailPanel::NewColumn));
    QVERIFY(detailItem(panel.detailView(), "info.rating"));
    QCOMPARE(detailItem(panel.detailView(), "title")->text(StreamTailPanel::OldColumn), QString("Film m1"));

    // The filter hides MODIFY.
    panel.eventCheck(StreamEventType::Modify)->setChecked(false);
    QCOMPARE(panel.filter().rowCount(), 2);
    QCOMPARE(eventAt(panel.filter(), 0), QString("INSERT"));
    QCOMPARE(eventAt(panel.filter(), 1), QString("REMOVE"));
    panel.eventCheck(StreamEventType::Modify)->setChecked(true);
    QCOMPARE(panel.filter().rowCount(), 3);

    // Pause holds records back (still read), Resume delivers them in order.
    QTest::mouseClick(panel.pauseButton(), Qt::LeftButton);
    QVERIFY(panel.tail().paused());
    ok(t, "PutItem", {{"TableName", "Movies"}, {"Item", movie("p1", 3)}});
    ok(t, "PutItem", {{"TableName", "Movies"}, {"Item", movie("p2", 4)}});
    QTRY_COMPARE(panel.tail().heldBack(), 2);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(panel.pauseButton()->text().contains("2 new"));
    QTest::mouseClick(panel.pauseButton(), Qt::LeftButton);
    QVERIFY(!panel.tail().paused());
    QCOMPARE(panel.tail().heldBack(), 0);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.recordAt(3).newImage->at("id").asString(), std::string("p1"));
    QCOMPARE(model.recordAt(4).newImage->at("id").asString(), std::string("p2"));
    QCOMPARE(panel.pauseButton()->text(), QString("Pause"));

    // Clear empties the list; the tail goes on.
    QTest::mouseClick(panel.clearButton(), Qt::LeftButton);
    QCOMPARE(model.rowCount(), 0);
    ok(t, "DeleteItem", {{"TableName", "Movies"}, {"Key", {{"id", S("p1")}}}});
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(model.recordAt(0).type, StreamEventType::Remove);

    // The earlier record ("before") was never shown; from the start it is.
    panel.fromStartCheck()->setChecked(true);
    QTRY_COMPARE(model.rowCount(), 7);
    QCOMPARE(model.recordAt(0).newImage->at("id").asString(), std::string("before"));
    QCOMPARE(model.recordAt(6).type, StreamEventType::Remove);
  }

  void expiredIteratorIsReacquiredWithoutGapsOrRepeats() {
    TempEngine t;
    createTable(t, "Clocked", "NEW_IMAGE");
    LocalClient client(t.engine());
    RequestRunner runner(client);
    StreamTailPanel panel(runner, nullptr);  // no engine events: polling only, as against a remote endpoint
    panel.openTable("Clocked");
    QTRY_COMPARE(panel.tail().state(), StreamTail::State::Following);
    ok(t, "PutItem", {{"TableName", "Clocked"}, {"Item", {{"id", S("a")}}}});
    QTRY_COMPARE(panel.model().rowCount(), 1);
    // The engine's clock moves on past the 15-minute iterator lifetime.
    t.clock().advanceMillis(16 * 60 * 1000);
    ok(t, "PutItem", {{"TableName", "Clocked"}, {"Item", {{"id", S("b")}}}});
    ok(t, "PutItem", {{"TableName", "Clocked"}, {"Item", {{"id", S("c")}}}});
    QTRY_COMPARE(panel.model().rowCount(), 3);
    QCOMPARE(panel.model().recordAt(1).keys.at("id").asString(), std::string("b"));
    QCOMPARE(panel.model().recordAt(2).keys.at("id").asString(), std::string("c"));
    QCOMPARE(panel.tail().state(), StreamTail::State::Following);
    // Nothing arrives twice: records come in order, so a repeat of b or c
    // would show before d does.
    ok(t, "PutItem", {{"TableName", "Clocked"}, {"Item", {{"id", S("d")}}}});
    QTRY_VERIFY(panel.model().rowCount() >= 4);
    QCOMPARE(panel.model().rowCount(), 4);
    QCOMPARE(panel.model().recordAt(3).keys.at("id").asString(), std::string("d"));
    QVERIFY(!panel.model().recordAt(1).oldImage);  // NEW_IMAGE view
  }

  void longPauseKeepsOnlyTheNewestRecords() {
    TempEngine t;
    createTable(t, "Busy", "NEW_IMAGE");
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    StreamTail tail(runner, &bridge, nullptr, 3);  // a buffer of three records
    QSignalSpy arrived(&tail, &StreamTail::recordsArrived);
    tail.start("Busy");
    QTRY_COMPARE(tail.state(), StreamTail::State::Following);
    tail.setPaused(true);
    for (int i = 0; i < 5; ++i) ok(t, "PutItem", {{"TableName", "Busy"}, {"Item", {{"id", S("k" + std::to_string(i))}}}});
    QTRY_COMPARE(tail.recordsRead(), std::uint64_t(5));
    QCOMPARE(arrived.count(), 0);
    QCOMPARE(tail.heldBack(), 3);
    QCOMPARE(tail.droppedWhilePaused(), std::uint64_t(2));
    QCOMPARE(tail.buffer().size(), std::size_t(3));
    tail.setPaused(false);
    QCOMPARE(arrived.count(), 1);
    const auto batch = arrived.at(0).at(0).value<std::vector<StreamRecordEntry>>();
    QCOMPARE(batch.size(), std::size_t(3));
    QCOMPARE(batch[0].keys.at("id").asString(), std::string("k2"));
    QCOMPARE(batch[2].keys.at("id").asString(), std::string("k4"));
    QCOMPARE(tail.heldBack(), 0);
  }

  void noStreamStateThenEnable() {
    TempEngine t;
    createTable(t, "Plain", "");
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    StreamTailPanel panel(runner, &bridge);
    panel.resize(1000, 500);
    panel.show();
    panel.openTable("Plain");
    QTRY_COMPARE(panel.tail().state(), StreamTail::State::NoStream);
    QVERIFY(panel.showingMessagePage());
    QVERIFY(panel.stateMessage()->text().startsWith("This table has no stream. Enable one"));
    QVERIFY(panel.enableButton()->isVisible());
    maybeScreenshot(panel, "stream-none");

    panel.viewTypeChoice()->setCurrentIndex(panel.viewTypeChoice()->findData("NEW_IMAGE"));
    QTest::mouseClick(panel.enableButton(), Qt::LeftButton);
    QTRY_COMPARE(panel.tail().state(), StreamTail::State::Following);
    QVERIFY(!panel.showingMessagePage());
    QCOMPARE(panel.tail().viewType(), QString("NEW_IMAGE"));
    const Json described = t.call("DescribeTable", {{"TableName", "Plain"}});
    QCOMPARE(described["Table"]["StreamSpecification"]["StreamViewType"], Json("NEW_IMAGE"));
    ok(t, "PutItem", {{"TableName", "Plain"}, {"Item", {{"id", S("x")}, {"v", N("1")}}}});
    ok(t, "PutItem", {{"TableName", "Plain"}, {"Item", {{"id", S("x")}, {"v", N("2")}}}});
    QTRY_COMPARE(panel.model().rowCount(), 2);
    QCOMPARE(panel.model().recordAt(1).type, StreamEventType::Modify);
    QVERIFY(!panel.model().recordAt(1).oldImage);
    QVERIFY(panel.model().index(1, StreamRecordModel::ChangeColumn).data().toString().contains("no old image"));
    panel.selectRow(1);
    QCOMPARE(detailItem(panel.detailView(), "v")->text(StreamTailPanel::OldColumn), QString("2"));
  }

  void streamTurnedOffOrTableDeletedStops() {
    TempEngine t;
    createTable(t, "Off", "KEYS_ONLY");
    createTable(t, "Gone", "NEW_AND_OLD_IMAGES");
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    StreamTailPanel off(runner, &bridge);
    StreamTailPanel gone(runner, nullptr);  // learns it from the stream itself
    off.openTable("Off");
    gone.openTable("Gone");
    QTRY_COMPARE(off.tail().state(), StreamTail::State::Following);
    QTRY_COMPARE(gone.tail().state(), StreamTail::State::Following);
    ok(t, "PutItem", {{"TableName", "Off"}, {"Item", {{"id", S("k")}, {"big", S("not in a KEYS_ONLY record")}}}});
    QTRY_COMPARE(off.model().rowCount(), 1);
    QVERIFY(!off.model().recordAt(0).newImage);
    QCOMPARE(off.model().index(0, StreamRecordModel::ChangeColumn).data().toString(), QString("new item (keys only)"));

    ok(t, "UpdateTable", {{"TableName", "Off"}, {"StreamSpecification", {{"StreamEnabled", false}}}});
    QTRY_COMPARE(off.tail().state(), StreamTail::State::Stopped);
    QVERIFY2(off.tail().message().contains("turned off"), qPrintable(off.tail().message()));
    QVERIFY(off.banner()->isVisibleTo(&off));
    QCOMPARE(off.model().rowCount(), 1);  // what was read stays

    ok(t, "DeleteTable", {{"TableName", "Gone"}});
    QTRY_COMPARE_WITH_TIMEOUT(gone.tail().state(), StreamTail::State::Stopped, 10000);
    QVERIFY2(gone.tail().message().contains("deleted"), qPrintable(gone.tail().message()));
  }

  void tailsABoto3ProcessThroughTheHttpServer() {
    TempEngine t;
    createTable(t, "Orders", "NEW_AND_OLD_IMAGES");
    LocalClient client(t.engine());
    RequestRunner runner(client);
    EngineBridge bridge(client);
    auto server = server::HttpServer::start(t.engine());
    QVERIFY(server.isOk());
    StreamTailPanel panel(runner, &bridge);
    panel.resize(1300, 720);
    panel.show();
    panel.openTable("Orders");
    QTRY_COMPARE(panel.tail().state(), StreamTail::State::Following);

    const QString code = QStringLiteral(
        "import boto3, sys\n"
        "from decimal import Decimal\n"
        "t = boto3.resource('dynamodb', endpoint_url=sys.argv[1]).Table('Orders')\n"
        "for i in range(5):\n"
        "    t.put_item(Item={'id': 'order-%d' % i, 'status': 'new', 'total': Decimal('19.99'),\n"
        "                     'lines': [{'sku': 'A', 'qty': 1}], 'tags': {'web'}})\n"
        "t.update_item(Key={'id': 'order-2'},\n"
        "              UpdateExpression='SET #s = :s, #l[0].qty = :q ADD #t :t',\n"
        "              ExpressionAttributeNames={'#s': 'status', '#l': 'lines', '#t': 'tags'},\n"
        "              ExpressionAttributeValues={':s': 'shipped', ':q': 3, ':t': {'gift'}})\n"
        "t.delete_item(Key={'id': 'order-4'})\n");
    const ScriptResult script = runBoto3Script(code, {QString::fromStdString((*server)->url())});
    QVERIFY2(script.ok(), qPrintable(script.report()));

    auto& model = panel.model();
    QTRY_COMPARE(model.rowCount(), 7);
    for (int r = 0; r < 5; ++r) QCOMPARE(model.recordAt(r).type, StreamEventType::Insert);
    QCOMPARE(model.recordAt(5).type, StreamEventType::Modify);
    QCOMPARE(model.recordAt(6).type, StreamEventType::Remove);
    QCOMPARE(model.recordAt(6).oldImage->at("id").asString(), std::string("order-4"));
    QCOMPARE(model.recordAt(0).newImage->at("total").asNumber().toString(), std::string("19.99"));
    QCOMPARE(model.index(5, StreamRecordModel::ChangeColumn).data().toString(),
             QString("changed lines[0].qty, status, tags"));
    panel.selectRow(5);
    QTreeWidgetItem* qty = detailItem(panel.detailView(), "lines[0].qty");
    QVERIFY(qty);
    QCOMPARE(qty->text(StreamTailPanel::OldColumn), QString("1"));
    QCOMPARE(qty->text(StreamTailPanel::NewColumn), QString("3"));
    maybeScreenshot(panel, "stream-boto3");
    (*server)->stop();
  }
};

QTEST_MAIN(TestStreamTail)
#include "test_stream_tail.moc"
