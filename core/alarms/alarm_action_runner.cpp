#include "alarms/alarm_action_runner.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include <nlohmann/json.hpp>

#include "alarms/alarm_history_log.h"
#include "alarms/cloudwatch_format.h"
#include "alarms/shell_command.h"

namespace dynadesk::alarms {

namespace {

using OrderedJson = nlohmann::ordered_json;

// Appends one line with a single write(): O_APPEND keeps lines from several
// processes whole on local file systems. Returns an error text, or "".
std::string appendLine(const std::string& path, const std::string& line) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot open the action log " + path + ": " + std::error_code(errno, std::generic_category()).message();
  std::string error;
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd, line.data() + written, line.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = "cannot write to the action log " + path + ": " + std::error_code(errno, std::generic_category()).message();
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return error;
}

}  // namespace

AlarmActionRunner::AlarmActionRunner(storage::Env& env, const Clock& clock, AlarmActionRunnerOptions options)
    : env_(env), clock_(clock), options_(std::move(options)) {
  if (::pipe2(stopPipe_, O_CLOEXEC) != 0) stopPipe_[0] = stopPipe_[1] = -1;  // commands then only time out
  worker_ = std::thread([this] { work(); });
}

AlarmActionRunner::~AlarmActionRunner() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  if (stopPipe_[1] >= 0) {
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(stopPipe_[1], &byte, 1);
  }
  wake_.notify_all();
  worker_.join();
  for (int fd : stopPipe_) {
    if (fd >= 0) ::close(fd);
  }
}

void AlarmActionRunner::runActions(AlarmActionRequest request) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    if (queue_.size() >= options_.maxQueuedRequests) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    queue_.push_back(std::move(request));
  }
  wake_.notify_one();
}

bool AlarmActionRunner::waitIdle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return idle_.wait_for(lock, timeout, [this] { return (queue_.empty() && !busy_) || stopping_; });
}

void AlarmActionRunner::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) break;
    AlarmActionRequest request = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    for (const auto& arn : request.actionArns) {
      try {
        runOne(request, arn);
      } catch (const std::exception&) {
        // An action must never take the worker (or the process) down; the
        // next one runs regardless.
      }
      std::lock_guard check(mutex_);
      if (stopping_) break;
    }
    lock.lock();
    busy_ = false;
    if (queue_.empty()) idle_.notify_all();
  }
  queue_.clear();
  busy_ = false;
  idle_.notify_all();
}

void AlarmActionRunner::runOne(const AlarmActionRequest& request, const std::string& arn) {
  std::string failure;
  if (!options_.logPath.empty()) {
    OrderedJson line;
    line["time"] = formatIsoTime(request.timestampMillis);
    line["alarmName"] = request.alarmName;
    line["alarmArn"] = request.alarmArn;
    line["oldState"] = stateValueName(request.oldState);
    line["newState"] = stateValueName(request.newState);
    line["reason"] = request.reason;
    line["action"] = arn;
    failure = appendLine(options_.logPath, line.dump() + "\n");
  }
  if (failure.empty() && !options_.command.empty()) {
    const CommandOutcome outcome = runShellCommand(options_.command,
                                                   {{"ALARM_NAME", request.alarmName},
                                                    {"ALARM_OLD_STATE", std::string(stateValueName(request.oldState))},
                                                    {"ALARM_NEW_STATE", std::string(stateValueName(request.newState))},
                                                    {"ALARM_REASON", request.reason},
                                                    {"ALARM_ACTION", arn}},
                                                   options_.commandTimeout, stopPipe_[0]);
    if (!outcome.succeeded()) failure = outcome.describe();
  }

  OrderedJson data;
  data["actionState"] = failure.empty() ? "Succeeded" : "Failed";
  data["stateUpdateTimestamp"] = formatIsoTime(request.timestampMillis);
  data["notificationResource"] = arn;
  if (!failure.empty()) data["error"] = failure;
  const AlarmHistoryItem item{request.alarmName, clock_.nowMillis(), HistoryItemType::Action,
                              failure.empty() ? "Successfully executed action " + arn
                                              : "Failed to execute action " + arn + ". Reason: " + failure,
                              data.dump()};
  // A history write that fails is lost; the action itself has run.
  (void)env_.write([&](storage::WriteTxn& txn) { return appendHistoryItem(txn, item); });
}

}  // namespace dynadesk::alarms
