#include "expr/resolve.h"

#include <optional>

#include "dynadesk/base64.h"

namespace dynadesk::expr {

const std::string* Placeholders::name(const std::string& ref) {
  if (names_ == nullptr) return nullptr;
  auto it = names_->find(ref);
  if (it == names_->end()) return nullptr;
  usedNames_.insert(it->first);
  return &it->second;
}

const AttributeValue* Placeholders::value(const std::string& ref) {
  if (values_ == nullptr) return nullptr;
  auto it = values_->find(ref);
  if (it == values_->end()) return nullptr;
  usedValues_.insert(it->first);
  return &it->second;
}

Status Placeholders::checkAllUsed() const {
  auto unused = [](const auto* map, const std::set<std::string_view>& used, std::string_view what) -> Status {
    if (map == nullptr) return Status::ok();
    std::string keys;
    for (const auto& [k, v] : *map) {
      if (used.count(k) != 0) continue;
      if (!keys.empty()) keys += ", ";
      keys += k;
    }
    if (keys.empty()) return Status::ok();
    return Status::validation("Value provided in " + std::string(what) + " unused in expressions: keys: {" + keys + "}");
  };
  DYNADESK_RETURN_IF_ERROR(unused(names_, usedNames_, "ExpressionAttributeNames"));
  return unused(values_, usedValues_, "ExpressionAttributeValues");
}

namespace {

// Walks a tree in written order, substituting placeholders and remembering
// the first undefined name and the first undefined value.
class Substituter {
 public:
  explicit Substituter(Placeholders& p) : p_(p) {}

  void path(Path& path) {
    for (auto& e : path.elements) {
      if (e.kind != PathElement::Kind::NameRef) continue;
      if (const std::string* n = p_.name(e.name)) {
        e.kind = PathElement::Kind::Name;
        e.name = *n;
      } else if (!undefinedName) {
        undefinedName = "An expression attribute name used in the document path is not defined; attribute name: " + e.name;
      }
    }
  }

  void operand(Operand& op) {
    if (op.kind == Operand::Kind::Path) path(op.path);
    if (op.kind == Operand::Kind::Value && !op.resolved) {
      if (const AttributeValue* v = p_.value(op.valueRef)) {
        op.value = *v;
        op.resolved = true;
      } else if (!undefinedValue) {
        undefinedValue = "An expression attribute value used in expression is not defined; attribute value: " + op.valueRef;
      }
    }
    for (auto& a : op.args) operand(a);
  }

  std::optional<std::string> undefinedName;
  std::optional<std::string> undefinedValue;

 private:
  Placeholders& p_;
};

std::string_view longTypeName(AttrType t) {
  switch (t) {
    case AttrType::S: return "STRING";
    case AttrType::N: return "NUMBER";
    case AttrType::B: return "BINARY";
    case AttrType::NUL: return "NULL";
    case AttrType::BOOL: return "BOOLEAN";
    case AttrType::L: return "LIST";
    case AttrType::M: return "MAP";
    default: return attrTypeName(t);
  }
}

// "{N:5}" as DynamoDB prints a scalar bound in BETWEEN messages.
std::string boundText(const AttributeValue& v) {
  std::string s = "{" + std::string(attrTypeName(v.type())) + ":";
  switch (v.type()) {
    case AttrType::S: s += v.asString(); break;
    case AttrType::N: s += v.asNumber().toString(); break;
    case AttrType::B: s += base64Encode(v.asBinary()); break;
    case AttrType::BOOL: s += v.asBool() ? "true" : "false"; break;
    case AttrType::NUL: s += "true"; break;
    default: break;
  }
  return s + "}";
}

// The type an operand is known to have before evaluation, if any.
std::optional<AttrType> staticType(const Operand& op) {
  if (op.kind == Operand::Kind::Value && op.resolved) return op.value.type();
  if (op.kind == Operand::Kind::Size) return AttrType::N;
  return std::nullopt;
}

int compareScalars(const AttributeValue& a, const AttributeValue& b) {
  switch (a.type()) {
    case AttrType::N: return a.asNumber().compare(b.asNumber());
    case AttrType::S: return a.asString().compare(b.asString()) < 0 ? -1 : (a.asString() == b.asString() ? 0 : 1);
    case AttrType::B: return a.asBinary().compare(b.asBinary()) < 0 ? -1 : (a.asBinary() == b.asBinary() ? 0 : 1);
    default: return 0;
  }
}

class ConditionChecker {
 public:
  std::optional<std::string> distinct;
  std::optional<std::string> function;

  // Iterative over And/Or/Not so a deep (but parser-bounded) tree is cheap.
  void check(const Condition& c) {
    for (const auto& child : c.children) check(child);
    using K = Condition::Kind;
    auto twoPaths = [&](std::string_view op) {
      if (c.operands.size() != 2 || distinct) return;
      const auto& a = c.operands[0];
      const auto& b = c.operands[1];
      if (a.kind == Operand::Kind::Path && b.kind == Operand::Kind::Path && a.path == b.path) {
        distinct = "The first operand must be distinct from the remaining operands for this operator or function; operator: " +
                   std::string(op) + ", first operand: " + pathToMessageString(a.path);
      }
    };
    for (const auto& op : c.operands) checkOperand(op);
    switch (c.kind) {
      case K::Compare: twoPaths(comparatorText(c.comparator)); break;
      case K::BeginsWith:
        twoPaths("begins_with");
        for (const auto& op : c.operands) {
          auto t = staticType(op);
          if (t && *t != AttrType::S && *t != AttrType::B) setType("begins_with", attrTypeName(*t));
        }
        break;
      case K::Contains: twoPaths("contains"); break;
      case K::AttributeType: {
        twoPaths("attribute_type");
        auto t = staticType(c.operands[1]);
        if (!t || *t != AttrType::S) {
          setType("attribute_type", t ? attrTypeName(*t) : std::string_view("{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"));
          break;
        }
        static constexpr std::string_view kTypes[] = {"S", "N", "B", "NULL", "SS", "BOOL", "L", "BS", "NS", "M"};
        bool ok = false;
        for (auto n : kTypes) ok = ok || n == c.operands[1].value.asString();
        if (!ok && !function) {
          function = "Invalid attribute type name found; type: " + c.operands[1].value.asString() +
                     ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}";
        }
        break;
      }
      case K::Between: {
        const auto& lo = c.operands[1];
        const auto& hi = c.operands[2];
        if (function || lo.kind != Operand::Kind::Value || hi.kind != Operand::Kind::Value || !lo.resolved ||
            !hi.resolved) {
          break;
        }
        std::string bounds =
            "lower bound operand: AttributeValue: " + boundText(lo.value) + ", upper bound operand: AttributeValue: " +
            boundText(hi.value);
        if (lo.value.type() != hi.value.type()) {
          function = "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds;
        } else if (compareScalars(lo.value, hi.value) > 0) {
          function = "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " + bounds;
        }
        break;
      }
      default: break;
    }
  }

 private:
  void setType(std::string_view fn, std::string_view type) {
    if (!function) {
      function = "Incorrect operand type for operator or function; operator or function: " + std::string(fn) +
                 ", operand type: " + std::string(type);
    }
  }
  void checkOperand(const Operand& op) {
    if (op.kind != Operand::Kind::Size || op.args.empty()) return;
    auto t = staticType(op.args[0]);
    if (t && (*t == AttrType::N || *t == AttrType::BOOL || *t == AttrType::NUL)) setType("size", attrTypeName(*t));
  }
};

Status prefixed(ExpressionKind kind, const std::string& message) {
  return Status::validation("Invalid " + std::string(expressionParameterName(kind)) + ": " + message);
}

void substituteCondition(Substituter& s, Condition& c) {
  for (auto& op : c.operands) s.operand(op);
  for (auto& child : c.children) substituteCondition(s, child);
}

}  // namespace

Status resolveCondition(Condition& condition, ExpressionKind kind, Placeholders& placeholders) {
  Substituter s(placeholders);
  substituteCondition(s, condition);
  if (s.undefinedName) return prefixed(kind, *s.undefinedName);
  if (s.undefinedValue) return prefixed(kind, *s.undefinedValue);
  ConditionChecker checker;
  checker.check(condition);
  if (checker.distinct) return prefixed(kind, *checker.distinct);
  if (checker.function) return prefixed(kind, *checker.function);
  return Status::ok();
}

Status resolveProjection(Projection& projection, Placeholders& placeholders) {
  Substituter s(placeholders);
  for (auto& p : projection.paths) s.path(p);
  if (s.undefinedName) return prefixed(ExpressionKind::Projection, *s.undefinedName);
  return Status::ok();
}

namespace {

// Two update targets may not overlap (one a prefix of, or equal to, the other)
// or conflict (same prefix, then a map key in one where the other has an index).
void checkPathPair(const Path& one, const Path& two, std::optional<std::string>& overlap,
                   std::optional<std::string>& conflict) {
  std::size_t n = std::min(one.elements.size(), two.elements.size());
  for (std::size_t i = 0; i < n; ++i) {
    const auto& a = one.elements[i];
    const auto& b = two.elements[i];
    if ((a.kind == PathElement::Kind::Index) != (b.kind == PathElement::Kind::Index)) {
      if (!conflict) {
        conflict = "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: " +
                   pathToMessageString(one) + ", path two: " + pathToMessageString(two);
      }
      return;
    }
    if (!(a == b)) return;
  }
  if (!overlap) {
    overlap = "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: " +
              pathToMessageString(one) + ", path two: " + pathToMessageString(two);
  }
}

void checkArithmetic(const Operand& op, std::optional<std::string>& function) {
  for (const auto& a : op.args) checkArithmetic(a, function);
  std::string_view name;
  AttrType want;
  if (op.kind == Operand::Kind::Plus) { name = "+"; want = AttrType::N; }
  else if (op.kind == Operand::Kind::Minus) { name = "-"; want = AttrType::N; }
  else if (op.kind == Operand::Kind::ListAppend) { name = "list_append"; want = AttrType::L; }
  else return;
  for (const auto& a : op.args) {
    auto t = staticType(a);
    if (t && *t != want && !function) {
      function = "Incorrect operand type for operator or function; operator or function: " + std::string(name) +
                 ", operand type: " + std::string(attrTypeName(*t));
    }
  }
}

}  // namespace

Status resolveUpdate(Update& update, Placeholders& placeholders) {
  Substituter s(placeholders);
  for (auto& a : update.actions) {
    s.path(a.path);
    s.operand(a.value);
  }
  if (s.undefinedName) return prefixed(ExpressionKind::Update, *s.undefinedName);
  if (s.undefinedValue) return prefixed(ExpressionKind::Update, *s.undefinedValue);

  std::optional<std::string> overlap, conflict, operand, function;
  // Paths are written in the order of the text within a clause; DynamoDB
  // names the earlier path first.
  for (std::size_t i = 0; i < update.actions.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) checkPathPair(update.actions[j].path, update.actions[i].path, overlap, conflict);
  }
  for (const auto& a : update.actions) {
    if ((a.kind == UpdateAction::Kind::Add || a.kind == UpdateAction::Kind::Delete) && a.value.resolved) {
      AttrType t = a.value.value.type();
      bool ok = a.value.value.isSet() || (a.kind == UpdateAction::Kind::Add && t == AttrType::N);
      if (!ok && !operand) {
        operand = "Incorrect operand type for operator or function; operator: " +
                  std::string(a.kind == UpdateAction::Kind::Add ? "ADD" : "DELETE") +
                  ", operand type: " + std::string(longTypeName(t));
      }
    }
    if (a.kind == UpdateAction::Kind::Set) checkArithmetic(a.value, function);
  }
  for (const auto* e : {&overlap, &conflict, &operand, &function}) {
    if (*e) return prefixed(ExpressionKind::Update, **e);
  }
  return Status::ok();
}

}  // namespace dynadesk::expr
