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

// A map from attribute name to value, kept as one sorted vector: items have
// few attributes, and one allocation per map (instead of one per attribute)
// makes decoding, copying and iterating items several times cheaper than a
// node-based map. Iteration is in name order. Insertion and erasure are
// O(size), which suits DynamoDB's item shapes.
class AttributeMap {
 public:
  using value_type = std::pair<std::string, AttributeValue>;
  using Entries = std::vector<value_type>;
  using iterator = Entries::iterator;
  using const_iterator = Entries::const_iterator;

  AttributeMap() = default;

  // (Defined after AttributeValue, which they need complete.)
  iterator begin();
  iterator end();
  const_iterator begin() const;
  const_iterator end() const;
  std::size_t size() const;
  bool empty() const;
  void reserve(std::size_t n);
  void clear();

  iterator find(std::string_view name);
  const_iterator find(std::string_view name) const;
  bool contains(std::string_view name) const;
  std::size_t count(std::string_view name) const;
  // Inserts when absent; returns the entry and whether it was inserted.
  std::pair<iterator, bool> emplace(std::string name, AttributeValue value);
  // Appends `value` under `name` and returns it, for decoders that produce
  // names in increasing order. Precondition (asserted): name sorts after every
  // name already present.
  AttributeValue& appendInOrder(std::string name, AttributeValue value);
  // As emplace; cheap when names arrive in sorted order (the hint is ignored).
  iterator emplace_hint(const_iterator hint, std::string name, AttributeValue value);
  // The value under name, inserting NULL first when absent.
  AttributeValue& operator[](std::string_view name);
  // Precondition: name is present.
  const AttributeValue& at(std::string_view name) const;
  std::size_t erase(std::string_view name);
  iterator erase(const_iterator it);

  friend bool operator==(const AttributeMap& a, const AttributeMap& b);

 private:
  iterator lowerBound(std::string_view name);
  Entries entries_;  // sorted by name, names unique
};

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
  // SS or BS from members already sorted and unique (decoders of stored data).
  // Precondition (asserted in debug builds): sorted, unique, type SS or BS.
  static AttributeValue sortedSet(AttrType type, std::vector<std::string> members);

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

inline AttributeMap::iterator AttributeMap::begin() { return entries_.begin(); }
inline AttributeMap::iterator AttributeMap::end() { return entries_.end(); }
inline AttributeMap::const_iterator AttributeMap::begin() const { return entries_.begin(); }
inline AttributeMap::const_iterator AttributeMap::end() const { return entries_.end(); }
inline std::size_t AttributeMap::size() const { return entries_.size(); }
inline bool AttributeMap::empty() const { return entries_.empty(); }
inline void AttributeMap::reserve(std::size_t n) { entries_.reserve(n); }
inline void AttributeMap::clear() { entries_.clear(); }
inline AttributeMap::iterator AttributeMap::erase(const_iterator it) { return entries_.erase(it); }
inline bool AttributeMap::contains(std::string_view name) const { return find(name) != end(); }
inline std::size_t AttributeMap::count(std::string_view name) const { return contains(name) ? 1 : 0; }

}  // namespace dynadesk
