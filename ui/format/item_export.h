// Exporting items: DynamoDB JSON (lossless, what the AWS CLI and SDKs read),
// plain JSON (what most programs read: numbers written exactly as stored,
// never through a double; sets become arrays and binary becomes base64, so
// types are not kept) and CSV (RFC 4180; one column per attribute).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "dynadesk/attribute_value.h"

namespace dynadesk::ui {

// A JSON array of items, one item per line: [{"pk":{"S":"a"}}, ...].
std::string exportDynamoJson(const std::vector<Item>& items);
// A JSON array of plain objects: [{"pk":"a","n":1.5}, ...].
std::string exportPlainJson(const std::vector<Item>& items);
// A header line of `columns`, then one line per item; scalars as plain text,
// maps, lists and sets as plain JSON. Lines end with CRLF as RFC 4180 says.
std::string exportCsv(const std::vector<Item>& items, const std::vector<std::string>& columns);

}  // namespace dynadesk::ui
