#include "api/write_options.h"

#include <algorithm>

#include "api/constraint_errors.h"
#include "api/legacy_conditions.h"
#include "api/request_common.h"
#include "dynadesk/attribute_json.h"

namespace dynadesk::api {

namespace {

Status invalid(const std::string& m) { return Status::validation("One or more parameter values were invalid: " + m); }

expr::Operand pathOperand(const std::string& name) {
  expr::Operand o;
  o.kind = expr::Operand::Kind::Path;
  o.path.elements.push_back({expr::PathElement::Kind::Name, name, 0});
  return o;
}

expr::Operand valueOperand(AttributeValue v) {
  expr::Operand o;
  o.kind = expr::Operand::Kind::Value;
  o.value = std::move(v);
  o.resolved = true;
  return o;
}

expr::Operand call(expr::Operand::Kind kind, expr::Operand a, expr::Operand b) {
  expr::Operand o;
  o.kind = kind;
  o.args.push_back(std::move(a));
  o.args.push_back(std::move(b));
  return o;
}

}  // namespace

Result<ops::WriteCondition> readWriteCondition(const Json& request, RequestExpressions& expressions) {
  ops::WriteCondition out;
  DYNADESK_ASSIGN_OR_RETURN(auto onFailure, optString(request, "ReturnValuesOnConditionCheckFailure"));
  ConstraintErrors errors;
  checkEnum(onFailure, "returnValuesOnConditionCheckFailure", {"ALL_OLD", "NONE"}, errors);
  DYNADESK_RETURN_IF_ERROR(errors.status());
  out.returnOldItemOnFailure = onFailure == "ALL_OLD";

  DYNADESK_ASSIGN_OR_RETURN(auto condition, expressions.condition("ConditionExpression", expr::ExpressionKind::Condition));
  if (!condition) {
    DYNADESK_ASSIGN_OR_RETURN(auto expected, readLegacyExpected(request));
    DYNADESK_ASSIGN_OR_RETURN(bool useOr, readConditionalOperatorIsOr(request, !expected.empty()));
    condition = conditionFromLegacy(expected, useOr);
  }
  if (condition) out.condition = std::make_shared<const expr::Condition>(std::move(*condition));
  return out;
}

Result<ops::WriteCondition> readConditionOnlyRequest(const Json& request) {
  DYNADESK_ASSIGN_OR_RETURN(auto expressions,
                            RequestExpressions::read(request, {"ConditionExpression"}, {"Expected", "ConditionalOperator"}));
  DYNADESK_ASSIGN_OR_RETURN(ops::WriteCondition condition, readWriteCondition(request, *expressions));
  DYNADESK_RETURN_IF_ERROR(expressions->checkAllUsed());
  return condition;
}

Result<std::optional<expr::Update>> readAttributeUpdates(const Json& request) {
  DYNADESK_ASSIGN_OR_RETURN(const Json* map,
                            optMap(request, "AttributeUpdates", "com.amazonaws.dynamodb.v20120810.AttributeValueUpdate"));
  if (!map) return std::optional<expr::Update>();
  expr::Update update;
  ConstraintErrors errors;
  for (const auto& [name, entry] : map->items()) {
    if (!entry.is_object()) return typeMismatch(entry, "Structure");
    DYNADESK_ASSIGN_OR_RETURN(auto action, optString(entry, "Action"));
    checkEnum(action, "attributeUpdates." + name + ".member.action", {"ADD", "PUT", "DELETE"}, errors);
    DYNADESK_RETURN_IF_ERROR(errors.status());
    const std::string act = action.value_or("PUT");
    std::optional<AttributeValue> value;
    if (const Json* v = member(entry, "Value")) {
      DYNADESK_ASSIGN_OR_RETURN(AttributeValue av, attributeValueFromJson(*v));
      value = std::move(av);
    }
    if (!value && act != "DELETE") return invalid("Only DELETE action is allowed when no attribute value is specified");
    expr::UpdateAction a;
    a.path = pathOperand(name).path;
    if (act == "PUT") {
      a.kind = expr::UpdateAction::Kind::Set;
      a.value = valueOperand(std::move(*value));
    } else if (act == "DELETE" && !value) {
      a.kind = expr::UpdateAction::Kind::Remove;
    } else if (act == "DELETE") {
      if (!value->isSet()) {
        return invalid("DELETE action with value is not supported for the type " + std::string(attrTypeName(value->type())));
      }
      a.kind = expr::UpdateAction::Kind::Delete;
      a.value = valueOperand(std::move(*value));
    } else if (value->is(AttrType::L)) {
      // Legacy ADD appends to a list (creating it); expressions spell that list_append.
      a.kind = expr::UpdateAction::Kind::Set;
      a.value = call(expr::Operand::Kind::ListAppend,
                     call(expr::Operand::Kind::IfNotExists, pathOperand(name), valueOperand(AttributeValue::list({}))),
                     valueOperand(std::move(*value)));
    } else if (value->is(AttrType::N) || value->isSet()) {
      a.kind = expr::UpdateAction::Kind::Add;
      a.value = valueOperand(std::move(*value));
    } else {
      return invalid("ADD action is not supported for the type " + std::string(attrTypeName(value->type())));
    }
    update.actions.push_back(std::move(a));
  }
  // The tree keeps DynamoDB's clause order: SET, REMOVE, ADD, DELETE.
  std::stable_sort(update.actions.begin(), update.actions.end(),
                   [](const expr::UpdateAction& x, const expr::UpdateAction& y) { return x.kind < y.kind; });
  return std::optional<expr::Update>(std::move(update));
}

}  // namespace dynadesk::api
