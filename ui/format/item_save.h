// How the item editor saves: one PutItem conditioned so that it never
// overwrites something the user has not seen.
//
//   - A new item (or an existing one whose key was edited, which DynamoDB
//     treats as another item): the key must not exist yet.
//   - An edited item: every attribute it had when loaded must still hold the
//     value it had (one equality per attribute), and ReturnValuesOnCondition
//     CheckFailure ALL_OLD brings back the current version when it fails, so
//     the user can compare both. An item too large for one 4 KB condition is
//     checked by key existence only; the editor's consistent re-read before
//     saving still catches changes.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"

namespace dynadesk::ui {

struct KeyAttribute {
  std::string name;
  std::string type;  // "S", "N" or "B"
};

// DynamoDB's checks of an item against a key schema and the size limit, in
// DynamoDB's words ("Missing the key X in the item", "Type mismatch for key",
// "Item size has exceeded the maximum allowed size").
Status checkItemForTable(const Item& item, const std::vector<KeyAttribute>& keys);

// True when `a` and `b` have the same key attributes.
bool sameKey(const Item& a, const Item& b, const std::vector<KeyAttribute>& keys);

// The PutItem request; `original` is absent for a new item.
nlohmann::json putItemRequest(const std::string& table, const std::vector<KeyAttribute>& keys, const Item& edited,
                              const std::optional<Item>& original);

}  // namespace dynadesk::ui
