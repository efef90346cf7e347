// Query and Scan on a secondary index (QueryRequest / ScanRequest with an
// IndexName); query() and scan() hand such requests here.
//
// An index is read in its own key order: partitions by the hash of the index
// partition key (Scan order and parallel-scan segments, as on tables), then by
// the index sort key, then by the table key. What comes back is what the index
// stores (its projection); on a local index with fetchFromTable, each item's
// other attributes are read from the table in the same snapshot, before the
// filter runs. LastEvaluatedKey carries the table key and the index key, and
// an ExclusiveStartKey must carry both.
//
// Thread-safety: safe to call concurrently; each page reads one snapshot.
#pragma once

#include "ops/query_ops.h"
#include "ops/scan_ops.h"

namespace dynadesk::ops {

// Errors: ValidationException "The table does not have the specified index",
// an index still being built, key values of the wrong type, a start key that
// is not a key of this read.
Result<ScanResult> queryIndex(Database& db, const TableDef& table, const QueryRequest& request);
Result<ScanResult> scanIndex(Database& db, const TableDef& table, const ScanRequest& request);

}  // namespace dynadesk::ops
