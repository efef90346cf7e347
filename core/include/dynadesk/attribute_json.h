// The DynamoDB JSON codec: {"S":"x"}, {"N":"1.5"}, {"B":"<base64>"}, {"M":{...}}, ...
//
// Decoding is where untrusted JSON becomes typed values, so it enforces every
// context-free rule with DynamoDB's error type and wording: exactly one type
// descriptor per value, non-empty sets without duplicates, NULL must be true,
// numbers exact and in range, strict base64, at most 32 levels of nesting. It
// never recurses deeper than that, whatever the input.
// Encoding is lossless: decode(encode(v)) == v for every value.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"

namespace dynadesk {

// Errors: ValidationException (DynamoDB's AttributeValue rules) or
// SerializationException (a member of the wrong JSON type).
Result<AttributeValue> attributeValueFromJson(const nlohmann::json& json);
// An attribute map: {"name": <AttributeValue>, ...}.
Result<Item> itemFromJson(const nlohmann::json& json);

nlohmann::json toJson(const AttributeValue& value);
nlohmann::json toJson(const Item& item);

}  // namespace dynadesk
