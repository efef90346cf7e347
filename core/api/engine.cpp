#include "dynadesk/engine.h"

#include <chrono>

#include "api/engine_metrics.h"
#include "api/handlers.h"
#include "api/periodic_thread.h"
#include "alarms/alarm_action_runner.h"
#include "alarms/alarm_evaluator.h"
#include "alarms/alarm_store.h"
#include "api/cloudwatch_api.h"
#include "capacity/key_activity.h"
#include "metrics/metric_store.h"
#include "dynadesk/attribute_json.h"
#include "dynadesk/error_details.h"
#include "ops/database.h"
#include "storage/lmdb_env.h"

namespace dynadesk {

struct Engine::State {
  std::string dataDir;
  std::unique_ptr<ops::Database> db;
  std::unique_ptr<metrics::MetricStore> metricStore;  // after db: destroyed before the environment it writes to
  std::unique_ptr<capacity::KeyActivity> keyActivity;  // per-key accounting (Contributor Insights)
  std::unique_ptr<api::EngineMetrics> metrics;
  std::unique_ptr<alarms::AlarmActionRunner> alarmActions;  // outlives the alarm store that feeds it
  std::unique_ptr<alarms::AlarmStore> alarmStore;
  std::unique_ptr<alarms::AlarmEvaluator> alarmEvaluator;
  std::unique_ptr<api::PeriodicThread> ticker;        // last: stops first

  ~State() {
    ticker.reset();
    alarmEvaluator.reset();
    if (db) {
      db->setUsageListener(nullptr);
      db->setMetricStore(nullptr);
      db->setAlarmStore(nullptr);
      db->setKeyActivity(nullptr);
    }
    alarmStore.reset();
    alarmActions.reset();
    metrics.reset();
    keyActivity.reset();
    metricStore.reset();
  }
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
  metrics::MetricStoreOptions metricOptions;
  events::EventHub* hub = state->db->eventHub().get();
  metricOptions.onTick = [hub](std::int64_t second) { hub->publishMetricTick(second); };
  DYNADESK_ASSIGN_OR_RETURN(state->metricStore, metrics::MetricStore::open(state->db->env(), clock, metricOptions));
  state->keyActivity = std::make_unique<capacity::KeyActivity>(clock);
  state->db->setKeyActivity(state->keyActivity.get());
  state->metrics = std::make_unique<api::EngineMetrics>(*state->db, *state->metricStore);
  state->db->setUsageListener(state->metrics.get());
  state->db->setMetricStore(state->metricStore.get());
  state->metricStore->start();

  alarms::AlarmActionRunnerOptions actionOptions;
  actionOptions.logPath = options.alarmLogFile.empty() ? options.dataDir + "/alarm-actions.log" : options.alarmLogFile;
  actionOptions.command = options.alarmCommand;
  state->alarmActions = std::make_unique<alarms::AlarmActionRunner>(state->db->env(), *clock, actionOptions);
  alarms::AlarmStoreOptions alarmOptions;
  alarmOptions.region = options.region;
  alarmOptions.accountId = options.accountId;
  alarmOptions.actionSink = state->alarmActions.get();
  state->alarmStore =
      std::make_unique<alarms::AlarmStore>(state->db->env(), *state->metricStore, *clock, alarmOptions);
  state->db->setAlarmStore(state->alarmStore.get());
  state->alarmEvaluator = std::make_unique<alarms::AlarmEvaluator>(
      *state->alarmStore, std::chrono::seconds(1),
      [hub](const std::vector<alarms::AlarmTransition>& transitions) { api::publishAlarmTransitions(*hub, transitions); });
  api::EngineMetrics* engineMetrics = state->metrics.get();
  state->ticker = std::make_unique<api::PeriodicThread>(std::chrono::seconds(1), [engineMetrics] {
    engineMetrics->sampleGauges();
  });
  return std::unique_ptr<Engine>(new Engine(std::move(state)));
}

const std::string& Engine::dataDir() const { return state_->dataDir; }

namespace {

// CloudWatch operations come in under CloudWatch's JSON target; they are not
// DynamoDB traffic and record no DynamoDB metrics.
constexpr std::string_view kCloudWatchOperationPrefix = "GraniteServiceVersion20100801.";

// Records one finished call in the metrics (DynamoDB operations only) and
// announces it to subscribers (when there are any).
class CallRecorder {
 public:
  CallRecorder(ops::Database& db, api::EngineMetrics* metrics, std::string_view operation, CallOrigin origin)
      : db_(db),
        metrics_(operation.starts_with(kCloudWatchOperationPrefix) ? nullptr : metrics),
        operation_(operation),
        origin_(origin),
        wanted_(db.events().wanted()),
        started_(std::chrono::steady_clock::now()) {
    if (wanted_) startedAt_ = db.clock().nowMillis();
  }
  // `request` is the parsed request (null when it did not parse); `returned`
  // the items a Query or Scan returned; `returnedBytes` the record bytes a
  // Streams GetRecords returned.
  void finish(const Status& status, const nlohmann::json& request, std::optional<std::uint64_t> returned,
              std::optional<std::uint64_t> returnedBytes = std::nullopt) {
    const auto duration =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started_);
    if (metrics_) {
      metrics_->callFinished(operation_, api::tablesOfRequest(request), status,
                             static_cast<double>(duration.count()) / 1000.0, returned);
      if (returnedBytes) metrics_->streamRecordsReturned(request, *returnedBytes);
    }
    if (!wanted_) return;
    CallEvent event;
    event.operation = std::string(operation_);
    event.origin = origin_;
    if (!status.isOk()) event.errorType = std::string(errorTypeName(status.type()));
    event.startedAtMillis = startedAt_;
    event.duration = duration;
    db_.events().publishCall(std::move(event));
  }

 private:
  ops::Database& db_;
  api::EngineMetrics* metrics_;
  std::string_view operation_;
  CallOrigin origin_;
  bool wanted_;
  std::int64_t startedAt_ = 0;
  std::chrono::steady_clock::time_point started_;
};

// The Count of a Query or Scan answer.
std::optional<std::uint64_t> countOf(const nlohmann::json& response) {
  if (auto it = response.find("Count"); it != response.end() && it->is_number_unsigned()) return it->get<std::uint64_t>();
  return std::nullopt;
}

// The same from an answer written as text: its last "Count": followed by a
// number (item attributes named Count are followed by '{').
std::optional<std::uint64_t> countOf(std::string_view text) {
  constexpr std::string_view kKey = "\"Count\":";
  for (std::size_t at = text.rfind(kKey); at != std::string_view::npos; at = at ? text.rfind(kKey, at - 1) : std::string_view::npos) {
    std::size_t i = at + kKey.size();
    if (i >= text.size() || text[i] < '0' || text[i] > '9') continue;
    std::uint64_t n = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') n = n * 10 + static_cast<std::uint64_t>(text[i++] - '0');
    return n;
  }
  return std::nullopt;
}

bool returnsItems(std::string_view operation) { return operation == "Query" || operation == "Scan"; }

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
  CallRecorder recorder(*state_->db, state_->metrics.get(), operation, origin);
  Result<nlohmann::json> result = runHandler(*state_->db, operation, request);
  recorder.finish(result.status(), request,
                  result.isOk() && returnsItems(operation) ? countOf(*result) : std::nullopt,
                  result.isOk() ? api::returnedBytesOf(operation, *result) : std::nullopt);
  return result;
}

Result<std::string> Engine::call(std::string_view operation, std::string_view requestJson, CallOrigin origin) {
  CallRecorder recorder(*state_->db, state_->metrics.get(), operation, origin);
  nlohmann::json request;
  auto run = [&]() -> Result<std::string> {
    if (!api::findHandler(operation)) return Status(ErrorType::UnknownOperationException, "");
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
  recorder.finish(result.status(), request,
                  result.isOk() && returnsItems(operation) ? countOf(std::string_view(*result)) : std::nullopt,
                  result.isOk() ? api::returnedBytesOf(operation, std::string_view(*result)) : std::nullopt);
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
