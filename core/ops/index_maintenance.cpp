#include "ops/index_maintenance.h"

#include <algorithm>
#include <cmath>

#include "capacity/capacity_units.h"
#include "dynadesk/item_size.h"
#include "dynadesk/limits.h"
#include "ops/database.h"
#include "ops/item_key.h"
#include "storage/key_codec.h"

namespace dynadesk::ops {

namespace {

Status invalid(std::string m) { return Status::validation("One or more parameter values were invalid: " + m); }

const AttributeValue* find(const Item& item, const std::string& name) {
  auto it = item.find(name);
  return it == item.end() ? nullptr : &it->second;
}

Status addIndexStats(storage::WriteTxn& txn, const TableDef& table, const IndexDef& index, std::int64_t countDelta,
                     std::int64_t bytesDelta) {
  return Database::addCountAndBytes(txn, storage::indexStatsKey(table.id, index.id), countDelta, bytesDelta);
}

// One index's entry for one item: its key, and the stored projected item.
struct Entry {
  std::string key;
  std::string stored;
  std::int64_t size = 0;  // as IndexSizeBytes counts it
};

std::optional<Entry> entryOf(const TableDef& table, const IndexDef& index, const Item* item) {
  if (!item) return std::nullopt;
  auto key = indexEntryKeyOf(table, index, *item);
  if (!key) return std::nullopt;
  Item projected = projectForIndex(table, index, *item);
  const std::size_t size = itemSize(projected);
  Entry e{std::move(*key), encodeStoredItem(projected, static_cast<std::uint32_t>(size)),
          static_cast<std::int64_t>(size + limits::kIndexItemOverheadBytes)};
  return e;
}

}  // namespace

bool indexIsMaintained(const IndexDef& index) { return index.status != IndexStatus::Deleting; }

Status checkIndexKeys(const TableDef& table, const Item& item) {
  // Global indexes are checked before local ones, so the index a message names
  // is the one DynamoDB names when an attribute keys both.
  std::vector<const IndexDef*> order;
  for (const auto& index : table.indexes) {
    if (index.kind == IndexKind::Global) order.push_back(&index);
  }
  for (const auto& index : table.indexes) {
    if (index.kind == IndexKind::Local) order.push_back(&index);
  }
  for (const IndexDef* ip : order) {
    const IndexDef& index = *ip;
    if (!indexIsMaintained(index)) continue;
    const KeyAttribute* attrs[2] = {&index.key.partition, index.key.sort ? &*index.key.sort : nullptr};
    for (int i = 0; i < 2; ++i) {
      if (!attrs[i]) continue;
      const AttributeValue* v = find(item, attrs[i]->name);
      if (!v) continue;
      if (v->type() != attrs[i]->type) {
        return invalid("Type mismatch for Index Key " + attrs[i]->name + " Expected: " +
                       std::string(attrTypeName(attrs[i]->type)) + " Actual: " + std::string(attrTypeName(v->type())) +
                       " IndexName: " + index.name);
      }
      if ((v->is(AttrType::S) && v->asString().empty()) || (v->is(AttrType::B) && v->asBinary().empty())) {
        return Status::validation(
            std::string("One or more parameter values are not valid. A value specified for a secondary index key is "
                        "not supported. The AttributeValue for a key attribute cannot contain an empty ") +
            (v->is(AttrType::S) ? "string" : "binary") + " value. IndexName: " + index.name +
            ", IndexKey: " + attrs[i]->name);
      }
      const std::size_t bytes = v->is(AttrType::S) ? v->asString().size() : v->is(AttrType::B) ? v->asBinary().size() : 0;
      if (i == 0 && bytes > limits::kMaxPartitionKeyBytes) {
        return invalid("Size of hashkey has exceeded the maximum size limit of2048 bytes");
      }
      if (i == 1 && bytes > limits::kMaxSortKeyBytes) {
        return invalid("Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
      }
    }
  }
  return Status::ok();
}

Item projectForIndex(const TableDef& table, const IndexDef& index, const Item& item) {
  if (index.projection.type == ProjectionType::All) return item;
  Item out;
  auto copy = [&](const std::string& name) {
    if (auto it = item.find(name); it != item.end()) out.emplace(it->first, it->second);
  };
  copy(table.key.partition.name);
  if (table.key.sort) copy(table.key.sort->name);
  copy(index.key.partition.name);
  if (index.key.sort) copy(index.key.sort->name);
  if (index.projection.type == ProjectionType::Include) {
    for (const auto& name : index.projection.nonKeyAttributes) copy(name);
  }
  return out;
}

std::optional<std::string> indexEntryKeyOf(const TableDef& table, const IndexDef& index, const Item& item) {
  const AttributeValue* ipk = find(item, index.key.partition.name);
  if (!ipk || ipk->type() != index.key.partition.type) return std::nullopt;
  const AttributeValue* isk = nullptr;
  if (index.key.sort) {
    isk = find(item, index.key.sort->name);
    if (!isk || isk->type() != index.key.sort->type) return std::nullopt;
  }
  const AttributeValue* tpk = find(item, table.key.partition.name);
  const AttributeValue* tsk = table.key.sort ? find(item, table.key.sort->name) : nullptr;
  if (!tpk || (table.key.sort && !tsk)) return std::nullopt;
  return storage::indexEntryKey(table.id, index.id, *ipk, isk, *tpk, tsk);
}

namespace {

// What an index write costs: its entry without the 100 bytes of overhead that
// only count towards storage.
double entryWriteUnits(std::int64_t entrySize, bool transactional) {
  const std::int64_t bytes = entrySize - static_cast<std::int64_t>(limits::kIndexItemOverheadBytes);
  return capacity::itemWriteUnits(static_cast<std::uint64_t>(bytes > 0 ? bytes : 0), transactional);
}

}  // namespace

Status maintainIndexes(storage::WriteTxn& txn, const TableDef& table, const Item* oldItem, const Item* newItem,
                       capacity::Consumption* consumed, bool transactional) {
  for (const auto& index : table.indexes) {
    if (!indexIsMaintained(index)) continue;
    std::optional<Entry> before = entryOf(table, index, oldItem);
    std::optional<Entry> after = entryOf(table, index, newItem);
    if (before && index.status == IndexStatus::Creating) {
      // The backfill may not have reached the old item yet: count only an entry
      // that is really there.
      DYNADESK_ASSIGN_OR_RETURN(auto existing, txn.get(before->key));
      if (!existing) {
        before.reset();
      } else {
        before->size = static_cast<std::int64_t>(storedItemSize(*existing) + limits::kIndexItemOverheadBytes);
        before->stored.assign(*existing);
      }
    }
    if (before && after && before->key == after->key && before->stored == after->stored) continue;
    if (consumed && (before || after)) {
      // An entry rewritten in place is one write, sized on the larger image; a
      // moved entry is a delete and a put, each sized on its own.
      double units = 0;
      if (before && after && before->key == after->key) {
        units = entryWriteUnits(std::max(before->size, after->size), transactional);
      } else {
        if (before) units += entryWriteUnits(before->size, transactional);
        if (after) units += entryWriteUnits(after->size, transactional);
      }
      consumed->addIndex(index.name, index.kind == IndexKind::Global, capacity::Units{0, units});
    }
    std::int64_t countDelta = 0, bytesDelta = 0;
    if (before && (!after || before->key != after->key)) {
      DYNADESK_RETURN_IF_ERROR(txn.erase(before->key).status());
    }
    if (before) {
      countDelta -= 1;
      bytesDelta -= before->size;
    }
    if (after) {
      DYNADESK_RETURN_IF_ERROR(txn.put(after->key, after->stored));
      countDelta += 1;
      bytesDelta += after->size;
    }
    DYNADESK_RETURN_IF_ERROR(addIndexStats(txn, table, index, countDelta, bytesDelta));
  }
  return Status::ok();
}

Status addToIndex(storage::WriteTxn& txn, const TableDef& table, const IndexDef& index, const Item& item) {
  std::optional<Entry> entry = entryOf(table, index, &item);
  if (!entry) return Status::ok();
  DYNADESK_ASSIGN_OR_RETURN(auto existing, txn.get(entry->key));
  std::int64_t countDelta = 1, bytesDelta = entry->size;
  if (existing) {
    // Already written by a write that ran after the backfill started.
    countDelta = 0;
    bytesDelta = entry->size - static_cast<std::int64_t>(storedItemSize(*existing) + limits::kIndexItemOverheadBytes);
  }
  DYNADESK_RETURN_IF_ERROR(txn.put(entry->key, entry->stored));
  return addIndexStats(txn, table, index, countDelta, bytesDelta);
}

namespace {

// An item's share of its collection: the item, and its entry in each local index.
std::int64_t collectionShare(const TableDef& table, const Item* item) {
  if (!item) return 0;
  std::int64_t size = static_cast<std::int64_t>(itemSize(*item));
  for (const auto& index : table.indexes) {
    if (index.kind != IndexKind::Local || !indexEntryKeyOf(table, index, *item)) continue;
    size += static_cast<std::int64_t>(itemSize(projectForIndex(table, index, *item)) + limits::kIndexItemOverheadBytes);
  }
  return size;
}

}  // namespace

Status trackItemCollection(storage::WriteTxn& txn, const TableDef& table, const Item* oldItem, const Item* newItem,
                           std::uint64_t limitBytes, std::optional<ItemCollectionMetrics>* metrics) {
  const bool hasLocal = std::any_of(table.indexes.begin(), table.indexes.end(),
                                    [](const IndexDef& i) { return i.kind == IndexKind::Local; });
  if (!hasLocal) return Status::ok();
  const Item* any = newItem ? newItem : oldItem;
  if (!any) return Status::ok();
  auto pk = any->find(table.key.partition.name);
  if (pk == any->end()) return Status::ok();
  const std::string key = storage::itemCollectionKey(table.id, pk->second);
  DYNADESK_ASSIGN_OR_RETURN(auto stored, txn.get(key));
  const std::int64_t before = stored && stored->size() == 8 ? static_cast<std::int64_t>(storage::readBigEndian64(*stored)) : 0;
  const std::int64_t delta = collectionShare(table, newItem) - collectionShare(table, oldItem);
  const std::int64_t after = std::max<std::int64_t>(0, before + delta);
  if (delta > 0 && static_cast<std::uint64_t>(after) > limitBytes) {
    return Status(ErrorType::ItemCollectionSizeLimitExceededException,
                  "Item collection size limit exceeded: the items of partition key " + table.key.partition.name +
                      " with this value and their local index entries would take more than " +
                      std::to_string(limitBytes) + " bytes");
  }
  if (delta != 0) {
    if (after == 0) {
      DYNADESK_RETURN_IF_ERROR(txn.erase(key).status());
    } else {
      std::string value;
      storage::appendBigEndian64(value, static_cast<std::uint64_t>(after));
      DYNADESK_RETURN_IF_ERROR(txn.put(key, value));
    }
  }
  if (metrics) {
    // DynamoDB answers a range of whole gigabytes around its estimate.
    const double gb = static_cast<double>(after) / static_cast<double>(1ull << 30);
    ItemCollectionMetrics m;
    m.key.emplace(pk->first, pk->second);
    m.lowerGB = std::floor(gb);
    m.upperGB = m.lowerGB + 1;
    *metrics = std::move(m);
  }
  return Status::ok();
}

Result<IndexStats> readIndexStats(const storage::Txn& txn, std::uint32_t tableId, std::uint32_t indexId) {
  DYNADESK_ASSIGN_OR_RETURN(TableStats s, Database::readCountAndBytes(txn, storage::indexStatsKey(tableId, indexId)));
  return IndexStats{s.itemCount, s.sizeBytes};
}

}  // namespace dynadesk::ops
