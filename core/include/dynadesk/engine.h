// Engine: Dynadesk's embedded DynamoDB, the one front door to it.
//
// Every operation — from the HTTP endpoint, the GUI's LocalClient and the
// tests — enters through call(): the operation name as DynamoDB's wire
// protocol carries it (the part after "DynamoDB_20120810." in X-Amz-Target;
// DynamoDB Streams, CloudWatch and the workbench's own operations keep their
// whole target, e.g. "DynamoDBStreams_20120810.GetRecords",
// "GraniteServiceVersion20100801.GetMetricData",
// "DynadeskWorkbench_20261122.DescribeKeyActivity")
// and the request JSON, and leaves as the response JSON or a Status carrying
// DynamoDB's error type and message. There is no other way in.
//
// Thread-safety: call() may be used from any number of threads at once. Writes
// are durable when call() returns (unless EngineOptions::durable is false).
// Ownership: one Engine owns its data folder exclusively; a second Engine (in
// this or another process) cannot open the same folder at the same time.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dynadesk/clock.h"
#include "dynadesk/engine_events.h"
#include "dynadesk/status.h"

namespace dynadesk {

struct EngineOptions {
  std::string dataDir;                       // created if missing
  std::shared_ptr<const Clock> clock;        // default: SystemClock
  std::string region = "us-east-1";          // used in ARNs
  std::string accountId = "000000000000";    // used in ARNs, as DynamoDB Local does
  std::size_t initialMapSize = 256u << 20;   // LMDB map; grows by itself when full
  bool durable = true;                       // fsync every commit (group-committed)
  // Item collection size limit of tables with local secondary indexes
  // (DynamoDB's 10 GB); smaller values let tests reach it.
  std::uint64_t itemCollectionLimitBytes = 10ull << 30;
  // Provisioned tables are throttled at their capacity, as DynamoDB's are;
  // false turns that off (bulk loads). Capacity is counted either way.
  bool throttling = true;
  // Alarm actions (core/alarms): every action of a state change is appended
  // to this log as a JSON line (default <dataDir>/alarm-actions.log) and, when
  // set, this shell command runs with ALARM_NAME, ALARM_OLD_STATE,
  // ALARM_NEW_STATE, ALARM_REASON and ALARM_ACTION in its environment. Only
  // the server's own configuration names a command: PutMetricAlarm stores ARNs.
  std::string alarmLogFile;
  std::string alarmCommand;
};

class Engine {
 public:
  // Errors: InternalServerError with a plain-language message (folder not
  // writable, already in use, written by a newer Dynadesk, corrupt).
  static Result<std::unique_ptr<Engine>> open(EngineOptions options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Runs one operation. `requestJson` is the request body text. Returns the
  // response body text; failures carry DynamoDB's error type (malformed JSON is
  // SerializationException, an unknown operation UnknownOperationException).
  // `origin` only labels the CallEvent subscribers see.
  Result<std::string> call(std::string_view operation, std::string_view requestJson,
                           CallOrigin origin = CallOrigin::InProcess);
  // The same with parsed JSON, for in-process clients that already hold JSON.
  Result<nlohmann::json> call(std::string_view operation, const nlohmann::json& request,
                              CallOrigin origin = CallOrigin::InProcess);

  // Subscribes to engine events (dynadesk/engine_events.h): committed item and
  // table changes and finished calls, delivered in batches on the engine's
  // event thread. The subscription lasts until the returned handle is reset or
  // destroyed.
  EventSubscription subscribe(EngineEventCallback callback);

  const std::string& dataDir() const;

 private:
  struct State;
  explicit Engine(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// The DynamoDB error body for a failed Status: {"__type": "com.amazonaws.dynamodb.v20120810#<Type>", "message": ...}.
nlohmann::json errorBody(const Status& status);
// DynamoDB's HTTP status for a failed Status: 400 for client errors, 500 for server errors.
int httpStatusOf(const Status& status);

// The Dynadesk version, e.g. "0.1.0".
std::string_view version();

}  // namespace dynadesk
