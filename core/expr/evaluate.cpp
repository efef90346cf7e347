#include "expr/evaluate.h"

#include <algorithm>
#include <cassert>
#include <optional>

#include "expr/document_path.h"

namespace dynadesk::expr {

namespace {

// An operand's value: borrowed from the item or the tree, or computed (size).
struct Val {
  const AttributeValue* ptr = nullptr;
  AttributeValue owned;
  bool hasOwned = false;
  const AttributeValue* get() const { return hasOwned ? &owned : ptr; }
};

std::optional<std::size_t> sizeOf(const AttributeValue& v) {
  switch (v.type()) {
    case AttrType::S: return v.asString().size();
    case AttrType::B: return v.asBinary().size();
    case AttrType::SS: case AttrType::NS: case AttrType::BS: case AttrType::L: case AttrType::M:
      return v.elementCount();
    default: return std::nullopt;
  }
}

Val operandValue(const Operand& op, const Item& item) {
  Val out;
  switch (op.kind) {
    case Operand::Kind::Path: out.ptr = findPath(item, op.path); break;
    case Operand::Kind::Value: assert(op.resolved); out.ptr = &op.value; break;
    case Operand::Kind::Size: {
      Val inner = operandValue(op.args[0], item);
      if (inner.get() == nullptr) break;
      if (auto n = sizeOf(*inner.get())) {
        out.owned = AttributeValue::number(Number::fromInt64(static_cast<std::int64_t>(*n)));
        out.hasOwned = true;
      }
      break;
    }
    default: break;  // update-only operands never reach a condition
  }
  return out;
}

int compareBytes(const std::string& a, const std::string& b) {
  // std::string::compare uses char_traits<char>, which compares as unsigned char.
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// <0, 0, >0 for two values of the same orderable type; nullopt otherwise.
std::optional<int> order(const AttributeValue& a, const AttributeValue& b) {
  if (a.type() != b.type()) return std::nullopt;
  switch (a.type()) {
    case AttrType::N: return a.asNumber().compare(b.asNumber());
    case AttrType::S: return compareBytes(a.asString(), b.asString());
    case AttrType::B: return compareBytes(a.asBinary(), b.asBinary());
    default: return std::nullopt;
  }
}

bool compare(Comparator cmp, const AttributeValue* a, const AttributeValue* b) {
  if (cmp == Comparator::Ne) return a == nullptr || b == nullptr || !(*a == *b);
  if (a == nullptr || b == nullptr) return false;
  if (cmp == Comparator::Eq) return *a == *b;
  auto o = order(*a, *b);
  if (!o) return false;
  switch (cmp) {
    case Comparator::Lt: return *o < 0;
    case Comparator::Le: return *o <= 0;
    case Comparator::Gt: return *o > 0;
    case Comparator::Ge: return *o >= 0;
    default: return false;
  }
}

bool contains(const AttributeValue& hay, const AttributeValue& needle) {
  switch (hay.type()) {
    case AttrType::S:
      return needle.is(AttrType::S) && hay.asString().find(needle.asString()) != std::string::npos;
    case AttrType::SS: {
      if (!needle.is(AttrType::S)) return false;
      const auto& m = hay.asStringSet();
      return std::binary_search(m.begin(), m.end(), needle.asString());
    }
    case AttrType::BS: {
      if (!needle.is(AttrType::B)) return false;
      const auto& m = hay.asBinarySet();
      return std::binary_search(m.begin(), m.end(), needle.asBinary());
    }
    case AttrType::NS: {
      if (!needle.is(AttrType::N)) return false;
      const auto& m = hay.asNumberSet();
      return std::binary_search(m.begin(), m.end(), needle.asNumber());
    }
    case AttrType::L:
      for (const auto& e : hay.asList()) {
        if (e == needle) return true;
      }
      return false;
    default: return false;
  }
}

bool beginsWith(const AttributeValue& v, const AttributeValue& prefix) {
  if (v.is(AttrType::S) && prefix.is(AttrType::S)) return v.asString().starts_with(prefix.asString());
  if (v.is(AttrType::B) && prefix.is(AttrType::B)) return v.asBinary().starts_with(prefix.asBinary());
  return false;
}

bool eval(const Condition& c, const Item& item) {
  using K = Condition::Kind;
  switch (c.kind) {
    case K::And: return eval(c.children[0], item) && eval(c.children[1], item);
    case K::Or: return eval(c.children[0], item) || eval(c.children[1], item);
    case K::Not: return !eval(c.children[0], item);
    case K::Compare: {
      Val a = operandValue(c.operands[0], item), b = operandValue(c.operands[1], item);
      return compare(c.comparator, a.get(), b.get());
    }
    case K::Between: {
      Val x = operandValue(c.operands[0], item), lo = operandValue(c.operands[1], item),
          hi = operandValue(c.operands[2], item);
      if (x.get() == nullptr || lo.get() == nullptr || hi.get() == nullptr) return false;
      auto a = order(*x.get(), *lo.get());
      auto b = order(*x.get(), *hi.get());
      return a && b && *a >= 0 && *b <= 0;
    }
    case K::In: {
      Val x = operandValue(c.operands[0], item);
      if (x.get() == nullptr) return false;
      for (std::size_t i = 1; i < c.operands.size(); ++i) {
        Val y = operandValue(c.operands[i], item);
        if (y.get() != nullptr && *x.get() == *y.get()) return true;
      }
      return false;
    }
    case K::AttributeExists: return operandValue(c.operands[0], item).get() != nullptr;
    case K::AttributeNotExists: return operandValue(c.operands[0], item).get() == nullptr;
    case K::AttributeType: {
      Val x = operandValue(c.operands[0], item), t = operandValue(c.operands[1], item);
      return x.get() != nullptr && t.get() != nullptr && t.get()->is(AttrType::S) &&
             attrTypeName(x.get()->type()) == t.get()->asString();
    }
    case K::BeginsWith: {
      Val x = operandValue(c.operands[0], item), p = operandValue(c.operands[1], item);
      return x.get() != nullptr && p.get() != nullptr && beginsWith(*x.get(), *p.get());
    }
    case K::Contains: {
      Val x = operandValue(c.operands[0], item), n = operandValue(c.operands[1], item);
      return x.get() != nullptr && n.get() != nullptr && contains(*x.get(), *n.get());
    }
  }
  return false;
}

}  // namespace

Result<bool> evaluate(const Condition& condition, const Item& item) { return eval(condition, item); }

}  // namespace dynadesk::expr
