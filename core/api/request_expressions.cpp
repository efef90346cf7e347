#include "api/request_expressions.h"

#include <algorithm>
#include <vector>

#include "dynadesk/attribute_json.h"
#include "expr/parser.h"

namespace dynadesk::api {

namespace {

bool validPlaceholderKey(const std::string& key, char sigil) {
  if (key.size() < 2 || key[0] != sigil) return false;
  return std::all_of(key.begin() + 1, key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string joinParams(const std::vector<std::string_view>& names, std::string_view separator) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) s += separator;
    s += names[i];
  }
  return s;
}

}  // namespace

Result<std::unique_ptr<RequestExpressions>> RequestExpressions::read(
    const Json& request, std::initializer_list<std::string_view> expressionParams,
    std::initializer_list<std::string_view> legacyParams) {
  std::unique_ptr<RequestExpressions> r(new RequestExpressions(request));

  std::vector<std::string_view> usedExpressions, usedLegacy;
  for (auto p : expressionParams) {
    if (member(request, p)) usedExpressions.push_back(p);
  }
  for (auto p : legacyParams) {
    // KeyConditions may stand beside expressions as long as KeyConditionExpression is absent.
    if (p == "KeyConditions" && !member(request, "KeyConditionExpression")) continue;
    if (member(request, p)) usedLegacy.push_back(p);
  }
  if (!usedExpressions.empty() && !usedLegacy.empty()) {
    return Status::validation(
        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {" +
        joinParams(usedLegacy, ", ") + "} Expression parameters: {" + joinParams(usedExpressions, ", ") + "}");
  }

  DYNADESK_ASSIGN_OR_RETURN(const Json* names, optMap(request, "ExpressionAttributeNames", "java.lang.String"));
  DYNADESK_ASSIGN_OR_RETURN(const Json* values,
                            optMap(request, "ExpressionAttributeValues", "com.amazonaws.dynamodb.v20120810.AttributeValue"));
  if (names && usedExpressions.empty()) {
    return Status::validation("ExpressionAttributeNames can only be specified when using expressions");
  }
  std::vector<std::string_view> valueExpressions;
  for (auto p : expressionParams) {
    if (p != "ProjectionExpression") valueExpressions.push_back(p);
  }
  const bool anyValueExpression =
      std::any_of(valueExpressions.begin(), valueExpressions.end(), [&](std::string_view p) { return member(request, p); });
  if (values && !anyValueExpression && !valueExpressions.empty()) {
    return Status::validation("ExpressionAttributeValues can only be specified when using expressions: " +
                              joinParams(valueExpressions, " and ") + (valueExpressions.size() > 1 ? " are" : " is") +
                              " null");
  }
  if (names) {
    if (names->empty()) return Status::validation("ExpressionAttributeNames must not be empty");
    r->names_.emplace();
    for (const auto& [key, value] : names->items()) {
      if (!validPlaceholderKey(key, '#')) {
        return Status::validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
      }
      if (!value.is_string()) return typeMismatch(value, "String");
      r->names_->emplace(key, value.get<std::string>());
    }
  }
  if (values) {
    if (values->empty()) return Status::validation("ExpressionAttributeValues must not be empty");
    r->values_.emplace();
    for (const auto& [key, value] : values->items()) {
      if (!validPlaceholderKey(key, ':')) {
        return Status::validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
      }
      auto v = attributeValueFromJson(value);
      if (!v) {
        if (v.status().type() != ErrorType::ValidationException) return v.status();
        return Status::validation("ExpressionAttributeValues contains invalid value: " + v.status().message() +
                                  " for key " + key);
      }
      r->values_->emplace(key, std::move(v).value());
    }
  }
  r->placeholders_ = expr::Placeholders(r->names_ ? &*r->names_ : nullptr, r->values_ ? &*r->values_ : nullptr);
  return r;
}

Result<std::optional<expr::Condition>> RequestExpressions::condition(std::string_view name, expr::ExpressionKind kind) {
  DYNADESK_ASSIGN_OR_RETURN(auto text, optString(request_, name));
  if (!text) return std::optional<expr::Condition>();
  DYNADESK_ASSIGN_OR_RETURN(expr::Condition c, expr::parseCondition(*text, kind));
  DYNADESK_RETURN_IF_ERROR(expr::resolveCondition(c, kind, placeholders_));
  return std::optional<expr::Condition>(std::move(c));
}

Result<std::optional<expr::Projection>> RequestExpressions::projection(std::string_view name) {
  DYNADESK_ASSIGN_OR_RETURN(auto text, optString(request_, name));
  if (!text) return std::optional<expr::Projection>();
  DYNADESK_ASSIGN_OR_RETURN(expr::Projection p, expr::parseProjection(*text));
  DYNADESK_RETURN_IF_ERROR(expr::resolveProjection(p, placeholders_));
  return std::optional<expr::Projection>(std::move(p));
}

Result<std::optional<expr::Update>> RequestExpressions::update(std::string_view name) {
  DYNADESK_ASSIGN_OR_RETURN(auto text, optString(request_, name));
  if (!text) return std::optional<expr::Update>();
  DYNADESK_ASSIGN_OR_RETURN(expr::Update u, expr::parseUpdate(*text));
  DYNADESK_RETURN_IF_ERROR(expr::resolveUpdate(u, placeholders_));
  return std::optional<expr::Update>(std::move(u));
}

Result<std::optional<expr::Projection>> readAttributesToGet(const Json& request) {
  DYNADESK_ASSIGN_OR_RETURN(const Json* list, optList(request, "AttributesToGet"));
  if (!list) return std::optional<expr::Projection>();
  expr::Projection p;
  std::vector<std::string> seen;
  for (const auto& name : *list) {
    if (!name.is_string()) return typeMismatch(name, "String");
    const std::string n = name.get<std::string>();
    if (std::find(seen.begin(), seen.end(), n) != seen.end()) {
      return Status::validation("One or more parameter values were invalid: Duplicate value in attribute name: " + n);
    }
    seen.push_back(n);
    p.paths.push_back(expr::Path{{expr::PathElement{expr::PathElement::Kind::Name, n, 0}}});
  }
  return std::optional<expr::Projection>(std::move(p));
}

Result<std::optional<expr::Projection>> readProjectionOnlyRequest(const Json& request) {
  DYNADESK_ASSIGN_OR_RETURN(auto expressions,
                            RequestExpressions::read(request, {"ProjectionExpression"}, {"AttributesToGet"}));
  DYNADESK_ASSIGN_OR_RETURN(auto projection, expressions->projection());
  if (!projection) {
    DYNADESK_ASSIGN_OR_RETURN(projection, readAttributesToGet(request));
  }
  DYNADESK_RETURN_IF_ERROR(expressions->checkAllUsed());
  return projection;
}

}  // namespace dynadesk::api
