#include "ops/streams.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <ctime>

#include "dynadesk/base64.h"
#include "dynadesk/item_size.h"
#include "ops/item_key.h"
#include "storage/item_codec.h"
#include "storage/key_codec.h"

namespace dynadesk::ops {

namespace {

constexpr std::uint64_t kTrimEvery = 64;  // every 64th record trims up to 64 expired ones

enum EventCode : std::uint8_t { kInsert = 1, kModify = 2, kRemove = 3, kByTimeToLive = 0x80 };

void appendU32(std::string& out, std::uint32_t v) { storage::appendBigEndian32(out, v); }

void appendImage(std::string& out, const Item* item) {
  if (!item) {
    out += '\0';
    return;
  }
  out += '\1';
  const std::string bytes = storage::encodeItem(*item);
  appendU32(out, static_cast<std::uint32_t>(bytes.size()));
  out += bytes;
}

Result<std::optional<Item>> readImage(std::string_view& in) {
  if (in.empty()) return Status::internal("corrupt stream record");
  const bool present = in[0] != '\0';
  in.remove_prefix(1);
  if (!present) return std::optional<Item>();
  if (in.size() < 4) return Status::internal("corrupt stream record");
  const std::uint32_t len = storage::readBigEndian32(in);
  in.remove_prefix(4);
  if (in.size() < len) return Status::internal("corrupt stream record");
  DYNADESK_ASSIGN_OR_RETURN(Item item, storage::decodeItem(in.substr(0, len)));
  in.remove_prefix(len);
  return std::optional<Item>(std::move(item));
}

Result<StreamRecord> decodeRecord(std::string_view key, std::string_view value) {
  StreamRecord r;
  r.sequence = storage::readBigEndian64(key.substr(key.size() - 8));
  if (value.size() < 13) return Status::internal("corrupt stream record");
  const auto raw = static_cast<std::uint8_t>(value[0]);
  r.byTimeToLive = (raw & kByTimeToLive) != 0;
  const auto code = static_cast<std::uint8_t>(raw & ~kByTimeToLive);
  r.eventName = code == kInsert ? "INSERT" : code == kModify ? "MODIFY" : "REMOVE";
  r.createdMillis = static_cast<std::int64_t>(storage::readBigEndian64(value.substr(1, 8)));
  r.sizeBytes = storage::readBigEndian32(value.substr(9, 4));
  std::string_view rest = value.substr(13);
  DYNADESK_ASSIGN_OR_RETURN(auto keys, readImage(rest));
  DYNADESK_ASSIGN_OR_RETURN(r.newImage, readImage(rest));
  DYNADESK_ASSIGN_OR_RETURN(r.oldImage, readImage(rest));
  r.keys = keys.value_or(Item{});
  return r;
}

// Iterator text: base64 of "table|tableId|streamCreated|nextSequence|issuedMillis".
std::string encodeIterator(const StreamInfo& s, std::uint64_t next, std::int64_t issued) {
  const std::string raw = s.tableName + "|" + std::to_string(s.tableId) + "|" + std::to_string(s.createdMillis) + "|" +
                          std::to_string(next) + "|" + std::to_string(issued);
  return base64Encode(raw);
}

Status trimmed() {
  return {ErrorType::TrimmedDataAccessException,
          "The operation attempted to read past the oldest stream record in a shard."};
}

}  // namespace

Result<DecodedIterator> decodeIterator(const std::string& text) {
  const Status bad = Status::validation("Invalid ShardIterator");
  auto raw = base64Decode(text);
  if (!raw) return bad;
  std::vector<std::string> parts;
  std::string cur;
  for (char c : *raw) {
    if (c == '|') {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  if (parts.size() != 5) return bad;
  try {
    return DecodedIterator{parts[0], static_cast<std::uint32_t>(std::stoul(parts[1])), std::stoll(parts[2]),
                           std::stoull(parts[3]), std::stoll(parts[4])};
  } catch (...) {
    return bad;
  }
}

std::string streamLabel(std::int64_t millis) {
  std::time_t secs = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis % 1000));
  return buf;
}

std::string streamArn(const Database& db, const std::string& tableName, std::int64_t created) {
  return db.tableArn(tableName) + "/stream/" + streamLabel(created);
}

std::string shardIdOf(const StreamInfo& s) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "shardId-%020lld-%08x", static_cast<long long>(s.createdMillis), s.tableId);
  return buf;
}

std::string sequenceNumberText(std::uint64_t sequence) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%021llu", static_cast<unsigned long long>(sequence));
  return buf;
}

Status appendStreamRecord(Database& db, storage::WriteTxn& txn, const TableDef& live, const Item* oldItem,
                          const Item* newItem, bool byTimeToLive) {
  if (!live.streamEnabled || (!oldItem && !newItem)) return Status::ok();
  if (oldItem && newItem && *oldItem == *newItem) return Status::ok();  // nothing changed: no record
  const std::string& view = live.streamViewType;
  const Item keys = keyAttributesOf(live, newItem ? *newItem : *oldItem);
  const Item* newImage = (view == "NEW_IMAGE" || view == "NEW_AND_OLD_IMAGES") ? newItem : nullptr;
  const Item* oldImage = (view == "OLD_IMAGE" || view == "NEW_AND_OLD_IMAGES") ? oldItem : nullptr;
  std::size_t size = itemSize(keys);
  if (newImage) size += itemSize(*newImage);
  if (oldImage) size += itemSize(*oldImage);

  const std::int64_t now = db.clock().nowMillis();
  const std::string counterKey = storage::streamCounterKey(live.id, live.streamCreatedMillis);
  DYNADESK_ASSIGN_OR_RETURN(auto counter, txn.get(counterKey));
  const std::uint64_t sequence = counter && counter->size() == 8 ? storage::readBigEndian64(*counter) : 1;
  std::string next;
  storage::appendBigEndian64(next, sequence + 1);
  DYNADESK_RETURN_IF_ERROR(txn.put(counterKey, next));

  // The event code's high bit marks a deletion by Time to Live.
  const auto code = static_cast<std::uint8_t>((!oldItem ? kInsert : !newItem ? kRemove : kModify) |
                                              (byTimeToLive ? kByTimeToLive : 0));
  std::string value(1, static_cast<char>(code));
  storage::appendBigEndian64(value, static_cast<std::uint64_t>(now));
  appendU32(value, static_cast<std::uint32_t>(size));
  appendImage(value, &keys);
  appendImage(value, newImage);
  appendImage(value, oldImage);
  DYNADESK_RETURN_IF_ERROR(txn.put(storage::streamRecordKey(live.id, live.streamCreatedMillis, sequence), value));

  if (sequence % kTrimEvery == 0) {
    // Trim records past the 24-hour retention, oldest first.
    const std::string prefix = storage::streamRecordsPrefix(live.id, live.streamCreatedMillis);
    auto cursor = txn.cursor();
    DYNADESK_RETURN_IF_ERROR(cursor.seek(prefix));
    std::vector<std::string> expired;
    while (cursor.valid() && cursor.key().starts_with(prefix) && expired.size() < kTrimEvery) {
      const std::string_view v = cursor.value();
      if (v.size() < 9 || static_cast<std::int64_t>(storage::readBigEndian64(v.substr(1, 8))) + kStreamRetentionMillis > now) break;
      expired.emplace_back(cursor.key());
      DYNADESK_RETURN_IF_ERROR(cursor.next());
    }
    for (const auto& k : expired) DYNADESK_RETURN_IF_ERROR(txn.erase(k).status());
  }
  return Status::ok();
}

Status eraseStreamData(storage::WriteTxn& txn, std::uint32_t tableId, std::optional<std::int64_t> created) {
  if (created) {
    DYNADESK_RETURN_IF_ERROR(txn.erasePrefix(storage::streamRecordsPrefix(tableId, *created)).status());
    return txn.erase(storage::streamCounterKey(tableId, *created)).status();
  }
  DYNADESK_RETURN_IF_ERROR(txn.erasePrefix(storage::tableStreamRecordsPrefix(tableId)).status());
  return txn.erasePrefix(storage::tableStreamCountersPrefix(tableId)).status();
}

std::vector<StreamInfo> listStreams(Database& db, const std::optional<std::string>& tableName) {
  std::vector<StreamInfo> out;
  const std::int64_t now = db.clock().nowMillis();
  for (const auto& name : db.tableNames()) {
    if (tableName && name != *tableName) continue;
    auto def = db.findTable(name);
    if (!def) continue;
    std::vector<StreamInfo> mine;
    for (const auto& c : def->closedStreams) {
      if (c.closedMillis + kStreamRetentionMillis <= now) continue;
      mine.push_back({name, def->id, def->key, c.createdMillis, c.closedMillis, c.viewType});
    }
    if (def->streamEnabled) mine.push_back({name, def->id, def->key, def->streamCreatedMillis, 0, def->streamViewType});
    std::sort(mine.begin(), mine.end(), [](const auto& a, const auto& b) { return a.createdMillis < b.createdMillis; });
    out.insert(out.end(), mine.begin(), mine.end());
  }
  return out;
}

Result<StreamInfo> findStream(Database& db, const std::string& arn) {
  const auto slash = arn.find("/stream/");
  const auto tablePos = arn.find(":table/");
  if (slash != std::string::npos && tablePos != std::string::npos && tablePos < slash) {
    const std::string table = arn.substr(tablePos + 7, slash - tablePos - 7);
    for (auto& s : listStreams(db, table)) {
      if (streamArn(db, s.tableName, s.createdMillis) == arn) return s;
    }
  }
  return Status(ErrorType::ResourceNotFoundException, "Requested resource not found: Stream: " + arn + " not found");
}

Result<ShardRange> shardRange(Database& db, const StreamInfo& s) {
  DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());
  ShardRange range;
  DYNADESK_ASSIGN_OR_RETURN(auto counter, txn.get(storage::streamCounterKey(s.tableId, s.createdMillis)));
  range.next = counter && counter->size() == 8 ? storage::readBigEndian64(*counter) : 1;
  const std::string prefix = storage::streamRecordsPrefix(s.tableId, s.createdMillis);
  auto cursor = txn.cursor();
  DYNADESK_RETURN_IF_ERROR(cursor.seek(prefix));
  const std::int64_t now = db.clock().nowMillis();
  while (cursor.valid() && cursor.key().starts_with(prefix)) {
    const std::string_view v = cursor.value();
    if (v.size() >= 9 && static_cast<std::int64_t>(storage::readBigEndian64(v.substr(1, 8))) + kStreamRetentionMillis > now) {
      range.first = storage::readBigEndian64(cursor.key().substr(cursor.key().size() - 8));
      break;
    }
    DYNADESK_RETURN_IF_ERROR(cursor.next());
  }
  return range;
}

Result<std::string> getShardIterator(Database& db, const StreamInfo& s, const std::string& type,
                                     const std::optional<std::string>& sequenceNumber) {
  DYNADESK_ASSIGN_OR_RETURN(ShardRange range, shardRange(db, s));
  std::uint64_t position = range.next;
  if (type == "TRIM_HORIZON") {
    position = range.first.value_or(range.next);
  } else if (type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER") {
    if (!sequenceNumber) {
      return Status::validation("Must specify a sequence number for iterator type " + type);
    }
    std::uint64_t seq = 0;
    try {
      std::size_t used = 0;
      seq = std::stoull(*sequenceNumber, &used);
      if (used != sequenceNumber->size()) throw std::invalid_argument("sequence");
    } catch (...) {
      return Status::validation("Invalid SequenceNumber: " + *sequenceNumber);
    }
    if (seq == 0 || seq >= range.next) {
      return Status::validation("Invalid SequenceNumber: " + *sequenceNumber + " is not a record of this shard");
    }
    if (!range.first || seq < *range.first) return trimmed();
    position = type == "AT_SEQUENCE_NUMBER" ? seq : seq + 1;
  } else if (type != "LATEST") {
    return Status::validation("Invalid ShardIteratorType: " + type);
  }
  return encodeIterator(s, position, db.clock().nowMillis());
}

Result<RecordsPage> getRecords(Database& db, const std::string& iteratorText, int limit) {
  DYNADESK_ASSIGN_OR_RETURN(DecodedIterator it, decodeIterator(iteratorText));
  const std::int64_t now = db.clock().nowMillis();
  if (it.issued + kShardIteratorLifetimeMillis <= now) {
    return Status(ErrorType::ExpiredIteratorException, "Iterator expired: the shard iterator is older than 15 minutes");
  }
  auto def = db.findTable(it.tableName);
  std::optional<StreamInfo> stream;
  if (def && def->id == it.tableId) {
    for (auto& s : listStreams(db, it.tableName)) {
      if (s.createdMillis == it.created) stream = s;
    }
  }
  if (!stream) {
    return Status(ErrorType::ResourceNotFoundException, "Requested resource not found: the stream of this iterator "
                                                        "no longer exists");
  }
  DYNADESK_ASSIGN_OR_RETURN(ShardRange range, shardRange(db, *stream));
  if (range.first ? it.next < *range.first : it.next < range.next) return trimmed();

  RecordsPage page;
  page.viewType = stream->viewType;
  std::uint64_t position = it.next;
  {
    DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());
    const std::string prefix = storage::streamRecordsPrefix(stream->tableId, stream->createdMillis);
    auto cursor = txn.cursor();
    DYNADESK_RETURN_IF_ERROR(cursor.seek(storage::streamRecordKey(stream->tableId, stream->createdMillis, it.next)));
    std::size_t bytes = 0;
    while (cursor.valid() && cursor.key().starts_with(prefix) && static_cast<int>(page.records.size()) < limit &&
           bytes < 1024 * 1024) {
      DYNADESK_ASSIGN_OR_RETURN(StreamRecord r, decodeRecord(cursor.key(), cursor.value()));
      bytes += r.sizeBytes;
      position = r.sequence + 1;
      page.records.push_back(std::move(r));
      DYNADESK_RETURN_IF_ERROR(cursor.next());
    }
  }
  // A closed shard read to its end has no next iterator.
  const bool closedAndDone = stream->closedMillis != 0 && position >= range.next;
  if (!closedAndDone) page.nextShardIterator = encodeIterator(*stream, position, now);
  return page;
}

}  // namespace dynadesk::ops
