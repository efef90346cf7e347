#include "ops/index_jobs.h"

#include <algorithm>

#include "ops/database.h"
#include "ops/index_maintenance.h"
#include "ops/item_key.h"
#include "storage/catalog_codec.h"
#include "storage/key_codec.h"

namespace dynadesk::ops {

Result<std::shared_ptr<const TableDef>> rewriteCatalogEntry(Database& db, storage::WriteTxn& txn,
                                                            const std::string& name, std::uint32_t tableId,
                                                            const std::function<Status(TableDef&)>& change) {
  const std::string key = storage::catalogKey(name);
  DYNADESK_ASSIGN_OR_RETURN(auto entry, txn.get(key));
  if (!entry || entry->size() < 4 || storage::catalogEntryTableId(*entry) != tableId) return tableNotFound();
  DYNADESK_ASSIGN_OR_RETURN(TableDef def, storage::decodeCatalogEntry(*entry));
  DYNADESK_RETURN_IF_ERROR(change(def));
  auto shared = std::make_shared<const TableDef>(std::move(def));
  DYNADESK_RETURN_IF_ERROR(txn.put(key, storage::encodeCatalogEntry(*shared)));
  // The cache changes before the next write transaction starts, so every write
  // that reads its definition inside its transaction sees this one.
  txn.afterCommit([&db, shared] { db.cacheTable(shared); });
  return shared;
}

IndexJobs::IndexJobs(Database& db) : db_(db) {}

IndexJobs::~IndexJobs() {
  stopping_ = true;
  std::lock_guard lock(mutex_);
  for (auto& t : threads_) t.join();
}

void IndexJobs::launch(std::function<void()> job) {
  std::lock_guard lock(mutex_);
  if (stopping_) return;
  ++running_;
  threads_.emplace_back([this, job = std::move(job)] {
    job();
    --running_;
    running_.notify_all();
  });
}

void IndexJobs::startBackfill(const std::string& table, const std::string& index) {
  launch([this, table, index] { backfill(table, index); });
}

void IndexJobs::startDrop(const std::string& table, const std::string& index) {
  launch([this, table, index] { drop(table, index); });
}

void IndexJobs::resumeAll() {
  for (const auto& name : db_.tableNames()) {
    auto def = db_.findTable(name);
    if (!def) continue;
    for (const auto& i : def->indexes) {
      if (i.status == IndexStatus::Creating) startBackfill(name, i.name);
      if (i.status == IndexStatus::Deleting) startDrop(name, i.name);
    }
  }
}

void IndexJobs::waitIdle() {
  for (int n = running_.load(); n != 0; n = running_.load()) running_.wait(n);
}

void IndexJobs::backfill(const std::string& tableName, const std::string& indexName) {
  auto start = db_.findTable(tableName);
  if (!start) return;
  const std::uint32_t tableId = start->id;
  std::uint64_t total = 0;
  if (auto txn = db_.env().read()) {
    if (auto stats = Database::readTableStats(*txn, tableId)) total = stats->itemCount;
  }
  const std::string prefix = storage::tableItemsPrefix(tableId);
  std::string after;  // the last item key read; empty before the first chunk
  std::uint64_t done = 0;
  for (;;) {
    if (stopping_) return;  // resumed from the start on the next open
    bool finished = false, gone = false;
    std::uint64_t readNow = 0;
    Status st = db_.env().write([&](storage::WriteTxn& txn) -> Status {
      readNow = 0;
      finished = gone = false;
      auto def = db_.findTable(tableName);
      const IndexDef* index = def && def->id == tableId ? def->findIndex(indexName) : nullptr;
      if (!index || index->status != IndexStatus::Creating) {
        gone = true;  // table or index deleted meanwhile
        return Status::ok();
      }
      auto cursor = txn.cursor();
      DYNADESK_RETURN_IF_ERROR(cursor.seek(after.empty() ? prefix : after));
      if (!after.empty() && cursor.valid() && cursor.key() == after) DYNADESK_RETURN_IF_ERROR(cursor.next());
      std::string last = after;
      while (cursor.valid() && cursor.key().starts_with(prefix) && readNow < kChunk) {
        DYNADESK_ASSIGN_OR_RETURN(Item item, decodeStoredItem(cursor.value()));
        last.assign(cursor.key());
        DYNADESK_RETURN_IF_ERROR(addToIndex(txn, *def, *index, item));
        ++readNow;
        DYNADESK_RETURN_IF_ERROR(cursor.next());
      }
      finished = !(cursor.valid() && cursor.key().starts_with(prefix));
      if (finished) {
        auto activated = rewriteCatalogEntry(db_, txn, tableName, tableId, [&](TableDef& d) -> Status {
          for (auto& i : d.indexes) {
            if (i.name == indexName) {
              i.status = IndexStatus::Active;
              i.backfilling = false;
            }
          }
          return Status::ok();
        });
        if (!activated) return activated.status();
      }
      after = std::move(last);
      return Status::ok();
    });
    if (!st.isOk() || gone) return;  // a storage failure leaves it CREATING; the next open retries
    done += readNow;
    if (db_.events().wanted()) {
      TableEvent progress{tableName, TableEventKind::IndexProgress, indexName, done, total};
      db_.events().publish(std::vector<ChangeEvent>{progress});
    }
    if (finished) {
      if (db_.events().wanted()) db_.events().publish(TableEvent{tableName, TableEventKind::Updated});
      return;
    }
  }
}

void IndexJobs::drop(const std::string& tableName, const std::string& indexName) {
  auto start = db_.findTable(tableName);
  if (!start) return;
  const std::uint32_t tableId = start->id;
  const IndexDef* index = start->findIndex(indexName);
  if (!index) return;
  const std::string prefix = storage::indexEntriesPrefix(tableId, index->id);
  const std::string statsKey = storage::indexStatsKey(tableId, index->id);
  for (;;) {
    if (stopping_) return;
    bool finished = false;
    Status st = db_.env().write([&](storage::WriteTxn& txn) -> Status {
      finished = false;
      auto cursor = txn.cursor();
      DYNADESK_RETURN_IF_ERROR(cursor.seek(prefix));
      std::vector<std::string> keys;
      while (cursor.valid() && cursor.key().starts_with(prefix) && keys.size() < kChunk * 4) {
        keys.emplace_back(cursor.key());
        DYNADESK_RETURN_IF_ERROR(cursor.next());
      }
      for (const auto& k : keys) DYNADESK_RETURN_IF_ERROR(txn.erase(k).status());
      if (keys.size() < kChunk * 4) {
        finished = true;
        DYNADESK_RETURN_IF_ERROR(txn.erase(statsKey).status());
        auto removed = rewriteCatalogEntry(db_, txn, tableName, tableId, [&](TableDef& d) -> Status {
          std::erase_if(d.indexes, [&](const IndexDef& i) { return i.name == indexName; });
          // DynamoDB lists only the attributes some key uses.
          std::erase_if(d.attributeDefinitions, [&](const KeyAttribute& a) {
            auto keys = [&](const KeySchema& k) { return k.partition.name == a.name || (k.sort && k.sort->name == a.name); };
            return !keys(d.key) && std::none_of(d.indexes.begin(), d.indexes.end(),
                                                [&](const IndexDef& i) { return keys(i.key); });
          });
          return Status::ok();
        });
        if (!removed && removed.status().type() != ErrorType::ResourceNotFoundException) return removed.status();
      }
      return Status::ok();
    });
    if (!st.isOk()) return;
    if (finished) {
      if (db_.events().wanted()) db_.events().publish(TableEvent{tableName, TableEventKind::Updated});
      return;
    }
  }
}

}  // namespace dynadesk::ops
