// AlarmActionRunner: the server's way of running alarm actions.
//
// An alarm action is an ARN the user listed in AlarmActions, OKActions or
// InsufficientDataActions (an SNS topic, say). Dynadesk has no SNS to publish
// to, so for each ARN of a transition the runner, on a worker thread of its own:
//   1. appends one JSON line to the action log (options.logPath, if set):
//      {"time","alarmName","alarmArn","oldState","newState","reason","action"};
//   2. runs the configured command (options.command, if set) with
//      `/bin/sh -c`, with ALARM_NAME, ALARM_OLD_STATE, ALARM_NEW_STATE,
//      ALARM_REASON and ALARM_ACTION (the ARN) in its environment, and waits
//      for it for at most options.commandTimeout (then kills its process group);
//   3. writes an Action history item: "Successfully executed action <arn>", or
//      "Failed to execute action <arn>. Reason: <why>" when the log could not
//      be written or the command failed, timed out or could not start.
// The command is the server's configuration, never something a request can
// set: PutMetricAlarm takes ARNs only, so no API caller can make the server run
// a program.
//
// runActions only queues (it never waits for a command); at most
// options.maxQueuedRequests requests wait, further ones are dropped and
// counted. Actions run one at a time, in the order queued.
//
// Thread-safety: runActions and waitIdle may be called from any thread.
// Lifetime: env and clock must outlive the runner. The destructor stops the
// worker: a command still running is killed (its history item says so) and
// requests still queued are dropped.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "alarms/alarm_action_sink.h"
#include "dynadesk/clock.h"
#include "storage/lmdb_env.h"

namespace dynadesk::alarms {

struct AlarmActionRunnerOptions {
  std::string logPath;  // empty: no log
  std::string command;  // empty: no command
  std::chrono::milliseconds commandTimeout{60'000};
  std::size_t maxQueuedRequests = 1000;
};

class AlarmActionRunner final : public AlarmActionSink {
 public:
  AlarmActionRunner(storage::Env& env, const Clock& clock, AlarmActionRunnerOptions options);
  ~AlarmActionRunner() override;
  AlarmActionRunner(const AlarmActionRunner&) = delete;
  AlarmActionRunner& operator=(const AlarmActionRunner&) = delete;

  void runActions(AlarmActionRequest request) override;

  // Waits until nothing is queued or running, or `timeout` passes; true if idle.
  bool waitIdle(std::chrono::milliseconds timeout);

  // Requests dropped because the queue was full.
  std::uint64_t droppedRequests() const { return dropped_.load(std::memory_order_relaxed); }

 private:
  void work();
  void runOne(const AlarmActionRequest& request, const std::string& arn);

  storage::Env& env_;
  const Clock& clock_;
  const AlarmActionRunnerOptions options_;

  std::mutex mutex_;
  std::condition_variable wake_;   // worker: work queued or stopping
  std::condition_variable idle_;   // waitIdle: queue drained
  std::deque<AlarmActionRequest> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::atomic<std::uint64_t> dropped_{0};
  int stopPipe_[2] = {-1, -1};  // written on stop to cut a running command short
  std::thread worker_;
};

}  // namespace dynadesk::alarms
