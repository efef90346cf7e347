// KeyConditionExpression: a resolved condition turned into per-key terms, then
// bound to a table's (or index's) key schema, with DynamoDB's messages.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "expr/ast.h"

namespace dynadesk::expr {

enum class KeyOperator : std::uint8_t { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH };

struct KeyConditionTerm {
  std::string attribute;
  KeyOperator op = KeyOperator::EQ;
  std::vector<AttributeValue> values;  // 1, or 2 for BETWEEN
};

// One term per key attribute, in written order (":v = k" is turned into "k = :v",
// ":v < k" into "k > :v"). Errors (ValidationException, no prefix, DynamoDB's
// words): OR / NOT / IN / <> / non-key functions ("Invalid operator used in
// KeyConditionExpression: OR"), size ("KeyConditionExpressions cannot contain
// nested operations"), nested paths, two names in one condition, a key named
// twice, and "Conditions can be of length 1 or 2 only".
// Precondition: condition is resolved.
Result<std::vector<KeyConditionTerm>> toKeyConditionTerms(const Condition& condition);

// The terms matched to a key schema: the partition key's equality value and
// at most one sort-key condition.
struct KeyCondition {
  std::string partitionKey;
  AttributeValue partitionValue;
  std::optional<KeyConditionTerm> sortKeyCondition;
};

// rangeKey empty: the schema has no sort key. Errors (ValidationException):
// "Query condition missed key schema element: <name>",
// "Query key condition not supported". Value types against the schema's
// attribute types are the caller's to check (it knows the types).
Result<KeyCondition> bindKeySchema(std::vector<KeyConditionTerm> terms, std::string_view hashKey,
                                   std::string_view rangeKey);

}  // namespace dynadesk::expr
