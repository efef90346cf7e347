// Single-item data-plane operations: PutItem, GetItem, DeleteItem.
//
// Each write follows one pattern: validate the whole request against the table
// first, then run a write function in the group-committed LMDB transaction
// that re-checks the table, reads the old item, and writes the item and the
// table statistics together (one write, one transaction).
//
// Thread-safety: safe to call concurrently.
#pragma once

#include <optional>
#include <string>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "ops/database.h"

namespace dynadesk::ops {

enum class ReturnValues { None, AllOld, UpdatedOld, AllNew, UpdatedNew };

struct PutItemRequest {
  std::string tableName;
  Item item;
  ReturnValues returnValues = ReturnValues::None;
};

struct GetItemRequest {
  std::string tableName;
  Item key;
  bool consistentRead = false;
};

struct DeleteItemRequest {
  std::string tableName;
  Item key;
  ReturnValues returnValues = ReturnValues::None;
};

// Attributes returned by a write (ReturnValues), absent when none.
struct WriteResult {
  std::optional<Item> attributes;
};

struct GetItemResult {
  std::optional<Item> item;
};

// Errors: ResourceNotFoundException, ValidationException (key schema, item size).
Result<WriteResult> putItem(Database& db, const PutItemRequest& request);
Result<GetItemResult> getItem(Database& db, const GetItemRequest& request);
Result<WriteResult> deleteItem(Database& db, const DeleteItemRequest& request);

// "Item size has exceeded the maximum allowed size" when the item is over 400 KB.
Status checkItemSize(const Item& item, std::uint32_t& sizeOut);

}  // namespace dynadesk::ops
