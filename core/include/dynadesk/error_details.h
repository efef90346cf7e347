// ErrorDetails: what some DynamoDB errors carry besides type and message.
//
// ConditionalCheckFailedException carries the item as it was when
// ReturnValuesOnConditionCheckFailure is ALL_OLD; errorBody() (engine.h) renders
// it as "Item". Transactions will add their cancellation reasons here.
//
// Thread-safety: immutable once built; shared between threads by shared_ptr.
#pragma once

#include <optional>

#include "dynadesk/attribute_value.h"

namespace dynadesk {

struct ErrorDetails {
  std::optional<Item> item;
};

}  // namespace dynadesk
