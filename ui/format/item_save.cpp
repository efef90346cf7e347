#include "format/item_save.h"

#include "dynadesk/attribute_json.h"
#include "dynadesk/item_size.h"
#include "dynadesk/limits.h"

namespace dynadesk::ui {

namespace {
constexpr std::size_t kMaxExpressionChars = 4096;
}

Status checkItemForTable(const Item& item, const std::vector<KeyAttribute>& keys) {
  for (const auto& k : keys) {
    auto it = item.find(k.name);
    if (it == item.end()) {
      return Status::validation("One or more parameter values were invalid: Missing the key " + k.name + " in the item");
    }
    const auto actual = attrTypeName(it->second.type());
    if (actual != k.type) {
      return Status::validation("One or more parameter values were invalid: Type mismatch for key " + k.name +
                                " expected: " + k.type + " actual: " + std::string(actual));
    }
    if ((k.type == "S" && it->second.asString().empty()) || (k.type == "B" && it->second.asBinary().empty())) {
      return Status::validation(
          "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an "
          "empty string value. Key: " +
          k.name);
    }
  }
  if (itemSize(item) > limits::kMaxItemBytes) return Status::validation("Item size has exceeded the maximum allowed size");
  return Status::ok();
}

bool sameKey(const Item& a, const Item& b, const std::vector<KeyAttribute>& keys) {
  for (const auto& k : keys) {
    auto ia = a.find(k.name);
    auto ib = b.find(k.name);
    if ((ia == a.end()) != (ib == b.end())) return false;
    if (ia != a.end() && !(ia->second == ib->second)) return false;
  }
  return true;
}

nlohmann::json putItemRequest(const std::string& table, const std::vector<KeyAttribute>& keys, const Item& edited,
                              const std::optional<Item>& original) {
  nlohmann::json r{{"TableName", table}, {"Item", toJson(edited)}};
  nlohmann::json names = nlohmann::json::object();
  const bool isNew = !original || !sameKey(*original, edited, keys);
  if (isNew) {
    names["#k"] = keys.front().name;
    r["ConditionExpression"] = "attribute_not_exists(#k)";
    r["ExpressionAttributeNames"] = names;
    r["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";
    return r;
  }
  std::string condition;
  nlohmann::json values = nlohmann::json::object();
  int i = 0;
  for (const auto& [name, value] : *original) {
    const std::string n = "#a" + std::to_string(i);
    const std::string v = ":v" + std::to_string(i);
    if (!condition.empty()) condition += " AND ";
    condition += n + " = " + v;
    names[n] = name;
    values[v] = toJson(value);
    ++i;
  }
  if (condition.size() > kMaxExpressionChars) {
    names = {{"#k", keys.front().name}};
    r["ConditionExpression"] = "attribute_exists(#k)";
    r["ExpressionAttributeNames"] = names;
  } else {
    r["ConditionExpression"] = condition;
    r["ExpressionAttributeNames"] = names;
    r["ExpressionAttributeValues"] = values;
  }
  r["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";
  return r;
}

}  // namespace dynadesk::ui
