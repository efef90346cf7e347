// One item's change inside a write transaction, once the old and the new item
// are known: what PutItem, UpdateItem, DeleteItem and each action of a
// TransactWriteItems do alike. In order: the item collection (which may refuse
// the change before anything is written), the item, every index, the table
// statistics, and the change event published after the commit. It also adds
// the capacity the write consumes: the item sized on the larger of its old and
// new images (a delete of nothing still costs one write), and each index write.
//
// Thread-safety: a function of one write transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "capacity/consumption.h"
#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "ops/database.h"
#include "ops/index_maintenance.h"
#include "storage/ordered_keyspace.h"

namespace dynadesk::ops {

struct ItemChange {
  std::string_view storageKey;
  bool existed = false;
  const Item* oldItem = nullptr;   // the item before; required when it existed and the table has indexes or a stream
  const Item* oldKey = nullptr;    // its key attributes, for the removal event when oldItem is null
  std::int64_t oldSize = 0;
  const Item* newItem = nullptr;   // null: the item is deleted
  std::uint32_t newSize = 0;
  std::string_view stored;         // newItem's stored form (encodeStoredItem)
  bool byTimeToLive = false;       // a TTL deletion: its stream record names the DynamoDB service
  // Where the write's capacity is added (null: not charged, as Time to Live
  // deletions are free); `transactional` doubles it.
  capacity::Consumption* consumed = nullptr;
  bool transactional = false;
};

// `live` is the table's definition inside this transaction (Database::currentTable).
Status applyItemChange(Database& db, storage::WriteTxn& txn, const TableDef& live, const ItemChange& change,
                       std::optional<ItemCollectionMetrics>* metrics);

}  // namespace dynadesk::ops
