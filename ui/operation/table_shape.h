// TableShape: the keys of a table and of each of its secondary indexes, read
// from a DescribeTable answer, which is all the builder needs to know about a
// table to build a request and explain it.
//
// Errors: tableShapeFromDescription answers ValidationException when the
// "Table" object lacks a TableName or a HASH key, or a member has the wrong
// JSON type; keysFor answers ResourceNotFoundException for an index the table
// does not have. Nothing throws.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynadesk/status.h"

namespace dynadesk::ui {

struct IndexShape {
  std::string name;
  bool global = true;               // false: a local secondary index
  std::string partitionKey, sortKey;  // sortKey empty: none
  std::string projectionType;       // ALL, KEYS_ONLY or INCLUDE
  std::vector<std::string> nonKeyAttributes;  // INCLUDE only
};

struct TableShape {
  std::string name;
  std::string partitionKey, sortKey;  // sortKey empty: none
  std::map<std::string, std::string> attributeTypes;  // key attribute -> "S", "N" or "B"
  std::vector<IndexShape> indexes;
};

// tableJson is the "Table" member of a DescribeTable response.
Result<TableShape> tableShapeFromDescription(const nlohmann::json& tableJson);

// The index named `index`, or null when the table has none by that name.
const IndexShape* findIndex(const TableShape& shape, const std::string& index);

struct KeyNames {
  std::string partitionKey, sortKey;  // sortKey empty: none
};

// The keys that apply to `index`: the table's own keys when index is empty.
Result<KeyNames> keysFor(const TableShape& shape, const std::string& index);

// False on a global secondary index (reason: "Global secondary indexes support
// eventually consistent reads only.") and on an unknown index; true on the
// table and on local secondary indexes. reason may be null.
bool consistentReadAllowed(const TableShape& shape, const std::string& index, std::string* reason);

}  // namespace dynadesk::ui
