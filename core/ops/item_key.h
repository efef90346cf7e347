// Extracting and validating an item's primary key against a table's key
// schema, with DynamoDB's messages; and the stored form of an item.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "model/table_def.h"
#include "storage/key_codec.h"

namespace dynadesk::ops {

struct ItemKey {
  std::string storageKey;  // storage::itemKey of the item's key attributes
  // The partition hash inside it (after the key space byte and the table id),
  // which also places the key in a throughput partition.
  std::uint64_t partitionHash() const { return storage::readBigEndian64(std::string_view(storageKey).substr(5, 8)); }
};

// The key of a full item (PutItem, BatchWriteItem PutRequest): "Missing the key
// X in the item", "Type mismatch for key ...", empty S/B keys, key sizes.
Result<ItemKey> keyOfItem(const TableDef& table, const Item& item);

// A Key parameter (GetItem, DeleteItem, ...): exactly the key attributes, or
// "The provided key element does not match the schema".
Result<ItemKey> keyFromKeyMap(const TableDef& table, const Item& key);

// The key attributes of an item, as a Key map (LastEvaluatedKey and friends).
Item keyAttributesOf(const TableDef& table, const Item& item);

// Stored value of an item: 4-byte big-endian DynamoDB item size, then the
// encoded item (storage/item_codec.h). The size lets table statistics be kept
// without decoding the old item on overwrite.
std::string encodeStoredItem(const Item& item, std::uint32_t itemSize);
std::uint32_t storedItemSize(std::string_view stored);
Result<Item> decodeStoredItem(std::string_view stored);

}  // namespace dynadesk::ops
