// Helpers shared by the expression tests: values written as DynamoDB JSON, and
// the parse -> resolve -> check-unused pipeline a request goes through.
#pragma once

#include <QtTest>

#include <string>

#include "dynadesk/attribute_json.h"
#include "expr/parser.h"
#include "expr/resolve.h"

Q_DECLARE_METATYPE(std::string)

namespace exprtest {

using namespace dynadesk;
using namespace dynadesk::expr;

// {"S":"x"} -> AttributeValue; an item is {"a":{"S":"x"}, ...}.
inline AttributeValue value(const std::string& json) {
  auto v = attributeValueFromJson(nlohmann::json::parse(json));
  if (!v.isOk()) qFatal("bad test value %s: %s", json.c_str(), v.status().message().c_str());
  return *v;
}
inline Item item(const std::string& json) {
  if (json.empty()) return {};
  return value(R"({"M":)" + json + "}").asMap();
}
inline AttributeNames names(const std::string& json) {
  AttributeNames out;
  if (json.empty()) return out;
  auto j = nlohmann::json::parse(json);
  for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = it.value().get<std::string>();
  return out;
}
inline AttributeValues values(const std::string& json) {
  AttributeValues out;
  if (json.empty()) return out;
  auto j = nlohmann::json::parse(json);
  for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = value(it.value().dump());
  return out;
}

// Parse and resolve one condition the way a request does (unused placeholders
// included). Empty names/values JSON means the request had none.
inline Result<Condition> condition(const std::string& text, const std::string& namesJson,
                                   const std::string& valuesJson, ExpressionKind kind = ExpressionKind::Condition) {
  AttributeNames n = names(namesJson);
  AttributeValues v = values(valuesJson);
  Placeholders p(namesJson.empty() ? nullptr : &n, valuesJson.empty() ? nullptr : &v);
  DYNADESK_ASSIGN_OR_RETURN(Condition c, parseCondition(text, kind));
  DYNADESK_RETURN_IF_ERROR(resolveCondition(c, kind, p));
  DYNADESK_RETURN_IF_ERROR(p.checkAllUsed());
  return c;
}

inline Result<Update> update(const std::string& text, const std::string& namesJson, const std::string& valuesJson) {
  AttributeNames n = names(namesJson);
  AttributeValues v = values(valuesJson);
  Placeholders p(namesJson.empty() ? nullptr : &n, valuesJson.empty() ? nullptr : &v);
  DYNADESK_ASSIGN_OR_RETURN(Update u, parseUpdate(text));
  DYNADESK_RETURN_IF_ERROR(resolveUpdate(u, p));
  DYNADESK_RETURN_IF_ERROR(p.checkAllUsed());
  return u;
}

inline Result<Projection> projection(const std::string& text, const std::string& namesJson) {
  AttributeNames n = names(namesJson);
  Placeholders p(namesJson.empty() ? nullptr : &n, nullptr);
  DYNADESK_ASSIGN_OR_RETURN(Projection pr, parseProjection(text));
  DYNADESK_RETURN_IF_ERROR(resolveProjection(pr, p));
  DYNADESK_RETURN_IF_ERROR(p.checkAllUsed());
  return pr;
}

inline std::string json(const Item& i) { return toJson(i).dump(); }

}  // namespace exprtest
