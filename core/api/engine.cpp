#include "dynadesk/engine.h"

#include <chrono>

#include "api/handlers.h"
#include "dynadesk/attribute_json.h"
#include "dynadesk/error_details.h"
#include "ops/database.h"
#include "storage/lmdb_env.h"

namespace dynadesk {

struct Engine::State {
  std::string dataDir;
  std::unique_ptr<ops::Database> db;
};

Engine::Engine(std::unique_ptr<State> state) : state_(std::move(state)) {}
Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::open(EngineOptions options) {
  storage::EnvOptions envOptions;
  envOptions.path = options.dataDir;
  envOptions.initialMapSize = options.initialMapSize;
  envOptions.durable = options.durable;
  DYNADESK_ASSIGN_OR_RETURN(auto env, storage::Env::open(envOptions));
  std::shared_ptr<const Clock> clock = options.clock ? options.clock : std::make_shared<SystemClock>();
  DYNADESK_ASSIGN_OR_RETURN(auto db, ops::Database::open(std::move(env), clock, options.region, options.accountId));
  db->setItemCollectionLimit(options.itemCollectionLimitBytes);
  db->throughput().setEnabled(options.throttling);
  auto state = std::make_unique<State>();
  state->dataDir = options.dataDir;
  state->db = std::move(db);
  return std::unique_ptr<Engine>(new Engine(std::move(state)));
}

const std::string& Engine::dataDir() const { return state_->dataDir; }

namespace {

// Announces one finished call to subscribers (when there are any).
class CallRecorder {
 public:
  CallRecorder(ops::Database& db, std::string_view operation, CallOrigin origin)
      : db_(db), operation_(operation), origin_(origin), wanted_(db.events().wanted()) {
    if (wanted_) {
      startedAt_ = db.clock().nowMillis();
      started_ = std::chrono::steady_clock::now();
    }
  }
  void finish(const Status& status) {
    if (!wanted_) return;
    CallEvent event;
    event.operation = std::string(operation_);
    event.origin = origin_;
    if (!status.isOk()) event.errorType = std::string(errorTypeName(status.type()));
    event.startedAtMillis = startedAt_;
    event.duration =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_);
    db_.events().publishCall(std::move(event));
  }

 private:
  ops::Database& db_;
  std::string_view operation_;
  CallOrigin origin_;
  bool wanted_;
  std::int64_t startedAt_ = 0;
  std::chrono::steady_clock::time_point started_;
};

Result<nlohmann::json> runHandler(ops::Database& db, std::string_view operation, const nlohmann::json& request) {
  api::Handler handler = api::findHandler(operation);
  if (!handler) return Status(ErrorType::UnknownOperationException, "");
  try {
    return handler(db, request);
  } catch (const std::exception& e) {
    // A bug must never take the engine down or leak a half-written answer.
    return Status::internal(std::string("Internal server error: ") + e.what());
  }
}

}  // namespace

Result<nlohmann::json> Engine::call(std::string_view operation, const nlohmann::json& request, CallOrigin origin) {
  CallRecorder recorder(*state_->db, operation, origin);
  Result<nlohmann::json> result = runHandler(*state_->db, operation, request);
  recorder.finish(result.status());
  return result;
}

Result<std::string> Engine::call(std::string_view operation, std::string_view requestJson, CallOrigin origin) {
  CallRecorder recorder(*state_->db, operation, origin);
  auto run = [&]() -> Result<std::string> {
    if (!api::findHandler(operation)) return Status(ErrorType::UnknownOperationException, "");
    nlohmann::json request;
    try {
      request = nlohmann::json::parse(requestJson.begin(), requestJson.end());
    } catch (const nlohmann::json::exception&) {
      return Status(ErrorType::SerializationException, "Start of structure or map found where not expected");
    }
    if (api::TextHandler text = api::findTextHandler(operation)) {
      try {
        return text(*state_->db, request);
      } catch (const std::exception& e) {
        return Status::internal(std::string("Internal server error: ") + e.what());
      }
    }
    DYNADESK_ASSIGN_OR_RETURN(nlohmann::json response, runHandler(*state_->db, operation, request));
    // Invalid UTF-8 cannot reach here (the parser rejects it), so strict dumping is safe.
    return response.dump();
  };
  Result<std::string> result = run();
  recorder.finish(result.status());
  return result;
}

EventSubscription Engine::subscribe(EngineEventCallback callback) {
  const auto& hub = state_->db->eventHub();
  const std::uint64_t id = hub->subscribe(std::move(callback));
  return EventSubscription(hub, id);
}

nlohmann::json errorBody(const Status& status) {
  std::string_view ns = "com.amazonaws.dynamodb.v20120810#";
  // DynamoDB's front end reports these from its own (Coral) namespaces.
  switch (status.type()) {
    case ErrorType::ValidationException: ns = "com.amazon.coral.validate#"; break;
    case ErrorType::SerializationException:
    case ErrorType::UnknownOperationException:
    case ErrorType::MissingAuthenticationTokenException:
    case ErrorType::UnrecognizedClientException:
    case ErrorType::InvalidSignatureException:
    case ErrorType::IncompleteSignatureException:
    case ErrorType::AccessDeniedException: ns = "com.amazon.coral.service#"; break;
    default: break;
  }
  nlohmann::json body{{"__type", std::string(ns) + std::string(errorTypeName(status.type()))}};
  if (!status.message().empty() || status.type() != ErrorType::UnknownOperationException) {
    body["message"] = status.message();
  }
  if (const ErrorDetails* details = status.details(); details && details->item) {
    body["Item"] = toJson(*details->item);
  }
  if (const ErrorDetails* details = status.details(); details && !details->cancellationReasons.empty()) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& r : details->cancellationReasons) {
      nlohmann::json one{{"Code", r.code}};
      if (!r.message.empty()) one["Message"] = r.message;
      if (r.item) one["Item"] = toJson(*r.item);
      reasons.push_back(std::move(one));
    }
    body["CancellationReasons"] = std::move(reasons);
  }
  return body;
}

int httpStatusOf(const Status& status) { return isServerError(status.type()) ? 500 : 400; }

std::string_view version() { return DYNADESK_VERSION; }

}  // namespace dynadesk
