// C++ source literals for the AWS SDK for C++ generator.
//
// Strings are ordinary narrow literals holding UTF-8 (the SDK's Aws::String is
// UTF-8): backslash, quotes and controls are escaped, invisible or
// direction-changing characters (text_escaping.h) are written as the octal
// escapes of their UTF-8 bytes (octal, unlike \x, never swallows a following
// digit), "??" is broken up so no old compiler reads a trigraph, and a string
// holding U+0000 becomes Aws::String("...", length) so it is not cut short.
//
// Values are Aws::DynamoDB::Model::AttributeValue built with its setters
// (SetS, SetN, SetB, SetSS, SetNS, SetBS, SetBool, SetNull, AddMEntry,
// AddLItem), binary through Aws::Utils::HashingUtils::Base64Decode.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "dynadesk/attribute_value.h"

namespace dynadesk::ui::codegen {

// "..." (or Aws::String("...", n) when the text holds NUL bytes).
std::string cppString(std::string_view text);
// An expression of type AttributeValue (with `using Aws::DynamoDB::Model::AttributeValue;`).
// Nested maps and lists continue on new lines indented by `indent` + 2 spaces.
std::string cppAttributeValue(const AttributeValue& value, int indent);

}  // namespace dynadesk::ui::codegen
