// IndexPreview: what a proposed global secondary index would hold, worked out
// from a table's items before the index is created — which items it would
// contain and which it would leave out (and why), its size as DynamoDB's
// IndexSizeBytes counts it, and the extra writes it adds to each kind of table
// write. The add-index dialog shows it; the tests check it against what the
// engine then builds.
//
// DynamoDB's rules followed here:
//  - an item is in the index only when it has every index key attribute, of
//    the declared scalar type (S, N or B), non-empty when S or B, and within
//    the key limits (2048 bytes for a partition key, 1024 for a sort key);
//    otherwise the item is simply left out (a sparse index);
//  - an index entry holds the table's keys, the index's keys and the projected
//    attributes (all of them for ALL, none more for KEYS_ONLY, the named ones
//    for INCLUDE); its size is the size of those attributes (item_size.h) plus
//    100 bytes of overhead;
//  - writing an entry costs one write capacity unit per started 1 KB of the
//    entry (without the 100 bytes of overhead); a table write costs the index
//    nothing when the item is in it neither before nor after, one index write
//    when its entry is added, removed or rewritten in place, and two (a
//    delete and a put) when its index key changes.
//
// Thread-safety: pure functions and plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>

#include "dynadesk/attribute_value.h"
#include "format/table_design.h"

namespace dynadesk::ui {

// The table's own key: partition key, and sort key if any.
struct TableKeys {
  KeyDesign partitionKey;
  std::optional<KeyDesign> sortKey;
};

// Why an item is not in an index (None: it is).
enum class IndexExclusion {
  None,
  MissingKey,    // lacks the index's partition or sort key attribute
  WrongType,     // has it, with another type than the index declares
  InvalidValue,  // has it with the right type, but empty or over the key size limit
};

constexpr std::size_t kIndexEntryOverheadBytes = 100;
constexpr std::size_t kMaxIndexPartitionKeyBytes = 2048;
constexpr std::size_t kMaxIndexSortKeyBytes = 1024;

IndexExclusion indexExclusion(const Item& item, const IndexDesign& index);

// The attributes the index stores for `item` (whether or not the item is in
// the index): the table's keys, the index's keys and the projected attributes
// the item has.
Item projectForIndex(const Item& item, const TableKeys& table, const IndexDesign& index);

// The entry's size as IndexSizeBytes counts it (with the 100 bytes of overhead).
std::uint64_t indexEntrySize(const Item& item, const TableKeys& table, const IndexDesign& index);

// Write capacity units of writing `bytes`: one per started KB, at least one.
std::uint64_t writeUnitsFor(std::uint64_t bytes);

// One kind of table write, and what it costs the index.
struct WriteKindCost {
  QString write;       // the kind of write, in plain words
  int indexWrites = 0; // index writes per such table write: 0, 1 or 2
  double units = 0;    // write capacity units those index writes cost, on average over the included items
};

struct IndexPreview {
  std::size_t itemsExamined = 0;
  std::size_t itemsIn = 0;
  std::size_t missingKey = 0;
  std::size_t wrongType = 0;
  std::size_t invalidValue = 0;
  std::size_t itemsLeftOut() const { return missingKey + wrongType + invalidValue; }

  // Positions (in the examined items) of the items in the index, in input order.
  std::vector<std::size_t> included;
  std::uint64_t sizeBytes = 0;     // estimated IndexSizeBytes
  double averageEntryBytes = 0;    // per included item, overhead included (0 when none)

  // Writing every included entry once (what the backfill writes).
  std::uint64_t backfillUnits = 0;
  // Per included item: the index write's units, and the table write's own.
  double averageEntryUnits = 0;
  double averageTableUnits = 0;
  // The extra writes, kind by kind.
  std::vector<WriteKindCost> amplification;
};

// Works out the preview over `items` (all of the table, or the first of its
// items when the table is large). Never fails: an index design with an empty
// key name simply holds nothing.
IndexPreview previewIndex(const std::vector<Item>& items, const TableKeys& table, const IndexDesign& index);

// --- The table as DescribeTable tells it, and the request that adds an index.

// From a TableDescription (DescribeTable's "Table"): its key with types from
// AttributeDefinitions (an attribute it does not define reads as "S").
TableKeys tableKeysOf(const nlohmann::json& table);
// Its secondary indexes, global ones first, in the order listed; capacity from
// the index's ProvisionedThroughput when it has one.
std::vector<IndexDesign> indexesOf(const nlohmann::json& table);
// Name, keys, billing and indexes of the table, enough for validate()
// (table_design.h) to judge a design that adds one more index.
TableDesign tableDesignOf(const nlohmann::json& table);
// The type AttributeDefinitions gives `name` ("S", "N", "B"), or "" when undefined.
std::string definedType(const nlohmann::json& table, const std::string& name);

// What DynamoDB would refuse in adding `index` (a global index) to `table`, in
// plain words; empty when it can be sent. Besides validate()'s rules: the
// index's two keys must differ, a key keeps the type the table defines for it,
// a provisioned table's index needs capacity, and only one index may be
// created or deleted at a time.
QStringList newIndexProblems(const nlohmann::json& table, const IndexDesign& index);

// UpdateTable creating `index`: AttributeDefinitions for its keys, and
// ProvisionedThroughput only when the table is provisioned.
nlohmann::json createIndexRequest(const nlohmann::json& table, const IndexDesign& index);
// UpdateTable deleting the global index `name`.
nlohmann::json deleteIndexRequest(const std::string& tableName, const std::string& name);

}  // namespace dynadesk::ui
