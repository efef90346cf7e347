#include "expr/projection.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace dynadesk::expr {

namespace {

// The union of the projected paths as a tree: a node either takes its whole
// value or selects children by name and/or index.
struct Selection {
  bool whole = false;
  std::map<std::string, Selection, std::less<>> names;
  std::map<std::uint32_t, Selection> indexes;
};

void addPath(Selection& root, const Path& path) {
  Selection* node = &root;
  for (const auto& e : path.elements) {
    if (node->whole) return;  // an enclosing path already takes everything
    node = e.kind == PathElement::Kind::Index ? &node->indexes[e.index] : &node->names[e.name];
  }
  node->whole = true;
  node->names.clear();
  node->indexes.clear();
}

std::optional<AttributeValue> select(const AttributeValue& v, const Selection& s) {
  if (s.whole) return v;
  if (v.is(AttrType::M) && !s.names.empty()) {
    AttributeMap out;
    const auto& m = v.asMap();
    for (const auto& [name, sub] : s.names) {
      auto it = m.find(name);
      if (it == m.end()) continue;
      if (auto r = select(it->second, sub)) out.emplace(name, std::move(*r));
    }
    if (out.empty()) return std::nullopt;
    return AttributeValue::map(std::move(out));
  }
  if (v.is(AttrType::L) && !s.indexes.empty()) {
    AttributeList out;
    const auto& l = v.asList();
    for (const auto& [index, sub] : s.indexes) {
      if (index >= l.size()) continue;
      if (auto r = select(l[index], sub)) out.push_back(std::move(*r));
    }
    if (out.empty()) return std::nullopt;
    return AttributeValue::list(std::move(out));
  }
  return std::nullopt;
}

}  // namespace

Item project(const Item& item, const std::vector<Path>& paths) {
  Selection root;
  for (const auto& p : paths) addPath(root, p);
  Item out;
  for (const auto& [name, sub] : root.names) {
    auto it = item.find(name);
    if (it == item.end()) continue;
    if (auto r = select(it->second, sub)) out.emplace(name, std::move(*r));
  }
  return out;
}

}  // namespace dynadesk::expr
