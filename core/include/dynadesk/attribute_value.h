// AttributeValue: one DynamoDB value of any of the ten types, and Item, the
// top-level attribute map.
//
// Values are built only through the named constructors below, which keep
// DynamoDB's invariants that do not depend on context:
//   - sets (SS, NS, BS) are kept sorted and free of duplicates, so two sets with
//     the same members compare equal whatever order they were written in; the
//     constructors do not reject duplicates or emptiness themselves — the JSON
//     codec (attribute_json.h) rejects those with DynamoDB's messages before a
//     value is ever built;
//   - numbers are exact decimals (number.h).
// Context-dependent rules (empty strings in keys, key types, nesting depth, the
// 400 KB item limit) are checked where the context is known.
//
// Thread-safety: plain value type; copies are independent. Not synchronised.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "dynadesk/number.h"

namespace dynadesk {

enum class AttrType : std::uint8_t { S, N, B, BOOL, NUL, M, L, SS, NS, BS };

// DynamoDB's descriptor: "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS".
std::string_view attrTypeName(AttrType type);

class AttributeValue;
// std::map with an incomplete mapped type is relied on by nlohmann::json too;
// libstdc++ and libc++ both support it.
using AttributeMap = std::map<std::string, AttributeValue, std::less<>>;
using AttributeList = std::vector<AttributeValue>;
using Item = AttributeMap;

class AttributeValue {
 public:
  AttributeValue() : type_(AttrType::NUL) {}  // NULL

  static AttributeValue string(std::string s);
  static AttributeValue number(Number n);
  static AttributeValue binary(std::string bytes);  // raw bytes, not base64
  static AttributeValue boolean(bool b);
  static AttributeValue null();
  static AttributeValue map(AttributeMap m);
  static AttributeValue list(AttributeList l);
  // Set constructors sort and de-duplicate their members.
  static AttributeValue stringSet(std::vector<std::string> members);
  static AttributeValue numberSet(std::vector<Number> members);
  static AttributeValue binarySet(std::vector<std::string> members);

  AttrType type() const { return type_; }
  bool is(AttrType t) const { return type_ == t; }
  bool isSet() const { return type_ == AttrType::SS || type_ == AttrType::NS || type_ == AttrType::BS; }

  // Accessors: precondition (asserted in debug builds) is the matching type.
  const std::string& asString() const;   // S
  const std::string& asBinary() const;   // B
  const Number& asNumber() const;        // N
  bool asBool() const;                   // BOOL
  const AttributeMap& asMap() const;     // M
  AttributeMap& asMap();
  const AttributeList& asList() const;   // L
  AttributeList& asList();
  const std::vector<std::string>& asStringSet() const;  // SS
  const std::vector<std::string>& asBinarySet() const;  // BS
  const std::vector<Number>& asNumberSet() const;       // NS

  // Members of a set, or elements of a list, or entries of a map.
  std::size_t elementCount() const;

  // DynamoDB equality: same type and same value; numbers by value; sets as sets.
  friend bool operator==(const AttributeValue& a, const AttributeValue& b);

 private:
  using Storage = std::variant<std::monostate, bool, std::string, Number, AttributeMap, AttributeList,
                               std::vector<std::string>, std::vector<Number>>;
  AttributeValue(AttrType t, Storage v) : type_(t), v_(std::move(v)) {}

  AttrType type_;
  Storage v_;
};

}  // namespace dynadesk
