// Test support: a real Engine on a fresh temporary data folder with a manual
// clock, plus helpers to call operations with JSON literals.
//
// Thread-safety: a TempEngine may be shared by test threads (Engine is
// thread-safe); the helpers are plain functions.
#pragma once

#include <memory>
#include <string>

#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "dynadesk/clock.h"
#include "dynadesk/engine.h"

namespace dynadesk::test {

using Json = nlohmann::json;

class TempEngine {
 public:
  // Opens an engine in a new temp folder; QFAIL-style abort if it cannot.
  explicit TempEngine(std::size_t initialMapSize = 16u << 20);

  Engine& engine() { return *engine_; }
  ManualClock& clock() { return *clock_; }
  std::string dir() const { return dir_.path().toStdString() + "/data"; }

  // Closes and re-opens the engine on the same folder (persistence tests).
  void reopen();
  void close() { engine_.reset(); }

  // Runs an operation; returns the response JSON or {"__type": ..., "message": ...}.
  Json call(const std::string& operation, const Json& request);
  // The error type name ("ValidationException") of a failed call, or "" on success.
  static std::string errorType(const Json& response);

 private:
  QTemporaryDir dir_;
  std::size_t mapSize_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<Engine> engine_;
};

// {"S": s}, {"N": n} helpers for readable tests.
inline Json S(const std::string& s) { return Json{{"S", s}}; }
inline Json N(const std::string& n) { return Json{{"N", n}}; }

}  // namespace dynadesk::test

// QCOMPARE of two Json values prints both when they differ.
namespace QTest {
template <>
inline char* toString(const nlohmann::json& value) {
  return qstrdup(value.dump().c_str());
}
}  // namespace QTest
