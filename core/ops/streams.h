// DynamoDB Streams: the records a table's writes leave, and reading them.
//
// A table has at most one open stream (StreamSpecification); its creation
// time is its identity (label, ARN, record keys). Disabling closes it; a
// closed stream stays readable for 24 hours. Each stream has one shard.
//
// Records are written by the write itself, in its transaction, in commit
// order, with increasing sequence numbers: INSERT, MODIFY or REMOVE, with the
// keys and the images the view type asks for; a write that changes nothing
// writes none. Records older than 24 hours (engine clock) are trimmed: reading
// them is TrimmedDataAccessException. Shard iterators expire after 15 minutes
// (ExpiredIteratorException).
//
// Thread-safety: safe to call concurrently; the write side is a function of
// one write transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "model/table_def.h"
#include "ops/database.h"
#include "storage/ordered_keyspace.h"

namespace dynadesk::ops {

inline constexpr std::int64_t kStreamRetentionMillis = 24LL * 60 * 60 * 1000;
inline constexpr std::int64_t kShardIteratorLifetimeMillis = 15LL * 60 * 1000;

// Inside a write, after checks: the record of one item going from oldItem to
// newItem (null: absent), when `live` has an open stream and something changed.
// byTimeToLive: a deletion by Time to Live, whose record carries DynamoDB's
// userIdentity {"type": "Service", "principalId": "dynamodb.amazonaws.com"}.
Status appendStreamRecord(Database& db, storage::WriteTxn& txn, const TableDef& live, const Item* oldItem,
                          const Item* newItem, bool byTimeToLive = false);

// Erases every stream record and counter of a table (DeleteTable), or of one
// stream (a closed stream forgotten after 24 hours).
Status eraseStreamData(storage::WriteTxn& txn, std::uint32_t tableId, std::optional<std::int64_t> streamCreated);

struct StreamInfo {
  std::string tableName;
  std::uint32_t tableId = 0;
  KeySchema key;
  std::int64_t createdMillis = 0;
  std::int64_t closedMillis = 0;  // 0: open
  std::string viewType;
};

std::string streamLabel(std::int64_t createdMillis);  // ISO 8601 with milliseconds, UTC
std::string streamArn(const Database& db, const std::string& tableName, std::int64_t createdMillis);
std::string shardIdOf(const StreamInfo& stream);
std::string sequenceNumberText(std::uint64_t sequence);

// Streams in table name order, then by creation; optionally of one table.
std::vector<StreamInfo> listStreams(Database& db, const std::optional<std::string>& tableName);
// ResourceNotFoundException "Requested resource not found: Stream: <arn> not found".
Result<StreamInfo> findStream(Database& db, const std::string& arn);

struct ShardRange {
  std::optional<std::uint64_t> first;  // the oldest record kept, if any
  std::uint64_t next = 1;              // the sequence number the next record gets
};
Result<ShardRange> shardRange(Database& db, const StreamInfo& stream);

// type: TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER.
Result<std::string> getShardIterator(Database& db, const StreamInfo& stream, const std::string& type,
                                     const std::optional<std::string>& sequenceNumber);

struct StreamRecord {
  std::string eventName;  // INSERT, MODIFY, REMOVE
  std::uint64_t sequence = 0;
  std::int64_t createdMillis = 0;
  std::uint32_t sizeBytes = 0;
  bool byTimeToLive = false;
  Item keys;
  std::optional<Item> newImage;
  std::optional<Item> oldImage;
};

struct RecordsPage {
  std::string viewType;
  std::vector<StreamRecord> records;
  std::optional<std::string> nextShardIterator;  // absent once a closed shard is read to its end
};

// What a shard iterator names (its text is base64 of
// "table|tableId|streamCreated|nextSequence|issuedMillis"); a ValidationException
// "Invalid ShardIterator" for text that is not one. Also read by the engine's
// metrics (ReturnedBytes has a StreamLabel dimension).
struct DecodedIterator {
  std::string tableName;
  std::uint32_t tableId = 0;
  std::int64_t created = 0;  // the stream's creation, millis: its label
  std::uint64_t next = 0;
  std::int64_t issued = 0;
};
Result<DecodedIterator> decodeIterator(const std::string& text);

// Up to `limit` (1-1000) records from an iterator.
Result<RecordsPage> getRecords(Database& db, const std::string& shardIterator, int limit);

}  // namespace dynadesk::ops
