// The condition of a conditional write (ConditionExpression, or the legacy
// Expected parameter turned into the same tree), checked inside the write's
// transaction against the item as it is there.
//
// Thread-safety: immutable after construction; check() is pure.
#pragma once

#include <memory>
#include <optional>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "expr/ast.h"

namespace dynadesk::ops {

struct WriteCondition {
  std::shared_ptr<const expr::Condition> condition;  // null: unconditional
  bool returnOldItemOnFailure = false;              // ReturnValuesOnConditionCheckFailure ALL_OLD

  bool present() const { return condition != nullptr; }
  // Ok when unconditional or the condition holds for `old` (an absent item is
  // evaluated as an item with no attributes). Otherwise
  // ConditionalCheckFailedException "The conditional request failed", carrying
  // the old item when asked for and it exists; evaluation errors as they are.
  Status check(const std::optional<Item>& old) const;
};

}  // namespace dynadesk::ops
