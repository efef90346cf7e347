// UpdateItem: validate, then in the write transaction read the item, check the
// condition, apply the update as a pure function of the old item, and write the
// new item with the table statistics.
#include <algorithm>

#include "dynadesk/item_size.h"
#include "dynadesk/limits.h"
#include "expr/projection.h"
#include "expr/update_apply.h"
#include "ops/change_events.h"
#include "ops/index_maintenance.h"
#include "ops/item_change.h"
#include "ops/item_key.h"
#include "ops/item_ops.h"
#include "ops/throughput.h"

namespace dynadesk::ops {

namespace {

bool isKeyAttribute(const TableDef& table, const std::string& name) {
  return name == table.key.partition.name || (table.key.sort && name == table.key.sort->name);
}

}  // namespace

Status checkUpdateAvoidsKey(const TableDef& table, const expr::Update& update) {
  for (const auto& action : update.actions) {
    const auto& elements = action.path.elements;
    if (elements.empty() || !isKeyAttribute(table, elements[0].name)) continue;
    if (elements.size() > 1) {
      return Status::validation(
          "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: " +
          elements[0].name);
    }
    return Status::validation("One or more parameter values were invalid: Cannot update attribute " +
                              elements[0].name + ". This attribute is part of the key");
  }
  return Status::ok();
}

namespace {

// Levels of M and L below a value (0 for scalars).
int containerDepth(const AttributeValue& v) {
  int deepest = 0;
  if (v.is(AttrType::M)) {
    for (const auto& [name, child] : v.asMap()) deepest = std::max(deepest, containerDepth(child));
    return deepest + 1;
  }
  if (v.is(AttrType::L)) {
    for (const auto& child : v.asList()) deepest = std::max(deepest, containerDepth(child));
    return deepest + 1;
  }
  return 0;
}

}  // namespace

Status checkUpdatedItem(const Item& item, std::uint32_t& size) {
  for (const auto& [name, value] : item) {
    if (containerDepth(value) > limits::kMaxNestingDepth) {
      return Status::validation("Nesting Levels have exceeded supported limits");
    }
  }
  const std::size_t bytes = itemSize(item);
  if (bytes > limits::kMaxItemBytes) {
    return Status::validation("Item size to update has exceeded the maximum allowed size");
  }
  size = static_cast<std::uint32_t>(bytes);
  return Status::ok();
}

Result<WriteResult> updateItem(Database& db, const UpdateItemRequest& r) {
  auto table = db.findTable(r.tableName);
  if (!table) return tableNotFound();
  DYNADESK_ASSIGN_OR_RETURN(ItemKey key, keyFromKeyMap(*table, r.key));
  if (r.update) DYNADESK_RETURN_IF_ERROR(checkUpdateAvoidsKey(*table, *r.update));
  const std::uint64_t hash = key.partitionHash();
  const KeyRef keyRef = keyRefOf(*table, r.key, hash);
  DYNADESK_RETURN_IF_ERROR(admitWrite(db, *table, hash, &keyRef));

  WriteResult result;
  Status st = db.env().write([&](storage::WriteTxn& txn) -> Status {
    result = {};
    DYNADESK_RETURN_IF_ERROR(Database::checkTableAlive(txn, *table));
    auto live = db.currentTable(*table);
    if (!live) return tableNotFound();
    DYNADESK_ASSIGN_OR_RETURN(auto stored, txn.get(key.storageKey));
    std::optional<Item> old;
    std::int64_t oldSize = 0;
    if (stored) {
      oldSize = storedItemSize(*stored);
      DYNADESK_ASSIGN_OR_RETURN(Item decoded, decodeStoredItem(*stored));
      old = std::move(decoded);
    }
    DYNADESK_RETURN_IF_ERROR(checkCondition(r.condition, old, oldSize, result.consumed));

    // A new item starts as its key.
    const Item base = old ? *old : r.key;
    expr::UpdateOutcome outcome;
    if (r.update) {
      DYNADESK_ASSIGN_OR_RETURN(outcome, expr::applyUpdate(&base, *r.update));
    } else {
      outcome.item = base;
    }
    std::uint32_t size = 0;
    DYNADESK_RETURN_IF_ERROR(checkUpdatedItem(outcome.item, size));
    DYNADESK_RETURN_IF_ERROR(checkIndexKeys(*live, outcome.item));

    switch (r.returnValues) {
      case ReturnValues::None: break;
      case ReturnValues::AllOld: result.attributes = old; break;
      case ReturnValues::AllNew: result.attributes = outcome.item; break;
      case ReturnValues::UpdatedOld:
        if (old) result.attributes = expr::project(*old, outcome.updatedPaths);
        break;
      case ReturnValues::UpdatedNew: result.attributes = expr::project(outcome.item, outcome.updatedPaths); break;
    }
    // DynamoDB leaves Attributes out rather than sending an empty map.
    if (result.attributes && result.attributes->empty()) result.attributes.reset();

    const std::string encoded = encodeStoredItem(outcome.item, size);
    ItemChange change{key.storageKey, old.has_value(), old ? &*old : nullptr, nullptr, oldSize, &outcome.item, size,
                      encoded};
    change.consumed = &result.consumed;
    return applyItemChange(db, txn, *live, change, &result.itemCollection);
  });
  chargeWrite(db, *table, st, result.consumed, hash, &keyRef);
  DYNADESK_RETURN_IF_ERROR(st);
  return result;
}

}  // namespace dynadesk::ops
