#include "expr/update_apply.h"

#include <algorithm>
#include <cassert>

#include "expr/document_path.h"

namespace dynadesk::expr {

namespace {

Status invalidPath() {
  return Status::validation("The document path provided in the update expression is invalid for update");
}
Status wrongType() { return Status::validation("An operand in the update expression has an incorrect data type"); }
Status missingOperand() {
  return Status::validation("The provided expression refers to an attribute that does not exist in the item");
}

// The value of a SET operand, computed from the old item.
Result<AttributeValue> operandValue(const Operand& op, const Item& old) {
  switch (op.kind) {
    case Operand::Kind::Value: assert(op.resolved); return op.value;
    case Operand::Kind::Path: {
      const AttributeValue* v = findPath(old, op.path);
      if (v == nullptr) return missingOperand();
      return *v;
    }
    case Operand::Kind::IfNotExists: {
      if (const AttributeValue* v = findPath(old, op.args[0].path)) return *v;
      return operandValue(op.args[1], old);
    }
    case Operand::Kind::ListAppend: {
      DYNADESK_ASSIGN_OR_RETURN(AttributeValue a, operandValue(op.args[0], old));
      DYNADESK_ASSIGN_OR_RETURN(AttributeValue b, operandValue(op.args[1], old));
      if (!a.is(AttrType::L) || !b.is(AttrType::L)) return wrongType();
      AttributeList out = std::move(a.asList());
      for (auto& e : b.asList()) out.push_back(std::move(e));
      return AttributeValue::list(std::move(out));
    }
    case Operand::Kind::Plus:
    case Operand::Kind::Minus: {
      DYNADESK_ASSIGN_OR_RETURN(AttributeValue a, operandValue(op.args[0], old));
      DYNADESK_ASSIGN_OR_RETURN(AttributeValue b, operandValue(op.args[1], old));
      if (!a.is(AttrType::N) || !b.is(AttrType::N)) return wrongType();
      auto r = op.kind == Operand::Kind::Plus ? a.asNumber().add(b.asNumber()) : a.asNumber().subtract(b.asNumber());
      if (!r.isOk()) return r.status();
      return AttributeValue::number(*r);
    }
    case Operand::Kind::Size: break;
  }
  return wrongType();
}

// The container holding the last element of path (a map or list value, or the
// item itself when the path has one element), or null when it is missing or
// of the wrong type.
AttributeValue* parentOf(Item& item, const Path& path, bool& isItem) {
  isItem = path.elements.size() == 1;
  if (isItem) return nullptr;
  auto it = item.find(path.elements[0].name);
  if (it == item.end()) return nullptr;
  AttributeValue* v = &it->second;
  for (std::size_t i = 1; i + 1 < path.elements.size() && v != nullptr; ++i) {
    v = const_cast<AttributeValue*>(child(*v, path.elements[i]));
  }
  return v;
}

// The parent must be a map for a name and a list for an index.
bool parentFits(const AttributeValue* parent, const PathElement& last) {
  if (parent == nullptr) return false;
  return last.kind == PathElement::Kind::Index ? parent->is(AttrType::L) : parent->is(AttrType::M);
}

Status setAt(Item& item, const Path& path, AttributeValue value) {
  bool isItem = false;
  AttributeValue* parent = parentOf(item, path, isItem);
  const PathElement& last = path.elements.back();
  if (isItem) {
    item.erase(last.name);
    item.emplace(last.name, std::move(value));
    return Status::ok();
  }
  if (!parentFits(parent, last)) return invalidPath();
  if (last.kind == PathElement::Kind::Index) {
    auto& list = parent->asList();
    if (last.index < list.size()) list[last.index] = std::move(value);
    else list.push_back(std::move(value));
  } else {
    auto& map = parent->asMap();
    map.erase(last.name);
    map.emplace(last.name, std::move(value));
  }
  return Status::ok();
}

// Pointer to the value at path inside the new item, or null.
AttributeValue* findMutable(Item& item, const Path& path) {
  return const_cast<AttributeValue*>(findPath(item, path));
}

template <class T>
std::vector<T> setUnion(const std::vector<T>& a, const std::vector<T>& b) {
  std::vector<T> out;
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}
template <class T>
std::vector<T> setDifference(const std::vector<T>& a, const std::vector<T>& b) {
  std::vector<T> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

Result<AttributeValue> addValues(const AttributeValue& cur, const AttributeValue& add) {
  if (cur.type() != add.type()) return wrongType();
  switch (cur.type()) {
    case AttrType::N: {
      auto r = cur.asNumber().add(add.asNumber());
      if (!r.isOk()) return r.status();
      return AttributeValue::number(*r);
    }
    case AttrType::SS: return AttributeValue::stringSet(setUnion(cur.asStringSet(), add.asStringSet()));
    case AttrType::BS: return AttributeValue::binarySet(setUnion(cur.asBinarySet(), add.asBinarySet()));
    case AttrType::NS: return AttributeValue::numberSet(setUnion(cur.asNumberSet(), add.asNumberSet()));
    default: return wrongType();
  }
}

// The set left after DELETE, or nullopt-like empty marker via elementCount()==0.
Result<AttributeValue> deleteValues(const AttributeValue& cur, const AttributeValue& del) {
  if (cur.type() != del.type() || !cur.isSet()) return wrongType();
  switch (cur.type()) {
    case AttrType::SS: return AttributeValue::stringSet(setDifference(cur.asStringSet(), del.asStringSet()));
    case AttrType::BS: return AttributeValue::binarySet(setDifference(cur.asBinarySet(), del.asBinarySet()));
    default: return AttributeValue::numberSet(setDifference(cur.asNumberSet(), del.asNumberSet()));
  }
}

Status removeAt(Item& item, const Path& path) {
  bool isItem = false;
  AttributeValue* parent = parentOf(item, path, isItem);
  const PathElement& last = path.elements.back();
  if (isItem) {
    item.erase(last.name);
    return Status::ok();
  }
  if (parent == nullptr) return Status::ok();  // nothing there to remove
  if (!parentFits(parent, last)) return invalidPath();
  if (last.kind == PathElement::Kind::Index) {
    auto& list = parent->asList();
    if (last.index < list.size()) list.erase(list.begin() + last.index);
  } else {
    parent->asMap().erase(last.name);
  }
  return Status::ok();
}

}  // namespace

Result<UpdateOutcome> applyUpdate(const Item* oldItem, const Update& update) {
  static const Item kEmpty;
  const Item& old = oldItem != nullptr ? *oldItem : kEmpty;
  UpdateOutcome out;
  out.item = old;

  // SET values all come from the old item, so compute them before any change.
  std::vector<AttributeValue> setValues;
  for (const auto& a : update.actions) {
    if (a.kind != UpdateAction::Kind::Set) continue;
    DYNADESK_ASSIGN_OR_RETURN(AttributeValue v, operandValue(a.value, old));
    setValues.push_back(std::move(v));
  }

  std::size_t next = 0;
  std::vector<const Path*> removals;
  for (const auto& a : update.actions) {
    switch (a.kind) {
      case UpdateAction::Kind::Set:
        DYNADESK_RETURN_IF_ERROR(setAt(out.item, a.path, std::move(setValues[next++])));
        break;
      case UpdateAction::Kind::Remove: removals.push_back(&a.path); break;
      case UpdateAction::Kind::Add: {
        AttributeValue* cur = findMutable(out.item, a.path);
        if (cur == nullptr) {
          DYNADESK_RETURN_IF_ERROR(setAt(out.item, a.path, a.value.value));
        } else {
          DYNADESK_ASSIGN_OR_RETURN(AttributeValue sum, addValues(*cur, a.value.value));
          *cur = std::move(sum);
        }
        break;
      }
      case UpdateAction::Kind::Delete: {
        AttributeValue* cur = findMutable(out.item, a.path);
        if (cur == nullptr) {
          // Deleting from nothing is fine, but not through a wrong-typed parent.
          bool isItem = false;
          AttributeValue* parent = parentOf(out.item, a.path, isItem);
          if (!isItem && parent != nullptr && !parentFits(parent, a.path.elements.back())) return invalidPath();
          break;
        }
        DYNADESK_ASSIGN_OR_RETURN(AttributeValue rest, deleteValues(*cur, a.value.value));
        if (rest.elementCount() == 0) {
          DYNADESK_RETURN_IF_ERROR(removeAt(out.item, a.path));
        } else {
          *cur = std::move(rest);
        }
        break;
      }
    }
  }
  // List elements are removed by their original index: highest first, so an
  // earlier removal does not shift a later one.
  std::stable_sort(removals.begin(), removals.end(), [](const Path* x, const Path* y) {
    const auto& a = x->elements.back();
    const auto& b = y->elements.back();
    bool ai = a.kind == PathElement::Kind::Index, bi = b.kind == PathElement::Kind::Index;
    return ai && bi && a.index > b.index;
  });
  for (const Path* p : removals) DYNADESK_RETURN_IF_ERROR(removeAt(out.item, *p));

  for (const auto& a : update.actions) {
    out.updatedAttributes.push_back(a.path.elements[0].name);
    out.updatedPaths.push_back(a.path);
  }
  std::sort(out.updatedAttributes.begin(), out.updatedAttributes.end());
  out.updatedAttributes.erase(std::unique(out.updatedAttributes.begin(), out.updatedAttributes.end()),
                              out.updatedAttributes.end());
  return out;
}

}  // namespace dynadesk::expr
