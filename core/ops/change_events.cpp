#include "ops/change_events.h"

#include "ops/item_key.h"

namespace dynadesk::ops {

ItemEvent itemWrittenEvent(const TableDef& table, const Item& newImage, bool existed) {
  return ItemEvent{table.name, existed ? ItemEventKind::Modified : ItemEventKind::Inserted,
                   keyAttributesOf(table, newImage), newImage};
}

ItemEvent itemRemovedEvent(const TableDef& table, const Item& key) {
  return ItemEvent{table.name, ItemEventKind::Removed, key, std::nullopt};
}

void announceAfterCommit(Database& db, storage::WriteTxn& txn, ChangeEvent event) {
  txn.afterCommit([hub = db.eventHub(), event = std::move(event)]() mutable { hub->publish(std::move(event)); });
}

void announceAfterCommit(Database& db, storage::WriteTxn& txn, std::vector<ChangeEvent> events) {
  if (events.empty()) return;
  txn.afterCommit([hub = db.eventHub(), events = std::move(events)]() mutable { hub->publish(std::move(events)); });
}

}  // namespace dynadesk::ops
