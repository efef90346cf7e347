#include "api/handlers.h"
#include "api/request_common.h"
#include "api/request_expressions.h"
#include "api/write_options.h"
#include "dynadesk/attribute_json.h"
#include "ops/item_ops.h"

namespace dynadesk::api {

Result<Json> updateItem(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  ops::UpdateItemRequest r;
  DYNADESK_ASSIGN_OR_RETURN(auto key, readAttributeMap(request, "Key"));
  DYNADESK_ASSIGN_OR_RETURN(r.tableName, readTableName(request, errors));
  if (!key) errors.notNull("key");
  DYNADESK_ASSIGN_OR_RETURN(auto rv, optString(request, "ReturnValues"));
  checkEnum(rv, "returnValues", {"NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"}, errors);
  DYNADESK_RETURN_IF_ERROR(readItemReturnOptions(request, errors));
  DYNADESK_RETURN_IF_ERROR(errors.status());

  DYNADESK_ASSIGN_OR_RETURN(auto expressions,
                            RequestExpressions::read(request, {"UpdateExpression", "ConditionExpression"},
                                                     {"AttributeUpdates", "Expected", "ConditionalOperator"}));
  DYNADESK_ASSIGN_OR_RETURN(auto update, expressions->update());
  if (!update) {
    DYNADESK_ASSIGN_OR_RETURN(update, readAttributeUpdates(request));
  }
  DYNADESK_ASSIGN_OR_RETURN(r.condition, readWriteCondition(request, *expressions));
  DYNADESK_RETURN_IF_ERROR(expressions->checkAllUsed());

  r.key = std::move(*key);
  if (update) r.update = std::make_shared<const expr::Update>(std::move(*update));
  const std::string returnValues = rv.value_or("NONE");
  r.returnValues = returnValues == "ALL_OLD"       ? ops::ReturnValues::AllOld
                   : returnValues == "UPDATED_OLD" ? ops::ReturnValues::UpdatedOld
                   : returnValues == "ALL_NEW"     ? ops::ReturnValues::AllNew
                   : returnValues == "UPDATED_NEW" ? ops::ReturnValues::UpdatedNew
                                                   : ops::ReturnValues::None;
  DYNADESK_ASSIGN_OR_RETURN(ops::WriteResult result, ops::updateItem(db, r));
  Json j = Json::object();
  if (result.attributes) j["Attributes"] = toJson(*result.attributes);
  addConsumedCapacity(j, r.tableName, result.consumed, capacityDetail(request));
  if (result.itemCollection && wantsItemCollectionMetrics(request)) {
    j["ItemCollectionMetrics"] = itemCollectionMetricsJson(*result.itemCollection);
  }
  return j;
}

}  // namespace dynadesk::api
