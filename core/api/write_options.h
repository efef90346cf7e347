// What conditional writes share at the edge: the condition (ConditionExpression,
// or legacy Expected with ConditionalOperator), ReturnValuesOnConditionCheckFailure,
// and the legacy AttributeUpdates of UpdateItem as an update tree.
//
// Thread-safety: pure functions over one request.
#pragma once

#include <optional>

#include "api/json_shape.h"
#include "api/request_expressions.h"
#include "expr/ast.h"
#include "ops/write_condition.h"

namespace dynadesk::api {

Result<ops::WriteCondition> readWriteCondition(const Json& request, RequestExpressions& expressions);

// PutItem's and DeleteItem's whole condition: ConditionExpression with its
// placeholders (all of which must be used), or Expected + ConditionalOperator.
Result<ops::WriteCondition> readConditionOnlyRequest(const Json& request);

// AttributeUpdates {name: {Action: PUT|ADD|DELETE, Value}} as the equivalent
// update: PUT is SET, DELETE without a value is REMOVE, DELETE with a set is
// DELETE, ADD of a number or set is ADD, ADD of a list appends to it.
Result<std::optional<expr::Update>> readAttributeUpdates(const Json& request);

}  // namespace dynadesk::api
