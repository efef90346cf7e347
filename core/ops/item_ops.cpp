#include "ops/item_ops.h"

#include "capacity/capacity_units.h"
#include "dynadesk/item_size.h"
#include "dynadesk/limits.h"
#include "ops/change_events.h"
#include "ops/index_maintenance.h"
#include "ops/item_change.h"
#include "ops/item_key.h"
#include "ops/throughput.h"

namespace dynadesk::ops {

Status checkItemSize(const Item& item, std::uint32_t& sizeOut) {
  const std::size_t size = itemSize(item);
  if (size > limits::kMaxItemBytes) return Status::validation("Item size has exceeded the maximum allowed size");
  sizeOut = static_cast<std::uint32_t>(size);
  return Status::ok();
}

Status checkCondition(const WriteCondition& condition, const std::optional<Item>& old, std::int64_t oldSize,
                      capacity::Consumption& consumed) {
  Status st = condition.check(old);
  // A refused write still costs what writing the existing item would.
  if (!st.isOk()) consumed.table.write = capacity::itemWriteUnits(static_cast<std::uint64_t>(oldSize));
  return st;
}

void chargeWrite(Database& db, const TableDef& table, const Status& outcome, const capacity::Consumption& consumed,
                 std::uint64_t partitionHash, const KeyRef* key) {
  if (outcome.isOk() || outcome.type() == ErrorType::ConditionalCheckFailedException) {
    charge(db, table, consumed, partitionHash, key);
  }
}

Result<WriteResult> putItem(Database& db, const PutItemRequest& r) {
  auto table = db.findTable(r.tableName);
  if (!table) return tableNotFound();
  DYNADESK_ASSIGN_OR_RETURN(ItemKey key, keyOfItem(*table, r.item));
  std::uint32_t size = 0;
  DYNADESK_RETURN_IF_ERROR(checkItemSize(r.item, size));
  DYNADESK_RETURN_IF_ERROR(checkIndexKeys(*table, r.item));
  const std::string stored = encodeStoredItem(r.item, size);
  const std::uint64_t hash = key.partitionHash();
  const KeyRef keyRef = keyRefOf(*table, r.item, hash);
  DYNADESK_RETURN_IF_ERROR(admitWrite(db, *table, hash, &keyRef));

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
    DYNADESK_RETURN_IF_ERROR(checkCondition(r.condition, result.attributes, oldSize, result.consumed));
    ItemChange change{key.storageKey, old.has_value(), result.attributes ? &*result.attributes : nullptr, nullptr,
                      oldSize, &r.item, size, stored};
    change.consumed = &result.consumed;
    DYNADESK_RETURN_IF_ERROR(applyItemChange(db, txn, *live, change, &result.itemCollection));
    if (r.returnValues != ReturnValues::AllOld) result.attributes.reset();
    return Status::ok();
  });
  chargeWrite(db, *table, st, result.consumed, hash, &keyRef);
  DYNADESK_RETURN_IF_ERROR(st);
  return result;
}

Result<GetItemResult> getItem(Database& db, const GetItemRequest& r) {
  auto table = db.findTable(r.tableName);
  if (!table) return tableNotFound();
  DYNADESK_ASSIGN_OR_RETURN(ItemKey key, keyFromKeyMap(*table, r.key));
  const std::uint64_t hash = key.partitionHash();
  const KeyRef keyRef = keyRefOf(*table, r.key, hash);
  DYNADESK_RETURN_IF_ERROR(admitRead(db, *table, nullptr, hash, &keyRef));
  GetItemResult result;
  {
    // Every read sees the latest committed write, so strongly and eventually
    // consistent reads are the same here (they are still charged differently).
    DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());
    DYNADESK_ASSIGN_OR_RETURN(auto stored, txn.get(key.storageKey));
    if (stored) {
      DYNADESK_ASSIGN_OR_RETURN(Item item, decodeStoredItem(*stored));
      result.item = std::move(item);
    }
    result.consumed.table.read = capacity::itemReadUnits(
        stored ? storedItemSize(*stored) : 0, r.consistentRead ? capacity::ReadKind::Strong : capacity::ReadKind::Eventual);
  }
  charge(db, *table, result.consumed, hash, &keyRef);
  return result;
}

Result<WriteResult> deleteItem(Database& db, const DeleteItemRequest& r) {
  auto table = db.findTable(r.tableName);
  if (!table) return tableNotFound();
  DYNADESK_ASSIGN_OR_RETURN(ItemKey key, keyFromKeyMap(*table, r.key));
  const std::uint64_t hash = key.partitionHash();
  const KeyRef keyRef = keyRefOf(*table, r.key, hash);
  DYNADESK_RETURN_IF_ERROR(admitWrite(db, *table, hash, &keyRef));

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
    const std::int64_t oldSize = old ? storedItemSize(*old) : 0;
    DYNADESK_RETURN_IF_ERROR(checkCondition(r.condition, result.attributes, oldSize, result.consumed));
    ItemChange change{key.storageKey, old.has_value(), result.attributes ? &*result.attributes : nullptr, &r.key,
                      oldSize, nullptr, 0, {}};
    change.consumed = &result.consumed;
    DYNADESK_RETURN_IF_ERROR(applyItemChange(db, txn, *live, change, &result.itemCollection));
    if (r.returnValues != ReturnValues::AllOld) result.attributes.reset();
    return Status::ok();
  });
  chargeWrite(db, *table, st, result.consumed, hash, &keyRef);
  DYNADESK_RETURN_IF_ERROR(st);
  return result;
}

}  // namespace dynadesk::ops
