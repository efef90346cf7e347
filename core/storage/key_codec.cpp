#include "storage/key_codec.h"

#include <cassert>

namespace dynadesk::storage {

namespace {
constexpr std::uint64_t kFnvOffset = 1469598103934665603ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

std::uint64_t fnv1a(std::uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

// FNV-1a alone spreads sequential keys poorly in its high bits, and segments
// are ranges of the high bits; the splitmix64 finaliser fixes that.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

void appendEscapedBytes(std::string& out, std::string_view bytes) {
  for (char c : bytes) {
    out += c;
    if (c == '\0') out += '\xFF';
  }
}

void appendEscaped(std::string& out, std::string_view bytes) {
  appendEscapedBytes(out, bytes);
  out += '\0';
  out += '\x01';
}
}  // namespace

std::uint64_t partitionHash(const AttributeValue& pk) {
  const char tag = static_cast<char>(pk.type());
  const std::uint64_t seeded = fnv1a(kFnvOffset, std::string_view(&tag, 1));
  switch (pk.type()) {
    case AttrType::S: return mix(fnv1a(seeded, pk.asString()));
    case AttrType::B: return mix(fnv1a(seeded, pk.asBinary()));
    case AttrType::N: {
      std::string bytes;
      pk.asNumber().appendOrderedKey(bytes);
      return mix(fnv1a(seeded, bytes));
    }
    default: assert(false && "partition keys are S, N or B"); return 0;
  }
}

void appendKeyComponent(std::string& out, const AttributeValue& value, bool last) {
  switch (value.type()) {
    case AttrType::S:
      if (last) out += value.asString(); else appendEscaped(out, value.asString());
      break;
    case AttrType::B:
      if (last) out += value.asBinary(); else appendEscaped(out, value.asBinary());
      break;
    case AttrType::N: value.asNumber().appendOrderedKey(out); break;
    default: assert(false && "key attributes are S, N or B");
  }
}

void appendBigEndian32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

void appendBigEndian64(std::string& out, std::uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

std::uint32_t readBigEndian32(std::string_view b) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(b[i]);
  return v;
}

std::uint64_t readBigEndian64(std::string_view b) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(b[i]);
  return v;
}

std::string catalogKey(std::string_view tableName) {
  std::string k(1, static_cast<char>(KeySpace::Catalog));
  k += tableName;
  return k;
}

std::string nextTableIdKey() {
  std::string k(1, static_cast<char>(KeySpace::Meta));
  k += "next_table_id";
  return k;
}

std::string tableStatsKey(std::uint32_t tableId) {
  std::string k(1, static_cast<char>(KeySpace::TableStats));
  appendBigEndian32(k, tableId);
  return k;
}

std::string tableItemsPrefix(std::uint32_t tableId) {
  std::string k(1, static_cast<char>(KeySpace::Items));
  appendBigEndian32(k, tableId);
  return k;
}

std::string tableHashSeekKey(std::uint32_t tableId, std::uint64_t hash) {
  std::string k = tableItemsPrefix(tableId);
  appendBigEndian64(k, hash);
  return k;
}

std::string partitionPrefix(std::uint32_t tableId, const AttributeValue& pk) {
  std::string k = tableHashSeekKey(tableId, partitionHash(pk));
  appendKeyComponent(k, pk, /*last=*/false);
  return k;
}

std::string itemKey(std::uint32_t tableId, const AttributeValue& pk, const AttributeValue* sk) {
  // Built in one buffer: this runs on every item read and write.
  std::string k;
  k.reserve(64);
  k += static_cast<char>(KeySpace::Items);
  appendBigEndian32(k, tableId);
  appendBigEndian64(k, partitionHash(pk));
  appendKeyComponent(k, pk, /*last=*/false);
  if (sk) appendKeyComponent(k, *sk, /*last=*/true);
  return k;
}

std::uint64_t hashOfItemKey(std::string_view key) { return readBigEndian64(key.substr(5, 8)); }

void appendEscapedPrefix(std::string& out, const AttributeValue& value) {
  appendEscapedBytes(out, value.is(AttrType::S) ? std::string_view(value.asString()) : std::string_view(value.asBinary()));
}

std::string prefixSuccessor(std::string key) {
  while (!key.empty() && static_cast<unsigned char>(key.back()) == 0xFF) key.pop_back();
  if (!key.empty()) key.back() = static_cast<char>(static_cast<unsigned char>(key.back()) + 1);
  return key;
}

std::string tableIndexesPrefix(std::uint32_t tableId) {
  std::string k(1, static_cast<char>(KeySpace::IndexEntries));
  appendBigEndian32(k, tableId);
  return k;
}

std::string indexEntriesPrefix(std::uint32_t tableId, std::uint32_t indexId) {
  std::string k = tableIndexesPrefix(tableId);
  appendBigEndian32(k, indexId);
  return k;
}

std::string indexHashSeekKey(std::uint32_t tableId, std::uint32_t indexId, std::uint64_t hash) {
  std::string k = indexEntriesPrefix(tableId, indexId);
  appendBigEndian64(k, hash);
  return k;
}

std::string indexPartitionPrefix(std::uint32_t tableId, std::uint32_t indexId, const AttributeValue& pk) {
  std::string k = indexHashSeekKey(tableId, indexId, partitionHash(pk));
  appendKeyComponent(k, pk, /*last=*/false);
  return k;
}

std::string indexEntryKey(std::uint32_t tableId, std::uint32_t indexId, const AttributeValue& indexPk,
                          const AttributeValue* indexSk, const AttributeValue& tablePk, const AttributeValue* tableSk) {
  std::string k = indexPartitionPrefix(tableId, indexId, indexPk);
  if (indexSk) appendKeyComponent(k, *indexSk, /*last=*/false);
  appendKeyComponent(k, tablePk, /*last=*/false);
  if (tableSk) appendKeyComponent(k, *tableSk, /*last=*/true);
  return k;
}

std::uint64_t hashOfIndexEntryKey(std::string_view key) { return readBigEndian64(key.substr(9, 8)); }

std::string indexStatsKey(std::uint32_t tableId, std::uint32_t indexId) {
  std::string k(1, static_cast<char>(KeySpace::IndexStats));
  appendBigEndian32(k, tableId);
  appendBigEndian32(k, indexId);
  return k;
}

std::string tableItemCollectionsPrefix(std::uint32_t tableId) {
  std::string k(1, static_cast<char>(KeySpace::ItemCollections));
  appendBigEndian32(k, tableId);
  return k;
}

std::string itemCollectionKey(std::uint32_t tableId, const AttributeValue& pk) {
  std::string k = tableItemCollectionsPrefix(tableId);
  appendBigEndian64(k, partitionHash(pk));
  appendKeyComponent(k, pk, /*last=*/true);
  return k;
}

std::string transactionTokenKey(std::string_view token) {
  std::string k(1, static_cast<char>(KeySpace::TransactionTokens));
  k += token;
  return k;
}

std::string tableStreamRecordsPrefix(std::uint32_t tableId) {
  std::string k(1, static_cast<char>(KeySpace::StreamRecords));
  appendBigEndian32(k, tableId);
  return k;
}

std::string streamRecordsPrefix(std::uint32_t tableId, std::int64_t created) {
  std::string k = tableStreamRecordsPrefix(tableId);
  appendBigEndian64(k, static_cast<std::uint64_t>(created));
  return k;
}

std::string streamRecordKey(std::uint32_t tableId, std::int64_t created, std::uint64_t sequence) {
  std::string k = streamRecordsPrefix(tableId, created);
  appendBigEndian64(k, sequence);
  return k;
}

std::string tableStreamCountersPrefix(std::uint32_t tableId) {
  std::string k(1, static_cast<char>(KeySpace::StreamCounters));
  appendBigEndian32(k, tableId);
  return k;
}

std::string streamCounterKey(std::uint32_t tableId, std::int64_t created) {
  std::string k = tableStreamCountersPrefix(tableId);
  appendBigEndian64(k, static_cast<std::uint64_t>(created));
  return k;
}

std::string ttlDeletionsKey(std::uint32_t tableId) {
  std::string k(1, static_cast<char>(KeySpace::TtlDeletions));
  appendBigEndian32(k, tableId);
  return k;
}

std::string tokenExpiriesPrefix() { return std::string(1, static_cast<char>(KeySpace::TokenExpiries)); }

std::string tokenExpiryKey(std::uint64_t expiryMillis, std::string_view token) {
  std::string k = tokenExpiriesPrefix();
  appendBigEndian64(k, expiryMillis);
  k += token;
  return k;
}

std::string tableIndexStatsPrefix(std::uint32_t tableId) {
  std::string k(1, static_cast<char>(KeySpace::IndexStats));
  appendBigEndian32(k, tableId);
  return k;
}

}  // namespace dynadesk::storage
