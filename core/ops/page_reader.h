// The page loop shared by Scan and Query: read items from a positioned cursor
// while they belong to the read, stop at Limit items evaluated or once 1 MB of
// item data has been read, apply the filter and Select, and name the last
// evaluated key when the page was cut short.
//
// Thread-safety: works on the caller's cursor; not shared.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "model/table_def.h"
#include "ops/scan_ops.h"
#include "storage/keyspace_cursor.h"

namespace dynadesk::ops {

struct PageOptions {
  std::optional<int> limit;
  Select select = Select::AllAttributes;
  const ItemFilter* filter = nullptr;  // may be null or empty
  // Turns what was read into the item that is filtered and returned (a local
  // index fetching unprojected attributes from the table); may be null.
  const std::function<Status(Item&)>* complete = nullptr;
};

// LastEvaluatedKey of an item read: the table key, plus the index key on an index.
using LastKeyOf = std::function<Item(const Item&)>;

// `inRange` says whether the cursor's key still belongs to this read; `forward`
// picks next() or prev(). The cursor must be positioned at the first candidate.
Result<ScanResult> readPage(storage::Cursor& cursor, const std::function<bool(std::string_view)>& inRange,
                            bool forward, const PageOptions& options, const LastKeyOf& lastKeyOf);

// LastEvaluatedKey on the table itself.
LastKeyOf tableLastKey(const TableDef& table);

}  // namespace dynadesk::ops
