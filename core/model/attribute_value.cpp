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

bool operator==(const AttributeValue& a, const AttributeValue& b) {
  if (a.type_ != b.type_) return false;
  // Sets are stored sorted and unique, and Number equality is by value, so the
  // variant comparison is DynamoDB's equality for every type.
  return a.v_ == b.v_;
}

}  // namespace dynadesk
