#include "ops/item_change.h"

#include <algorithm>

#include "capacity/capacity_units.h"

#include "ops/change_events.h"
#include "ops/item_key.h"
#include "ops/streams.h"

namespace dynadesk::ops {

Status applyItemChange(Database& db, storage::WriteTxn& txn, const TableDef& live, const ItemChange& c,
                       std::optional<ItemCollectionMetrics>* metrics) {
  if (c.consumed) {
    const auto larger = static_cast<std::uint64_t>(std::max<std::int64_t>(c.oldSize, c.newItem ? c.newSize : 0));
    c.consumed->table.write += capacity::itemWriteUnits(larger, c.transactional);
  }
  if (!c.existed && !c.newItem) return Status::ok();  // deleting what is not there changes nothing
  DYNADESK_RETURN_IF_ERROR(
      trackItemCollection(txn, live, c.oldItem, c.newItem, db.itemCollectionLimit(), metrics));
  if (c.newItem) {
    DYNADESK_RETURN_IF_ERROR(txn.put(c.storageKey, c.stored));
  } else {
    DYNADESK_RETURN_IF_ERROR(txn.erase(c.storageKey).status());
  }
  if (!live.indexes.empty()) DYNADESK_RETURN_IF_ERROR(maintainIndexes(txn, live, c.oldItem, c.newItem, c.consumed, c.transactional));
  DYNADESK_RETURN_IF_ERROR(appendStreamRecord(db, txn, live, c.oldItem, c.newItem, c.byTimeToLive));
  const std::int64_t countDelta = c.newItem ? (c.existed ? 0 : 1) : -1;
  const std::int64_t sizeDelta = (c.newItem ? static_cast<std::int64_t>(c.newSize) : 0) - c.oldSize;
  DYNADESK_RETURN_IF_ERROR(Database::addTableStats(txn, live.id, countDelta, sizeDelta));
  if (db.events().wanted()) {
    if (c.newItem) {
      announceAfterCommit(db, txn, itemWrittenEvent(live, *c.newItem, c.existed));
    } else {
      const Item key = c.oldItem ? keyAttributesOf(live, *c.oldItem) : (c.oldKey ? *c.oldKey : Item{});
      announceAfterCommit(db, txn, itemRemovedEvent(live, key));
    }
  }
  return Status::ok();
}

}  // namespace dynadesk::ops
