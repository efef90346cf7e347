// Reading a resolved document path (a.b[3].c) out of an item.
//
// Thread-safety: pure functions; the returned pointer points into `item` and is
// valid while the item is alive and unmodified.
#pragma once

#include "dynadesk/attribute_value.h"
#include "expr/ast.h"

namespace dynadesk::expr {

// The value at path, or null when a step is missing or the value there is not
// a map (for a name step) or a list (for an index step).
// Precondition: path is resolved (no NameRef elements) and not empty.
const AttributeValue* findPath(const Item& item, const Path& path);

// The child of `value` selected by one element, or null.
const AttributeValue* child(const AttributeValue& value, const PathElement& element);

}  // namespace dynadesk::expr
