// Capacity units as DynamoDB computes them (Developer Guide, "Read/write
// capacity mode" and "Read and write operations"):
//   - a read is 1 unit per 4 KB of item, rounded up, at least 1; an eventually
//     consistent read costs half; a transactional read twice;
//   - a write is 1 unit per 1 KB of item, rounded up, at least 1; a
//     transactional write twice;
//   - Query and Scan add up the sizes of every item they read in a page and
//     round the sum once (an empty page still costs the minimum read).
// Sizes are DynamoDB's item sizes (dynadesk/item_size.h).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>

namespace dynadesk::capacity {

enum class ReadKind { Eventual, Strong, Transactional };

inline constexpr std::uint64_t kReadUnitBytes = 4096;
inline constexpr std::uint64_t kWriteUnitBytes = 1024;

// One item read (GetItem, each key of BatchGetItem, each TransactGetItems get):
// an item not found still costs the minimum.
double itemReadUnits(std::uint64_t bytes, ReadKind kind);
// One item written (PutItem, UpdateItem, DeleteItem, each BatchWriteItem
// request, each TransactWriteItems action); `transactional` doubles it.
double itemWriteUnits(std::uint64_t bytes, bool transactional = false);
// A Query or Scan page that read `bytes` in all.
double pageReadUnits(std::uint64_t bytes, ReadKind kind);

}  // namespace dynadesk::capacity
