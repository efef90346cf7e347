// Query: reads one partition in sort-key order (or reverse), narrowed by a
// sort-key condition, page by page.
//
// The request arrives typed: api/ turns a KeyConditionExpression (or the legacy
// KeyConditions parameter) into a partition value and an optional
// SortKeyCondition. A page stops at Limit items evaluated or once 1 MB of item
// data has been read, and then carries LastEvaluatedKey (a page cut by Limit
// names its last key even when nothing follows, as DynamoDB does). A filter,
// when given, runs after an item is read: it decides what is returned, not what
// is counted against Limit (Count versus ScannedCount).
//
// Thread-safety: safe to call concurrently; each page reads one snapshot.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "ops/database.h"
#include "ops/scan_ops.h"

namespace dynadesk::ops {

enum class SortKeyOp { Equal, Less, LessOrEqual, Greater, GreaterOrEqual, Between, BeginsWith };

struct SortKeyCondition {
  SortKeyOp op = SortKeyOp::Equal;
  AttributeValue value;                 // the operand (the lower bound for Between)
  std::optional<AttributeValue> upper;  // Between only
};

struct QueryRequest {
  std::string tableName;
  AttributeValue partitionValue;
  std::optional<SortKeyCondition> sortCondition;
  bool scanIndexForward = true;
  std::optional<int> limit;
  std::optional<Item> exclusiveStartKey;
  Select select = Select::AllAttributes;
  bool consistentRead = false;
  ItemFilter filter;                    // optional
  // A secondary index to read instead of the table (empty: the table). The
  // partition value and sort condition are then on the index's key.
  std::string indexName;
  // On a local index: fetch each item's unprojected attributes from the table.
  bool fetchFromTable = false;
};

// Errors: ResourceNotFoundException; ValidationException for a key value of
// the wrong type, begins_with on a number, a Between whose bounds are reversed,
// or an ExclusiveStartKey that is not a key of this query's range.
Result<ScanResult> query(Database& db, const QueryRequest& request);

// The key condition's values against the key it queries (the table's, or an
// index's): DynamoDB's type mismatch, a sort condition without a sort key, and
// begins_with on a number.
Status checkKeyConditionTypes(const KeySchema& key, const QueryRequest& request);

}  // namespace dynadesk::ops
