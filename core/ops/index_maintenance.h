// Keeping secondary indexes exact under every write.
//
// An index entry is the item as the index stores it (the table key, the index
// key and the projected attributes) under the index key followed by the table
// key (storage/key_codec.h). An item lacking an index key attribute has no
// entry in that index (a sparse index). Entries are written in the same write
// transaction as the item they come from, and each index keeps its own item
// count and size (IndexSizeBytes counts DynamoDB's 100 bytes of overhead per
// index item).
//
// Indexes being created (CREATING) are maintained like active ones, so a
// backfill never races a write; indexes being deleted are left alone.
//
// Thread-safety: pure functions, or functions of one write transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "capacity/consumption.h"
#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "model/table_def.h"
#include "storage/ordered_keyspace.h"

namespace dynadesk::ops {

struct IndexStats {
  std::uint64_t itemCount = 0;
  std::uint64_t sizeBytes = 0;
};

// Whether writes must keep this index up to date.
bool indexIsMaintained(const IndexDef& index);

// An item's index key attributes against every maintained index, before any
// write: "Type mismatch for Index Key ..." and empty S/B values, in DynamoDB's
// words. Items without an index key attribute pass (sparse).
Status checkIndexKeys(const TableDef& table, const Item& item);

// What index `index` stores for `item`.
Item projectForIndex(const TableDef& table, const IndexDef& index, const Item& item);

// The entry key of `item` in `index`, or nullopt when it has no entry there.
std::optional<std::string> indexEntryKeyOf(const TableDef& table, const IndexDef& index, const Item& item);

// Inside a write: brings every maintained index in line with one item going
// from `oldItem` to `newItem` (null: absent). Both must already be valid for
// the table (checkIndexKeys). Adds the index writes' capacity to `consumed`
// (may be null), doubled when `transactional`.
Status maintainIndexes(storage::WriteTxn& txn, const TableDef& table, const Item* oldItem, const Item* newItem,
                       capacity::Consumption* consumed = nullptr, bool transactional = false);

// Inside a write: writes the entries of `item` into one index (backfill).
Status addToIndex(storage::WriteTxn& txn, const TableDef& table, const IndexDef& index, const Item& item);

// ReturnItemCollectionMetrics SIZE: the partition key of the collection a write
// touched and DynamoDB's estimate of its size in GB, [lower, upper].
struct ItemCollectionMetrics {
  Item key;
  double lowerGB = 0;
  double upperGB = 0;
};

// Inside a write, before anything is written: the size of the item collection
// (tables with local indexes only: every item of one partition plus its local
// index entries) as `oldItem` becomes `newItem`. Refuses with
// ItemCollectionSizeLimitExceededException a write that grows a collection
// past `limitBytes`; otherwise records the new size. `metrics` (may be null)
// receives the collection's size; untouched for tables without local indexes.
Status trackItemCollection(storage::WriteTxn& txn, const TableDef& table, const Item* oldItem, const Item* newItem,
                           std::uint64_t limitBytes, std::optional<ItemCollectionMetrics>* metrics);

Result<IndexStats> readIndexStats(const storage::Txn& txn, std::uint32_t tableId, std::uint32_t indexId);

}  // namespace dynadesk::ops
