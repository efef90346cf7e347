// Engine events: what happened inside an Engine, published to subscribers so
// the workbench is driven by events instead of polling (DESIGN.md decision 6).
//
// Kinds of event:
//   - TableEvent: a table was created, updated or deleted, an index of it is
//     being built (IndexProgress) — or its items
//     changed faster than they could be reported one by one (ItemsResync, see
//     below), so a subscriber showing that table should reload it.
//   - ItemEvent: one item was inserted, modified or removed, with its key and
//     (unless removed) its new image. Only committed writes are reported.
//   - CallEvent: one Engine::call finished — operation, origin, outcome and
//     duration — the traffic the workbench shows live.
//   - Metric ticks (metricTickMillis), throttled requests (ThrottleEvent) and
//     alarm state changes (AlarmEvent), for the capacity charts and alarms.
//
// Delivery: publishing never blocks a writer for more than a short, bounded
// critical section; a dedicated dispatcher thread delivers events in batches,
// in commit order, to each subscriber's callback. When more events are waiting
// than the engine keeps (EngineEvents::kMaxQueuedItemEvents), further item
// events of a table are dropped and replaced by one ItemsResync table event,
// so a slow subscriber costs memory only up to that bound.
//
// Thread-safety: callbacks run on the dispatcher thread, one batch at a time,
// never concurrently with each other. A callback must return quickly (queue
// the batch or post it to another thread) and must not call Engine::call or
// unsubscribe synchronously. Events are not persisted: a subscriber sees only
// what happens while it is subscribed.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dynadesk/attribute_value.h"

namespace dynadesk {

// IndexProgress: a global secondary index being built (backfilled) read more
// of its table; `index`, `itemsDone` and `itemsTotal` say which and how far
// (itemsTotal is the table's item count when the build started, so itemsDone
// may pass it when items are added meanwhile).
enum class TableEventKind { Created, Updated, Deleted, ItemsResync, IndexProgress };

struct TableEvent {
  std::string table;
  TableEventKind kind = TableEventKind::Updated;
  std::string index;  // IndexProgress only
  std::uint64_t itemsDone = 0;
  std::uint64_t itemsTotal = 0;
};

enum class ItemEventKind { Inserted, Modified, Removed };

struct ItemEvent {
  std::string table;
  ItemEventKind kind = ItemEventKind::Modified;
  Item key;                      // the key attributes of the item
  std::optional<Item> newImage;  // the whole item after the write; absent when removed
};

// Where a call came from, so the workbench can tell its own traffic from a
// user's program talking to the endpoint.
enum class CallOrigin { InProcess, Http };

struct CallEvent {
  std::string operation;         // e.g. "PutItem"
  CallOrigin origin = CallOrigin::InProcess;
  std::string errorType;         // empty on success, else DynamoDB's error type name
  std::int64_t startedAtMillis = 0;  // engine clock
  std::chrono::microseconds duration{0};
};

// A request refused by provisioned throughput (ProvisionedThroughputExceeded).
struct ThrottleEvent {
  std::string table;
  std::string index;       // the global secondary index whose capacity ran out; empty: the table
  bool read = false;       // a read (else a write)
  bool partition = false;  // one partition's limit, while the table had capacity left
  std::int64_t atMillis = 0;  // engine clock
};

// A CloudWatch-style alarm changed state ("OK", "ALARM", "INSUFFICIENT_DATA").
struct AlarmEvent {
  std::string alarmName;
  std::string oldState;
  std::string newState;
  std::string reason;
  std::int64_t atMillis = 0;         // engine clock
  bool actionsEnabled = true;
  std::vector<std::string> actions;  // the ARNs of the new state's actions
};

using ChangeEvent = std::variant<TableEvent, ItemEvent>;

// One delivery: the changes in commit order, and the calls in the order they
// finished. An ItemsResync for a table comes after every change of that table
// it replaces.
struct EngineEvents {
  static constexpr std::size_t kMaxQueuedItemEvents = 100'000;
  static constexpr std::size_t kMaxQueuedCallEvents = 100'000;
  static constexpr std::size_t kMaxQueuedThrottleEvents = 10'000;

  std::vector<ChangeEvent> changes;
  std::vector<CallEvent> calls;
  std::size_t droppedCalls = 0;  // calls not reported because too many were waiting
  // Metric tick: the latest second (engine clock, millis) the metrics have
  // completed since the last delivery; 0 when none. At most about one a second:
  // charts read the metrics anew when it moves.
  std::int64_t metricTickMillis = 0;
  std::vector<ThrottleEvent> throttles;
  std::size_t droppedThrottles = 0;  // throttles beyond kMaxQueuedThrottleEvents, only counted
  std::vector<AlarmEvent> alarms;    // in the order the alarms changed
};

using EngineEventCallback = std::function<void(const EngineEvents&)>;

namespace events {
class EventHub;
}

// A live subscription (from Engine::subscribe). Destroying or reset()ting it
// unsubscribes: when that returns, the callback is not running and will not be
// called again. Must not be destroyed from inside its own callback. May outlive
// the Engine (it then simply receives nothing more). Move-only.
class EventSubscription {
 public:
  EventSubscription() = default;
  EventSubscription(std::shared_ptr<events::EventHub> hub, std::uint64_t id);
  EventSubscription(EventSubscription&& other) noexcept;
  EventSubscription& operator=(EventSubscription&& other) noexcept;
  EventSubscription(const EventSubscription&) = delete;
  EventSubscription& operator=(const EventSubscription&) = delete;
  ~EventSubscription();

  void reset();
  bool active() const { return hub_ != nullptr; }

 private:
  std::shared_ptr<events::EventHub> hub_;
  std::uint64_t id_ = 0;
};

}  // namespace dynadesk
