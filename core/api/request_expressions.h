// The expression parameters of a request, read once at the edge: the
// ExpressionAttributeNames / ExpressionAttributeValues maps (with DynamoDB's
// checks), the rule that expression and legacy parameters do not mix, and
// helpers that parse and resolve each expression member against the request's
// placeholders. After every expression of a request is resolved, call
// checkAllUsed() so unused placeholders are reported as DynamoDB does.
//
// Thread-safety: one RequestExpressions per request; not shared.
#pragma once

#include <initializer_list>
#include <memory>
#include <optional>
#include <string_view>

#include "api/json_shape.h"
#include "expr/ast.h"
#include "expr/resolve.h"

namespace dynadesk::api {

class RequestExpressions {
 public:
  // `expressionParams` are the operation's expression members in DynamoDB's
  // order ("ProjectionExpression", "FilterExpression", ...), `legacyParams` the
  // legacy members they replace ("AttributesToGet", "QueryFilter", ...).
  static Result<std::unique_ptr<RequestExpressions>> read(const Json& request,
                                                          std::initializer_list<std::string_view> expressionParams,
                                                          std::initializer_list<std::string_view> legacyParams);

  // Each: nullopt when the member is absent; otherwise parsed and resolved.
  Result<std::optional<expr::Condition>> condition(std::string_view member, expr::ExpressionKind kind);
  Result<std::optional<expr::Projection>> projection(std::string_view member = "ProjectionExpression");
  Result<std::optional<expr::Update>> update(std::string_view member = "UpdateExpression");

  // DynamoDB's error for placeholders no expression used.
  Status checkAllUsed() const { return placeholders_.checkAllUsed(); }

  RequestExpressions(const RequestExpressions&) = delete;
  RequestExpressions& operator=(const RequestExpressions&) = delete;

 private:
  explicit RequestExpressions(const Json& request) : request_(request), placeholders_(nullptr, nullptr) {}

  const Json& request_;
  std::optional<expr::AttributeNames> names_;
  std::optional<expr::AttributeValues> values_;
  expr::Placeholders placeholders_;
};

// A legacy attribute list (AttributesToGet) as a projection of top-level names.
Result<std::optional<expr::Projection>> readAttributesToGet(const Json& request);

// GetItem's (and each BatchGetItem table's) whole projection:
// ProjectionExpression with its placeholders, or AttributesToGet.
Result<std::optional<expr::Projection>> readProjectionOnlyRequest(const Json& request);

}  // namespace dynadesk::api
