#include "ops/item_key.h"

#include "dynadesk/limits.h"
#include "storage/item_codec.h"
#include "storage/key_codec.h"

namespace dynadesk::ops {

namespace {

Status invalid(std::string m) { return Status::validation("One or more parameter values were invalid: " + m); }

Status checkKeyValue(const KeyAttribute& attr, const AttributeValue& v, bool isPartition, bool fromKeyParam) {
  if ((v.is(AttrType::S) && v.asString().empty()) || (v.is(AttrType::B) && v.asBinary().empty())) {
    const char* what = v.is(AttrType::S) ? "string" : "binary";
    if (fromKeyParam) {
      return invalid(std::string("The AttributeValue for a key attribute cannot contain an empty ") + what +
                     " value. Key: " + attr.name);
    }
    return Status::validation(std::string("One or more parameter values are not valid. The AttributeValue for a key "
                                          "attribute cannot contain an empty ") +
                              what + " value. Key: " + attr.name);
  }
  std::size_t bytes = v.is(AttrType::S) ? v.asString().size() : v.is(AttrType::B) ? v.asBinary().size() : 0;
  if (isPartition && bytes > limits::kMaxPartitionKeyBytes) {
    // DynamoDB's message really lacks the space before 2048.
    return invalid("Size of hashkey has exceeded the maximum size limit of2048 bytes");
  }
  if (!isPartition && bytes > limits::kMaxSortKeyBytes) {
    return invalid("Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
  }
  return Status::ok();
}

ItemKey makeKey(const TableDef& table, const AttributeValue& pk, const AttributeValue* sk) {
  return ItemKey{storage::itemKey(table.id, pk, sk)};
}

}  // namespace

Result<ItemKey> keyOfItem(const TableDef& table, const Item& item) {
  const AttributeValue* parts[2] = {nullptr, nullptr};
  const KeyAttribute* attrs[2] = {&table.key.partition, table.key.sort ? &*table.key.sort : nullptr};
  for (int i = 0; i < 2; ++i) {
    if (!attrs[i]) continue;
    auto it = item.find(attrs[i]->name);
    if (it == item.end()) return invalid("Missing the key " + attrs[i]->name + " in the item");
    if (it->second.type() != attrs[i]->type) {
      return invalid("Type mismatch for key " + attrs[i]->name + " expected: " +
                     std::string(attrTypeName(attrs[i]->type)) + " actual: " +
                     std::string(attrTypeName(it->second.type())));
    }
    DYNADESK_RETURN_IF_ERROR(checkKeyValue(*attrs[i], it->second, i == 0, false));
    parts[i] = &it->second;
  }
  return makeKey(table, *parts[0], parts[1]);
}

Result<ItemKey> keyFromKeyMap(const TableDef& table, const Item& key) {
  const std::size_t expected = table.key.sort ? 2 : 1;
  const Status mismatch = Status::validation("The provided key element does not match the schema");
  if (key.size() != expected) return mismatch;
  const AttributeValue* parts[2] = {nullptr, nullptr};
  const KeyAttribute* attrs[2] = {&table.key.partition, table.key.sort ? &*table.key.sort : nullptr};
  for (int i = 0; i < 2; ++i) {
    if (!attrs[i]) continue;
    auto it = key.find(attrs[i]->name);
    if (it == key.end() || it->second.type() != attrs[i]->type) return mismatch;
    DYNADESK_RETURN_IF_ERROR(checkKeyValue(*attrs[i], it->second, i == 0, true));
    parts[i] = &it->second;
  }
  return makeKey(table, *parts[0], parts[1]);
}

Item keyAttributesOf(const TableDef& table, const Item& item) {
  Item key;
  if (auto it = item.find(table.key.partition.name); it != item.end()) key.emplace(it->first, it->second);
  if (table.key.sort) {
    if (auto it = item.find(table.key.sort->name); it != item.end()) key.emplace(it->first, it->second);
  }
  return key;
}

std::string encodeStoredItem(const Item& item, std::uint32_t itemSize) {
  std::string out;
  storage::appendBigEndian32(out, itemSize);
  storage::encodeItem(item, out);
  return out;
}

std::uint32_t storedItemSize(std::string_view stored) {
  return stored.size() < 4 ? 0 : storage::readBigEndian32(stored);
}

Result<Item> decodeStoredItem(std::string_view stored) {
  if (stored.size() < 4) return Status::internal("corrupt item");
  return storage::decodeItem(stored.substr(4));
}

}  // namespace dynadesk::ops
