#include "events/event_hub.h"

#include <algorithm>

namespace dynadesk::events {

EventHub::~EventHub() {
  {
    std::lock_guard lock(queueMu_);
    stopping_ = true;
  }
  queueCv_.notify_all();
  if (dispatcher_.joinable()) dispatcher_.join();
}

void EventHub::appendLocked(ChangeEvent&& change) {
  if (auto* item = std::get_if<ItemEvent>(&change)) {
    if (overflowed_.count(item->table)) return;  // covered by the ItemsResync to come
    if (pendingItems_ >= EngineEvents::kMaxQueuedItemEvents) {
      overflowed_.insert(item->table);
      return;
    }
    ++pendingItems_;
  } else if (auto* table = std::get_if<TableEvent>(&change)) {
    // A table that is deleted or created anew needs no resync of what came
    // before; the subscriber reloads on the table event itself.
    if (table->kind == TableEventKind::Deleted || table->kind == TableEventKind::Created) {
      overflowed_.erase(table->table);
    }
  }
  pending_.changes.push_back(std::move(change));
}

void EventHub::publish(std::vector<ChangeEvent> changes) {
  if (changes.empty()) return;
  {
    std::lock_guard lock(queueMu_);
    for (auto& c : changes) appendLocked(std::move(c));
  }
  queueCv_.notify_one();
}

void EventHub::publish(ChangeEvent change) {
  {
    std::lock_guard lock(queueMu_);
    appendLocked(std::move(change));
  }
  queueCv_.notify_one();
}

void EventHub::publishCall(CallEvent call) {
  {
    std::lock_guard lock(queueMu_);
    if (pending_.calls.size() >= EngineEvents::kMaxQueuedCallEvents) {
      ++pending_.droppedCalls;
    } else {
      pending_.calls.push_back(std::move(call));
    }
  }
  queueCv_.notify_one();
}

void EventHub::publishMetricTick(std::int64_t secondMillis) {
  {
    std::lock_guard lock(queueMu_);
    pending_.metricTickMillis = std::max(pending_.metricTickMillis, secondMillis);
  }
  queueCv_.notify_one();
}

void EventHub::publishThrottle(ThrottleEvent throttle) {
  {
    std::lock_guard lock(queueMu_);
    if (pending_.throttles.size() >= EngineEvents::kMaxQueuedThrottleEvents) {
      ++pending_.droppedThrottles;
    } else {
      pending_.throttles.push_back(std::move(throttle));
    }
  }
  queueCv_.notify_one();
}

void EventHub::publishAlarm(AlarmEvent alarm) {
  {
    std::lock_guard lock(queueMu_);
    pending_.alarms.push_back(std::move(alarm));  // few: alarms change state at most once a period
  }
  queueCv_.notify_one();
}

std::uint64_t EventHub::subscribe(EngineEventCallback callback) {
  std::call_once(started_, [this] { dispatcher_ = std::thread([this] { run(); }); });
  std::lock_guard lock(subscribersMu_);
  const std::uint64_t id = nextId_++;
  subscribers_.push_back({id, std::make_shared<EngineEventCallback>(std::move(callback))});
  subscriberCount_.fetch_add(1, std::memory_order_release);
  return id;
}

void EventHub::unsubscribe(std::uint64_t id) {
  {
    std::lock_guard lock(subscribersMu_);
    for (auto it = subscribers_.begin(); it != subscribers_.end(); ++it) {
      if (it->id == id) {
        subscribers_.erase(it);
        subscriberCount_.fetch_sub(1, std::memory_order_release);
        break;
      }
    }
  }
  // The dispatcher may hold a copy of the list taken before the removal; once
  // it finishes the current delivery it will not call this subscriber again.
  std::lock_guard wait(deliveryMu_);
}

void EventHub::run() {
  for (;;) {
    EngineEvents batch;
    {
      std::unique_lock lock(queueMu_);
      queueCv_.wait(lock, [&] {
        return stopping_ || !pending_.changes.empty() || !pending_.calls.empty() || pending_.droppedCalls > 0 ||
               !overflowed_.empty() || pending_.metricTickMillis != 0 || !pending_.throttles.empty() ||
               pending_.droppedThrottles > 0 || !pending_.alarms.empty();
      });
      if (stopping_) return;
      batch = std::move(pending_);
      pending_ = EngineEvents{};
      pendingItems_ = 0;
      for (const auto& table : overflowed_) batch.changes.push_back(TableEvent{table, TableEventKind::ItemsResync});
      overflowed_.clear();
    }
    std::lock_guard delivering(deliveryMu_);
    std::vector<std::shared_ptr<EngineEventCallback>> callbacks;
    {
      std::lock_guard lock(subscribersMu_);
      for (const auto& s : subscribers_) callbacks.push_back(s.callback);
    }
    for (const auto& callback : callbacks) {
      try {
        (*callback)(batch);
      } catch (...) {
        // A subscriber's bug must not stop delivery to the others.
      }
    }
  }
}

}  // namespace dynadesk::events

namespace dynadesk {

EventSubscription::EventSubscription(std::shared_ptr<events::EventHub> hub, std::uint64_t id)
    : hub_(std::move(hub)), id_(id) {}

EventSubscription::EventSubscription(EventSubscription&& other) noexcept
    : hub_(std::move(other.hub_)), id_(std::exchange(other.id_, 0)) {}

EventSubscription& EventSubscription::operator=(EventSubscription&& other) noexcept {
  if (this != &other) {
    reset();
    hub_ = std::move(other.hub_);
    id_ = std::exchange(other.id_, 0);
  }
  return *this;
}

EventSubscription::~EventSubscription() { reset(); }

void EventSubscription::reset() {
  if (hub_) hub_->unsubscribe(id_);
  hub_.reset();
  id_ = 0;
}

}  // namespace dynadesk
