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

#include "capacity/consumption.h"
#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "expr/ast.h"
#include "ops/database.h"
#include "ops/index_maintenance.h"
#include "ops/throughput.h"
#include "ops/write_condition.h"

namespace dynadesk::ops {

enum class ReturnValues { None, AllOld, UpdatedOld, AllNew, UpdatedNew };

struct PutItemRequest {
  std::string tableName;
  Item item;
  ReturnValues returnValues = ReturnValues::None;
  WriteCondition condition;
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
  WriteCondition condition;
};

struct UpdateItemRequest {
  std::string tableName;
  Item key;
  std::shared_ptr<const expr::Update> update;  // null: only ensure the item exists
  ReturnValues returnValues = ReturnValues::None;
  WriteCondition condition;
};

// Attributes returned by a write (ReturnValues), absent when none.
struct WriteResult {
  std::optional<Item> attributes;
  std::optional<ItemCollectionMetrics> itemCollection;  // tables with local indexes
  capacity::Consumption consumed;
};

struct GetItemResult {
  std::optional<Item> item;
  capacity::Consumption consumed;
};

// Every operation is admitted by the table's provisioned throughput first
// (ProvisionedThroughputExceededException) and charges what it consumed; a
// write refused by its condition still consumes (the existing item's size).
// Errors: ResourceNotFoundException, ValidationException (key schema, item size).
Result<WriteResult> putItem(Database& db, const PutItemRequest& request);
Result<GetItemResult> getItem(Database& db, const GetItemRequest& request);
Result<WriteResult> deleteItem(Database& db, const DeleteItemRequest& request);
// Creates the item (its key attributes) when absent, applies the update, and
// returns what ReturnValues asks for. Errors also: ConditionalCheckFailedException,
// ValidationException for key attributes in the update, an update that does not
// fit the item, or a result over 400 KB or 32 levels deep.
Result<WriteResult> updateItem(Database& db, const UpdateItemRequest& request);

// UpdateItem's refusals of an update that names a key attribute.
Status checkUpdateAvoidsKey(const TableDef& table, const expr::Update& update);
// An updated item: at most 32 levels deep and 400 KB ("Item size to update has
// exceeded the maximum allowed size"); sets its size.
Status checkUpdatedItem(const Item& item, std::uint32_t& sizeOut);

// A write's condition against the existing item (`oldSize` bytes); when it
// refuses, `consumed` gets what the refused write costs.
Status checkCondition(const WriteCondition& condition, const std::optional<Item>& old, std::int64_t oldSize,
                      capacity::Consumption& consumed);
// After a single-item write: charges what it consumed when it wrote or was
// refused by its condition (other failures consume nothing).
// `key`: the written key, reported per key (ops/throughput.h).
void chargeWrite(Database& db, const TableDef& table, const Status& outcome, const capacity::Consumption& consumed,
                 std::uint64_t partitionHash, const KeyRef* key = nullptr);

// "Item size has exceeded the maximum allowed size" when the item is over 400 KB.
Status checkItemSize(const Item& item, std::uint32_t& sizeOut);

}  // namespace dynadesk::ops
