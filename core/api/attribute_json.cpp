#include "dynadesk/attribute_json.h"

#include <string>

#include "api/json_shape.h"
#include "dynadesk/base64.h"
#include "dynadesk/limits.h"

namespace dynadesk {

namespace {

using Json = nlohmann::json;
using api::typeMismatch;

Status invalid(std::string message) {
  return Status::validation("One or more parameter values were invalid: " + std::move(message));
}

Status nestingTooDeep() { return Status::validation("Nesting Levels have exceeded supported limits"); }

// "[a, b, c]" as DynamoDB prints a collection in its duplicate messages.
std::string collectionText(const Json& arr) {
  std::string s = "[";
  bool first = true;
  for (const auto& m : arr) {
    if (!first) s += ", ";
    first = false;
    s += m.is_string() ? m.get<std::string>() : m.dump();
  }
  return s + "]";
}

bool hasDuplicate(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return std::adjacent_find(v.begin(), v.end()) != v.end();
}

Result<std::string> readString(const Json& v) {
  if (!v.is_string()) return typeMismatch(v, "String");
  return v.get<std::string>();
}

Result<std::string> readBlob(const Json& v) {
  if (!v.is_string()) return typeMismatch(v, "Blob");
  return base64Decode(v.get_ref<const std::string&>());
}

Result<Number> readNumber(const Json& v) {
  DYNADESK_ASSIGN_OR_RETURN(std::string text, readString(v));
  return Number::parse(text);
}

Result<AttributeValue> decode(const Json& json, int depth);

Result<AttributeValue> decodeTyped(const std::string& type, const Json& v, int depth) {
  if (type == "S") {
    DYNADESK_ASSIGN_OR_RETURN(std::string s, readString(v));
    return AttributeValue::string(std::move(s));
  }
  if (type == "N") {
    DYNADESK_ASSIGN_OR_RETURN(Number n, readNumber(v));
    return AttributeValue::number(std::move(n));
  }
  if (type == "B") {
    DYNADESK_ASSIGN_OR_RETURN(std::string b, readBlob(v));
    return AttributeValue::binary(std::move(b));
  }
  if (type == "BOOL") {
    if (v.is_boolean()) return AttributeValue::boolean(v.get<bool>());
    if (v.is_string() && (v == "true" || v == "false")) return AttributeValue::boolean(v == "true");
    return typeMismatch(v, "Boolean");
  }
  if (type == "NULL") {
    bool isTrue = v.is_boolean() ? v.get<bool>() : (v.is_string() && v == "true");
    if (!v.is_boolean() && !(v.is_string() && (v == "true" || v == "false"))) return typeMismatch(v, "Boolean");
    if (!isTrue) return invalid("Null attribute value types must have the value of true");
    return AttributeValue::null();
  }
  if (type == "SS" || type == "NS" || type == "BS") {
    if (!v.is_array()) return typeMismatch(v, "List");
    if (v.empty()) {
      if (type == "SS") return invalid("An string set  may not be empty");
      if (type == "NS") return invalid("An number set  may not be empty");
      return invalid("Binary sets should not be empty");
    }
    if (type == "NS") {
      std::vector<Number> members;
      members.reserve(v.size());
      for (const auto& m : v) {
        DYNADESK_ASSIGN_OR_RETURN(Number n, readNumber(m));
        members.push_back(std::move(n));
      }
      AttributeValue set = AttributeValue::numberSet(members);
      if (set.elementCount() != members.size()) return Status::validation("Input collection contains duplicates");
      return set;
    }
    std::vector<std::string> members;
    members.reserve(v.size());
    for (const auto& m : v) {
      DYNADESK_ASSIGN_OR_RETURN(std::string s, type == "SS" ? readString(m) : readBlob(m));
      members.push_back(std::move(s));
    }
    if (hasDuplicate(members)) {
      if (type == "SS") return invalid("Input collection " + collectionText(v) + " contains duplicates.");
      return invalid("Input collection " + collectionText(v) + "of type BS contains duplicates.");
    }
    return type == "SS" ? AttributeValue::stringSet(std::move(members)) : AttributeValue::binarySet(std::move(members));
  }
  if (type == "L") {
    if (!v.is_array()) return typeMismatch(v, "List");
    if (depth >= limits::kMaxNestingDepth) return nestingTooDeep();
    AttributeList list;
    list.reserve(v.size());
    for (const auto& e : v) {
      DYNADESK_ASSIGN_OR_RETURN(AttributeValue av, decode(e, depth + 1));
      list.push_back(std::move(av));
    }
    return AttributeValue::list(std::move(list));
  }
  if (type == "M") {
    if (v.is_array()) {
      return Status(ErrorType::SerializationException,
                    "Unrecognized collection type java.util.Map<java.lang.String, "
                    "com.amazonaws.dynamodb.v20120810.AttributeValue>");
    }
    if (!v.is_object()) return Status(ErrorType::SerializationException, "Unexpected field type");
    if (depth >= limits::kMaxNestingDepth) return nestingTooDeep();
    AttributeMap map;
    for (const auto& [name, e] : v.items()) {
      if (e.is_null()) continue;
      DYNADESK_ASSIGN_OR_RETURN(AttributeValue av, decode(e, depth + 1));
      map.emplace(name, std::move(av));
    }
    return AttributeValue::map(std::move(map));
  }
  return Status::internal("unreachable attribute type");
}

bool isDescriptor(const std::string& k) {
  return k == "S" || k == "N" || k == "B" || k == "BOOL" || k == "NULL" || k == "M" || k == "L" || k == "SS" ||
         k == "NS" || k == "BS";
}

// `depth` is the number of M/L levels above this value.
Result<AttributeValue> decode(const Json& json, int depth) {
  if (!json.is_object()) {
    if (json.is_array()) {
      return Status(ErrorType::SerializationException,
                    "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue");
    }
    return Status(ErrorType::SerializationException, "Unexpected value type in payload");
  }
  // Unknown members and JSON nulls are ignored, as DynamoDB's deserialiser does.
  const std::string* type = nullptr;
  const Json* payload = nullptr;
  int count = 0;
  for (const auto& [k, v] : json.items()) {
    if (v.is_null() || !isDescriptor(k)) continue;
    ++count;
    if (!type) {
      type = &k;
      payload = &v;
    }
  }
  if (count == 0) return Status::validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  DYNADESK_ASSIGN_OR_RETURN(AttributeValue value, decodeTyped(*type, *payload, depth));
  if (count > 1) {
    return Status::validation(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
  }
  return value;
}

}  // namespace

Result<AttributeValue> attributeValueFromJson(const nlohmann::json& json) { return decode(json, 0); }

Result<Item> itemFromJson(const nlohmann::json& json) {
  if (json.is_array()) {
    return Status(ErrorType::SerializationException,
                  "Unrecognized collection type java.util.Map<java.lang.String, "
                  "com.amazonaws.dynamodb.v20120810.AttributeValue>");
  }
  if (!json.is_object()) return Status(ErrorType::SerializationException, "Unexpected field type");
  Item item;
  for (const auto& [name, v] : json.items()) {
    if (v.is_null()) continue;
    DYNADESK_ASSIGN_OR_RETURN(AttributeValue av, decode(v, 0));
    item.emplace(name, std::move(av));
  }
  return item;
}

nlohmann::json toJson(const AttributeValue& value) {
  switch (value.type()) {
    case AttrType::S: return Json{{"S", value.asString()}};
    case AttrType::N: return Json{{"N", value.asNumber().toString()}};
    case AttrType::B: return Json{{"B", base64Encode(value.asBinary())}};
    case AttrType::BOOL: return Json{{"BOOL", value.asBool()}};
    case AttrType::NUL: return Json{{"NULL", true}};
    case AttrType::SS: return Json{{"SS", value.asStringSet()}};
    case AttrType::NS: {
      Json arr = Json::array();
      for (const auto& n : value.asNumberSet()) arr.push_back(n.toString());
      return Json{{"NS", std::move(arr)}};
    }
    case AttrType::BS: {
      Json arr = Json::array();
      for (const auto& b : value.asBinarySet()) arr.push_back(base64Encode(b));
      return Json{{"BS", std::move(arr)}};
    }
    case AttrType::L: {
      Json arr = Json::array();
      for (const auto& e : value.asList()) arr.push_back(toJson(e));
      return Json{{"L", std::move(arr)}};
    }
    case AttrType::M: return Json{{"M", toJson(value.asMap())}};
  }
  return Json{{"NULL", true}};
}

nlohmann::json toJson(const Item& item) {
  Json obj = Json::object();
  for (const auto& [name, v] : item) obj[name] = toJson(v);
  return obj;
}

}  // namespace dynadesk
