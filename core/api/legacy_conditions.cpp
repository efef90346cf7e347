#include "api/legacy_conditions.h"

#include <algorithm>
#include <map>

#include "api/constraint_errors.h"
#include "api/request_common.h"
#include "dynadesk/attribute_json.h"

namespace dynadesk::api {

namespace {

Status invalid(const std::string& m) { return Status::validation("One or more parameter values were invalid: " + m); }

int compareScalars(const AttributeValue& a, const AttributeValue& b) {
  if (a.is(AttrType::N)) return a.asNumber().compare(b.asNumber());
  const std::string& x = a.is(AttrType::S) ? a.asString() : a.asBinary();
  const std::string& y = b.is(AttrType::S) ? b.asString() : b.asBinary();
  return x.compare(y);
}

struct OperatorRule {
  int minArgs;
  int maxArgs;
  std::vector<AttrType> types;  // empty: any
};

const std::map<std::string, OperatorRule>& rules() {
  using T = AttrType;
  static const std::map<std::string, OperatorRule> r = {
      {"EQ", {1, 1, {T::S, T::N, T::B, T::SS, T::NS, T::BS}}},
      {"NE", {1, 1, {T::S, T::N, T::B, T::SS, T::NS, T::BS}}},
      {"LE", {1, 1, {T::S, T::N, T::B}}},
      {"LT", {1, 1, {T::S, T::N, T::B}}},
      {"GE", {1, 1, {T::S, T::N, T::B}}},
      {"GT", {1, 1, {T::S, T::N, T::B}}},
      {"CONTAINS", {1, 1, {T::S, T::N, T::B}}},
      {"NOT_CONTAINS", {1, 1, {T::S, T::N, T::B}}},
      {"BEGINS_WITH", {1, 1, {T::S, T::B}}},
      {"IN", {1, 1 << 30, {T::S, T::N, T::B}}},
      {"BETWEEN", {2, 2, {T::S, T::N, T::B}}},
      {"NULL", {0, 0, {}}},
      {"NOT_NULL", {0, 0, {}}},
  };
  return r;
}

}  // namespace

Result<std::vector<LegacyCondition>> readLegacyConditions(const Json& request, std::string_view name,
                                                          const std::string& path) {
  DYNADESK_ASSIGN_OR_RETURN(const Json* map, optMap(request, name, "com.amazonaws.dynamodb.v20120810.Condition"));
  std::vector<LegacyCondition> out;
  if (!map) return out;
  ConstraintErrors errors;
  for (const auto& [attribute, condition] : map->items()) {
    if (!condition.is_object()) return typeMismatch(condition, "Structure");
    DYNADESK_ASSIGN_OR_RETURN(auto op, optString(condition, "ComparisonOperator"));
    DYNADESK_ASSIGN_OR_RETURN(const Json* list, optList(condition, "AttributeValueList"));
    const std::string p = path + "." + attribute + ".member.comparisonOperator";
    if (!op) {
      errors.notNull(p);
      continue;
    }
    if (!rules().count(*op)) {
      errors.add(ConstraintErrors::quote(*op), p,
                 "Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, "
                 "BEGINS_WITH, GE, CONTAINS]");
      continue;
    }
    LegacyCondition c{attribute, *op, {}};
    if (list) {
      for (const auto& v : *list) {
        DYNADESK_ASSIGN_OR_RETURN(AttributeValue av, attributeValueFromJson(v));
        c.values.push_back(std::move(av));
      }
    }
    out.push_back(std::move(c));
  }
  DYNADESK_RETURN_IF_ERROR(errors.status());

  for (const auto& c : out) {
    const OperatorRule& rule = rules().at(c.op);
    const int n = static_cast<int>(c.values.size());
    if (n < rule.minArgs || n > rule.maxArgs) {
      return invalid("Invalid number of argument(s) for the " + c.op + " ComparisonOperator");
    }
    for (const auto& v : c.values) {
      if (v.type() != c.values.front().type()) return invalid("AttributeValues inside AttributeValueList must be of same type");
    }
    for (const auto& v : c.values) {
      if (!rule.types.empty() && std::find(rule.types.begin(), rule.types.end(), v.type()) == rule.types.end()) {
        return invalid("ComparisonOperator " + c.op + " is not valid for " + std::string(attrTypeName(v.type())) +
                       " AttributeValue type");
      }
    }
    if (c.op == "BETWEEN" && compareScalars(c.values[0], c.values[1]) > 0) {
      return Status::validation("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
    }
  }
  return out;
}

Result<KeyConditionParts> keyConditionFromLegacy(const std::vector<LegacyCondition>& conditions,
                                                 const KeySchema& key) {
  if (conditions.size() != 1 && conditions.size() != 2) {
    return Status::validation("Conditions can be of length 1 or 2 only");
  }
  if (!key.sort && conditions.size() > 1) return Status::validation("Query key condition not supported");
  auto find = [&](const std::string& name) -> const LegacyCondition* {
    for (const auto& c : conditions) {
      if (c.attribute == name) return &c;
    }
    return nullptr;
  };
  const Status typeMismatch =
      invalid("Condition parameter type does not match schema type");
  const Status notIndexable = Status::validation("Attempted conditional constraint is not an indexable operation");

  const LegacyCondition* hash = find(key.partition.name);
  if (!hash) return Status::validation("Query condition missed key schema element: " + key.partition.name);
  if (hash->op != "EQ") return notIndexable;
  if (hash->values[0].type() != key.partition.type) return typeMismatch;

  KeyConditionParts parts{hash->values[0], std::nullopt};
  if (conditions.size() == 1) return parts;

  const LegacyCondition* range = find(key.sort->name);
  if (!range) return Status::validation("Query condition missed key schema element: " + key.sort->name);
  static const std::map<std::string, ops::SortKeyOp> ops = {
      {"EQ", ops::SortKeyOp::Equal},          {"LT", ops::SortKeyOp::Less},
      {"LE", ops::SortKeyOp::LessOrEqual},    {"GT", ops::SortKeyOp::Greater},
      {"GE", ops::SortKeyOp::GreaterOrEqual}, {"BETWEEN", ops::SortKeyOp::Between},
      {"BEGINS_WITH", ops::SortKeyOp::BeginsWith}};
  auto op = ops.find(range->op);
  if (op == ops.end()) return notIndexable;
  for (const auto& v : range->values) {
    if (v.type() != key.sort->type) return typeMismatch;
  }
  ops::SortKeyCondition sort{op->second, range->values[0], std::nullopt};
  if (op->second == ops::SortKeyOp::Between) sort.upper = range->values[1];
  parts.sort = std::move(sort);
  return parts;
}

namespace {

expr::Operand pathOperand(const std::string& name) {
  expr::Operand o;
  o.kind = expr::Operand::Kind::Path;
  o.path.elements.push_back({expr::PathElement::Kind::Name, name, 0});
  return o;
}

expr::Operand valueOperand(const AttributeValue& v) {
  expr::Operand o;
  o.kind = expr::Operand::Kind::Value;
  o.value = v;
  o.resolved = true;
  return o;
}

expr::Condition single(const LegacyCondition& c) {
  using K = expr::Condition::Kind;
  expr::Condition out;
  out.operands.push_back(pathOperand(c.attribute));
  for (const auto& v : c.values) out.operands.push_back(valueOperand(v));
  static const std::map<std::string, expr::Comparator> comparators = {
      {"EQ", expr::Comparator::Eq}, {"NE", expr::Comparator::Ne}, {"LT", expr::Comparator::Lt},
      {"LE", expr::Comparator::Le}, {"GT", expr::Comparator::Gt}, {"GE", expr::Comparator::Ge}};
  if (auto it = comparators.find(c.op); it != comparators.end()) {
    out.kind = K::Compare;
    out.comparator = it->second;
  } else if (c.op == "NOT_NULL") {
    out.kind = K::AttributeExists;
  } else if (c.op == "NULL") {
    out.kind = K::AttributeNotExists;
  } else if (c.op == "CONTAINS" || c.op == "NOT_CONTAINS") {
    out.kind = K::Contains;
    if (c.op == "NOT_CONTAINS") {
      expr::Condition negated;
      negated.kind = K::Not;
      negated.children.push_back(std::move(out));
      return negated;
    }
  } else if (c.op == "BEGINS_WITH") {
    out.kind = K::BeginsWith;
  } else if (c.op == "IN") {
    out.kind = K::In;
  } else {
    out.kind = K::Between;
  }
  return out;
}

}  // namespace

std::optional<expr::Condition> conditionFromLegacy(const std::vector<LegacyCondition>& conditions, bool useOr) {
  std::optional<expr::Condition> result;
  for (const auto& c : conditions) {
    expr::Condition next = single(c);
    if (!result) {
      result = std::move(next);
      continue;
    }
    expr::Condition joined;
    joined.kind = useOr ? expr::Condition::Kind::Or : expr::Condition::Kind::And;
    joined.children.push_back(std::move(*result));
    joined.children.push_back(std::move(next));
    result = std::move(joined);
  }
  return result;
}

Result<std::vector<LegacyCondition>> readLegacyExpected(const Json& request) {
  DYNADESK_ASSIGN_OR_RETURN(const Json* map, optMap(request, "Expected", "com.amazonaws.dynamodb.v20120810.ExpectedAttributeValue"));
  std::vector<LegacyCondition> out;
  if (!map) return out;
  for (const auto& [attribute, entry] : map->items()) {
    if (!entry.is_object()) return typeMismatch(entry, "Structure");
    const bool hasList = member(entry, "AttributeValueList") != nullptr;
    const bool hasValue = member(entry, "Value") != nullptr;
    DYNADESK_ASSIGN_OR_RETURN(auto exists, optBool(entry, "Exists"));
    DYNADESK_ASSIGN_OR_RETURN(auto op, optString(entry, "ComparisonOperator"));
    if (hasList && hasValue) {
      return invalid("Value and AttributeValueList cannot be used together for Attribute: " + attribute);
    }
    if (op) {
      if (exists) return invalid("Exists and ComparisonOperator cannot be used together for Attribute: " + attribute);
      if (*op != "NULL" && *op != "NOT_NULL" && !hasList && !hasValue) {
        return invalid("Value or AttributeValueList must be used with ComparisonOperator: " + *op +
                       " for Attribute: " + attribute);
      }
      // The ComparisonOperator form: reuse the generic decoder and its checks.
      Json wrapped = Json::object();
      Json cond = Json{{"ComparisonOperator", *op}};
      if (hasList) cond["AttributeValueList"] = entry["AttributeValueList"];
      if (hasValue) cond["AttributeValueList"] = Json::array({entry["Value"]});
      wrapped["Expected"][attribute] = cond;
      DYNADESK_ASSIGN_OR_RETURN(auto decoded, readLegacyConditions(wrapped, "Expected", "expected"));
      for (auto& c : decoded) out.push_back(std::move(c));
      continue;
    }
    if (hasList) {
      return invalid("AttributeValueList can only be used with a ComparisonOperator for Attribute: " + attribute);
    }
    const bool mustExist = exists.value_or(true);
    if (mustExist && !hasValue) {
      return invalid("Value must be provided when Exists is " + std::string(exists ? "true" : "null") +
                     " for Attribute: " + attribute);
    }
    if (!mustExist && hasValue) return invalid("Value cannot be used when Exists is false for Attribute: " + attribute);
    LegacyCondition c{attribute, mustExist ? "EQ" : "NULL", {}};
    if (hasValue) {
      DYNADESK_ASSIGN_OR_RETURN(AttributeValue v, attributeValueFromJson(entry["Value"]));
      c.values.push_back(std::move(v));
    }
    out.push_back(std::move(c));
  }
  return out;
}

Result<bool> readConditionalOperatorIsOr(const Json& request, bool haveConditions) {
  DYNADESK_ASSIGN_OR_RETURN(auto op, optString(request, "ConditionalOperator"));
  if (!op) return false;
  ConstraintErrors errors;
  checkEnum(op, "conditionalOperator", {"OR", "AND"}, errors);
  DYNADESK_RETURN_IF_ERROR(errors.status());
  if (!haveConditions) {
    return Status::validation("ConditionalOperator can only be used when Filter or Expected conditions are present");
  }
  return *op == "OR";
}

}  // namespace dynadesk::api
