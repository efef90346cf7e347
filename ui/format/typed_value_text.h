// Typed values as a user types them into the query builder: a DynamoDB type
// code ("S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M") and one line
// of text, turned into an exact AttributeValue and back.
//
// How each type reads:
//   S     the text as it is (spaces kept)
//   N     a DynamoDB number, every digit kept (never through a double)
//   B     base64
//   BOOL  true or false (any case)
//   NULL  nothing (or "null")
//   SS    a JSON array of strings, or comma-separated text: a, b, c
//   NS    a JSON array of numbers, or comma-separated numbers
//   BS    a JSON array of base64 strings, or comma-separated base64
//   L, M  plain JSON (an array, an object); numbers stay exact, strings are S,
//         numbers N, true/false BOOL, null NULL, arrays L, objects M
// Sets may not be empty and lose duplicates, as in DynamoDB.
//
// Errors are ValidationExceptions with a plain sentence naming what is wrong
// ("“12a” is not a number.").
// Thread-safety: pure functions.
#pragma once

#include <QString>
#include <QStringList>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"

namespace dynadesk::ui {

// The ten type codes in the order the builder offers them.
QStringList typedValueTypeCodes();

Result<AttributeValue> parseTypedValue(const QString& typeCode, const QString& text);

// The text that parses back to `value` (with typeCode(value.type())).
QString typedValueText(const AttributeValue& value);

// A short example for an empty field of this type, e.g. "[\"a\", \"b\"] or a, b".
QString typedValuePlaceholder(const QString& typeCode);

}  // namespace dynadesk::ui
