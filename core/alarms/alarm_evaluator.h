// AlarmEvaluator: the thread that keeps alarms evaluated.
//
// Every `interval` of real time (one second by default) it calls
// store.evaluateDue(store.clock().nowMillis()). Each alarm is evaluated once
// per period of engine time (alarm_store.h), so ticking every second of real
// time follows a clock that is moved by hand (tests, the GUI's "advance
// time") without ever replaying the periods a jump skipped. Transitions are
// handed to `onTransitions` (if given) on the evaluator's thread, after they
// are committed and their actions queued; the engine publishes them as events.
// A pass that fails (storage) is counted and retried on the next tick.
//
// Tests do not need the thread: call AlarmStore::evaluateDue with a ManualClock.
//
// Thread-safety: stop() may be called from any thread but the callback's.
// Lifetime: owns nothing but its thread; the store must outlive it. The
// destructor stops the thread (waiting for a pass in progress).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "alarms/alarm_store.h"
#include "alarms/alarm_transition.h"

namespace dynadesk::alarms {

class AlarmEvaluator {
 public:
  using TransitionsCallback = std::function<void(const std::vector<AlarmTransition>&)>;

  explicit AlarmEvaluator(AlarmStore& store, std::chrono::milliseconds interval = std::chrono::seconds(1),
                          TransitionsCallback onTransitions = {});
  ~AlarmEvaluator();
  AlarmEvaluator(const AlarmEvaluator&) = delete;
  AlarmEvaluator& operator=(const AlarmEvaluator&) = delete;

  // Stops the thread and waits for it; idempotent.
  void stop();

  std::uint64_t passes() const { return passes_.load(std::memory_order_relaxed); }
  std::uint64_t failedPasses() const { return failedPasses_.load(std::memory_order_relaxed); }

 private:
  void run();

  AlarmStore& store_;
  const std::chrono::milliseconds interval_;
  const TransitionsCallback onTransitions_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<std::uint64_t> passes_{0};
  std::atomic<std::uint64_t> failedPasses_{0};
  std::thread thread_;
};

}  // namespace dynadesk::alarms
