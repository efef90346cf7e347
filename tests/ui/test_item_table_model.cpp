// ItemTableModel under QAbstractItemModelTester: paging through fetchMore,
// stale pages dropped, columns discovered, live events applied and marked.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "models/item_table_model.h"

using namespace dynadesk;
using namespace dynadesk::ui;

namespace {

Item item(const std::string& pk, std::initializer_list<std::pair<std::string, AttributeValue>> extra = {}) {
  Item i;
  i.emplace("pk", AttributeValue::string(pk));
  for (const auto& [k, v] : extra) i.emplace(k, v);
  return i;
}

AttributeValue num(std::int64_t n) { return AttributeValue::number(Number::fromInt64(n)); }

}  // namespace

class TestItemTableModel : public QObject {
  Q_OBJECT
 private slots:
  void pagesArriveThroughFetchMore() {
    ItemTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy requests(&model, &ItemTableModel::pageRequested);
    QVERIFY(!model.canFetchMore({}));  // nothing open
    model.reset("Music", {"pk"});
    // The tester itself calls fetchMore() after every change, as a view would.
    if (model.canFetchMore({})) model.fetchMore({});
    QCOMPARE(requests.count(), 1);
    QVERIFY(model.loading());
    QVERIFY(!model.canFetchMore({}));  // one request at a time
    const auto gen = model.generation();

    ItemPage first;
    first.items = {item("a", {{"n", num(1)}}), item("b", {{"s", AttributeValue::string("x")}})};
    first.lastEvaluatedKey = item("b");
    model.appendPage(gen, first);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QString("pk"));
    QCOMPARE(model.headerData(0, Qt::Horizontal, ItemTableModel::KeyColumnRole).toString(), QString("HASH"));
    QCOMPARE(model.data(model.index(0, 1)).toString(), QString("1"));
    QCOMPARE(model.data(model.index(0, 1), ItemTableModel::TypeCodeRole).toString(), QString("N"));
    QVERIFY(!model.data(model.index(1, 1)).isValid());  // "b" has no n
    if (model.canFetchMore({})) model.fetchMore({});
    QCOMPARE(requests.count(), 2);
    QCOMPARE(requests.at(1).at(1).value<std::optional<Item>>()->find("pk")->second.asString(), std::string("b"));
    ItemPage last;
    last.items = {item("c")};
    model.appendPage(gen, last);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.exhausted());
    QVERIFY(!model.canFetchMore({}));
  }

  void stalePagesAreDropped() {
    ItemTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reset("A", {"pk"});
    model.fetchMore({});
    const auto old = model.generation();
    model.reset("B", {"pk"});
    ItemPage page;
    page.items = {item("from-A")};
    model.appendPage(old, page);
    QCOMPARE(model.rowCount(), 0);
  }

  void failureStopsPagingUntilRetry() {
    ItemTableModel model;
    QSignalSpy failed(&model, &ItemTableModel::loadFailed);
    QSignalSpy requests(&model, &ItemTableModel::pageRequested);
    model.reset("A", {"pk"});
    model.fetchMore({});
    model.pageFailed(model.generation(), "Requested resource not found");
    QCOMPARE(failed.count(), 1);
    QVERIFY(!model.canFetchMore({}));
    model.retryFetch();
    QCOMPARE(requests.count(), 2);
  }

  void liveEventsUpdateInsertAndRemove() {
    ItemTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.reset("Music", {"pk", "sk"});
    model.fetchMore({});
    ItemPage page;
    page.items = {item("a", {{"sk", num(1)}}), item("b", {{"sk", num(1)}}), item("c", {{"sk", num(1)}})};
    model.appendPage(model.generation(), page);
    QCOMPARE(model.columnCount(), 2);

    std::vector<ItemEvent> events;
    Item changed = item("b", {{"sk", num(1)}, {"plays", num(42)}});
    events.push_back({"Music", ItemEventKind::Modified, model.keyOf(changed), changed});
    Item fresh = item("z", {{"sk", num(9)}});
    events.push_back({"Music", ItemEventKind::Inserted, model.keyOf(fresh), fresh});
    Item gone = item("a", {{"sk", num(1)}});
    events.push_back({"Music", ItemEventKind::Removed, model.keyOf(gone), std::nullopt});
    Item otherTable = item("q", {{"sk", num(1)}});
    events.push_back({"Other", ItemEventKind::Inserted, model.keyOf(otherTable), otherTable});
    model.applyItemEvents(events);

    QCOMPARE(model.rowCount(), 3);  // b, c, z
    QCOMPARE(model.columnCount(), 3);  // plays discovered
    QCOMPARE(model.rowOfKey(model.keyOf(changed)), 0);
    QCOMPARE(model.data(model.index(0, 2)).toString(), QString("42"));
    QVERIFY(model.data(model.index(0, 0), ItemTableModel::RecentlyChangedRole).toBool());
    QVERIFY(!model.data(model.index(1, 0), ItemTableModel::RecentlyChangedRole).toBool());
    QCOMPARE(model.rowOfKey(model.keyOf(fresh)), 2);
    QCOMPARE(model.rowOfKey(model.keyOf(gone)), -1);
    // The mark fades on its own.
    QTRY_VERIFY_WITH_TIMEOUT(!model.data(model.index(0, 0), ItemTableModel::RecentlyChangedRole).toBool(), 5000);
  }

  void aPageNeverDuplicatesAnItemThatArrivedLive() {
    ItemTableModel model;
    model.reset("Music", {"pk"});
    model.fetchMore({});
    Item early = item("k", {{"v", num(2)}});
    model.applyItemEvents({{"Music", ItemEventKind::Inserted, model.keyOf(early), early}});
    ItemPage page;
    page.items = {item("j"), item("k", {{"v", num(1)}})};
    model.appendPage(model.generation(), page);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(model.rowOfKey(model.keyOf(early)), 1)).toString(), QString("2"));
  }
};

QTEST_MAIN(TestItemTableModel)
#include "test_item_table_model.moc"
