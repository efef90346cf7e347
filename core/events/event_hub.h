// EventHub: the engine's publish/subscribe point for EngineEvents (see
// dynadesk/engine_events.h for what subscribers are promised).
//
// Writers publish after their LMDB transaction has committed. Publishing takes
// one short lock to append to a queue and wakes the dispatcher thread; it
// never waits for a subscriber. Callers should test wanted() first and skip
// building events nobody listens to, so an engine without subscribers (a
// headless dynadesk-server) pays one atomic load per write.
//
// The queue is bounded (EngineEvents::kMaxQueuedItemEvents item events,
// kMaxQueuedCallEvents call events). Beyond it, a table's further item events
// are dropped and one ItemsResync for that table is delivered after its queued
// changes; further calls are only counted (droppedCalls).
//
// Thread-safety: every member may be called from any thread, except that
// unsubscribe() must not be called from inside a callback (it waits for the
// delivery in progress). The dispatcher thread starts with the first
// subscription and stops in the destructor.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "dynadesk/engine_events.h"

namespace dynadesk::events {

class EventHub {
 public:
  EventHub() = default;
  ~EventHub();
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  // True while at least one subscriber exists.
  bool wanted() const noexcept { return subscriberCount_.load(std::memory_order_acquire) > 0; }

  // Queue committed changes, in commit order.
  void publish(std::vector<ChangeEvent> changes);
  void publish(ChangeEvent change);
  void publishCall(CallEvent call);
  // The metrics completed the second starting at `secondMillis`.
  void publishMetricTick(std::int64_t secondMillis);
  void publishThrottle(ThrottleEvent throttle);
  void publishAlarm(AlarmEvent alarm);

  // Returns the subscription's id (never 0).
  std::uint64_t subscribe(EngineEventCallback callback);
  // Removes a subscriber and waits for a delivery to it in progress to end.
  void unsubscribe(std::uint64_t id);

 private:
  void run();
  void appendLocked(ChangeEvent&& change);

  struct Subscriber {
    std::uint64_t id;
    std::shared_ptr<EngineEventCallback> callback;
  };

  std::atomic<int> subscriberCount_{0};

  std::mutex queueMu_;                 // guards the queue state below
  std::condition_variable queueCv_;
  EngineEvents pending_;
  std::size_t pendingItems_ = 0;
  std::set<std::string> overflowed_;   // tables whose item events are being dropped
  bool stopping_ = false;

  std::mutex subscribersMu_;           // guards subscribers_ and nextId_
  std::vector<Subscriber> subscribers_;
  std::uint64_t nextId_ = 1;

  std::mutex deliveryMu_;              // held while callbacks run
  std::thread dispatcher_;
  std::once_flag started_;
};

}  // namespace dynadesk::events
