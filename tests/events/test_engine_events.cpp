// Engine events through the front door: every kind of committed write and
// table change is announced once, in commit order, with the new image; failed
// writes announce nothing; calls are reported with their origin and outcome.
#include <QtTest>

#include <thread>

#include "event_collector.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::test;

namespace {

Json createTableRequest(const std::string& name) {
  return Json{{"TableName", name},
              {"KeySchema", Json::array({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}})},
              {"AttributeDefinitions", Json::array({{{"AttributeName", "pk"}, {"AttributeType", "S"}}})},
              {"BillingMode", "PAY_PER_REQUEST"}};
}

const ItemEvent& itemAt(const std::vector<ChangeEvent>& changes, std::size_t i) {
  return std::get<ItemEvent>(changes.at(i));
}

std::string pkOf(const ItemEvent& e) { return e.key.find("pk")->second.asString(); }

bool twoUpdates(const std::vector<ChangeEvent>& changes, const std::vector<CallEvent>&) {
  int updated = 0;
  for (const auto& e : changes) {
    const TableEvent* t = std::get_if<TableEvent>(&e);
    if (t != nullptr && t->kind == TableEventKind::Updated) ++updated;
  }
  return updated >= 2;
}

std::vector<TableEvent> progressEvents(const std::vector<ChangeEvent>& changes) {
  std::vector<TableEvent> out;
  for (const auto& e : changes) {
    const TableEvent* t = std::get_if<TableEvent>(&e);
    if (t != nullptr && t->kind == TableEventKind::IndexProgress) out.push_back(*t);
  }
  return out;
}

}  // namespace

class TestEngineEvents : public QObject {
  Q_OBJECT
 private slots:
  void tableLifecycleIsAnnounced() {
    TempEngine t;
    EventCollector c;
    auto sub = t.engine().subscribe(c.callback());
    QVERIFY(t.errorType(t.call("CreateTable", createTableRequest("Music"))).empty());
    QVERIFY(t.errorType(t.call("UpdateTable", {{"TableName", "Music"}, {"DeletionProtectionEnabled", false}})).empty());
    QVERIFY(t.errorType(t.call("DeleteTable", {{"TableName", "Music"}})).empty());
    QVERIFY(c.waitForChanges(3));
    auto changes = c.changes();
    QCOMPARE(changes.size(), std::size_t(3));
    QCOMPARE(std::get<TableEvent>(changes[0]).kind, TableEventKind::Created);
    QCOMPARE(std::get<TableEvent>(changes[1]).kind, TableEventKind::Updated);
    QCOMPARE(std::get<TableEvent>(changes[2]).kind, TableEventKind::Deleted);
    QCOMPARE(std::get<TableEvent>(changes[2]).table, std::string("Music"));
  }

  // A global index added by UpdateTable reports its backfill as IndexProgress
  // events (items read so far, of the table's count when it started), then an
  // Updated event once it is ACTIVE.
  void indexBackfillReportsProgress() {
    TempEngine t;
    t.call("CreateTable", createTableRequest("Music"));
    for (int chunk = 0; chunk < 24; ++chunk) {
      Json batch = Json::array();
      for (int i = 0; i < 25; ++i) {
        const std::string n = std::to_string(chunk * 25 + i);
        batch.push_back({{"PutRequest", {{"Item", {{"pk", S("p" + n)}, {"g", S("g" + std::to_string(i % 3))}}}}}});
      }
      QVERIFY(t.errorType(t.call("BatchWriteItem", {{"RequestItems", {{"Music", batch}}}})).empty());
    }
    EventCollector c;
    auto sub = t.engine().subscribe(c.callback());
    Json create{{"Create",
                 {{"IndexName", "ByG"},
                  {"KeySchema", Json::array({{{"AttributeName", "g"}, {"KeyType", "HASH"}}})},
                  {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}};
    QVERIFY(t.errorType(t.call("UpdateTable",
                               {{"TableName", "Music"},
                                {"AttributeDefinitions", Json::array({{{"AttributeName", "g"}, {"AttributeType", "S"}}})},
                                {"GlobalSecondaryIndexUpdates", Json::array({create})}}))
                .empty());
    // Updated (the call), progress in chunks of 256 items, Updated (ACTIVE).
    QVERIFY(c.waitFor(twoUpdates));
    const std::vector<TableEvent> progress = progressEvents(c.changes());
    QCOMPARE(progress.size(), std::size_t(3));
    QCOMPARE(progress[0].index, std::string("ByG"));
    QCOMPARE(progress[0].itemsTotal, std::uint64_t(600));
    QCOMPARE(progress[0].itemsDone, std::uint64_t(256));
    QCOMPARE(progress[1].itemsDone, std::uint64_t(512));
    QCOMPARE(progress[2].itemsDone, std::uint64_t(600));
    auto described = t.call("DescribeTable", {{"TableName", "Music"}});
    QCOMPARE(described["Table"]["GlobalSecondaryIndexes"][0]["IndexStatus"], Json("ACTIVE"));
  }

  void itemWritesCarryKindKeyAndNewImage() {
    TempEngine t;
    t.call("CreateTable", createTableRequest("Music"));
    EventCollector c;
    auto sub = t.engine().subscribe(c.callback());
    t.call("PutItem", {{"TableName", "Music"}, {"Item", {{"pk", S("a")}, {"v", N("1")}}}});
    t.call("PutItem", {{"TableName", "Music"}, {"Item", {{"pk", S("a")}, {"v", N("2")}}}});
    t.call("UpdateItem", {{"TableName", "Music"},
                          {"Key", {{"pk", S("b")}}},
                          {"UpdateExpression", "SET w = :w"},
                          {"ExpressionAttributeValues", {{":w", S("new")}}}});
    t.call("DeleteItem", {{"TableName", "Music"}, {"Key", {{"pk", S("a")}}}});
    t.call("DeleteItem", {{"TableName", "Music"}, {"Key", {{"pk", S("missing")}}}});  // nothing removed
    Json batch = Json::array();
    batch.push_back({{"PutRequest", {{"Item", {{"pk", S("c")}}}}}});
    batch.push_back({{"DeleteRequest", {{"Key", {{"pk", S("b")}}}}}});
    batch.push_back({{"DeleteRequest", {{"Key", {{"pk", S("nope")}}}}}});
    QVERIFY(t.errorType(t.call("BatchWriteItem", {{"RequestItems", {{"Music", batch}}}})).empty());

    QVERIFY(c.waitForChanges(6));
    auto changes = c.changes();
    QCOMPARE(changes.size(), std::size_t(6));
    QCOMPARE(itemAt(changes, 0).kind, ItemEventKind::Inserted);
    QCOMPARE(itemAt(changes, 0).table, std::string("Music"));
    QCOMPARE(itemAt(changes, 0).newImage->find("v")->second.asNumber().toString(), std::string("1"));
    QCOMPARE(itemAt(changes, 1).kind, ItemEventKind::Modified);
    QCOMPARE(itemAt(changes, 1).newImage->find("v")->second.asNumber().toString(), std::string("2"));
    QCOMPARE(itemAt(changes, 2).kind, ItemEventKind::Inserted);  // UpdateItem created "b"
    QCOMPARE(itemAt(changes, 2).newImage->find("w")->second.asString(), std::string("new"));
    QCOMPARE(itemAt(changes, 3).kind, ItemEventKind::Removed);
    QCOMPARE(pkOf(itemAt(changes, 3)), std::string("a"));
    QVERIFY(!itemAt(changes, 3).newImage.has_value());
    QCOMPARE(itemAt(changes, 4).kind, ItemEventKind::Inserted);
    QCOMPARE(pkOf(itemAt(changes, 4)), std::string("c"));
    QCOMPARE(itemAt(changes, 5).kind, ItemEventKind::Removed);
    QCOMPARE(pkOf(itemAt(changes, 5)), std::string("b"));
    // Keys hold only the key attributes.
    QCOMPARE(itemAt(changes, 1).key.size(), std::size_t(1));
  }

  void failedWritesAnnounceNothing() {
    TempEngine t;
    t.call("CreateTable", createTableRequest("Music"));
    t.call("PutItem", {{"TableName", "Music"}, {"Item", {{"pk", S("a")}}}});
    EventCollector c;
    auto sub = t.engine().subscribe(c.callback());
    Json failed = t.call("PutItem", {{"TableName", "Music"},
                                     {"Item", {{"pk", S("a")}, {"v", N("9")}}},
                                     {"ConditionExpression", "attribute_not_exists(pk)"}});
    QCOMPARE(TempEngine::errorType(failed), std::string("ConditionalCheckFailedException"));
    t.call("PutItem", {{"TableName", "Music"}, {"Item", {{"pk", S("marker")}}}});
    QVERIFY(c.waitForChanges(1));
    auto changes = c.changes();
    QCOMPARE(changes.size(), std::size_t(1));
    QCOMPARE(pkOf(itemAt(changes, 0)), std::string("marker"));
  }

  // Writers race on one counter; the announced images must count up one by
  // one, which holds only if events are published in commit order.
  void concurrentWritesAreAnnouncedInCommitOrder() {
    TempEngine t;
    t.call("CreateTable", createTableRequest("Counters"));
    EventCollector c;
    auto sub = t.engine().subscribe(c.callback());
    constexpr int kThreads = 8, kPerThread = 50;
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
      threads.emplace_back([&] {
        for (int j = 0; j < kPerThread; ++j) {
          t.engine().call("UpdateItem", Json{{"TableName", "Counters"},
                                             {"Key", {{"pk", S("n")}}},
                                             {"UpdateExpression", "ADD v :one"},
                                             {"ExpressionAttributeValues", {{":one", N("1")}}}});
        }
      });
    }
    for (auto& th : threads) th.join();
    QVERIFY(c.waitForChanges(kThreads * kPerThread));
    auto changes = c.changes();
    for (int i = 0; i < kThreads * kPerThread; ++i) {
      QCOMPARE(itemAt(changes, i).newImage->find("v")->second.asNumber().toString(), std::to_string(i + 1));
    }
  }

  void callsAreReportedWithOriginAndOutcome() {
    TempEngine t;
    EventCollector c;
    auto sub = t.engine().subscribe(c.callback());
    t.engine().call("ListTables", std::string_view("{}"), CallOrigin::Http);
    t.engine().call("DescribeTable", Json{{"TableName", "Nope"}});
    t.engine().call("NoSuchOperation", std::string_view("{}"), CallOrigin::Http);
    QVERIFY(c.waitFor([](const auto&, const auto& calls) { return calls.size() == 3; }));
    auto calls = c.calls();
    QCOMPARE(calls[0].operation, std::string("ListTables"));
    QCOMPARE(calls[0].origin, CallOrigin::Http);
    QVERIFY(calls[0].errorType.empty());
    QCOMPARE(calls[0].startedAtMillis, t.clock().nowMillis());
    QCOMPARE(calls[1].origin, CallOrigin::InProcess);
    QCOMPARE(calls[1].errorType, std::string("ResourceNotFoundException"));
    QCOMPARE(calls[2].errorType, std::string("UnknownOperationException"));
  }

  void withoutSubscribersNothingIsQueued() {
    TempEngine t;
    t.call("CreateTable", createTableRequest("Music"));
    for (int i = 0; i < 10; ++i) t.call("PutItem", {{"TableName", "Music"}, {"Item", {{"pk", S(std::to_string(i))}}}});
    // A subscriber arriving later sees only what happens from then on.
    EventCollector c;
    auto sub = t.engine().subscribe(c.callback());
    t.call("PutItem", {{"TableName", "Music"}, {"Item", {{"pk", S("late")}}}});
    QVERIFY(c.waitForChanges(1));
    QCOMPARE(c.changes().size(), std::size_t(1));
    QCOMPARE(pkOf(itemAt(c.changes(), 0)), std::string("late"));
  }
};

QTEST_GUILESS_MAIN(TestEngineEvents)
#include "test_engine_events.moc"
