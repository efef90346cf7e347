#include "api/json_shape.h"

#include <cmath>

namespace dynadesk::api {

namespace {
Status serialization(std::string message) { return {ErrorType::SerializationException, std::move(message)}; }

std::string scalarToken(const Json& v) {
  if (v.is_boolean()) return v.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE";
  if (v.is_number_float()) {
    double d = v.get<double>();
    return std::floor(d) == d ? "NUMBER_VALUE" : "DECIMAL_VALUE";
  }
  if (v.is_number()) return "NUMBER_VALUE";
  return "STRING_VALUE";
}
}  // namespace

Status typeMismatch(const Json& value, std::string_view javaType) {
  const std::string type(javaType);
  if (type == "List") {
    return serialization(value.is_object() ? "Start of structure or map found where not expected"
                                           : "Unexpected field type");
  }
  if (type == "Map" || type == "Structure") {
    return serialization(value.is_array() ? "Unrecognized collection type class com.amazonaws.dynamodb.v20120810." +
                                                std::string(type == "Map" ? "AttributeValue" : "Structure")
                                          : "Unexpected field type");
  }
  if (value.is_object()) return serialization("Start of structure or map found where not expected");
  if (value.is_array()) {
    return serialization(type == "Blob" ? "Unrecognized collection type class java.nio.ByteBuffer"
                                        : "Unrecognized collection type class java.lang." + type);
  }
  if (type == "Blob") return serialization("only base-64-encoded strings are convertible to bytes");
  if (type == "Boolean" && value.is_string()) return serialization("Unexpected token received from parser");
  return serialization(scalarToken(value) + " cannot be converted to " + type);
}

const Json* member(const Json& obj, std::string_view key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

Result<std::optional<std::string>> optString(const Json& obj, std::string_view key) {
  const Json* v = member(obj, key);
  if (!v) return std::optional<std::string>();
  if (!v->is_string()) return typeMismatch(*v, "String");
  return std::optional<std::string>(v->get<std::string>());
}

Result<std::optional<bool>> optBool(const Json& obj, std::string_view key) {
  const Json* v = member(obj, key);
  if (!v) return std::optional<bool>();
  if (v->is_boolean()) return std::optional<bool>(v->get<bool>());
  // Coral accepts the strings "true" and "false" for booleans.
  if (v->is_string() && (*v == "true" || *v == "false")) return std::optional<bool>(*v == "true");
  return typeMismatch(*v, "Boolean");
}

Result<std::optional<std::int64_t>> optInt64(const Json& obj, std::string_view key) {
  const Json* v = member(obj, key);
  if (!v) return std::optional<std::int64_t>();
  if (v->is_number_integer()) {
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      return serialization("NUMBER_VALUE cannot be converted to Long");
    }
    return std::optional<std::int64_t>(v->get<std::int64_t>());
  }
  if (v->is_number_float()) {
    // Coral truncates a decimal to an integer for integral members.
    double d = v->get<double>();
    if (!std::isfinite(d) || std::fabs(d) > 9.2e18) return serialization("NUMBER_VALUE cannot be converted to Long");
    return std::optional<std::int64_t>(static_cast<std::int64_t>(d));
  }
  if (v->is_string()) {
    const std::string& s = v->get_ref<const std::string&>();
    try {
      std::size_t used = 0;
      long long n = std::stoll(s, &used);
      if (used == s.size()) return std::optional<std::int64_t>(n);
    } catch (...) {
    }
    return serialization("STRING_VALUE cannot be converted to Long");
  }
  return typeMismatch(*v, "Long");
}

Result<const Json*> optStructure(const Json& obj, std::string_view key) {
  const Json* v = member(obj, key);
  if (!v) return static_cast<const Json*>(nullptr);
  if (!v->is_object()) return typeMismatch(*v, "Structure");
  return v;
}

Result<const Json*> optList(const Json& obj, std::string_view key) {
  const Json* v = member(obj, key);
  if (!v) return static_cast<const Json*>(nullptr);
  if (!v->is_array()) return typeMismatch(*v, "List");
  return v;
}

Result<const Json*> optMap(const Json& obj, std::string_view key, std::string_view valueJavaType) {
  const Json* v = member(obj, key);
  if (!v) return static_cast<const Json*>(nullptr);
  if (v->is_array()) {
    return serialization("Unrecognized collection type java.util.Map<java.lang.String, " + std::string(valueJavaType) +
                         ">");
  }
  if (!v->is_object()) return serialization("Unexpected field type");
  return v;
}

Status missingParameter(std::string_view name) {
  return Status::validation("The parameter '" + std::string(name) + "' is required but was not present in the request");
}

}  // namespace dynadesk::api
