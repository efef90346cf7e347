// The one clock the engine reads (creation times, and later TTL, metrics,
// alarms, stream retention and idempotency windows), so tests and the GUI's
// "advance time" control it.
//
// Thread-safety: implementations must be safe to call from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

namespace dynadesk {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch.
  virtual std::int64_t nowMillis() const = 0;
};

// Wall-clock time.
class SystemClock final : public Clock {
 public:
  std::int64_t nowMillis() const override;
};

// A clock that moves only when told to; starts at the given time.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t startMillis) : now_(startMillis) {}
  std::int64_t nowMillis() const override { return now_.load(std::memory_order_relaxed); }
  void advanceMillis(std::int64_t delta) { now_.fetch_add(delta, std::memory_order_relaxed); }
  void setMillis(std::int64_t t) { now_.store(t, std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace dynadesk
