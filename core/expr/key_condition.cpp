#include "expr/key_condition.h"

namespace dynadesk::expr {

namespace {

Status invalidOperator(std::string_view op) {
  return Status::validation("Invalid operator used in KeyConditionExpression: " + std::string(op));
}

Status collect(const Condition& c, std::vector<KeyConditionTerm>& terms) {
  using K = Condition::Kind;
  switch (c.kind) {
    case K::Or: return invalidOperator("OR");
    case K::Not: return invalidOperator("NOT");
    case K::In: return invalidOperator("IN");
    case K::AttributeExists: return invalidOperator("attribute_exists");
    case K::AttributeNotExists: return invalidOperator("attribute_not_exists");
    case K::AttributeType: return invalidOperator("attribute_type");
    case K::Contains: return invalidOperator("contains");
    case K::Compare:
      if (c.comparator == Comparator::Ne) return invalidOperator("<>");
      break;
    case K::And:
      DYNADESK_RETURN_IF_ERROR(collect(c.children[0], terms));
      return collect(c.children[1], terms);
    default: break;
  }
  if ((c.kind == K::Between || c.kind == K::BeginsWith) && c.operands[0].kind != Operand::Kind::Path) {
    for (const auto& op : c.operands) {
      if (op.kind == Operand::Kind::Size) return Status::validation("KeyConditionExpressions cannot contain nested operations");
    }
    return Status::validation(std::string("Invalid condition in KeyConditionExpression: ") +
                              (c.kind == K::Between ? "BETWEEN" : "begins_with") +
                              " operator must have the key attribute as its first operand");
  }
  const Path* path = nullptr;
  std::size_t pathIndex = 0;
  std::vector<AttributeValue> values;
  for (std::size_t i = 0; i < c.operands.size(); ++i) {
    const auto& op = c.operands[i];
    if (op.kind == Operand::Kind::Size) return Status::validation("KeyConditionExpressions cannot contain nested operations");
    if (op.kind == Operand::Kind::Path) {
      if (path != nullptr) {
        return Status::validation("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
      }
      if (op.path.elements.size() > 1) {
        return Status::validation("KeyConditionExpressions cannot have conditions on nested attributes");
      }
      path = &op.path;
      pathIndex = i;
    } else {
      values.push_back(op.value);
    }
  }
  if (path == nullptr) return Status::validation("Invalid condition in KeyConditionExpression: No key attribute specified");
  const std::string& name = path->elements[0].name;
  for (const auto& t : terms) {
    if (t.attribute == name) return Status::validation("KeyConditionExpressions must only contain one condition per key");
  }
  KeyConditionTerm term;
  term.attribute = name;
  term.values = std::move(values);
  if (c.kind == K::Between) {
    term.op = KeyOperator::BETWEEN;
  } else if (c.kind == K::BeginsWith) {
    term.op = KeyOperator::BEGINS_WITH;
  } else {
    // The key on the right flips the comparison: ":v < k" means "k > :v".
    bool flip = pathIndex != 0;
    switch (c.comparator) {
      case Comparator::Eq: term.op = KeyOperator::EQ; break;
      case Comparator::Lt: term.op = flip ? KeyOperator::GT : KeyOperator::LT; break;
      case Comparator::Le: term.op = flip ? KeyOperator::GE : KeyOperator::LE; break;
      case Comparator::Gt: term.op = flip ? KeyOperator::LT : KeyOperator::GT; break;
      case Comparator::Ge: term.op = flip ? KeyOperator::LE : KeyOperator::GE; break;
      default: break;
    }
  }
  terms.push_back(std::move(term));
  return Status::ok();
}

}  // namespace

Result<std::vector<KeyConditionTerm>> toKeyConditionTerms(const Condition& condition) {
  std::vector<KeyConditionTerm> terms;
  DYNADESK_RETURN_IF_ERROR(collect(condition, terms));
  if (terms.size() != 1 && terms.size() != 2) return Status::validation("Conditions can be of length 1 or 2 only");
  return terms;
}

Result<KeyCondition> bindKeySchema(std::vector<KeyConditionTerm> terms, std::string_view hashKey,
                                   std::string_view rangeKey) {
  if (rangeKey.empty() && terms.size() > 1) return Status::validation("Query key condition not supported");
  KeyCondition out;
  out.partitionKey = std::string(hashKey);
  bool haveHash = false;
  for (auto& t : terms) {
    if (t.attribute == hashKey) {
      if (t.op != KeyOperator::EQ) return Status::validation("Query key condition not supported");
      out.partitionValue = std::move(t.values[0]);
      haveHash = true;
    } else if (!rangeKey.empty() && t.attribute == rangeKey) {
      out.sortKeyCondition = std::move(t);
    }
  }
  if (!haveHash) return Status::validation("Query condition missed key schema element: " + std::string(hashKey));
  if (terms.size() > 1 && !out.sortKeyCondition) {
    return Status::validation("Query condition missed key schema element: " + std::string(rangeKey));
  }
  return out;
}

}  // namespace dynadesk::expr
