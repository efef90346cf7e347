// Resolution: replaces the placeholders of a parsed expression with the
// request's ExpressionAttributeNames / ExpressionAttributeValues and runs the
// checks DynamoDB makes once values are known (operand types of functions and
// update operators, BETWEEN bounds, overlapping update paths).
//
// One Placeholders object serves every expression of one request (e.g. the
// UpdateExpression, ConditionExpression and ProjectionExpression of an
// UpdateItem), because "unused" is judged across all of them: resolve each
// expression, then call checkAllUsed().
//
// Errors: ValidationException with DynamoDB's message and the expression's
// "Invalid <Parameter>: " prefix; checkAllUsed()'s messages have no prefix.
//
// Thread-safety: a Placeholders is used by one thread at a time.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "expr/ast.h"

namespace dynadesk::expr {

using AttributeNames = std::map<std::string, std::string>;
using AttributeValues = std::map<std::string, AttributeValue>;

class Placeholders {
 public:
  // Either map may be null (the request had none). The maps are borrowed: they
  // must outlive this object. Resolved trees copy what they need and do not
  // refer to the maps.
  Placeholders(const AttributeNames* names, const AttributeValues* values) : names_(names), values_(values) {}

  // The attribute name for "#ref" (marking it used), or null when undefined.
  const std::string* name(const std::string& ref);
  // The value for ":ref" (marking it used), or null when undefined.
  const AttributeValue* value(const std::string& ref);

  // After all expressions are resolved: DynamoDB's
  // "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}"
  // (names are checked before values; keys listed in sorted order).
  Status checkAllUsed() const;

 private:
  const AttributeNames* names_;
  const AttributeValues* values_;
  std::set<std::string_view> usedNames_;   // views of keys in *names_
  std::set<std::string_view> usedValues_;  // views of keys in *values_
};

// kind: Condition, Filter or KeyCondition (message prefix).
Status resolveCondition(Condition& condition, ExpressionKind kind, Placeholders& placeholders);
Status resolveUpdate(Update& update, Placeholders& placeholders);
Status resolveProjection(Projection& projection, Placeholders& placeholders);

}  // namespace dynadesk::expr
