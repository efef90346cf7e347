#include "client/response_decoding.h"

#include "dynadesk/attribute_json.h"

namespace dynadesk::ui {

namespace {

const nlohmann::json& tableOf(const nlohmann::json& response) {
  if (response.is_object() && response.contains("Table")) return response["Table"];
  if (response.is_object() && response.contains("TableDescription")) return response["TableDescription"];
  return response;
}

Status unexpected(const std::string& what) {
  return {ErrorType::SerializationException, "Unexpected response from the server: " + what};
}

}  // namespace

Result<TableSummary> tableSummaryFrom(const nlohmann::json& response) {
  const nlohmann::json& t = tableOf(response);
  if (!t.is_object() || !t.contains("TableName") || !t["TableName"].is_string()) {
    return unexpected("no TableName in the table description");
  }
  TableSummary s;
  s.name = t["TableName"].get<std::string>();
  s.status = t.value("TableStatus", std::string("ACTIVE"));
  if (t.contains("ItemCount") && t["ItemCount"].is_number_unsigned()) s.itemCount = t["ItemCount"].get<std::uint64_t>();
  if (t.contains("TableSizeBytes") && t["TableSizeBytes"].is_number_unsigned()) {
    s.sizeBytes = t["TableSizeBytes"].get<std::uint64_t>();
  }
  auto addIndexes = [&](const char* member, const char* kind) {
    if (!t.contains(member) || !t[member].is_array()) return;
    for (const auto& ix : t[member]) {
      if (!ix.is_object() || !ix.contains("IndexName") || !ix["IndexName"].is_string()) continue;
      s.indexes.push_back({ix["IndexName"].get<std::string>(), kind, ix.value("IndexStatus", std::string("ACTIVE"))});
    }
  };
  addIndexes("GlobalSecondaryIndexes", "GSI");
  addIndexes("LocalSecondaryIndexes", "LSI");
  return s;
}

Result<std::vector<std::string>> keyAttributesFrom(const nlohmann::json& response) {
  const nlohmann::json& t = tableOf(response);
  if (!t.is_object() || !t.contains("KeySchema") || !t["KeySchema"].is_array()) {
    return unexpected("no KeySchema in the table description");
  }
  std::string hash, range;
  for (const auto& k : t["KeySchema"]) {
    if (!k.is_object() || !k.contains("AttributeName") || !k["AttributeName"].is_string()) continue;
    const std::string type = k.value("KeyType", std::string());
    if (type == "HASH") hash = k["AttributeName"].get<std::string>();
    if (type == "RANGE") range = k["AttributeName"].get<std::string>();
  }
  if (hash.empty()) return unexpected("no partition key in the KeySchema");
  std::vector<std::string> keys{hash};
  if (!range.empty()) keys.push_back(range);
  return keys;
}

Result<ItemPage> itemPageFrom(const nlohmann::json& response) {
  ItemPage page;
  if (!response.is_object()) return unexpected("the page is not a JSON object");
  if (response.contains("Items")) {
    if (!response["Items"].is_array()) return unexpected("Items is not a list");
    page.items.reserve(response["Items"].size());
    for (const auto& itemJson : response["Items"]) {
      DYNADESK_ASSIGN_OR_RETURN(Item item, itemFromJson(itemJson));
      page.items.push_back(std::move(item));
    }
  }
  if (response.contains("LastEvaluatedKey")) {
    DYNADESK_ASSIGN_OR_RETURN(Item key, itemFromJson(response["LastEvaluatedKey"]));
    page.lastEvaluatedKey = std::move(key);
  }
  return page;
}

}  // namespace dynadesk::ui
