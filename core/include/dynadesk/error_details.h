// ErrorDetails: what some DynamoDB errors carry besides type and message.
//
// ConditionalCheckFailedException carries the item as it was when
// ReturnValuesOnConditionCheckFailure is ALL_OLD; errorBody() (engine.h) renders
// it as "Item". TransactionCanceledException carries one reason per action of
// the transaction, in request order, rendered as "CancellationReasons".
//
// Thread-safety: immutable once built; shared between threads by shared_ptr.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dynadesk/attribute_value.h"

namespace dynadesk {

struct CancellationReason {
  std::string code;     // "None", "ConditionalCheckFailed", "ValidationError", ...
  std::string message;  // empty for "None"
  std::optional<Item> item;  // ConditionalCheckFailed with ReturnValuesOnConditionCheckFailure ALL_OLD
};

struct ErrorDetails {
  std::optional<Item> item;
  std::vector<CancellationReason> cancellationReasons;
};

}  // namespace dynadesk
