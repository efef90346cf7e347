// TransactWriteItems and TransactGetItems at the edge: each action is read
// with the same helpers as the single-item operation it mirrors (its own
// ConditionExpression, UpdateExpression, placeholders and
// ReturnValuesOnConditionCheckFailure), then handed to ops/transactions.h.
#include "api/handlers.h"
#include "api/read_options.h"
#include "api/request_common.h"
#include "api/request_expressions.h"
#include "api/write_options.h"
#include "dynadesk/attribute_json.h"
#include "expr/projection.h"
#include "ops/transactions.h"

namespace dynadesk::api {

namespace {

// FNV-1a over the request's TransactItems as sent (its canonical dump): what a
// ClientRequestToken is bound to.
std::uint64_t digestOf(const Json& items) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : items.dump()) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

Result<ops::TransactWriteAction> readWriteAction(const Json& entry, std::size_t n, ConstraintErrors& errors) {
  if (!entry.is_object()) return typeMismatch(entry, "Structure");
  using Kind = ops::TransactWriteAction::Kind;
  const std::pair<const char*, Kind> kinds[] = {
      {"Put", Kind::Put}, {"Update", Kind::Update}, {"Delete", Kind::Delete}, {"ConditionCheck", Kind::ConditionCheck}};
  const Json* body = nullptr;
  ops::TransactWriteAction a;
  int given = 0;
  for (const auto& [name, kind] : kinds) {
    DYNADESK_ASSIGN_OR_RETURN(const Json* x, optStructure(entry, name));
    if (x) {
      body = x;
      a.kind = kind;
      ++given;
    }
  }
  if (given != 1) {
    return Status::validation("TransactItems can only contain one of Check, Put, Update or Delete");
  }
  const std::string p = "transactItems." + std::to_string(n + 1) + ".member";
  DYNADESK_ASSIGN_OR_RETURN(a.tableName, readTableName(*body, errors));
  const char* itemMember = a.kind == Kind::Put ? "Item" : "Key";
  DYNADESK_ASSIGN_OR_RETURN(auto item, readAttributeMap(*body, itemMember));
  if (!item) errors.notNull(p + (a.kind == Kind::Put ? ".put.item" : ".key"));
  DYNADESK_ASSIGN_OR_RETURN(auto onFailure, optString(*body, "ReturnValuesOnConditionCheckFailure"));
  checkEnum(onFailure, p + ".returnValuesOnConditionCheckFailure", {"ALL_OLD", "NONE"}, errors);
  DYNADESK_RETURN_IF_ERROR(errors.status());
  a.item = std::move(*item);

  if (a.kind == Kind::Update) {
    DYNADESK_ASSIGN_OR_RETURN(auto expressions,
                              RequestExpressions::read(*body, {"UpdateExpression", "ConditionExpression"}, {}));
    DYNADESK_ASSIGN_OR_RETURN(auto update, expressions->update());
    if (!update) return Status::validation("1 validation error detected: Value null at '" + p +
                                           ".update.updateExpression' failed to satisfy constraint: Member must not be null");
    a.update = std::make_shared<const expr::Update>(std::move(*update));
    DYNADESK_ASSIGN_OR_RETURN(a.condition, readWriteCondition(*body, *expressions));
    DYNADESK_RETURN_IF_ERROR(expressions->checkAllUsed());
  } else if (a.kind == Kind::ConditionCheck) {
    if (!member(*body, "ConditionExpression")) {
      return Status::validation("1 validation error detected: Value null at '" + p +
                                ".conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null");
    }
    DYNADESK_ASSIGN_OR_RETURN(a.condition, readConditionOnlyRequest(*body));
  } else {
    DYNADESK_ASSIGN_OR_RETURN(a.condition, readConditionOnlyRequest(*body));
  }
  a.condition.returnOldItemOnFailure = onFailure == "ALL_OLD";
  return a;
}

}  // namespace

Result<Json> transactWriteItems(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(const Json* items, optList(request, "TransactItems"));
  DYNADESK_ASSIGN_OR_RETURN(auto token, optString(request, "ClientRequestToken"));
  if (!items) errors.notNull("transactItems");
  if (token && (token->empty() || token->size() > 36)) {
    errors.add(ConstraintErrors::quote(*token), "clientRequestToken",
               token->empty() ? "Member must have length greater than or equal to 1"
                              : "Member must have length less than or equal to 36");
  }
  DYNADESK_RETURN_IF_ERROR(readItemReturnOptions(request, errors));
  DYNADESK_RETURN_IF_ERROR(errors.status());
  ops::TransactWriteRequest r;
  for (std::size_t n = 0; n < items->size(); ++n) {
    DYNADESK_ASSIGN_OR_RETURN(auto action, readWriteAction((*items)[n], n, errors));
    r.actions.push_back(std::move(action));
  }
  r.clientRequestToken = token;
  r.requestDigest = digestOf(*items);
  DYNADESK_ASSIGN_OR_RETURN(ops::TransactResult result, ops::transactWriteItems(db, r));
  Json answer = Json::object();
  if (const CapacityDetail detail = capacityDetail(request); detail != CapacityDetail::None) {
    answer["ConsumedCapacity"] = consumedCapacityList(result.consumed, detail, /*split=*/true);
  }
  return answer;
}

Result<Json> transactGetItems(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(const Json* items, optList(request, "TransactItems"));
  if (!items) errors.notNull("transactItems");
  DYNADESK_RETURN_IF_ERROR(readConsumedCapacityOption(request, errors));
  DYNADESK_RETURN_IF_ERROR(errors.status());
  std::vector<ops::TransactGetAction> gets;
  std::vector<std::optional<expr::Projection>> projections;
  for (std::size_t n = 0; n < items->size(); ++n) {
    const Json& entry = (*items)[n];
    if (!entry.is_object()) return typeMismatch(entry, "Structure");
    DYNADESK_ASSIGN_OR_RETURN(const Json* get, optStructure(entry, "Get"));
    if (!get) {
      errors.notNull("transactItems." + std::to_string(n + 1) + ".member.get");
      continue;
    }
    ops::TransactGetAction g;
    DYNADESK_ASSIGN_OR_RETURN(g.tableName, readTableName(*get, errors));
    DYNADESK_ASSIGN_OR_RETURN(auto key, readAttributeMap(*get, "Key"));
    if (!key) errors.notNull("transactItems." + std::to_string(n + 1) + ".member.get.key");
    DYNADESK_RETURN_IF_ERROR(errors.status());
    DYNADESK_ASSIGN_OR_RETURN(auto projection, readProjectionOnlyRequest(*get));
    g.key = std::move(*key);
    gets.push_back(std::move(g));
    projections.push_back(std::move(projection));
  }
  DYNADESK_RETURN_IF_ERROR(errors.status());
  DYNADESK_ASSIGN_OR_RETURN(ops::TransactGetResult got, ops::transactGetItems(db, gets));
  const auto& found = got.items;
  Json responses = Json::array();
  for (std::size_t i = 0; i < found.size(); ++i) {
    Json one = Json::object();
    if (found[i]) one["Item"] = toJson(projections[i] ? expr::project(*found[i], *projections[i]) : *found[i]);
    responses.push_back(std::move(one));
  }
  Json answer{{"Responses", std::move(responses)}};
  if (const CapacityDetail detail = capacityDetail(request); detail != CapacityDetail::None) {
    answer["ConsumedCapacity"] = consumedCapacityList(got.consumed, detail, /*split=*/true);
  }
  return answer;
}

}  // namespace dynadesk::api
