// How an attribute value reads in the workbench: compact one-line cell text,
// a type code for the badge, a tooltip (with the date an epoch-like number
// stands for), and a sort order within a column.
//
// Numbers are shown exactly as DynamoDB holds them (all 38 digits, never via
// a double). Thread-safety: pure functions.
#pragma once

#include <optional>

#include <QDateTime>
#include <QString>

#include "dynadesk/attribute_value.h"

namespace dynadesk::ui {

// "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS".
QString typeCode(AttrType type);

// One line, at most about maxChars characters (then "…"): strings as they are,
// numbers exact, binary as base64 with its size, sets as {a, b}, lists as
// [a, b], maps as {k: v}.
QString compactText(const AttributeValue& value, int maxChars = 160);

// The moment an epoch-like number stands for: whole seconds between 2001 and
// 2286 (1e9..1e10) or milliseconds in the same range (1e12..1e13), as UTC.
std::optional<QDateTime> epochDateOf(const AttributeValue& value);

// A longer description for a tooltip: type, size hints, the epoch date.
QString tooltipText(const AttributeValue& value);

// Orders values of one column: by type first (N, S, B, BOOL, NULL, sets, L, M),
// then numbers numerically, strings and binary bytewise, the rest by text.
// Returns <0, 0 or >0.
int compareForSort(const AttributeValue& a, const AttributeValue& b);

}  // namespace dynadesk::ui
