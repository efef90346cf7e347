// Writing DynamoDB JSON straight to text, for the responses that carry items
// (GetItem, Query, Scan). Building an nlohmann tree for every attribute and
// then dumping it was the largest cost of a read after the kernel's own work
// (the HTTP benchmark's profile); this writes the same JSON in one pass.
//
// The text parses to exactly what toJson() (dynadesk/attribute_json.h) builds;
// tests/api/test_json_text.cpp checks that on random items.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "dynadesk/attribute_value.h"

namespace dynadesk::api {

// A JSON string literal (quotes included) for valid UTF-8 text.
void appendJsonString(std::string& out, std::string_view text);
void appendAttributeValueJson(std::string& out, const AttributeValue& value);
void appendItemJson(std::string& out, const Item& item);

}  // namespace dynadesk::api
