#include "offset_file_clock.h"

#include <cmath>
#include <fstream>

namespace dynadesk::app {

OffsetFileClock::OffsetFileClock(std::string path) : path_(std::move(path)) {}

std::int64_t OffsetFileClock::nowMillis() const {
  const std::int64_t now = SystemClock().nowMillis();
  std::lock_guard lock(mutex_);
  if (now - checkedAtMillis_ >= 50 || now < checkedAtMillis_) {
    checkedAtMillis_ = now;
    double seconds = 0;
    std::ifstream in(path_);
    if (!(in >> seconds) || !std::isfinite(seconds)) seconds = 0;
    offsetMillis_ = static_cast<std::int64_t>(std::llround(seconds * 1000.0));
  }
  return now + offsetMillis_;
}

}  // namespace dynadesk::app
