#include "ops/throughput.h"

#include "dynadesk/base64.h"
#include "ops/database.h"

namespace dynadesk::ops {

std::string_view tableThroughputExceededMessage() {
  return "The level of configured provisioned throughput for the table was exceeded. Consider increasing your "
         "provisioning level with the UpdateTable API";
}

Status throughputExceeded(const capacity::Throttle& throttle) {
  if (!throttle.index.empty()) {
    return Status(ErrorType::ProvisionedThroughputExceededException,
                  "The level of configured provisioned throughput for one or more global secondary indexes of the "
                  "table was exceeded. Consider increasing your provisioning level for the under-provisioned global "
                  "secondary indexes with the UpdateTable API");
  }
  return Status(ErrorType::ProvisionedThroughputExceededException, std::string(tableThroughputExceededMessage()));
}

KeyRef keyRefOf(const TableDef& table, const Item& keyOrItem, std::uint64_t hash) {
  KeyRef ref;
  ref.hash = hash;
  if (auto it = keyOrItem.find(table.key.partition.name); it != keyOrItem.end()) ref.partition = &it->second;
  if (table.key.sort) {
    if (auto it = keyOrItem.find(table.key.sort->name); it != keyOrItem.end()) ref.sort = &it->second;
  }
  return ref;
}

std::string renderKeyValue(const AttributeValue& value) {
  switch (value.type()) {
    case AttrType::S: return value.asString();
    case AttrType::N: return value.asNumber().toString();
    case AttrType::B: return base64Encode(value.asBinary());
    default: return {};  // never a key
  }
}

namespace {

// What the key's item consumed where its key lives: a global index read on
// that index; otherwise the table with its local indexes (which share its
// capacity), as the table's CloudWatch metrics count it.
capacity::Units unitsAt(const KeyRef& key, const capacity::Consumption& consumed) {
  capacity::Units units;
  if (key.index) {
    for (const auto& i : consumed.indexes) {
      if (i.global && i.name == key.index->name) units += i.units;
    }
    return units;
  }
  units = consumed.table;
  for (const auto& i : consumed.indexes) {
    if (!i.global) units += i.units;
  }
  return units;
}

void reportKey(UsageListener& listener, const TableDef& table, const KeyRef& key, const capacity::Units& units,
               bool throttled) {
  if (!key.partition) return;
  const std::string partition = renderKeyValue(*key.partition);
  std::string sort;
  KeyAccess access;
  access.index = key.index;
  access.partitionKey = partition;
  if (key.sort) {
    sort = renderKeyValue(*key.sort);
    access.sortKey = sort;
  }
  access.partitionHash = key.hash;
  access.units = units;
  access.throttled = throttled;
  listener.keyAccessed(table, access);
}

Status refuse(Database& db, const TableDef& table, const capacity::Throttle& throttle, const KeyRef* key) {
  if (UsageListener* listener = db.usageListener()) {
    listener->throttled(table, throttle);
    if (key) reportKey(*listener, table, *key, {}, true);
  }
  return throughputExceeded(throttle);
}

}  // namespace

Status admitRead(Database& db, const TableDef& table, const IndexDef* index,
                 std::optional<std::uint64_t> partitionHash, const KeyRef* key) {
  if (auto throttle = db.throughput().admitRead(table, index, partitionHash)) {
    return refuse(db, table, *throttle, key);
  }
  return Status::ok();
}

Status admitWrite(Database& db, const TableDef& table, std::optional<std::uint64_t> partitionHash,
                  const KeyRef* key) {
  if (auto throttle = db.throughput().admitWrite(table, partitionHash)) return refuse(db, table, *throttle, key);
  return Status::ok();
}

void charge(Database& db, const TableDef& table, const capacity::Consumption& consumed,
            std::optional<std::uint64_t> partitionHash, const KeyRef* key) {
  chargeBuckets(db, table, consumed, partitionHash, key);
  reportConsumed(db, table, consumed);
}

void chargeBuckets(Database& db, const TableDef& table, const capacity::Consumption& consumed,
                   std::optional<std::uint64_t> partitionHash, const KeyRef* key) {
  db.throughput().charge(table, consumed, partitionHash);
  if (!key) return;
  if (UsageListener* listener = db.usageListener()) reportKey(*listener, table, *key, unitsAt(*key, consumed), false);
}

void reportConsumed(Database& db, const TableDef& table, const capacity::Consumption& consumed) {
  if (UsageListener* listener = db.usageListener()) listener->consumed(table, consumed);
}

Status batchThroughputExceeded() {
  return Status(ErrorType::ProvisionedThroughputExceededException,
                "The level of configured provisioned throughput for one or more tables was exceeded. Consider "
                "increasing your provisioning level with the UpdateTable API");
}

}  // namespace dynadesk::ops
