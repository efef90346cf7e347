#include "expr/ast.h"

namespace dynadesk::expr {

std::string_view expressionParameterName(ExpressionKind kind) {
  switch (kind) {
    case ExpressionKind::Condition: return "ConditionExpression";
    case ExpressionKind::Filter: return "FilterExpression";
    case ExpressionKind::KeyCondition: return "KeyConditionExpression";
    case ExpressionKind::Projection: return "ProjectionExpression";
    case ExpressionKind::Update: return "UpdateExpression";
  }
  return "Expression";
}

std::string pathToMessageString(const Path& path) {
  std::string s = "[";
  bool first = true;
  for (const auto& e : path.elements) {
    if (!first) s += ", ";
    first = false;
    if (e.kind == PathElement::Kind::Index) {
      s += '[';
      s += std::to_string(e.index);
      s += ']';
    } else {
      s += e.name;
    }
  }
  s += ']';
  return s;
}

std::string_view comparatorText(Comparator c) {
  switch (c) {
    case Comparator::Eq: return "=";
    case Comparator::Ne: return "<>";
    case Comparator::Lt: return "<";
    case Comparator::Le: return "<=";
    case Comparator::Gt: return ">";
    case Comparator::Ge: return ">=";
  }
  return "=";
}

void collectTopLevelNames(const Condition& c, std::vector<std::string>& out) {
  for (const auto& o : c.operands) {
    if (o.kind == Operand::Kind::Path && !o.path.elements.empty()) out.push_back(o.path.elements[0].name);
    for (const auto& a : o.args) {
      if (a.kind == Operand::Kind::Path && !a.path.elements.empty()) out.push_back(a.path.elements[0].name);
    }
  }
  for (const auto& child : c.children) collectTopLevelNames(child, out);
}

}  // namespace dynadesk::expr
