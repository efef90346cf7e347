// Status and Result: how every core call reports failure.
//
// A failure is a value carrying one of DynamoDB's error types and a message in
// DynamoDB's words. Nothing in core throws across a public boundary, shows a
// dialog or keeps a "last error". The api layer renders a Status to HTTP status
// plus {"__type","message"} in exactly one place (api/error_json.h).
//
// Thread-safety: plain values; copy them freely between threads.
#pragma once

#include <cassert>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace dynadesk {

// Structured data some errors carry besides their message (the item of a
// failed condition, a transaction's cancellation reasons); error_details.h.
struct ErrorDetails;

// DynamoDB's error types (the part after '#' in "__type"), CloudWatch's error
// codes, plus Ok.
enum class ErrorType {
  Ok,
  ValidationException,
  SerializationException,
  UnknownOperationException,
  ResourceNotFoundException,
  ResourceInUseException,
  ConditionalCheckFailedException,
  TransactionCanceledException,
  TransactionConflictException,
  TransactionInProgressException,
  IdempotentParameterMismatchException,
  ProvisionedThroughputExceededException,
  ThrottlingException,
  RequestLimitExceeded,
  LimitExceededException,
  ItemCollectionSizeLimitExceededException,
  TrimmedDataAccessException,  // DynamoDB Streams
  ExpiredIteratorException,    // DynamoDB Streams
  MissingAuthenticationTokenException,
  UnrecognizedClientException,
  InvalidSignatureException,
  AccessDeniedException,
  IncompleteSignatureException,
  InternalServerError,
  // CloudWatch's error codes, for the CloudWatch API the endpoint also serves.
  InvalidParameterValue,
  InvalidParameterCombination,
  MissingParameter,
  ResourceNotFound,
  LimitExceeded,
  InvalidNextToken,
  InvalidAction,
  InvalidFormat,
};

// The wire name of an error type, e.g. "ValidationException".
std::string_view errorTypeName(ErrorType type);

// True for the errors DynamoDB answers with HTTP 500 (server faults).
bool isServerError(ErrorType type);

class Status {
 public:
  Status() = default;  // Ok
  Status(ErrorType type, std::string message) : type_(type), message_(std::move(message)) {}

  static Status ok() { return {}; }
  static Status validation(std::string message) {
    return {ErrorType::ValidationException, std::move(message)};
  }
  static Status internal(std::string message) {
    return {ErrorType::InternalServerError, std::move(message)};
  }

  bool isOk() const { return type_ == ErrorType::Ok; }
  explicit operator bool() const { return isOk(); }
  ErrorType type() const { return type_; }
  const std::string& message() const { return message_; }

  // Extra data rendered into the error body; null for most errors.
  const ErrorDetails* details() const { return details_.get(); }
  Status withDetails(std::shared_ptr<const ErrorDetails> details) const {
    Status s = *this;
    s.details_ = std::move(details);
    return s;
  }

  // Equal type and message (details are not compared).
  friend bool operator==(const Status& a, const Status& b) { return a.type_ == b.type_ && a.message_ == b.message_; }

 private:
  ErrorType type_ = ErrorType::Ok;
  std::string message_;
  std::shared_ptr<const ErrorDetails> details_;
};

// Either a value or a failed Status. Accessing the value of a failed Result is a
// programming error (asserted in debug builds).
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}                       // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) { assert(!std::get<Status>(v_).isOk()); }  // NOLINT

  bool isOk() const { return v_.index() == 0; }
  explicit operator bool() const { return isOk(); }

  T& value() & { assert(isOk()); return std::get<0>(v_); }
  const T& value() const& { assert(isOk()); return std::get<0>(v_); }
  T&& value() && { assert(isOk()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // The failure; Ok when the Result holds a value.
  Status status() const { return isOk() ? Status() : std::get<1>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace dynadesk

// Early return of a failed Status / Result from a function returning Status or Result.
#define DYNADESK_RETURN_IF_ERROR(expr)              \
  do {                                             \
    ::dynadesk::Status _dd_st = (expr);            \
    if (!_dd_st.isOk()) return _dd_st;             \
  } while (0)

#define DYNADESK_CONCAT_INNER(a, b) a##b
#define DYNADESK_CONCAT(a, b) DYNADESK_CONCAT_INNER(a, b)
// DYNADESK_ASSIGN_OR_RETURN(auto x, someResult()) — binds the value or returns the failure.
// It expands to several statements (it declares `x` in the enclosing scope), so
// never use it as the body of an unbraced if or loop.
#define DYNADESK_ASSIGN_OR_RETURN(decl, expr) \
  DYNADESK_ASSIGN_OR_RETURN_IMPL(DYNADESK_CONCAT(_dd_res_, __LINE__), decl, expr)
#define DYNADESK_ASSIGN_OR_RETURN_IMPL(tmp, decl, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.isOk()) return tmp.status();                \
  decl = std::move(tmp).value()
