#include "ops/metered_read.h"

#include "capacity/capacity_units.h"
#include "ops/throughput.h"
#include "storage/key_codec.h"

namespace dynadesk::ops {

Result<ScanResult> meteredRead(Database& db, const TableDef& table, std::string_view indexName, bool consistentRead,
                               std::optional<std::uint64_t> partitionHash,
                               const std::function<Result<ScanResult>()>& read,
                               const AttributeValue* partitionKey) {
  const IndexDef* index = indexName.empty() ? nullptr : table.findIndex(indexName);
  // An unknown index is the read's own error to report, before any throttling.
  if (!indexName.empty() && !index) return read();
  const bool global = index && index->kind == IndexKind::Global;
  const std::optional<std::uint64_t> partition = global ? std::nullopt : partitionHash;
  // A Query reports its partition: the index's for a global index (its own
  // keys and capacity), the table's otherwise (local indexes share it).
  KeyRef keyRef;
  if (partitionKey) {
    keyRef.partition = partitionKey;
    keyRef.index = global ? index : nullptr;
    keyRef.hash = global ? storage::partitionHash(*partitionKey) : partitionHash.value_or(0);
  }
  const KeyRef* key = partitionKey ? &keyRef : nullptr;
  DYNADESK_RETURN_IF_ERROR(admitRead(db, table, index, partition, key));
  DYNADESK_ASSIGN_OR_RETURN(ScanResult page, read());
  const auto kind = consistentRead ? capacity::ReadKind::Strong : capacity::ReadKind::Eventual;
  const double units = capacity::pageReadUnits(page.bytesRead, kind);
  if (!index) {
    page.consumed.table.read = units;
  } else {
    page.consumed.addIndex(index->name, global, capacity::Units{units, 0});
    if (page.fetchedBytes > 0) page.consumed.table.read = capacity::pageReadUnits(page.fetchedBytes, kind);
  }
  charge(db, table, page.consumed, partition, key);
  return page;
}

}  // namespace dynadesk::ops
