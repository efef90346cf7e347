#include "ops/batch_ops.h"

#include <algorithm>
#include <map>
#include <set>

#include "capacity/capacity_units.h"
#include "dynadesk/item_size.h"
#include "dynadesk/limits.h"
#include "ops/change_events.h"
#include "ops/index_maintenance.h"
#include "ops/item_key.h"
#include "ops/item_ops.h"
#include "ops/throughput.h"
#include "ops/streams.h"
#include "storage/key_codec.h"

namespace dynadesk::ops {

namespace {

struct PreparedWrite {
  std::shared_ptr<const TableDef> table;
  ItemKey key;
  bool isPut;
  std::string stored;  // for puts
  std::uint32_t size = 0;
  const Item* source = nullptr;  // the request's item (put) or key (delete)
};

// What each table of a batch consumed, in request order.
template <typename Requests, typename Prepared>
std::vector<std::pair<std::string, capacity::Consumption>> sumPerTable(const Requests& requestItems,
                                                                       const std::vector<Prepared>& prepared,
                                                                       const std::vector<capacity::Consumption>& each) {
  std::vector<std::pair<std::string, capacity::Consumption>> sums;
  for (const auto& entry : requestItems) {
    capacity::Consumption sum;
    bool any = false;
    for (std::size_t i = 0; i < prepared.size(); ++i) {
      if (prepared[i].table->name != entry.first) continue;
      sum += each[i];
      any = true;
    }
    if (any) sums.emplace_back(entry.first, std::move(sum));
  }
  return sums;
}

template <typename Prepared>
std::shared_ptr<const TableDef> tableOf(const std::vector<Prepared>& prepared, std::string_view name) {
  for (const auto& p : prepared) {
    if (p.table->name == name) return p.table;
  }
  return nullptr;
}

Status duplicateKeys() { return Status::validation("Provided list of item keys contains duplicates"); }

// Inside a batch, DynamoDB words a put whose key attribute is missing or of the
// wrong type as a key mismatch, not with PutItem's "Missing the key ..." /
// "Type mismatch for key ..." (other key checks keep their PutItem words).
Status checkBatchPutKeyAttributes(const TableDef& table, const Item& item) {
  const KeyAttribute* attrs[2] = {&table.key.partition, table.key.sort ? &*table.key.sort : nullptr};
  for (const KeyAttribute* attr : attrs) {
    if (!attr) continue;
    auto it = item.find(attr->name);
    if (it == item.end() || it->second.type() != attr->type) {
      return Status::validation("The provided key element does not match the schema");
    }
  }
  return Status::ok();
}

}  // namespace

Result<BatchWriteResult> batchWriteItem(Database& db, const BatchWriteRequest& r) {
  std::vector<PreparedWrite> writes;
  std::set<std::string> seen;
  for (const auto& [tableName, requests] : r.requestItems) {
    auto table = db.findTable(tableName);
    if (!table) return tableNotFound();
    for (const auto& req : requests) {
      PreparedWrite w{table, {}, req.isPut, {}, 0, &req.itemOrKey};
      if (req.isPut) {
        DYNADESK_RETURN_IF_ERROR(checkBatchPutKeyAttributes(*table, req.itemOrKey));
        DYNADESK_ASSIGN_OR_RETURN(w.key, keyOfItem(*table, req.itemOrKey));
        DYNADESK_RETURN_IF_ERROR(checkItemSize(req.itemOrKey, w.size));
        DYNADESK_RETURN_IF_ERROR(checkIndexKeys(*table, req.itemOrKey));
        w.stored = encodeStoredItem(req.itemOrKey, w.size);
      } else {
        DYNADESK_ASSIGN_OR_RETURN(w.key, keyFromKeyMap(*table, req.itemOrKey));
      }
      if (!seen.insert(w.key.storageKey).second) return duplicateKeys();
      writes.push_back(std::move(w));
    }
  }

  // Provisioned throughput admits each request on its own partition; what it
  // refuses comes back unprocessed.
  std::map<std::string, std::vector<WriteRequest>> refused;
  {
    std::vector<PreparedWrite> admitted;
    for (auto& w : writes) {
      const KeyRef keyRef = keyRefOf(*w.table, *w.source, w.key.partitionHash());
      if (admitWrite(db, *w.table, w.key.partitionHash(), &keyRef).isOk()) {
        admitted.push_back(std::move(w));
      } else {
        refused[w.table->name].push_back(WriteRequest{w.isPut, *w.source});
      }
    }
    if (admitted.empty() && !writes.empty()) return batchThroughputExceeded();
    writes = std::move(admitted);
  }
  std::vector<capacity::Consumption> itemConsumed(writes.size());

  BatchWriteResult result;
  Status st = db.env().write([&](storage::WriteTxn& txn) -> Status {
    result = {};
    std::fill(itemConsumed.begin(), itemConsumed.end(), capacity::Consumption{});
    std::map<std::string, std::map<std::string, ItemCollectionMetrics>> collections;  // table -> key -> latest
    // Check every table before writing, so a concurrently deleted table
    // fails the batch before any of it is written.
    for (const auto& w : writes) DYNADESK_RETURN_IF_ERROR(Database::checkTableAlive(txn, *w.table));
    // Each table's definition as of this transaction (indexes may have been
    // added or dropped since the batch was validated): check first, then write.
    std::map<std::uint32_t, std::shared_ptr<const TableDef>> live;
    for (const auto& w : writes) {
      auto& def = live[w.table->id];
      if (!def) def = db.currentTable(*w.table);
      if (!def) return tableNotFound();
      if (def != w.table && w.isPut) DYNADESK_RETURN_IF_ERROR(checkIndexKeys(*def, *w.source));
    }
    const bool announce = db.events().wanted();
    std::vector<ChangeEvent> events;
    // Statistics are added up per table and written once, not once per item.
    std::map<std::uint32_t, std::pair<std::int64_t, std::int64_t>> statDeltas;
    for (std::size_t i = 0; i < writes.size(); ++i) {
      const PreparedWrite& w = writes[i];
      capacity::Consumption& consumed = itemConsumed[i];
      DYNADESK_ASSIGN_OR_RETURN(auto old, txn.get(w.key.storageKey));
      const std::int64_t oldSize = old ? storedItemSize(*old) : 0;
      consumed.table.write = capacity::itemWriteUnits(
          static_cast<std::uint64_t>(std::max<std::int64_t>(oldSize, w.isPut ? w.size : 0)));
      const bool existed = old.has_value();
      const TableDef& current = *live[w.table->id];
      std::optional<Item> oldItem;
      if (old && (!current.indexes.empty() || current.streamEnabled)) {
        DYNADESK_ASSIGN_OR_RETURN(Item decoded, decodeStoredItem(*old));
        oldItem = std::move(decoded);
      }
      if (announce && w.isPut) events.push_back(itemWrittenEvent(*w.table, *w.source, existed));
      if (announce && !w.isPut && existed) events.push_back(itemRemovedEvent(*w.table, *w.source));
      auto& delta = statDeltas[w.table->id];
      {
        std::optional<ItemCollectionMetrics> m;
        DYNADESK_RETURN_IF_ERROR(trackItemCollection(txn, current, oldItem ? &*oldItem : nullptr,
                                                     w.isPut ? w.source : nullptr, db.itemCollectionLimit(), &m));
        if (m && (w.isPut || existed)) {
          const std::string k = storage::itemCollectionKey(w.table->id, m->key.begin()->second);
          collections[w.table->name][k] = std::move(*m);
        }
      }
      if (w.isPut) {
        DYNADESK_RETURN_IF_ERROR(txn.put(w.key.storageKey, w.stored));
        if (!current.indexes.empty()) {
          DYNADESK_RETURN_IF_ERROR(maintainIndexes(txn, current, oldItem ? &*oldItem : nullptr, w.source, &consumed));
        }
        DYNADESK_RETURN_IF_ERROR(appendStreamRecord(db, txn, current, oldItem ? &*oldItem : nullptr, w.source));
        delta.first += existed ? 0 : 1;
        delta.second += static_cast<std::int64_t>(w.size) - oldSize;
      } else if (existed) {
        DYNADESK_RETURN_IF_ERROR(txn.erase(w.key.storageKey).status());
        if (oldItem && !current.indexes.empty()) {
          DYNADESK_RETURN_IF_ERROR(maintainIndexes(txn, current, &*oldItem, nullptr, &consumed));
        }
        if (oldItem) DYNADESK_RETURN_IF_ERROR(appendStreamRecord(db, txn, current, &*oldItem, nullptr));
        delta.first -= 1;
        delta.second -= oldSize;
      }
    }
    for (const auto& [tableId, delta] : statDeltas) {
      DYNADESK_RETURN_IF_ERROR(Database::addTableStats(txn, tableId, delta.first, delta.second));
    }
    if (announce) announceAfterCommit(db, txn, std::move(events));
    for (auto& [table, byKey] : collections) {
      std::vector<ItemCollectionMetrics> list;
      for (auto& [k, m] : byKey) list.push_back(std::move(m));
      result.itemCollectionMetrics.emplace_back(table, std::move(list));
    }
    return Status::ok();
  });
  DYNADESK_RETURN_IF_ERROR(st);
  // Each item is taken from its own partition; each table reports its sum once.
  for (std::size_t i = 0; i < writes.size(); ++i) {
    const KeyRef keyRef = keyRefOf(*writes[i].table, *writes[i].source, writes[i].key.partitionHash());
    chargeBuckets(db, *writes[i].table, itemConsumed[i], writes[i].key.partitionHash(), &keyRef);
  }
  result.consumed = sumPerTable(r.requestItems, writes, itemConsumed);
  for (const auto& [tableName, sum] : result.consumed) {
    if (auto table = tableOf(writes, tableName)) reportConsumed(db, *table, sum);
  }
  for (const auto& [tableName, requests] : r.requestItems) {
    auto it = refused.find(tableName);
    if (it != refused.end()) result.unprocessedItems.emplace_back(tableName, std::move(it->second));
  }
  return result;
}

Result<BatchGetResult> batchGetItem(Database& db, const BatchGetRequest& r) {
  struct PreparedGet {
    std::size_t tableIndex;
    ItemKey key;
    const Item* original;
    std::shared_ptr<const TableDef> table;
  };
  std::vector<std::shared_ptr<const TableDef>> tables;
  std::vector<PreparedGet> gets;
  std::size_t total = 0;
  for (std::size_t t = 0; t < r.requestItems.size(); ++t) {
    const auto& [tableName, ka] = r.requestItems[t];
    total += ka.keys.size();
  }
  if (total > limits::kMaxBatchGetKeys) return Status::validation("Too many items requested for the BatchGetItem call");
  for (std::size_t t = 0; t < r.requestItems.size(); ++t) {
    const auto& [tableName, ka] = r.requestItems[t];
    auto table = db.findTable(tableName);
    if (!table) return tableNotFound();
    tables.push_back(table);
    std::set<std::string> seen;
    for (const auto& k : ka.keys) {
      DYNADESK_ASSIGN_OR_RETURN(ItemKey key, keyFromKeyMap(*table, k));
      if (!seen.insert(key.storageKey).second) return duplicateKeys();
      gets.push_back({t, std::move(key), &k, table});
    }
  }

  BatchGetResult result;
  for (const auto& [tableName, ka] : r.requestItems) result.responses[tableName];
  std::map<std::size_t, KeysAndAttributes> unprocessed;
  auto leaveUnprocessed = [&](const PreparedGet& g) {
    auto& u = unprocessed[g.tableIndex];
    u.consistentRead = r.requestItems[g.tableIndex].second.consistentRead;
    u.keys.push_back(*g.original);
  };
  // Provisioned throughput admits each key on its own partition.
  std::vector<bool> admitted(gets.size());
  std::size_t admittedCount = 0;
  for (std::size_t i = 0; i < gets.size(); ++i) {
    const KeyRef keyRef = keyRefOf(*gets[i].table, *gets[i].original, gets[i].key.partitionHash());
    admitted[i] = admitRead(db, *gets[i].table, nullptr, gets[i].key.partitionHash(), &keyRef).isOk();
    admittedCount += admitted[i] ? 1 : 0;
  }
  if (admittedCount == 0 && !gets.empty()) return batchThroughputExceeded();
  std::vector<capacity::Consumption> consumed(gets.size());
  {
    DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());
    std::size_t responseBytes = 0;
    // The response never exceeds 16 MB: once an item does not fit, it and every
    // key after it are returned as UnprocessedKeys for the caller to ask again.
    bool full = false;
    for (std::size_t i = 0; i < gets.size(); ++i) {
      const PreparedGet& g = gets[i];
      if (!admitted[i]) {
        leaveUnprocessed(g);
        continue;
      }
      std::optional<std::string_view> stored;
      if (!full) {
        DYNADESK_ASSIGN_OR_RETURN(stored, txn.get(g.key.storageKey));
        const auto kind = r.requestItems[g.tableIndex].second.consistentRead ? capacity::ReadKind::Strong
                                                                             : capacity::ReadKind::Eventual;
        consumed[i].table.read = capacity::itemReadUnits(stored ? storedItemSize(*stored) : 0, kind);
        if (!stored) continue;
        full = responseBytes + storedItemSize(*stored) > limits::kMaxBatchGetResponseBytes;
      }
      if (full) {
        consumed[i] = {};
        leaveUnprocessed(g);
        continue;
      }
      DYNADESK_ASSIGN_OR_RETURN(Item item, decodeStoredItem(*stored));
      responseBytes += storedItemSize(*stored);
      result.responses[r.requestItems[g.tableIndex].first].push_back(std::move(item));
    }
  }
  for (std::size_t i = 0; i < gets.size(); ++i) {
    if (!admitted[i]) continue;
    const KeyRef keyRef = keyRefOf(*gets[i].table, *gets[i].original, gets[i].key.partitionHash());
    chargeBuckets(db, *gets[i].table, consumed[i], gets[i].key.partitionHash(), &keyRef);
  }
  result.consumed = sumPerTable(r.requestItems, gets, consumed);
  for (const auto& [tableName, sum] : result.consumed) {
    if (auto table = tableOf(gets, tableName)) reportConsumed(db, *table, sum);
  }
  for (auto& [t, ka] : unprocessed) result.unprocessedKeys.emplace_back(r.requestItems[t].first, std::move(ka));
  return result;
}

}  // namespace dynadesk::ops
