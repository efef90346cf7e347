#include "ops/scan_ops.h"

#include "dynadesk/limits.h"
#include "ops/item_key.h"
#include "storage/key_codec.h"

namespace dynadesk::ops {

std::pair<std::uint64_t, std::optional<std::uint64_t>> segmentHashRange(int segment, int totalSegments) {
  using u128 = unsigned __int128;
  const u128 space = static_cast<u128>(1) << 64;
  auto bound = [&](int s) { return static_cast<std::uint64_t>(space * static_cast<u128>(s) / totalSegments); };
  std::optional<std::uint64_t> high;
  if (segment + 1 < totalSegments) high = bound(segment + 1);
  return {bound(segment), high};
}

Result<ScanResult> scan(Database& db, const ScanRequest& r) {
  auto table = db.findTable(r.tableName);
  if (!table) return tableNotFound();
  const int segment = r.segment.value_or(0);
  const int totalSegments = r.totalSegments.value_or(1);
  auto [low, high] = segmentHashRange(segment, totalSegments);

  std::string start = storage::tableHashSeekKey(table->id, low);
  std::optional<std::string> exclusiveStart;
  if (r.exclusiveStartKey) {
    auto key = keyFromKeyMap(*table, *r.exclusiveStartKey);
    if (!key) return Status::validation("The provided starting key is invalid: " + key.status().message());
    const std::uint64_t h = storage::hashOfItemKey(key->storageKey);
    if (h < low || (high && h >= *high)) {
      return Status::validation(
          "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with "
          "correct Segment. TotalSegments: " + std::to_string(totalSegments) + " Segment: " + std::to_string(segment));
    }
    start = key->storageKey;
    exclusiveStart = key->storageKey;
  }

  const std::string prefix = storage::tableItemsPrefix(table->id);
  DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());
  auto cursor = txn.cursor();
  DYNADESK_RETURN_IF_ERROR(cursor.seek(start));
  if (exclusiveStart && cursor.valid() && cursor.key() == *exclusiveStart) DYNADESK_RETURN_IF_ERROR(cursor.next());

  ScanResult result;
  std::size_t bytesRead = 0;
  const std::size_t limit = r.limit ? static_cast<std::size_t>(*r.limit) : SIZE_MAX;
  Item lastItem;
  bool cut = false;
  while (cursor.valid() && cursor.key().starts_with(prefix)) {
    if (high && storage::hashOfItemKey(cursor.key()) >= *high) break;
    if (result.scannedCount >= limit || bytesRead >= limits::kMaxPageBytes) {
      cut = true;
      break;
    }
    DYNADESK_ASSIGN_OR_RETURN(Item item, decodeStoredItem(cursor.value()));
    bytesRead += storedItemSize(cursor.value());
    ++result.scannedCount;
    ++result.count;
    if (r.select == Select::Count) {
      lastItem = std::move(item);
    } else {
      result.items.push_back(std::move(item));
    }
    DYNADESK_RETURN_IF_ERROR(cursor.next());
  }
  // A page cut by Limit names its last key even when nothing follows, as
  // DynamoDB does; a page cut by size always has more to read.
  if (!cut && result.scannedCount > 0 && result.scannedCount >= limit) cut = true;
  if (cut && result.scannedCount > 0) {
    result.lastEvaluatedKey = keyAttributesOf(*table, r.select == Select::Count ? lastItem : result.items.back());
  }
  return result;
}

}  // namespace dynadesk::ops
