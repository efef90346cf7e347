// OffsetFileClock: the system clock plus a number of seconds read from a file,
// for --clock-offset-file. Tests of time-based behaviour (TTL, stream
// retention, token windows) against a running dynadesk-server move its clock
// by rewriting the file instead of waiting hours.
//
// The file holds one decimal number of seconds (may be negative or
// fractional); missing or unreadable means 0. It is checked again at most
// every 50 ms, so a change takes effect within that.
//
// Thread-safety: nowMillis() may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

#include "dynadesk/clock.h"

namespace dynadesk::app {

class OffsetFileClock final : public Clock {
 public:
  explicit OffsetFileClock(std::string path);
  std::int64_t nowMillis() const override;

 private:
  std::string path_;
  mutable std::mutex mutex_;
  mutable std::int64_t offsetMillis_ = 0;
  mutable std::int64_t checkedAtMillis_ = 0;  // system time of the last read
};

}  // namespace dynadesk::app
