#include "ops/item_ops.h"

#include "dynadesk/item_size.h"
#include "dynadesk/limits.h"
#include "ops/change_events.h"
#include "ops/index_maintenance.h"
#include "ops/item_change.h"
#include "ops/item_key.h"

namespace dynadesk::ops {

Status checkItemSize(const Item& item, std::uint32_t& sizeOut) {
  const std::size_t size = itemSize(item);
  if (size > limits::kMaxItemBytes) return Status::validation("Item size has exceeded the maximum allowed size");
  sizeOut = static_cast<std::uint32_t>(size);
  return Status::ok();
}

Result<WriteResult> putItem(Database& db, const PutItemRequest& r) {
  auto table = db.findTable(r.tableName);
  if (!table) return tableNotFound();
  DYNADESK_ASSIGN_OR_RETURN(ItemKey key, keyOfItem(*table, r.item));
  std::uint32_t size = 0;
  DYNADESK_RETURN_IF_ERROR(checkItemSize(r.item, size));
  DYNADESK_RETURN_IF_ERROR(checkIndexKeys(*table, r.item));
  const std::string stored = encodeStoredItem(r.item, size);

  WriteResult result;
  Status st = db.env().write([&](storage::WriteTxn& txn) -> Status {
    result = {};
    DYNADESK_RETURN_IF_ERROR(Database::checkTableAlive(txn, *table));
    auto live = db.currentTable(*table);
    if (!live) return tableNotFound();
    if (live != table) DYNADESK_RETURN_IF_ERROR(checkIndexKeys(*live, r.item));  // indexes changed meanwhile
    const bool indexed = !live->indexes.empty() || live->streamEnabled;  // both need the old item
    DYNADESK_ASSIGN_OR_RETURN(auto old, txn.get(key.storageKey));
    const std::int64_t oldSize = old ? storedItemSize(*old) : 0;
    if (old && (r.returnValues == ReturnValues::AllOld || r.condition.present() || indexed)) {
      DYNADESK_ASSIGN_OR_RETURN(Item oldItem, decodeStoredItem(*old));
      result.attributes = std::move(oldItem);
    }
    DYNADESK_RETURN_IF_ERROR(r.condition.check(result.attributes));
    ItemChange change{key.storageKey, old.has_value(), result.attributes ? &*result.attributes : nullptr, nullptr,
                      oldSize, &r.item, size, stored};
    DYNADESK_RETURN_IF_ERROR(applyItemChange(db, txn, *live, change, &result.itemCollection));
    if (r.returnValues != ReturnValues::AllOld) result.attributes.reset();
    return Status::ok();
  });
  DYNADESK_RETURN_IF_ERROR(st);
  return result;
}

Result<GetItemResult> getItem(Database& db, const GetItemRequest& r) {
  auto table = db.findTable(r.tableName);
  if (!table) return tableNotFound();
  DYNADESK_ASSIGN_OR_RETURN(ItemKey key, keyFromKeyMap(*table, r.key));
  // Every read sees the latest committed write, so strongly and eventually
  // consistent reads are the same here.
  DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());
  DYNADESK_ASSIGN_OR_RETURN(auto stored, txn.get(key.storageKey));
  GetItemResult result;
  if (stored) {
    DYNADESK_ASSIGN_OR_RETURN(Item item, decodeStoredItem(*stored));
    result.item = std::move(item);
  }
  return result;
}

Result<WriteResult> deleteItem(Database& db, const DeleteItemRequest& r) {
  auto table = db.findTable(r.tableName);
  if (!table) return tableNotFound();
  DYNADESK_ASSIGN_OR_RETURN(ItemKey key, keyFromKeyMap(*table, r.key));

  WriteResult result;
  Status st = db.env().write([&](storage::WriteTxn& txn) -> Status {
    result = {};
    DYNADESK_RETURN_IF_ERROR(Database::checkTableAlive(txn, *table));
    auto live = db.currentTable(*table);
    if (!live) return tableNotFound();
    DYNADESK_ASSIGN_OR_RETURN(auto old, txn.get(key.storageKey));
    const bool indexed = !live->indexes.empty() || live->streamEnabled;  // both need the old item
    if (old && (r.returnValues == ReturnValues::AllOld || r.condition.present() || indexed)) {
      DYNADESK_ASSIGN_OR_RETURN(Item oldItem, decodeStoredItem(*old));
      result.attributes = std::move(oldItem);
    }
    DYNADESK_RETURN_IF_ERROR(r.condition.check(result.attributes));
    if (!old) {
      result.attributes.reset();
      return Status::ok();
    }
    const std::int64_t oldSize = storedItemSize(*old);
    ItemChange change{key.storageKey, true, result.attributes ? &*result.attributes : nullptr, &r.key, oldSize,
                      nullptr, 0, {}};
    DYNADESK_RETURN_IF_ERROR(applyItemChange(db, txn, *live, change, &result.itemCollection));
    if (r.returnValues != ReturnValues::AllOld) result.attributes.reset();
    return Status::ok();
  });
  DYNADESK_RETURN_IF_ERROR(st);
  return result;
}

}  // namespace dynadesk::ops
