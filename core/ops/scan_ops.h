// Scan: walks a table in DynamoDB's order (partition-hash order, then sort key),
// page by page, with parallel-scan segments as ranges of the partition hash.
//
// A page stops at Limit items evaluated or once 1 MB of item data has been
// read, and then carries LastEvaluatedKey (even when nothing follows, as
// DynamoDB does when a page is cut by Limit).
//
// Thread-safety: safe to call concurrently; each page reads one snapshot.
#pragma once

#include "capacity/consumption.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "ops/database.h"

namespace dynadesk::ops {

enum class Select { AllAttributes, AllProjectedAttributes, SpecificAttributes, Count };

// Decides whether an item read by a Query or Scan is returned (a FilterExpression).
// It runs after the item is read, so filtered items still count in ScannedCount
// and against Limit. An error aborts the page.
using ItemFilter = std::function<Result<bool>(const Item&)>;

struct ScanRequest {
  std::string tableName;
  std::optional<int> limit;
  std::optional<Item> exclusiveStartKey;
  Select select = Select::AllAttributes;
  std::optional<int> segment;
  std::optional<int> totalSegments;
  bool consistentRead = false;
  ItemFilter filter;  // optional
  std::string indexName;         // a secondary index to scan instead of the table
  bool fetchFromTable = false;   // local index: unprojected attributes from the table
};

struct ScanResult {
  std::vector<Item> items;  // empty for Select COUNT
  std::size_t count = 0;         // items that passed the filter
  std::size_t scannedCount = 0;  // items evaluated
  std::optional<Item> lastEvaluatedKey;
  std::uint64_t bytesRead = 0;     // item (or index entry) bytes evaluated
  std::uint64_t fetchedBytes = 0;  // item bytes a local index fetched from its table
  capacity::Consumption consumed;  // filled by scan() and query()
};

Result<ScanResult> scan(Database& db, const ScanRequest& request);

// The half-open range [low, high) of partition hashes in one segment; high is
// nullopt for the last segment (up to and including 2^64-1).
std::pair<std::uint64_t, std::optional<std::uint64_t>> segmentHashRange(int segment, int totalSegments);

}  // namespace dynadesk::ops
