// A token bucket measured in capacity units: it fills at `rate` units a
// second up to `capacity`, and requests take what they consumed after the fact,
// so a large request may leave it in debt (below zero) until it refills. A
// bucket admits a request while it holds anything (DynamoDB cannot know a
// request's size before running it, so it too throttles only once capacity is
// spent).
//
// Thread-safety: none; the governor guards its buckets.
#pragma once

#include <algorithm>
#include <cstdint>

namespace dynadesk::capacity {

class TokenBucket {
 public:
  TokenBucket() = default;
  // Starts full.
  TokenBucket(double rate, double capacity, std::int64_t nowMillis)
      : rate_(rate), capacity_(capacity), tokens_(capacity), lastMillis_(nowMillis) {}

  // Changes the rate and capacity from `atMillis` on (filling at the old rate
  // until then), keeping what is saved up to the new capacity.
  void reconfigure(double rate, double capacity, std::int64_t atMillis) {
    refill(atMillis);
    rate_ = rate;
    capacity_ = capacity;
    tokens_ = std::min(tokens_, capacity_);
  }
  // A clock that moved back is treated as no time passing.
  void refill(std::int64_t nowMillis) {
    if (nowMillis > lastMillis_) {
      tokens_ = std::min(capacity_, tokens_ + rate_ * static_cast<double>(nowMillis - lastMillis_) / 1000.0);
      lastMillis_ = nowMillis;
    }
  }
  bool admits() const { return tokens_ > 0; }
  void take(double units) { tokens_ -= units; }
  double tokens() const { return tokens_; }
  double rate() const { return rate_; }

 private:
  double rate_ = 0;
  double capacity_ = 0;
  double tokens_ = 0;
  std::int64_t lastMillis_ = 0;
};

}  // namespace dynadesk::capacity
