// JavaScript (ES2020, Node.js) source literals for the SDK v3 generators.
//
// Strings are double-quoted; backslash, quotes and controls are escaped, and
// so are invisible or direction-changing characters (text_escaping.h) as
// \xHH or \u{...}; other characters stay as UTF-8. Binary values are
// Buffer.from("<base64>", "base64") (a Uint8Array, which both the client and
// the DocumentClient send as B).
//
// Values: the DocumentClient form is what lib-dynamodb marshalls: strings,
// numbers, NumberValue.from("<text>") for a number a JS number cannot carry
// exactly (more than 15 significant digits, or 1e15 and beyond, where the
// marshaller also refuses unsafe integers), Uint8Array, booleans, null,
// new Set([...]), arrays and objects. The client form is DynamoDB JSON.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "dynadesk/attribute_value.h"

namespace dynadesk::ui::codegen {

std::string javascriptString(std::string_view text);
// An object key: bare when it is a plain identifier, else a string literal.
std::string javascriptKey(std::string_view name);
// True when Number(text) carries this number exactly and lib-dynamodb
// marshalls it back to the same value.
bool fitsJavascriptNumber(const Number& number);
std::string javascriptDocumentValue(const AttributeValue& value);
std::string javascriptDynamoValue(const AttributeValue& value);

}  // namespace dynadesk::ui::codegen
