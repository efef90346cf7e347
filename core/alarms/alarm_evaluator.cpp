#include "alarms/alarm_evaluator.h"

namespace dynadesk::alarms {

AlarmEvaluator::AlarmEvaluator(AlarmStore& store, std::chrono::milliseconds interval, TransitionsCallback onTransitions)
    : store_(store), interval_(interval), onTransitions_(std::move(onTransitions)) {
  thread_ = std::thread([this] { run(); });
}

AlarmEvaluator::~AlarmEvaluator() { stop(); }

void AlarmEvaluator::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void AlarmEvaluator::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      auto transitions = store_.evaluateDue(store_.clock().nowMillis());
      if (transitions.isOk()) {
        if (!transitions->empty() && onTransitions_) onTransitions_(*transitions);
      } else {
        failedPasses_.fetch_add(1, std::memory_order_relaxed);
      }
    } catch (const std::exception&) {
      // A callback that throws must not end evaluation for good.
      failedPasses_.fetch_add(1, std::memory_order_relaxed);
    }
    passes_.fetch_add(1, std::memory_order_relaxed);
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace dynadesk::alarms
