#include "api/handlers.h"
#include "api/json_text.h"
#include "api/read_options.h"
#include "api/request_common.h"
#include "api/request_expressions.h"
#include "api/write_options.h"
#include "expr/projection.h"
#include "dynadesk/attribute_json.h"
#include "ops/item_ops.h"

namespace dynadesk::api {

namespace {

// ReturnValues for PutItem and DeleteItem: NONE or ALL_OLD.
Result<ops::ReturnValues> readPutDeleteReturnValues(const Json& request, ConstraintErrors& errors) {
  DYNADESK_ASSIGN_OR_RETURN(auto rv, optString(request, "ReturnValues"));
  checkEnum(rv, "returnValues", {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"}, errors);
  DYNADESK_RETURN_IF_ERROR(errors.status());
  if (!rv || *rv == "NONE") return ops::ReturnValues::None;
  if (*rv == "ALL_OLD") return ops::ReturnValues::AllOld;
  return Status::validation("Return values set to invalid value");
}

Json writeResponse(const ops::WriteResult& result, const Json& request, std::string_view tableName) {
  Json j = Json::object();
  if (result.attributes) j["Attributes"] = toJson(*result.attributes);
  addConsumedCapacity(j, tableName, result.consumed, capacityDetail(request));
  if (result.itemCollection && wantsItemCollectionMetrics(request)) {
    j["ItemCollectionMetrics"] = itemCollectionMetricsJson(*result.itemCollection);
  }
  return j;
}

}  // namespace

Result<Json> putItem(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  ops::PutItemRequest r;
  DYNADESK_ASSIGN_OR_RETURN(auto item, readAttributeMap(request, "Item"));
  DYNADESK_ASSIGN_OR_RETURN(r.tableName, readTableName(request, errors));
  if (!item) errors.notNull("item");
  DYNADESK_RETURN_IF_ERROR(readItemReturnOptions(request, errors));
  DYNADESK_ASSIGN_OR_RETURN(r.returnValues, readPutDeleteReturnValues(request, errors));
  DYNADESK_ASSIGN_OR_RETURN(r.condition, readConditionOnlyRequest(request));
  r.item = std::move(*item);
  DYNADESK_ASSIGN_OR_RETURN(ops::WriteResult result, ops::putItem(db, r));
  return writeResponse(result, request, r.tableName);
}

namespace {

// GetItem up to the answer: the item found (projected), or none, and what it consumed.
struct GetOutcome {
  std::optional<Item> item;
  std::string tableName;
  capacity::Consumption consumed;
};

Result<GetOutcome> runGetItem(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  ops::GetItemRequest r;
  DYNADESK_ASSIGN_OR_RETURN(auto key, readAttributeMap(request, "Key"));
  DYNADESK_ASSIGN_OR_RETURN(r.tableName, readTableName(request, errors));
  if (!key) errors.notNull("key");
  DYNADESK_ASSIGN_OR_RETURN(auto consistent, optBool(request, "ConsistentRead"));
  DYNADESK_RETURN_IF_ERROR(readItemReturnOptions(request, errors));
  DYNADESK_RETURN_IF_ERROR(errors.status());
  DYNADESK_ASSIGN_OR_RETURN(auto projection, readProjectionOnlyRequest(request));
  r.key = std::move(*key);
  r.consistentRead = consistent.value_or(false);
  DYNADESK_ASSIGN_OR_RETURN(ops::GetItemResult result, ops::getItem(db, r));
  GetOutcome out{std::nullopt, r.tableName, result.consumed};
  if (result.item) out.item = projection ? expr::project(*result.item, *projection) : std::move(*result.item);
  return out;
}

}  // namespace

Result<Json> getItem(ops::Database& db, const Json& request) {
  DYNADESK_ASSIGN_OR_RETURN(GetOutcome got, runGetItem(db, request));
  Json j = Json::object();
  if (got.item) j["Item"] = toJson(*got.item);
  addConsumedCapacity(j, got.tableName, got.consumed, capacityDetail(request));
  return j;
}

Result<std::string> getItemText(ops::Database& db, const Json& request) {
  DYNADESK_ASSIGN_OR_RETURN(GetOutcome got, runGetItem(db, request));
  std::string out = "{";
  if (got.item) {
    out += "\"Item\":";
    appendItemJson(out, *got.item);
  }
  if (const CapacityDetail detail = capacityDetail(request); detail != CapacityDetail::None) {
    if (got.item) out += ',';
    out += "\"ConsumedCapacity\":" + consumedCapacityJson(got.tableName, got.consumed, detail).dump();
  }
  out += '}';
  return out;
}

Result<Json> deleteItem(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  ops::DeleteItemRequest r;
  DYNADESK_ASSIGN_OR_RETURN(auto key, readAttributeMap(request, "Key"));
  DYNADESK_ASSIGN_OR_RETURN(r.tableName, readTableName(request, errors));
  if (!key) errors.notNull("key");
  DYNADESK_RETURN_IF_ERROR(readItemReturnOptions(request, errors));
  DYNADESK_ASSIGN_OR_RETURN(r.returnValues, readPutDeleteReturnValues(request, errors));
  DYNADESK_ASSIGN_OR_RETURN(r.condition, readConditionOnlyRequest(request));
  r.key = std::move(*key);
  DYNADESK_ASSIGN_OR_RETURN(ops::WriteResult result, ops::deleteItem(db, r));
  return writeResponse(result, request, r.tableName);
}

}  // namespace dynadesk::api
