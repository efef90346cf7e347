#include "temp_engine.h"

#include <stdexcept>

namespace dynadesk::test {

namespace {
// 2026-01-01T00:00:00Z: a fixed start keeps creation times in tests predictable.
constexpr std::int64_t kStartMillis = 1767225600000LL;
}  // namespace

TempEngine::TempEngine(std::size_t initialMapSize)
    : mapSize_(initialMapSize), clock_(std::make_shared<ManualClock>(kStartMillis)) {
  if (!dir_.isValid()) throw std::runtime_error("cannot create a temporary folder");
  reopen();
}

void TempEngine::reopen() {
  engine_.reset();
  EngineOptions options;
  options.dataDir = dir();
  options.clock = clock_;
  options.initialMapSize = mapSize_;
  auto engine = Engine::open(options);
  if (!engine) throw std::runtime_error("cannot open engine: " + engine.status().message());
  engine_ = std::move(engine).value();
}

Json TempEngine::call(const std::string& operation, const Json& request) {
  auto result = engine_->call(operation, request);
  if (!result) return errorBody(result.status());
  return std::move(result).value();
}

std::string TempEngine::errorType(const Json& response) {
  if (!response.is_object() || !response.contains("__type")) return "";
  const std::string t = response["__type"].get<std::string>();
  return t.substr(t.find('#') + 1);
}

}  // namespace dynadesk::test
