// MetricsError and MetricsResult: how the metrics layer reports a request it
// refuses, in CloudWatch's words.
//
// CloudWatch's errors are not DynamoDB's (ErrorType in dynadesk/status.h): they
// have their own codes — InvalidParameterValue, InvalidParameterCombination,
// MissingParameter, ValidationError, InternalServiceFault — which the
// CloudWatch query-protocol endpoint renders as <Code> and <Message>. So this
// layer returns its own small error value and leaves rendering to that
// endpoint.
//
// Thread-safety: plain values.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace dynadesk::metrics {

struct MetricsError {
  std::string code;     // CloudWatch's error code, e.g. "InvalidParameterValue"
  std::string message;  // CloudWatch's message
  friend bool operator==(const MetricsError&, const MetricsError&) = default;
};

// Either a value or a MetricsError. Reading the wrong side is a programming
// error (asserted in debug builds).
template <class T>
class MetricsResult {
 public:
  MetricsResult(T value) : v_(std::move(value)) {}           // NOLINT: implicit by design
  MetricsResult(MetricsError error) : v_(std::move(error)) {}  // NOLINT

  bool isOk() const { return v_.index() == 0; }
  explicit operator bool() const { return isOk(); }

  T& value() & { assert(isOk()); return std::get<0>(v_); }
  const T& value() const& { assert(isOk()); return std::get<0>(v_); }
  T&& value() && { assert(isOk()); return std::get<0>(std::move(v_)); }
  const MetricsError& error() const { assert(!isOk()); return std::get<1>(v_); }

 private:
  std::variant<T, MetricsError> v_;
};

}  // namespace dynadesk::metrics
