// SpinLock: the per-metric lock of the recording hot path.
//
// A metric's lock is held for a handful of instructions (add one sample to a
// per-second accumulator) and, once a second, by the flusher for a copy of
// that metric's finished seconds. For critical sections that short an
// uncontended std::mutex is fine too, but a one-byte atomic flag keeps a
// metric's state in one or two cache lines and avoids the futex path when two
// threads collide for a few nanoseconds. Under real contention it backs off
// to std::this_thread::yield() so a descheduled holder is not spun against
// for a whole time slice.
//
// Thread-safety: that is its purpose. Not recursive. Satisfies Lockable, so
// std::lock_guard works.
#pragma once

#include <atomic>
#include <thread>

namespace dynadesk::metrics {

class SpinLock {
 public:
  void lock() noexcept {
    for (int spins = 0; flag_.test_and_set(std::memory_order_acquire); ++spins) {
      // Wait on a plain load (no cache-line ping-pong), then try again.
      while (flag_.test(std::memory_order_relaxed)) {
        if (++spins > kSpinsBeforeYield) std::this_thread::yield();
      }
    }
  }
  bool try_lock() noexcept { return !flag_.test_and_set(std::memory_order_acquire); }
  void unlock() noexcept { flag_.clear(std::memory_order_release); }

 private:
  static constexpr int kSpinsBeforeYield = 64;
  std::atomic_flag flag_ = ATOMIC_FLAG_INIT;
};

}  // namespace dynadesk::metrics
