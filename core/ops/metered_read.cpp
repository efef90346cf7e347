#include "ops/metered_read.h"

#include "capacity/capacity_units.h"
#include "ops/throughput.h"

namespace dynadesk::ops {

Result<ScanResult> meteredRead(Database& db, const TableDef& table, std::string_view indexName, bool consistentRead,
                               std::optional<std::uint64_t> partitionHash,
                               const std::function<Result<ScanResult>()>& read) {
  const IndexDef* index = indexName.empty() ? nullptr : table.findIndex(indexName);
  // An unknown index is the read's own error to report, before any throttling.
  if (!indexName.empty() && !index) return read();
  const bool global = index && index->kind == IndexKind::Global;
  const std::optional<std::uint64_t> partition = global ? std::nullopt : partitionHash;
  DYNADESK_RETURN_IF_ERROR(admitRead(db, table, index, partition));
  DYNADESK_ASSIGN_OR_RETURN(ScanResult page, read());
  const auto kind = consistentRead ? capacity::ReadKind::Strong : capacity::ReadKind::Eventual;
  const double units = capacity::pageReadUnits(page.bytesRead, kind);
  if (!index) {
    page.consumed.table.read = units;
  } else {
    page.consumed.addIndex(index->name, global, capacity::Units{units, 0});
    if (page.fetchedBytes > 0) page.consumed.table.read = capacity::pageReadUnits(page.fetchedBytes, kind);
  }
  charge(db, table, page.consumed, partition);
  return page;
}

}  // namespace dynadesk::ops
