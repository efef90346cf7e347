#include "api/request_common.h"

#include "dynadesk/attribute_json.h"
#include "dynadesk/limits.h"

namespace dynadesk::api {

namespace {
bool validNameChars(const std::string& s) {
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}
}  // namespace

Result<std::string> readTableName(const Json& request, ConstraintErrors& errors) {
  DYNADESK_ASSIGN_OR_RETURN(auto name, optString(request, "TableName"));
  if (!name) return missingParameter("TableName");
  if (name->size() < limits::kMinTableNameLength || name->size() > limits::kMaxTableNameLength) {
    return Status::validation("TableName must be at least 3 characters long and at most 255 characters long");
  }
  if (!validNameChars(*name)) {
    errors.add(ConstraintErrors::quote(*name), "tableName",
               "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  }
  return *name;
}

void checkEnum(const std::optional<std::string>& value, const std::string& path,
               std::initializer_list<const char*> allowed, ConstraintErrors& errors) {
  if (!value) return;
  std::string set;
  bool found = false;
  for (const char* a : allowed) {
    if (*value == a) found = true;
    set += (set.empty() ? "" : ", ") + std::string(a);
  }
  if (!found) errors.add(ConstraintErrors::quote(*value), path, "Member must satisfy enum value set: [" + set + "]");
}

bool wantsItemCollectionMetrics(const Json& request) {
  const Json* m = member(request, "ReturnItemCollectionMetrics");
  return m && m->is_string() && m->get<std::string>() == "SIZE";
}

Json itemCollectionMetricsJson(const ops::ItemCollectionMetrics& metrics) {
  return Json{{"ItemCollectionKey", toJson(metrics.key)},
              {"SizeEstimateRangeGB", Json::array({metrics.lowerGB, metrics.upperGB})}};
}

Status readConsumedCapacityOption(const Json& request, ConstraintErrors& errors) {
  DYNADESK_ASSIGN_OR_RETURN(auto rcc, optString(request, "ReturnConsumedCapacity"));
  checkEnum(rcc, "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"}, errors);
  return Status::ok();
}

CapacityDetail capacityDetail(const Json& request) {
  const Json* m = member(request, "ReturnConsumedCapacity");
  if (!m || !m->is_string()) return CapacityDetail::None;
  const auto& v = m->get_ref<const std::string&>();
  if (v == "TOTAL") return CapacityDetail::Total;
  if (v == "INDEXES") return CapacityDetail::Indexes;
  return CapacityDetail::None;
}

namespace {

Json capacityJson(const capacity::Units& units, bool split) {
  Json j{{"CapacityUnits", units.total()}};
  if (split) {
    if (units.read > 0) j["ReadCapacityUnits"] = units.read;
    if (units.write > 0) j["WriteCapacityUnits"] = units.write;
  }
  return j;
}

}  // namespace

Json consumedCapacityJson(std::string_view tableName, const capacity::Consumption& consumed, CapacityDetail detail,
                          bool split) {
  Json j = capacityJson(consumed.total(), split);
  j["TableName"] = std::string(tableName);
  if (detail != CapacityDetail::Indexes) return j;
  j["Table"] = capacityJson(consumed.table, split);
  for (const auto& index : consumed.indexes) {
    j[index.global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes"][index.name] = capacityJson(index.units, split);
  }
  return j;
}

void addConsumedCapacity(Json& response, std::string_view tableName, const capacity::Consumption& consumed,
                         CapacityDetail detail) {
  if (detail != CapacityDetail::None) response["ConsumedCapacity"] = consumedCapacityJson(tableName, consumed, detail);
}

Json consumedCapacityList(const std::vector<std::pair<std::string, capacity::Consumption>>& perTable,
                          CapacityDetail detail, bool split) {
  Json list = Json::array();
  for (const auto& [name, consumed] : perTable) list.push_back(consumedCapacityJson(name, consumed, detail, split));
  return list;
}

Status readItemReturnOptions(const Json& request, ConstraintErrors& errors) {
  DYNADESK_RETURN_IF_ERROR(readConsumedCapacityOption(request, errors));
  DYNADESK_ASSIGN_OR_RETURN(auto rcm, optString(request, "ReturnItemCollectionMetrics"));
  checkEnum(rcm, "returnItemCollectionMetrics", {"SIZE", "NONE"}, errors);
  return Status::ok();
}

void checkPageLimit(const std::optional<std::int64_t>& limit, ConstraintErrors& errors) {
  if (limit && *limit < 1) {
    errors.add(ConstraintErrors::quote(std::to_string(*limit)), "limit", "Member must have value greater than or equal to 1");
  }
}

Result<std::optional<Item>> readAttributeMap(const Json& request, std::string_view name) {
  DYNADESK_ASSIGN_OR_RETURN(const Json* map, optMap(request, name, "com.amazonaws.dynamodb.v20120810.AttributeValue"));
  if (!map) return std::optional<Item>();
  DYNADESK_ASSIGN_OR_RETURN(Item item, itemFromJson(*map));
  return std::optional<Item>(std::move(item));
}

Status requireObject(const Json& request) {
  if (!request.is_object()) return {ErrorType::SerializationException, "Start of structure or map found where not expected"};
  return Status::ok();
}

}  // namespace dynadesk::api
