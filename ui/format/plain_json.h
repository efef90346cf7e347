// Plain JSON for the item editor, without losing information.
//
// Writing: an item as an indented plain JSON object; numbers exactly as
// DynamoDB holds them (never through a double), sets as arrays, binary as
// base64 text.
//
// Reading back: numbers keep every digit of their text (parsed with a SAX
// reader that hands over the literal), and the item being edited supplies the
// types plain JSON cannot say: where it had a string set, number set or binary
// (or binary set), the same place in the new text becomes that type again when
// the new value fits it. New attributes take the natural type: string S,
// number N, true/false BOOL, null NULL, array L, object M.
//
// Errors are DynamoDB's (from the attribute codec) or, for text that is not
// JSON, a SerializationException naming the line and column.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"

namespace dynadesk::ui {

std::string itemToPlainJson(const Item& item);
// One value as compact plain JSON on one line (numbers exact), for exports.
std::string plainJson(const AttributeValue& value);
Result<Item> itemFromPlainJson(std::string_view text, const Item& typeHints);

// DynamoDB JSON, indented, and back (the lossless view).
std::string itemToDynamoJson(const Item& item);
Result<Item> itemFromDynamoJson(std::string_view text);

}  // namespace dynadesk::ui
