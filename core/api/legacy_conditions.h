// The legacy (pre-expression) condition parameters older SDKs and tools still
// send: KeyConditions, QueryFilter, ScanFilter and Expected share one shape,
// {attribute: {ComparisonOperator, AttributeValueList}}. This file decodes and
// checks that shape with DynamoDB's messages, and turns KeyConditions into the
// typed key condition Query works on.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "api/json_shape.h"
#include "expr/ast.h"
#include "dynadesk/attribute_value.h"
#include "model/table_def.h"
#include "ops/query_ops.h"

namespace dynadesk::api {

// One decoded legacy condition: attribute ComparisonOperator AttributeValueList.
struct LegacyCondition {
  std::string attribute;
  std::string op;  // EQ NE LE LT GE GT NOT_NULL NULL CONTAINS NOT_CONTAINS BEGINS_WITH IN BETWEEN
  std::vector<AttributeValue> values;
};

// Decodes a conditions map (member `name` of `request`) and applies DynamoDB's
// generic checks: argument counts per operator, one type per list, the types
// each operator accepts, BETWEEN bounds in order. `path` is the member's name
// in constraint messages ("keyConditions", "queryFilter", ...).
Result<std::vector<LegacyCondition>> readLegacyConditions(const Json& request, std::string_view name,
                                                          const std::string& path);

// The partition value and sort-key condition of a Query's KeyConditions,
// checked against the table's key schema.
struct KeyConditionParts {
  AttributeValue partitionValue;
  std::optional<ops::SortKeyCondition> sort;
};
Result<KeyConditionParts> keyConditionFromLegacy(const std::vector<LegacyCondition>& conditions,
                                                 const KeySchema& key);

// QueryFilter, ScanFilter or Expected as one resolved condition, the
// conditions joined by ConditionalOperator (AND unless `useOr`). nullopt when
// there are no conditions.
std::optional<expr::Condition> conditionFromLegacy(const std::vector<LegacyCondition>& conditions, bool useOr);

// The legacy Expected parameter: each entry is either {Value, Exists} or the
// ComparisonOperator form. Decoded into LegacyConditions (Exists true with a
// Value is EQ; Exists false is NULL) with DynamoDB's checks.
Result<std::vector<LegacyCondition>> readLegacyExpected(const Json& request);

// ConditionalOperator (AND or OR, default AND); an error when it is given
// without the conditions it joins.
Result<bool> readConditionalOperatorIsOr(const Json& request, bool haveConditions);

}  // namespace dynadesk::api
