// EventHub on its own: delivery order, several subscribers, unsubscribe, and
// the bound on queued events (overflow becomes one ItemsResync per table).
#include <QtTest>

#include <latch>

#include "event_collector.h"
#include "events/event_hub.h"

using namespace dynadesk;
using dynadesk::test::EventCollector;

namespace {

ItemEvent itemEvent(const std::string& table, int n) {
  Item key;
  key.emplace("id", AttributeValue::number(Number::fromInt64(n)));
  return ItemEvent{table, ItemEventKind::Inserted, key, key};
}

int idOf(const ChangeEvent& e) {
  const auto& item = std::get<ItemEvent>(e);
  return std::stoi(item.key.find("id")->second.asNumber().toString());
}

}  // namespace

class TestEventHub : public QObject {
  Q_OBJECT
 private slots:
  void nothingIsWantedWithoutSubscribers() {
    events::EventHub hub;
    QVERIFY(!hub.wanted());
    EventCollector c;
    auto id = hub.subscribe(c.callback());
    QVERIFY(hub.wanted());
    hub.unsubscribe(id);
    QVERIFY(!hub.wanted());
  }

  void deliversInPublishOrderToEverySubscriber() {
    events::EventHub hub;
    EventCollector a, b;
    auto ida = hub.subscribe(a.callback());
    auto idb = hub.subscribe(b.callback());
    for (int i = 0; i < 1000; ++i) hub.publish(itemEvent("t", i));
    hub.publish(std::vector<ChangeEvent>{TableEvent{"t", TableEventKind::Deleted}});
    QVERIFY(a.waitForChanges(1001));
    QVERIFY(b.waitForChanges(1001));
    auto changes = a.changes();
    for (int i = 0; i < 1000; ++i) QCOMPARE(idOf(changes[i]), i);
    QCOMPARE(std::get<TableEvent>(changes[1000]).kind, TableEventKind::Deleted);
    hub.unsubscribe(ida);
    hub.unsubscribe(idb);
  }

  void unsubscribedCallbackIsNeverCalledAgain() {
    events::EventHub hub;
    EventCollector c;
    auto id = hub.subscribe(c.callback());
    hub.publish(itemEvent("t", 1));
    QVERIFY(c.waitForChanges(1));
    hub.unsubscribe(id);
    const std::size_t before = c.batches();
    EventCollector other;  // keeps the dispatcher busy delivering to someone
    auto otherId = hub.subscribe(other.callback());
    hub.publish(itemEvent("t", 2));
    QVERIFY(other.waitForChanges(1));
    QCOMPARE(c.batches(), before);
    hub.unsubscribe(otherId);
  }

  void overflowBecomesOneResyncAfterTheQueuedChanges() {
    events::EventHub hub;
    std::latch release(1);
    std::latch firstBatchStarted(1);
    EventCollector c;
    auto collect = c.callback();
    bool first = true;
    // The first delivery blocks, so everything published meanwhile queues up.
    auto id = hub.subscribe([&](const EngineEvents& batch) {
      if (first) {
        first = false;
        firstBatchStarted.count_down();
        release.wait();
      }
      collect(batch);
    });
    hub.publish(itemEvent("warmup", 0));
    firstBatchStarted.wait();
    const int total = static_cast<int>(EngineEvents::kMaxQueuedItemEvents) + 500;
    for (int i = 0; i < total; ++i) hub.publish(itemEvent("big", i));
    hub.publish(itemEvent("small", 7));  // after the bound: dropped, so "small" is resynced too
    release.count_down();

    QVERIFY(c.waitFor([](const auto& changes, const auto&) {
      int resyncs = 0;
      for (const auto& e : changes) {
        if (auto* t = std::get_if<TableEvent>(&e); t && t->kind == TableEventKind::ItemsResync) ++resyncs;
      }
      return resyncs == 2;
    }));
    auto changes = c.changes();
    // warmup + the bound's worth of "big" items, then the two resyncs.
    QCOMPARE(changes.size(), 1 + EngineEvents::kMaxQueuedItemEvents + 2);
    for (std::size_t i = 1; i <= EngineEvents::kMaxQueuedItemEvents; ++i) {
      QCOMPARE(idOf(changes[i]), static_cast<int>(i - 1));
    }
    hub.unsubscribe(id);
  }

  void callsAreReportedAndBounded() {
    events::EventHub hub;
    EventCollector c;
    auto id = hub.subscribe(c.callback());
    CallEvent call;
    call.operation = "GetItem";
    call.origin = CallOrigin::Http;
    hub.publishCall(call);
    QVERIFY(c.waitFor([](const auto&, const auto& calls) { return calls.size() == 1; }));
    QCOMPARE(c.calls()[0].operation, std::string("GetItem"));
    QCOMPARE(c.calls()[0].origin, CallOrigin::Http);
    hub.unsubscribe(id);
  }

  void subscriptionHandleUnsubscribesAndOutlivesTheHub() {
    EventCollector c;
    EventSubscription sub;
    {
      auto hub = std::make_shared<events::EventHub>();
      sub = EventSubscription(hub, hub->subscribe(c.callback()));
      QVERIFY(hub->wanted());
      hub->publish(itemEvent("t", 1));
      QVERIFY(c.waitForChanges(1));
    }
    QVERIFY(sub.active());  // it holds the hub alive
    sub.reset();
    QVERIFY(!sub.active());
  }
};

QTEST_GUILESS_MAIN(TestEventHub)
#include "test_event_hub.moc"
