// Reading request members with DynamoDB's SerializationException wording.
//
// DynamoDB deserialises requests with a Java (Coral) front end: a member of the
// wrong JSON type is a SerializationException whose message names the Java
// type it could not convert to ("NUMBER_VALUE cannot be converted to String").
// These helpers reproduce that so SDK users see the same errors. A member that
// is absent or JSON null counts as absent, as in DynamoDB.
//
// Thread-safety: pure functions over caller-owned JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dynadesk/status.h"

namespace dynadesk::api {

using Json = nlohmann::json;

// The SerializationException for `value` found where a Java `javaType`
// ("String", "Boolean", "Long", "Integer", "Blob", "List", "Map", "Structure")
// was expected.
Status typeMismatch(const Json& value, std::string_view javaType);

// Pointer to obj[key] when present and not null, else nullptr. obj must be an object.
const Json* member(const Json& obj, std::string_view key);

Result<std::optional<std::string>> optString(const Json& obj, std::string_view key);
Result<std::optional<bool>> optBool(const Json& obj, std::string_view key);
Result<std::optional<std::int64_t>> optInt64(const Json& obj, std::string_view key);
// An object member ("structure"); error when present but not an object.
Result<const Json*> optStructure(const Json& obj, std::string_view key);
// A JSON array member ("list"); error when present but not an array.
Result<const Json*> optList(const Json& obj, std::string_view key);
// A JSON object used as a map ("map"); error when present but not an object.
Result<const Json*> optMap(const Json& obj, std::string_view key, std::string_view valueJavaType);

// DynamoDB's message for a required member that is missing.
Status missingParameter(std::string_view name);

}  // namespace dynadesk::api
