// PacedHttpLoad: sends DynamoDB requests to an HTTP endpoint at a fixed total
// rate, from `connections` threads, each on its own keep-alive connection —
// the traffic of a user's program, for benchmarks that watch something else
// (the GUI) while the endpoint is busy.
//
// Pacing is open-loop: thread i sends its k-th request at start + k * period
// (period = connections / rate); a thread that falls behind sends at once
// until it has caught up, so the achieved rate shows whether the endpoint kept
// up. Requests carry a well-formed SigV4 Authorization header whose signature
// is not computed (the endpoint's default does not check it).
//
// Thread-safety: start() and stop() from one thread; counters are atomic.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

struct LoadRequest {
  std::string operation;  // "GetItem", without the target prefix
  std::string body;       // the request JSON
};

class PacedHttpLoad {
 public:
  // `next(thread, k)` builds the k-th request of a thread (called on that thread).
  using Builder = std::function<LoadRequest(int thread, std::uint64_t k)>;

  PacedHttpLoad(std::string host, int port, double ratePerSecond, int connections, Builder next);
  ~PacedHttpLoad();

  void start();
  void stop();  // joins the threads

  std::uint64_t sent() const { return sent_; }
  std::uint64_t ok() const { return ok_; }              // HTTP 200
  std::uint64_t throttled() const { return throttled_; }  // 400 ProvisionedThroughputExceededException
  std::uint64_t failed() const { return failed_; }        // anything else, connection errors included

 private:
  void run(int thread);

  std::string host_;
  int port_;
  double rate_;
  int connections_;
  Builder next_;
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
  std::atomic<std::uint64_t> sent_{0}, ok_{0}, throttled_{0}, failed_{0};
};
