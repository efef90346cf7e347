#include "expr/document_path.h"

#include <cassert>

namespace dynadesk::expr {

const AttributeValue* child(const AttributeValue& value, const PathElement& element) {
  if (element.kind == PathElement::Kind::Index) {
    if (!value.is(AttrType::L)) return nullptr;
    const auto& list = value.asList();
    return element.index < list.size() ? &list[element.index] : nullptr;
  }
  if (!value.is(AttrType::M)) return nullptr;
  const auto& map = value.asMap();
  auto it = map.find(element.name);
  return it == map.end() ? nullptr : &it->second;
}

const AttributeValue* findPath(const Item& item, const Path& path) {
  assert(!path.elements.empty() && path.elements[0].kind == PathElement::Kind::Name);
  auto it = item.find(path.elements[0].name);
  if (it == item.end()) return nullptr;
  const AttributeValue* v = &it->second;
  for (std::size_t i = 1; i < path.elements.size() && v != nullptr; ++i) v = child(*v, path.elements[i]);
  return v;
}

}  // namespace dynadesk::expr
