// StreamRecordModel and StreamEventFilter under QAbstractItemModelTester:
// appending batches, the capacity bound, columns and roles, summaries, and
// the event type filter.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "dynadesk/attribute_json.h"
#include "models/stream_record_model.h"

using namespace dynadesk;
using namespace dynadesk::ui;

namespace {

Item item(const char* json) {
  auto r = itemFromJson(nlohmann::json::parse(json));
  if (!r) qFatal("bad test item: %s", r.status().message().c_str());
  return *r;
}

StreamRecordEntry record(StreamEventType type, int seq, const char* id, std::optional<Item> oldImage = {},
                         std::optional<Item> newImage = {}) {
  StreamRecordEntry e;
  e.type = type;
  e.sequenceNumber = std::to_string(seq);
  e.approximateCreationSeconds = 1'700'000'000 + seq;
  e.keys.emplace("pk", AttributeValue::string(id));
  e.keys.emplace("sk", AttributeValue::number(*Number::parse(std::to_string(seq))));
  e.oldImage = std::move(oldImage);
  e.newImage = std::move(newImage);
  return e;
}

}  // namespace

class TestStreamRecordModel : public QObject {
  Q_OBJECT
 private slots:
  void appendsColumnsAndSummaries() {
    StreamRecordModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setKeyAttributes({"sk", "pk"});  // the "sort" order given wins over name order
    QCOMPARE(model.columnCount(), int(StreamRecordModel::ColumnCount));
    model.appendRecords({record(StreamEventType::Insert, 1, "a", {}, item(R"({"pk":{"S":"a"},"x":{"N":"1"}})")),
                         record(StreamEventType::Modify, 2, "a", item(R"({"pk":{"S":"a"},"x":{"N":"1"},"m":{"M":{"k":{"S":"v"}}}})"),
                                item(R"({"pk":{"S":"a"},"x":{"N":"2"},"m":{"M":{"k":{"S":"w"}}},"y":{"BOOL":true}})"))});
    model.appendRecords({record(StreamEventType::Remove, 3, "a", item(R"({"pk":{"S":"a"},"x":{"N":"2"}})"))});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, StreamRecordModel::EventColumn).data().toString(), QString("INSERT"));
    QCOMPARE(model.index(1, StreamRecordModel::EventColumn).data().toString(), QString("MODIFY"));
    QCOMPARE(model.index(2, StreamRecordModel::EventColumn).data().toString(), QString("REMOVE"));
    QCOMPARE(model.index(1, 0).data(StreamRecordModel::EventTypeRole).toInt(), int(StreamEventType::Modify));
    QCOMPARE(model.index(2, 0).data(StreamRecordModel::SequenceNumberRole).toString(), QString("3"));
    QCOMPARE(model.index(0, StreamRecordModel::KeysColumn).data().toString(), QString("sk = 1, pk = a"));
    QCOMPARE(model.index(0, StreamRecordModel::ChangeColumn).data().toString(), QString("new item, 2 attributes"));
    QCOMPARE(model.index(1, StreamRecordModel::ChangeColumn).data().toString(),
             QString("changed m.k, x · added y"));
    QCOMPARE(model.index(2, StreamRecordModel::ChangeColumn).data().toString(), QString("item removed, 2 attributes"));
    QCOMPARE(model.index(0, StreamRecordModel::TimeColumn).data().toString(),
             QDateTime::fromSecsSinceEpoch(1'700'000'001, Qt::UTC).toLocalTime().toString("HH:mm:ss"));
    QCOMPARE(model.headerData(StreamRecordModel::ChangeColumn, Qt::Horizontal).toString(), QString("Change"));
  }

  void eventColoursFollowThePalette() {
    StreamRecordModel model;
    model.appendRecords({record(StreamEventType::Insert, 1, "a"), record(StreamEventType::Remove, 2, "a")});
    const QColor insert = model.index(0, StreamRecordModel::EventColumn).data(Qt::ForegroundRole).value<QColor>();
    const QColor remove = model.index(1, StreamRecordModel::EventColumn).data(Qt::ForegroundRole).value<QColor>();
    QVERIFY(insert.isValid() && remove.isValid());
    QVERIFY(insert != remove);
    QCOMPARE(model.index(0, 0).data(StreamRecordModel::EventColorRole).value<QColor>(), insert);
    // Lighter on a dark palette than on a light one.
    QPalette light(QColor(240, 240, 240));
    QPalette dark(QColor(40, 40, 40));
    for (auto t : {StreamEventType::Insert, StreamEventType::Modify, StreamEventType::Remove}) {
      QVERIFY(StreamRecordModel::eventColor(t, dark).lightness() > StreamRecordModel::eventColor(t, light).lightness());
    }
  }

  void keysOnlyAndOneImageViews() {
    QCOMPARE(StreamRecordModel::changeSummary(record(StreamEventType::Modify, 1, "a")), QString("modified (keys only)"));
    QCOMPARE(StreamRecordModel::changeSummary(record(StreamEventType::Insert, 1, "a")), QString("new item (keys only)"));
    QVERIFY(StreamRecordModel::changeSummary(record(StreamEventType::Modify, 1, "a", {}, item(R"({"a":{"S":"x"}})")))
                .startsWith("modified; now 1 attribute"));
    auto ttl = record(StreamEventType::Remove, 1, "a", item(R"({"a":{"S":"x"}})"));
    ttl.byTimeToLive = true;
    QCOMPARE(StreamRecordModel::changeSummary(ttl), QString("expired by Time to Live, 1 attribute"));
  }

  void boundedToCapacity() {
    StreamRecordModel model(10);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::vector<StreamRecordEntry> batch;
    for (int i = 1; i <= 7; ++i) batch.push_back(record(StreamEventType::Insert, i, "a"));
    model.appendRecords(batch);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    batch.clear();
    for (int i = 8; i <= 12; ++i) batch.push_back(record(StreamEventType::Insert, i, "a"));
    model.appendRecords(batch);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.recordAt(0).sequenceNumber, std::string("3"));  // the oldest went first
    QCOMPARE(model.recordAt(9).sequenceNumber, std::string("12"));
    // A batch larger than the capacity keeps its newest records.
    batch.clear();
    for (int i = 13; i <= 40; ++i) batch.push_back(record(StreamEventType::Insert, i, "a"));
    model.appendRecords(batch);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.recordAt(0).sequenceNumber, std::string("31"));
    QCOMPARE(model.recordAt(9).sequenceNumber, std::string("40"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.appendRecords({});
    QCOMPARE(model.rowCount(), 0);
  }

  void filterByEventType() {
    StreamRecordModel model;
    StreamEventFilter filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendRecords({record(StreamEventType::Insert, 1, "a"), record(StreamEventType::Modify, 2, "a"),
                         record(StreamEventType::Remove, 3, "a"), record(StreamEventType::Modify, 4, "b")});
    QCOMPARE(filter.rowCount(), 4);
    filter.setShown(StreamEventType::Modify, false);
    QVERIFY(!filter.shown(StreamEventType::Modify));
    QCOMPARE(filter.rowCount(), 2);
    QCOMPARE(filter.index(0, StreamRecordModel::EventColumn).data().toString(), QString("INSERT"));
    QCOMPARE(filter.index(1, StreamRecordModel::EventColumn).data().toString(), QString("REMOVE"));
    // New records of a hidden type stay hidden; shown types appear.
    model.appendRecords({record(StreamEventType::Modify, 5, "c"), record(StreamEventType::Insert, 6, "c")});
    QCOMPARE(filter.rowCount(), 3);
    filter.setShown(StreamEventType::Insert, false);
    filter.setShown(StreamEventType::Remove, false);
    QCOMPARE(filter.rowCount(), 0);
    filter.setShown(StreamEventType::Modify, true);
    QCOMPARE(filter.rowCount(), 3);
    for (int r = 0; r < 3; ++r) QCOMPARE(filter.index(r, 1).data().toString(), QString("MODIFY"));
  }
};

QTEST_MAIN(TestStreamRecordModel)
#include "test_stream_record_model.moc"
