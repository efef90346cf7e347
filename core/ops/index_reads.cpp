#include "ops/index_reads.h"

#include <set>

#include "ops/index_maintenance.h"
#include "ops/item_key.h"
#include "ops/page_reader.h"
#include "storage/key_codec.h"

namespace dynadesk::ops {

namespace {

Result<const IndexDef*> readableIndex(const TableDef& table, const std::string& name) {
  const IndexDef* index = table.findIndex(name);
  if (!index || index->status == IndexStatus::Deleting) {
    return Status::validation("The table does not have the specified index: " + name);
  }
  if (index->status == IndexStatus::Creating) {
    return Status::validation("Cannot read from backfilling global secondary index: " + name);
  }
  return index;
}

LastKeyOf indexLastKey(const TableDef& table, const IndexDef& index) {
  return [&table, &index](const Item& item) {
    Item key = keyAttributesOf(table, item);
    for (const KeyAttribute* a : {&index.key.partition, index.key.sort ? &*index.key.sort : nullptr}) {
      if (!a) continue;
      if (auto it = item.find(a->name); it != item.end()) key.emplace(it->first, it->second);
    }
    return key;
  };
}

// The entry key an ExclusiveStartKey names: it must hold exactly the table key
// and the index key attributes, with the schema's types.
Result<std::string> startEntryKey(const TableDef& table, const IndexDef& index, const Item& start) {
  const Status bad = Status::validation("The provided starting key is invalid");
  std::size_t expected = 0;
  for (const KeyAttribute* a : {&table.key.partition, table.key.sort ? &*table.key.sort : nullptr,
                                &index.key.partition, index.key.sort ? &*index.key.sort : nullptr}) {
    if (!a) continue;
    auto it = start.find(a->name);
    if (it == start.end() || it->second.type() != a->type) return bad;
  }
  std::set<std::string> names{table.key.partition.name, index.key.partition.name};
  if (table.key.sort) names.insert(table.key.sort->name);
  if (index.key.sort) names.insert(index.key.sort->name);
  expected = names.size();
  if (start.size() != expected) return bad;
  auto tableKey = keyFromKeyMap(table, keyAttributesOf(table, start));
  if (!tableKey) return Status::validation("The provided starting key is invalid: " + tableKey.status().message());
  auto key = indexEntryKeyOf(table, index, start);
  if (!key) return bad;
  return *key;
}

// Reads the table's copy of each index item (local indexes only: same partition).
// Also adds the size of each item fetched to `fetched` (it is charged as a table read).
std::function<Status(Item&)> tableFetcher(const TableDef& table, const storage::Txn& txn, std::uint64_t& fetched) {
  return [&table, &txn, &fetched](Item& item) -> Status {
    auto key = keyFromKeyMap(table, keyAttributesOf(table, item));
    if (!key) return key.status();
    DYNADESK_ASSIGN_OR_RETURN(auto stored, txn.get(key->storageKey));
    if (!stored) return Status::ok();  // cannot happen: entries are written with their item
    DYNADESK_ASSIGN_OR_RETURN(Item full, decodeStoredItem(*stored));
    fetched += storedItemSize(*stored);
    item = std::move(full);
    return Status::ok();
  };
}

struct Range {
  std::string lower;  // inclusive
  std::string upper;  // exclusive; empty: none beyond the prefix
  std::string prefix;

  bool contains(std::string_view k) const {
    return k >= lower && k.starts_with(prefix) && (upper.empty() || k < upper);
  }
};

// The entries a query reads. Index sort keys are stored self-delimiting, so
// "sort key <= v" is every entry below the successor of the component of v.
Result<Range> queryRange(const TableDef& table, const IndexDef& index, const QueryRequest& r) {
  const std::string partition = storage::indexPartitionPrefix(table.id, index.id, r.partitionValue);
  Range range{partition, "", partition};
  if (!r.sortCondition) return range;
  const SortKeyCondition& c = *r.sortCondition;
  auto with = [&](const AttributeValue& v) {
    std::string k = partition;
    storage::appendKeyComponent(k, v, /*last=*/false);
    return k;
  };
  switch (c.op) {
    case SortKeyOp::Equal: range.prefix = with(c.value); range.lower = range.prefix; break;
    case SortKeyOp::Less: range.upper = with(c.value); break;
    case SortKeyOp::LessOrEqual: range.upper = storage::prefixSuccessor(with(c.value)); break;
    case SortKeyOp::Greater: range.lower = storage::prefixSuccessor(with(c.value)); break;
    case SortKeyOp::GreaterOrEqual: range.lower = with(c.value); break;
    case SortKeyOp::Between:
      range.lower = with(c.value);
      range.upper = storage::prefixSuccessor(with(*c.upper));
      if (with(*c.upper) < range.lower) {
        return Status::validation(
            "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal "
            "to lower bound");
      }
      break;
    case SortKeyOp::BeginsWith: {
      std::string p = partition;
      storage::appendEscapedPrefix(p, c.value);
      range.prefix = p;
      range.lower = p;
      break;
    }
  }
  return range;
}

}  // namespace

Result<ScanResult> queryIndex(Database& db, const TableDef& table, const QueryRequest& r) {
  DYNADESK_ASSIGN_OR_RETURN(const IndexDef* index, readableIndex(table, r.indexName));
  DYNADESK_RETURN_IF_ERROR(checkKeyConditionTypes(index->key, r));
  DYNADESK_ASSIGN_OR_RETURN(Range range, queryRange(table, *index, r));
  Range read = range;
  std::optional<std::string> after;  // the start key, excluded
  if (r.exclusiveStartKey) {
    DYNADESK_ASSIGN_OR_RETURN(std::string start, startEntryKey(table, *index, *r.exclusiveStartKey));
    if (!range.contains(start)) {
      return Status::validation("The provided starting key is outside query boundaries based on provided conditions");
    }
    after = start;
    if (r.scanIndexForward) {
      read.lower = start;
    } else {
      read.upper = start;  // exclusive already
    }
  }

  DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());
  auto cursor = txn.cursor();
  if (r.scanIndexForward) {
    DYNADESK_RETURN_IF_ERROR(cursor.seek(read.lower));
    if (after && cursor.valid() && cursor.key() == *after) DYNADESK_RETURN_IF_ERROR(cursor.next());
  } else {
    const std::string end = read.upper.empty() ? storage::prefixSuccessor(read.prefix) : read.upper;
    if (end.empty()) {
      DYNADESK_RETURN_IF_ERROR(cursor.last());
    } else {
      DYNADESK_RETURN_IF_ERROR(cursor.seekForPrev(end));
      if (cursor.valid() && cursor.key() >= end) DYNADESK_RETURN_IF_ERROR(cursor.prev());
    }
  }
  auto inRange = [&](std::string_view k) { return read.contains(k); };
  std::function<Status(Item&)> complete;
  std::uint64_t fetched = 0;
  if (r.fetchFromTable && index->kind == IndexKind::Local) complete = tableFetcher(table, txn, fetched);
  PageOptions options{r.limit, r.select, &r.filter, &complete};
  DYNADESK_ASSIGN_OR_RETURN(ScanResult page, readPage(cursor, inRange, r.scanIndexForward, options, indexLastKey(table, *index)));
  page.fetchedBytes = fetched;
  return page;
}

Result<ScanResult> scanIndex(Database& db, const TableDef& table, const ScanRequest& r) {
  DYNADESK_ASSIGN_OR_RETURN(const IndexDef* index, readableIndex(table, r.indexName));
  const int segment = r.segment.value_or(0);
  const int totalSegments = r.totalSegments.value_or(1);
  auto [low, high] = segmentHashRange(segment, totalSegments);

  std::string start = storage::indexHashSeekKey(table.id, index->id, low);
  std::optional<std::string> exclusiveStart;
  if (r.exclusiveStartKey) {
    DYNADESK_ASSIGN_OR_RETURN(std::string key, startEntryKey(table, *index, *r.exclusiveStartKey));
    const std::uint64_t h = storage::hashOfIndexEntryKey(key);
    if (h < low || (high && h >= *high)) {
      return Status::validation(
          "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with "
          "correct Segment. TotalSegments: " + std::to_string(totalSegments) + " Segment: " + std::to_string(segment));
    }
    start = key;
    exclusiveStart = key;
  }

  const std::string prefix = storage::indexEntriesPrefix(table.id, index->id);
  DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());
  auto cursor = txn.cursor();
  DYNADESK_RETURN_IF_ERROR(cursor.seek(start));
  if (exclusiveStart && cursor.valid() && cursor.key() == *exclusiveStart) DYNADESK_RETURN_IF_ERROR(cursor.next());
  auto inRange = [&](std::string_view key) {
    return key.starts_with(prefix) && !(high && storage::hashOfIndexEntryKey(key) >= *high);
  };
  std::function<Status(Item&)> complete;
  std::uint64_t fetched = 0;
  if (r.fetchFromTable && index->kind == IndexKind::Local) complete = tableFetcher(table, txn, fetched);
  PageOptions options{r.limit, r.select, &r.filter, &complete};
  DYNADESK_ASSIGN_OR_RETURN(ScanResult page, readPage(cursor, inRange, /*forward=*/true, options, indexLastKey(table, *index)));
  page.fetchedBytes = fetched;
  return page;
}

}  // namespace dynadesk::ops
