#include "dynadesk/clock.h"

#include <chrono>

namespace dynadesk {

std::int64_t SystemClock::nowMillis() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace dynadesk
