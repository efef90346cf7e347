// Provisioned throughput around one Query or Scan page: admitted before it
// reads, charged after it. A page costs the sum of the item (or index entry)
// sizes it evaluated, filtered out or not, rounded up to 4 KB once; a local
// index fetching unprojected attributes also reads the table, charged the same
// way on the fetched items. The cost lands on the table, or on the index read
// (global indexes have their own capacity; local ones share the table's).
//
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "ops/database.h"
#include "ops/scan_ops.h"

namespace dynadesk::ops {

// `partitionHash`: the table partition a Query addresses (none for Scan);
// `partitionKey`: the partition key value a Query addresses (of the index it
// reads, if any), reported per key (ops/throughput.h); null for Scan.
Result<ScanResult> meteredRead(Database& db, const TableDef& table, std::string_view indexName, bool consistentRead,
                               std::optional<std::uint64_t> partitionHash,
                               const std::function<Result<ScanResult>()>& read,
                               const AttributeValue* partitionKey = nullptr);

}  // namespace dynadesk::ops
