#include "ops/write_condition.h"

#include "dynadesk/error_details.h"
#include "expr/evaluate.h"

namespace dynadesk::ops {

Status WriteCondition::check(const std::optional<Item>& old) const {
  if (!condition) return Status::ok();
  static const Item kNoItem;
  DYNADESK_ASSIGN_OR_RETURN(bool holds, expr::evaluate(*condition, old ? *old : kNoItem));
  if (holds) return Status::ok();
  Status failed(ErrorType::ConditionalCheckFailedException, "The conditional request failed");
  if (returnOldItemOnFailure && old) {
    auto details = std::make_shared<ErrorDetails>();
    details->item = *old;
    failed = failed.withDetails(std::move(details));
  }
  return failed;
}

}  // namespace dynadesk::ops
