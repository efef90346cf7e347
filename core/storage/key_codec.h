// Logical keys of the engine's ordered keyspace (see FORMAT.md, "Logical key
// space"). Every key starts with a one-byte space tag; item keys then carry the
// table id, the partition hash, the partition key and the sort key, encoded so
// that bytewise order is DynamoDB's order:
//   - partitions are ordered by a stable 64-bit hash of the partition key (Scan
//     order; parallel-scan segments are hash ranges), then by the key itself;
//   - within a partition, items are in sort-key order: S and B by unsigned
//     bytes, N numerically.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "dynadesk/attribute_value.h"

namespace dynadesk::storage {

enum class KeySpace : std::uint8_t {
  Meta = 0x00,        // 0x00 | name                             -> engine counters
  Catalog = 0x01,     // 0x01 | table name                       -> catalog entry
  Items = 0x02,       // 0x02 | table id | hash | pk | sk        -> encoded item
  TableStats = 0x04,  // 0x04 | table id                         -> item count, bytes
};

// The stable partition hash stored in item keys. Part of the on-disk format:
// never change it without a format version bump.
std::uint64_t partitionHash(const AttributeValue& partitionKey);

// Appends one key value (S, N or B). When `last` is false the value is made
// self-delimiting (S/B are escaped and terminated; N is self-delimiting).
void appendKeyComponent(std::string& out, const AttributeValue& value, bool last);

void appendBigEndian32(std::string& out, std::uint32_t v);
void appendBigEndian64(std::string& out, std::uint64_t v);
std::uint32_t readBigEndian32(std::string_view bytes);
std::uint64_t readBigEndian64(std::string_view bytes);

std::string catalogKey(std::string_view tableName);
// Holds the next internal table id (4-byte big-endian).
std::string nextTableIdKey();
std::string tableStatsKey(std::uint32_t tableId);
// Prefix of every item of a table.
std::string tableItemsPrefix(std::uint32_t tableId);
// First possible key of the table's items whose partition hash is >= hash.
std::string tableHashSeekKey(std::uint32_t tableId, std::uint64_t hash);
// Prefix of every item of one partition.
std::string partitionPrefix(std::uint32_t tableId, const AttributeValue& partitionKey);
// The key of one item. sortKey is null for tables without a sort key.
std::string itemKey(std::uint32_t tableId, const AttributeValue& partitionKey, const AttributeValue* sortKey);
// The partition hash carried by an item key (precondition: an item key).
std::uint64_t hashOfItemKey(std::string_view key);

}  // namespace dynadesk::storage
