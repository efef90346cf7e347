#include "dynadesk/attribute_value.h"

#include <algorithm>
#include <cassert>

namespace dynadesk {

std::string_view attrTypeName(AttrType type) {
  switch (type) {
    case AttrType::S: return "S";
    case AttrType::N: return "N";
    case AttrType::B: return "B";
    case AttrType::BOOL: return "BOOL";
    case AttrType::NUL: return "NULL";
    case AttrType::M: return "M";
    case AttrType::L: return "L";
    case AttrType::SS: return "SS";
    case AttrType::NS: return "NS";
    case AttrType::BS: return "BS";
  }
  return "NULL";
}

namespace {
void sortUnique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}
}  // namespace

AttributeValue AttributeValue::string(std::string s) { return {AttrType::S, std::move(s)}; }
AttributeValue AttributeValue::number(Number n) { return {AttrType::N, std::move(n)}; }
AttributeValue AttributeValue::binary(std::string bytes) { return {AttrType::B, std::move(bytes)}; }
AttributeValue AttributeValue::boolean(bool b) { return {AttrType::BOOL, b}; }
AttributeValue AttributeValue::null() { return {}; }
AttributeValue AttributeValue::map(AttributeMap m) { return {AttrType::M, std::move(m)}; }
AttributeValue AttributeValue::list(AttributeList l) { return {AttrType::L, std::move(l)}; }

AttributeValue AttributeValue::stringSet(std::vector<std::string> members) {
  sortUnique(members);
  return {AttrType::SS, std::move(members)};
}

AttributeValue AttributeValue::binarySet(std::vector<std::string> members) {
  sortUnique(members);
  return {AttrType::BS, std::move(members)};
}

AttributeValue AttributeValue::sortedSet(AttrType type, std::vector<std::string> members) {
  assert((type == AttrType::SS || type == AttrType::BS) && std::is_sorted(members.begin(), members.end()) &&
         std::adjacent_find(members.begin(), members.end()) == members.end());
  return {type, std::move(members)};
}

AttributeValue AttributeValue::numberSet(std::vector<Number> members) {
  std::sort(members.begin(), members.end(), [](const Number& a, const Number& b) { return a.compare(b) < 0; });
  members.erase(std::unique(members.begin(), members.end(),
                            [](const Number& a, const Number& b) { return a.compare(b) == 0; }),
                members.end());
  return {AttrType::NS, std::move(members)};
}

const std::string& AttributeValue::asString() const {
  assert(type_ == AttrType::S);
  return std::get<std::string>(v_);
}
const std::string& AttributeValue::asBinary() const {
  assert(type_ == AttrType::B);
  return std::get<std::string>(v_);
}
const Number& AttributeValue::asNumber() const {
  assert(type_ == AttrType::N);
  return std::get<Number>(v_);
}
bool AttributeValue::asBool() const {
  assert(type_ == AttrType::BOOL);
  return std::get<bool>(v_);
}
const AttributeMap& AttributeValue::asMap() const { return std::get<AttributeMap>(v_); }
AttributeMap& AttributeValue::asMap() { return std::get<AttributeMap>(v_); }
const AttributeList& AttributeValue::asList() const { return std::get<AttributeList>(v_); }
AttributeList& AttributeValue::asList() { return std::get<AttributeList>(v_); }
const std::vector<std::string>& AttributeValue::asStringSet() const {
  assert(type_ == AttrType::SS);
  return std::get<std::vector<std::string>>(v_);
}
const std::vector<std::string>& AttributeValue::asBinarySet() const {
  assert(type_ == AttrType::BS);
  return std::get<std::vector<std::string>>(v_);
}
const std::vector<Number>& AttributeValue::asNumberSet() const { return std::get<std::vector<Number>>(v_); }

std::size_t AttributeValue::elementCount() const {
  switch (type_) {
    case AttrType::M: return asMap().size();
    case AttrType::L: return asList().size();
    case AttrType::SS:
    case AttrType::BS: return std::get<std::vector<std::string>>(v_).size();
    case AttrType::NS: return asNumberSet().size();
    default: return 0;
  }
}

AttributeMap::iterator AttributeMap::lowerBound(std::string_view name) {
  return std::lower_bound(entries_.begin(), entries_.end(), name,
                          [](const value_type& e, std::string_view n) { return e.first < n; });
}

AttributeMap::iterator AttributeMap::find(std::string_view name) {
  auto it = lowerBound(name);
  return it != entries_.end() && it->first == name ? it : entries_.end();
}

AttributeMap::const_iterator AttributeMap::find(std::string_view name) const {
  return const_cast<AttributeMap*>(this)->find(name);
}

std::pair<AttributeMap::iterator, bool> AttributeMap::emplace(std::string name, AttributeValue value) {
  // Names usually arrive in order (decoding, copying): append without searching.
  if (entries_.empty() || entries_.back().first < name) {
    entries_.emplace_back(std::move(name), std::move(value));
    return {entries_.end() - 1, true};
  }
  auto it = lowerBound(name);
  if (it != entries_.end() && it->first == name) return {it, false};
  return {entries_.emplace(it, std::move(name), std::move(value)), true};
}

AttributeValue& AttributeMap::appendInOrder(std::string name, AttributeValue value) {
  assert(entries_.empty() || entries_.back().first < name);
  return entries_.emplace_back(std::move(name), std::move(value)).second;
}

AttributeMap::iterator AttributeMap::emplace_hint(const_iterator, std::string name, AttributeValue value) {
  return emplace(std::move(name), std::move(value)).first;
}

AttributeValue& AttributeMap::operator[](std::string_view name) {
  auto it = lowerBound(name);
  if (it != entries_.end() && it->first == name) return it->second;
  return entries_.emplace(it, std::string(name), AttributeValue())->second;
}

const AttributeValue& AttributeMap::at(std::string_view name) const {
  auto it = find(name);
  assert(it != end());
  return it->second;
}

std::size_t AttributeMap::erase(std::string_view name) {
  auto it = find(name);
  if (it == entries_.end()) return 0;
  entries_.erase(it);
  return 1;
}

bool operator==(const AttributeMap& a, const AttributeMap& b) { return a.entries_ == b.entries_; }

bool operator==(const AttributeValue& a, const AttributeValue& b) {
  if (a.type_ != b.type_) return false;
  // Sets are stored sorted and unique, and Number equality is by value, so the
  // variant comparison is DynamoDB's equality for every type.
  return a.v_ == b.v_;
}

}  // namespace dynadesk
