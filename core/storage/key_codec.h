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
  IndexEntries = 0x03,  // 0x03 | table id | index id | hash | index pk | index sk | table pk | table sk
                        //                                      -> the projected item
  TableStats = 0x04,  // 0x04 | table id                         -> item count, bytes
  IndexStats = 0x05,  // 0x05 | table id | index id              -> item count, bytes
  ItemCollections = 0x06,  // 0x06 | table id | hash | pk          -> collection bytes (tables with LSIs)
  TransactionTokens = 0x07,  // 0x07 | ClientRequestToken          -> request digest u64, expiry millis u64
  TokenExpiries = 0x08,      // 0x08 | expiry millis u64 | token   -> empty (to purge expired tokens)
  StreamRecords = 0x09,      // 0x09 | table id | stream created millis u64 | sequence u64 -> record
  StreamCounters = 0x0A,     // 0x0A | table id | stream created millis u64 -> next sequence u64
  TtlDeletions = 0x0B,       // 0x0B | table id                  -> items deleted by TTL u64
  MetricCatalog = 0x0C,      // 0x0C | metric id u32             -> metric name and dimensions (core/metrics)
  MetricData = 0x0D,         // 0x0D | metric id | resolution | period start -> one period's aggregate (core/metrics)
  Alarms = 0x0E,             // 0x0E | alarm name                -> alarm definition and state (core/alarms)
  AlarmHistory = 0x0F,       // 0x0F | alarm name | millis | seq -> one history item (core/alarms)
  ContributorInsights = 0x10,  // 0x10 | table id | index name  -> Contributor Insights setting (api/contributor_insights_api.cpp)
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

// S or B bytes escaped as a non-last component, without its terminator: every
// non-last component of a value starting with these bytes starts with them
// (begins_with on an index sort key).
void appendEscapedPrefix(std::string& out, const AttributeValue& value);
// The smallest key greater than every key starting with `key` (empty: none).
std::string prefixSuccessor(std::string key);

// Secondary index entries. An entry's key is the index key, then the table key
// (so entries sharing an index key stay distinct and in table-key order): the
// index partition hash (Scan order, parallel-scan segments), the index partition
// key, the index sort key (self-delimiting), the table partition key
// (self-delimiting) and the table sort key.
std::string tableIndexesPrefix(std::uint32_t tableId);
std::string indexEntriesPrefix(std::uint32_t tableId, std::uint32_t indexId);
std::string indexHashSeekKey(std::uint32_t tableId, std::uint32_t indexId, std::uint64_t hash);
std::string indexPartitionPrefix(std::uint32_t tableId, std::uint32_t indexId, const AttributeValue& indexPk);
std::string indexEntryKey(std::uint32_t tableId, std::uint32_t indexId, const AttributeValue& indexPk,
                          const AttributeValue* indexSk, const AttributeValue& tablePk, const AttributeValue* tableSk);
std::uint64_t hashOfIndexEntryKey(std::string_view key);
std::string indexStatsKey(std::uint32_t tableId, std::uint32_t indexId);
std::string tableIndexStatsPrefix(std::uint32_t tableId);
// The size record of one item collection (a partition of a table with local indexes).
std::string itemCollectionKey(std::uint32_t tableId, const AttributeValue& partitionKey);
std::string tableItemCollectionsPrefix(std::uint32_t tableId);
std::string transactionTokenKey(std::string_view token);
std::string tokenExpiryKey(std::uint64_t expiryMillis, std::string_view token);
std::string tokenExpiriesPrefix();
std::string streamRecordsPrefix(std::uint32_t tableId, std::int64_t streamCreatedMillis);
std::string streamRecordKey(std::uint32_t tableId, std::int64_t streamCreatedMillis, std::uint64_t sequence);
std::string streamCounterKey(std::uint32_t tableId, std::int64_t streamCreatedMillis);
std::string tableStreamRecordsPrefix(std::uint32_t tableId);
std::string tableStreamCountersPrefix(std::uint32_t tableId);
std::string ttlDeletionsKey(std::uint32_t tableId);

}  // namespace dynadesk::storage
