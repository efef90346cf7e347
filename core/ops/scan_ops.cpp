#include "ops/scan_ops.h"

#include "ops/metered_read.h"

#include "dynadesk/limits.h"
#include "ops/index_reads.h"
#include "ops/item_key.h"
#include "ops/page_reader.h"
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

namespace {

Result<ScanResult> scanTable(Database& db, const std::shared_ptr<const TableDef>& table, const ScanRequest& r) {
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

  auto inRange = [&](std::string_view key) {
    return key.starts_with(prefix) && !(high && storage::hashOfItemKey(key) >= *high);
  };
  return readPage(cursor, inRange, /*forward=*/true, {r.limit, r.select, &r.filter}, tableLastKey(*table));
}

}  // namespace

Result<ScanResult> scan(Database& db, const ScanRequest& r) {
  auto table = db.findTable(r.tableName);
  if (!table) return tableNotFound();
  return meteredRead(db, *table, r.indexName, r.consistentRead, std::nullopt, [&]() -> Result<ScanResult> {
    if (!r.indexName.empty()) return scanIndex(db, *table, r);
    return scanTable(db, table, r);
  });
}

}  // namespace dynadesk::ops
