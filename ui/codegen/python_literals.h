// Python 3 source literals for the boto3 generators.
//
// Strings are double-quoted; backslash, quotes and controls are escaped, and
// so are invisible or direction-changing characters (text_escaping.h), as
// \xHH, \uXXXX or \UXXXXXXXX; other characters stay as UTF-8 (Python source
// is UTF-8). Bytes are b"..." with printable ASCII kept readable.
//
// Values: the resource form uses what boto3's resource layer takes (str,
// Decimal("<exact text>"), bytes, bool, None, set, list, dict); the client form
// is DynamoDB JSON with B/BS members as bytes, which the client base64-encodes
// on the wire itself.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "dynadesk/attribute_value.h"

namespace dynadesk::ui::codegen {

std::string pythonString(std::string_view text);
std::string pythonBytes(std::string_view bytes);
std::string pythonNativeValue(const AttributeValue& value);
std::string pythonDynamoValue(const AttributeValue& value);

}  // namespace dynadesk::ui::codegen
