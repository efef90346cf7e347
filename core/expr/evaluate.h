// Evaluating a resolved condition (ConditionExpression / FilterExpression)
// against an item, with DynamoDB's semantics:
//   - comparing values of different types is false, not an error ("<>" is true);
//   - <, <=, >, >=, BETWEEN order only N (by value), S and B (by unsigned bytes);
//   - sets, lists and maps support only = and <>;
//   - a missing attribute makes every comparison false except <>;
//   - contains: substring of S, member of SS/NS/BS, element of L;
//   - begins_with: prefix of S or B; size: S and B (bytes), sets, L, M;
//   - attribute_type(path, :t) with the ten type names.
//
// Thread-safety: pure; many threads may evaluate one resolved tree at once.
#pragma once

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "expr/ast.h"

namespace dynadesk::expr {

// item: the current item (an empty map when there is none).
// Precondition: condition was resolved (resolve.h), which has already rejected
// every invalid operand DynamoDB rejects up front; the Result is for the
// engine's own invariants (e.g. a size that does not fit a Number).
Result<bool> evaluate(const Condition& condition, const Item& item);

}  // namespace dynadesk::expr
