// DynamoDB's documented service limits that the engine enforces, in one place.
// Where a limit is configurable in Dynadesk (for tests or big local data sets)
// the default here is DynamoDB's value.
#pragma once

#include <cstddef>

namespace dynadesk::limits {

inline constexpr std::size_t kMaxItemBytes = 400 * 1024;          // item size, DynamoDB's way of counting
inline constexpr std::size_t kMaxPartitionKeyBytes = 2048;
inline constexpr std::size_t kMaxSortKeyBytes = 1024;
inline constexpr int kMaxNestingDepth = 32;                       // levels of M / L
inline constexpr std::size_t kMinTableNameLength = 3;
inline constexpr std::size_t kMaxTableNameLength = 255;
inline constexpr std::size_t kMaxAttributeNameLength = 65535;     // non-key attribute names
inline constexpr std::size_t kMaxKeyAttributeNameLength = 255;    // key attribute names
inline constexpr std::size_t kMaxBatchWriteRequests = 25;
inline constexpr std::size_t kMaxBatchGetKeys = 100;
inline constexpr std::size_t kMaxBatchGetResponseBytes = 16 * 1024 * 1024;
inline constexpr std::size_t kMaxBatchWriteRequestBytes = 16 * 1024 * 1024;
inline constexpr std::size_t kMaxPageBytes = 1024 * 1024;         // Query / Scan page
inline constexpr int kMaxListTablesLimit = 100;
inline constexpr int kMaxScanSegments = 1000000;
inline constexpr long long kMinProvisionedUnits = 1;
inline constexpr long long kMaxProvisionedUnits = 40000;          // default per-table account quota
inline constexpr std::size_t kMaxTagsPerResource = 50;
inline constexpr std::size_t kMaxGlobalSecondaryIndexes = 20;
inline constexpr std::size_t kMaxLocalSecondaryIndexes = 5;
inline constexpr std::size_t kMaxProjectedAttributes = 100;      // NonKeyAttributes across a table's indexes
inline constexpr std::size_t kIndexItemOverheadBytes = 100;      // counted per index item in IndexSizeBytes

}  // namespace dynadesk::limits
