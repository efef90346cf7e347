// AlarmError: how alarm calls report failure, in CloudWatch's terms.
//
// The engine's Status carries DynamoDB's error types; CloudWatch answers with
// its own codes (ValidationError, InvalidParameterValue, ...), so alarm code
// returns this small value instead and the CloudWatch endpoint renders it.
// Storage failures (a Status from storage::Env) become InternalFailure.
//
// Thread-safety: plain values.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "dynadesk/status.h"

namespace dynadesk::alarms {

// CloudWatch's error codes (the <Code> of its query-protocol error responses).
enum class AlarmErrorCode {
  ValidationError,              // a request constraint or rule is violated
  InvalidParameterValue,        // one parameter has a value CloudWatch refuses
  InvalidParameterCombination,  // parameters that are fine alone conflict
  MissingParameter,             // a required parameter is absent
  InvalidFormat,                // StateReasonData is not JSON
  InvalidNextToken,             // a paging token this store did not issue
  LimitExceeded,                // too many alarms
  ResourceNotFound,             // SetAlarmState on an unknown alarm
  InternalFailure,              // storage failed (HTTP 500)
};

// The wire name of a code, e.g. "InvalidParameterValue".
std::string_view alarmErrorCodeName(AlarmErrorCode code);

struct AlarmError {
  AlarmErrorCode code = AlarmErrorCode::InternalFailure;
  std::string message;
  friend bool operator==(const AlarmError&, const AlarmError&) = default;
};

// A storage Status as an alarm error. Precondition: !status.isOk().
AlarmError fromStorage(const Status& status);

// Ok, or one AlarmError.
class AlarmStatus {
 public:
  AlarmStatus() = default;  // Ok
  AlarmStatus(AlarmError error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

  bool isOk() const { return ok_; }
  explicit operator bool() const { return ok_; }
  // Precondition (asserted): !isOk().
  const AlarmError& error() const { assert(!ok_); return error_; }

 private:
  AlarmError error_;
  bool ok_ = true;
};

// Either a value or an AlarmError. Accessing the value of a failed result is a
// programming error (asserted in debug builds).
template <class T>
class AlarmResult {
 public:
  AlarmResult(T value) : v_(std::move(value)) {}            // NOLINT: implicit by design
  AlarmResult(AlarmError error) : v_(std::move(error)) {}   // NOLINT: implicit by design

  bool isOk() const { return v_.index() == 0; }
  explicit operator bool() const { return isOk(); }
  T& value() & { assert(isOk()); return std::get<0>(v_); }
  const T& value() const& { assert(isOk()); return std::get<0>(v_); }
  T&& value() && { assert(isOk()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  // Precondition (asserted): !isOk().
  const AlarmError& error() const { assert(!isOk()); return std::get<1>(v_); }
  AlarmStatus status() const { return isOk() ? AlarmStatus() : AlarmStatus(error()); }

 private:
  std::variant<T, AlarmError> v_;
};

}  // namespace dynadesk::alarms
