// The item and table events the operations announce (events/event_hub.h).
//
// Writes announce from inside their WriteFn with announceAfterCommit, which
// publishes once the group commit has committed, in commit order — so a
// subscriber never sees two writes to one item in the wrong order. Callers
// test db.events().wanted() first, so nothing is built when nobody listens.
#pragma once

#include <vector>

#include "dynadesk/engine_events.h"
#include "model/table_def.h"
#include "ops/database.h"
#include "storage/ordered_keyspace.h"

namespace dynadesk::ops {

// An item put or updated: Inserted when it did not exist before, else Modified.
ItemEvent itemWrittenEvent(const TableDef& table, const Item& newImage, bool existed);
// An item deleted; `key` holds exactly its key attributes.
ItemEvent itemRemovedEvent(const TableDef& table, const Item& key);

// Publishes the events after `txn` commits (dropped if it does not).
void announceAfterCommit(Database& db, storage::WriteTxn& txn, ChangeEvent event);
void announceAfterCommit(Database& db, storage::WriteTxn& txn, std::vector<ChangeEvent> events);

}  // namespace dynadesk::ops
