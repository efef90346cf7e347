// Test helper: a subscriber callback that stores every batch and lets the test
// wait (with a deadline, never a sleep) until a condition over them holds.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

#include "dynadesk/engine_events.h"

namespace dynadesk::test {

class EventCollector {
 public:
  EngineEventCallback callback() {
    return [this](const EngineEvents& batch) {
      std::lock_guard lock(mu_);
      for (const auto& c : batch.changes) changes_.push_back(c);
      for (const auto& c : batch.calls) calls_.push_back(c);
      dropped_ += batch.droppedCalls;
      ++batches_;
      cv_.notify_all();
    };
  }

  // Waits up to 10 s for pred(changes, calls) to hold; returns whether it did.
  bool waitFor(const std::function<bool(const std::vector<ChangeEvent>&, const std::vector<CallEvent>&)>& pred) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(10), [&] { return pred(changes_, calls_); });
  }
  bool waitForChanges(std::size_t n) {
    return waitFor([n](const auto& changes, const auto&) { return changes.size() >= n; });
  }

  std::vector<ChangeEvent> changes() {
    std::lock_guard lock(mu_);
    return changes_;
  }
  std::vector<CallEvent> calls() {
    std::lock_guard lock(mu_);
    return calls_;
  }
  std::size_t batches() {
    std::lock_guard lock(mu_);
    return batches_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<ChangeEvent> changes_;
  std::vector<CallEvent> calls_;
  std::size_t dropped_ = 0;
  std::size_t batches_ = 0;
};

}  // namespace dynadesk::test
