// Applying a resolved ProjectionExpression to an item, as DynamoDB returns it:
// each path's value is copied into the result with its enclosing maps and
// lists; list elements picked by index keep their relative order (a[3], a[1]
// give a two-element list [a[1], a[3]]); paths that are missing contribute
// nothing, and a container left empty by missing children is left out.
//
// Thread-safety: pure function.
#pragma once

#include <vector>

#include "dynadesk/attribute_value.h"
#include "expr/ast.h"

namespace dynadesk::expr {

// Precondition: paths are resolved.
Item project(const Item& item, const std::vector<Path>& paths);
inline Item project(const Item& item, const Projection& projection) { return project(item, projection.paths); }

}  // namespace dynadesk::expr
