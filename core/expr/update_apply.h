// Applying a resolved UpdateExpression to an item: a pure function from the old
// item to the new one, with DynamoDB's rules.
//
//   SET     every operand is read from the OLD item; a missing operand path is
//           "The provided expression refers to an attribute that does not exist
//           in the item"; + and - need numbers and list_append lists, else "An
//           operand in the update expression has an incorrect data type"; a list
//           index past the end appends.
//   REMOVE  a missing path is fine; list elements removed by original index.
//   ADD     numbers add, sets union; an absent attribute is created.
//   DELETE  removes members from a set; an emptied set is removed.
// A path whose parent is missing or of the wrong type is "The document path
// provided in the update expression is invalid for update".
//
// Item-level limits (400 KB, nesting depth, key attributes) are the caller's.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "expr/ast.h"

namespace dynadesk::expr {

struct UpdateOutcome {
  Item item;                                  // the new item
  std::vector<std::string> updatedAttributes;  // top-level names touched, sorted, unique
  std::vector<Path> updatedPaths;             // the action paths, for UPDATED_OLD/NEW projection
};

// oldItem: null when the item does not exist yet (the result then starts empty;
// the caller adds the key). Precondition: update is resolved.
// Errors: ValidationException with the messages above; Number overflow errors
// from number.h.
Result<UpdateOutcome> applyUpdate(const Item* oldItem, const Update& update);

}  // namespace dynadesk::expr
