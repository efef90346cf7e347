#include "ops/page_reader.h"

#include <cstdint>

#include "dynadesk/limits.h"
#include "ops/item_key.h"

namespace dynadesk::ops {

Result<ScanResult> readPage(storage::Cursor& cursor, const std::function<bool(std::string_view)>& inRange,
                            bool forward, const PageOptions& options, const LastKeyOf& lastKeyOf) {
  ScanResult result;
  std::size_t bytesRead = 0;
  const std::size_t limit = options.limit ? static_cast<std::size_t>(*options.limit) : SIZE_MAX;
  const bool filtering = options.filter && *options.filter;
  // The last evaluated item when it was not returned (filtered out, or COUNT).
  std::optional<Item> lastUnreturned;
  bool cut = false;
  while (cursor.valid() && inRange(cursor.key())) {
    if (result.scannedCount >= limit || bytesRead >= limits::kMaxPageBytes) {
      cut = true;
      break;
    }
    DYNADESK_ASSIGN_OR_RETURN(Item item, decodeStoredItem(cursor.value()));
    bytesRead += storedItemSize(cursor.value());
    ++result.scannedCount;
    if (options.complete && *options.complete) DYNADESK_RETURN_IF_ERROR((*options.complete)(item));
    bool keep = true;
    if (filtering) {
      DYNADESK_ASSIGN_OR_RETURN(keep, (*options.filter)(item));
    }
    if (keep) ++result.count;
    if (keep && options.select != Select::Count) {
      result.items.push_back(std::move(item));
      lastUnreturned.reset();
    } else {
      lastUnreturned = std::move(item);
    }
    DYNADESK_RETURN_IF_ERROR(forward ? cursor.next() : cursor.prev());
  }
  // A page cut by Limit names its last key even when nothing follows, as
  // DynamoDB does; a page cut by size always has more to read.
  if (!cut && result.scannedCount > 0 && result.scannedCount >= limit) cut = true;
  result.bytesRead = bytesRead;
  if (cut && result.scannedCount > 0) {
    result.lastEvaluatedKey = lastKeyOf(lastUnreturned ? *lastUnreturned : result.items.back());
  }
  return result;
}

LastKeyOf tableLastKey(const TableDef& table) {
  return [&table](const Item& item) { return keyAttributesOf(table, item); };
}

}  // namespace dynadesk::ops
