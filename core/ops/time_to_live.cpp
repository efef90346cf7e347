#include "ops/time_to_live.h"

#include <chrono>
#include <cstdlib>

#include "ops/index_jobs.h"
#include "ops/item_change.h"
#include "ops/item_key.h"
#include "storage/key_codec.h"

namespace dynadesk::ops {

namespace {

constexpr std::size_t kSliceItems = 1000;       // items read per table per pass
constexpr auto kPassInterval = std::chrono::milliseconds(200);
constexpr std::int64_t kFiveYearsSeconds = 5LL * 365 * 24 * 60 * 60;

Status tableNotFoundNamed(const std::string& name) {
  return {ErrorType::ResourceNotFoundException, "Requested resource not found: Table: " + name + " not found"};
}

}  // namespace

bool isExpired(const Item& item, const std::string& attribute, std::int64_t nowMillis) {
  auto it = item.find(attribute);
  if (it == item.end() || !it->second.is(AttrType::N)) return false;
  // Epoch seconds fit a double exactly; a fraction counts as its instant.
  const double seconds = std::strtod(it->second.asNumber().toString().c_str(), nullptr);
  const double now = static_cast<double>(nowMillis) / 1000.0;
  return seconds <= now && seconds > now - static_cast<double>(kFiveYearsSeconds);
}

Result<TimeToLiveDescription> updateTimeToLive(Database& db, const std::string& table, bool enabled,
                                               const std::string& attributeName) {
  auto current = db.findTable(table);
  if (!current) return tableNotFoundNamed(table);
  if (enabled && current->ttlEnabled) return Status::validation("TimeToLive is already enabled");
  if (!enabled && !current->ttlEnabled) return Status::validation("TimeToLive is already disabled");
  if (!enabled && attributeName != current->ttlAttribute) {
    return Status::validation("TimeToLive is active on a different AttributeName: current AttributeName is " +
                              current->ttlAttribute);
  }
  Status st = db.env().write([&](storage::WriteTxn& txn) -> Status {
    return rewriteCatalogEntry(db, txn, table, current->id, [&](TableDef& d) -> Status {
             d.ttlEnabled = enabled;
             d.ttlAttribute = attributeName;
             return Status::ok();
           }).status();
  });
  if (st.type() == ErrorType::ResourceNotFoundException) return tableNotFoundNamed(table);
  DYNADESK_RETURN_IF_ERROR(st);
  if (db.events().wanted()) db.events().publish(TableEvent{table, TableEventKind::Updated});
  return TimeToLiveDescription{enabled, attributeName};
}

Result<TimeToLiveDescription> describeTimeToLive(Database& db, const std::string& table) {
  auto def = db.findTable(table);
  if (!def) return tableNotFoundNamed(table);
  return TimeToLiveDescription{def->ttlEnabled, def->ttlEnabled ? def->ttlAttribute : ""};
}

Result<std::size_t> sweepExpiredItems(Database& db, SweepPositions& positions) {
  std::size_t deleted = 0;
  for (const auto& name : db.tableNames()) {
    auto def = db.findTable(name);
    if (!def || !def->ttlEnabled) continue;
    const std::string prefix = storage::tableItemsPrefix(def->id);
    const std::string start = positions[def->id];
    // Read a slice and note the expired keys; delete them in one write that
    // checks each again (a write may have renewed the item meanwhile).
    std::vector<std::string> expired;
    std::string last;
    const std::int64_t now = db.clock().nowMillis();
    {
      DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());
      auto cursor = txn.cursor();
      DYNADESK_RETURN_IF_ERROR(cursor.seek(start.empty() ? prefix : start));
      if (!start.empty() && cursor.valid() && cursor.key() == start) DYNADESK_RETURN_IF_ERROR(cursor.next());
      std::size_t read = 0;
      while (cursor.valid() && cursor.key().starts_with(prefix) && read < kSliceItems) {
        DYNADESK_ASSIGN_OR_RETURN(Item item, decodeStoredItem(cursor.value()));
        if (isExpired(item, def->ttlAttribute, now)) expired.emplace_back(cursor.key());
        last.assign(cursor.key());
        ++read;
        DYNADESK_RETURN_IF_ERROR(cursor.next());
      }
      const bool atEnd = !(cursor.valid() && cursor.key().starts_with(prefix));
      positions[def->id] = atEnd ? std::string() : last;  // wrap around at the end
    }
    if (expired.empty()) continue;
    std::size_t removedHere = 0;
    Status st = db.env().write([&](storage::WriteTxn& txn) -> Status {
      removedHere = 0;
      DYNADESK_RETURN_IF_ERROR(Database::checkTableAlive(txn, *def));
      auto live = db.currentTable(*def);
      if (!live || !live->ttlEnabled) return Status::ok();
      for (const auto& key : expired) {
        DYNADESK_ASSIGN_OR_RETURN(auto stored, txn.get(key));
        if (!stored) continue;
        const std::int64_t oldSize = storedItemSize(*stored);
        DYNADESK_ASSIGN_OR_RETURN(Item old, decodeStoredItem(*stored));
        if (!isExpired(old, live->ttlAttribute, db.clock().nowMillis())) continue;
        ItemChange change{key, true, &old, nullptr, oldSize, nullptr, 0, {}, /*byTimeToLive=*/true};
        DYNADESK_RETURN_IF_ERROR(applyItemChange(db, txn, *live, change, nullptr));
        ++removedHere;
      }
      if (removedHere == 0) return Status::ok();
      const std::string counterKey = storage::ttlDeletionsKey(live->id);
      DYNADESK_ASSIGN_OR_RETURN(auto counter, txn.get(counterKey));
      std::string value;
      storage::appendBigEndian64(value, (counter && counter->size() == 8 ? storage::readBigEndian64(*counter) : 0) +
                                            removedHere);
      return txn.put(counterKey, value);
    });
    if (st.type() == ErrorType::ResourceNotFoundException) continue;  // deleted meanwhile
    DYNADESK_RETURN_IF_ERROR(st);
    deleted += removedHere;
  }
  return deleted;
}

Result<std::uint64_t> timeToLiveDeletedCount(Database& db, const std::string& table) {
  auto def = db.findTable(table);
  if (!def) return tableNotFoundNamed(table);
  DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());
  DYNADESK_ASSIGN_OR_RETURN(auto counter, txn.get(storage::ttlDeletionsKey(def->id)));
  return counter && counter->size() == 8 ? storage::readBigEndian64(*counter) : std::uint64_t{0};
}

TimeToLiveSweeper::TimeToLiveSweeper(Database& db) : db_(db) {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      (void)sweepExpiredItems(db_, positions_);  // a failed pass is retried on the next one
      lock.lock();
      wake_.wait_for(lock, kPassInterval, [this] { return stopping_; });
    }
  });
}

TimeToLiveSweeper::~TimeToLiveSweeper() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

}  // namespace dynadesk::ops
