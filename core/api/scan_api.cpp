#include "api/handlers.h"
#include "api/request_common.h"
#include "dynadesk/attribute_json.h"
#include "dynadesk/limits.h"
#include "ops/scan_ops.h"

namespace dynadesk::api {

Result<Json> scan(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  ops::ScanRequest r;
  DYNADESK_ASSIGN_OR_RETURN(auto esk, readAttributeMap(request, "ExclusiveStartKey"));
  DYNADESK_ASSIGN_OR_RETURN(r.tableName, readTableName(request, errors));
  DYNADESK_ASSIGN_OR_RETURN(auto limit, optInt64(request, "Limit"));
  DYNADESK_ASSIGN_OR_RETURN(auto select, optString(request, "Select"));
  DYNADESK_ASSIGN_OR_RETURN(auto segment, optInt64(request, "Segment"));
  DYNADESK_ASSIGN_OR_RETURN(auto totalSegments, optInt64(request, "TotalSegments"));
  DYNADESK_ASSIGN_OR_RETURN(auto consistent, optBool(request, "ConsistentRead"));
  DYNADESK_ASSIGN_OR_RETURN(auto indexName, optString(request, "IndexName"));
  DYNADESK_ASSIGN_OR_RETURN(auto rcc, optString(request, "ReturnConsumedCapacity"));

  if (limit && *limit < 1) {
    errors.add(ConstraintErrors::quote(std::to_string(*limit)), "limit", "Member must have value greater than or equal to 1");
  }
  checkEnum(select, "select", {"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"}, errors);
  if (segment && *segment < 0) {
    errors.add(ConstraintErrors::quote(std::to_string(*segment)), "segment",
               "Member must have value greater than or equal to 0");
  }
  if (segment && *segment > limits::kMaxScanSegments - 1) {
    errors.add(ConstraintErrors::quote(std::to_string(*segment)), "segment",
               "Member must have value less than or equal to 999999");
  }
  if (totalSegments && *totalSegments < 1) {
    errors.add(ConstraintErrors::quote(std::to_string(*totalSegments)), "totalSegments",
               "Member must have value greater than or equal to 1");
  }
  if (totalSegments && *totalSegments > limits::kMaxScanSegments) {
    errors.add(ConstraintErrors::quote(std::to_string(*totalSegments)), "totalSegments",
               "Member must have value less than or equal to 1000000");
  }
  checkEnum(rcc, "returnConsumedCapacity", {"INDEXES", "TOTAL", "NONE"}, errors);
  DYNADESK_RETURN_IF_ERROR(errors.status());

  if (segment && !totalSegments) {
    return Status::validation(
        "The TotalSegments parameter is required but was not present in the request when Segment parameter is "
        "present");
  }
  if (totalSegments && !segment) {
    return Status::validation(
        "The Segment parameter is required but was not present in the request when parameter TotalSegments is "
        "present");
  }
  if (segment && *segment >= *totalSegments) {
    return Status::validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: "
                              "Segment: " + std::to_string(*segment) +
                              " is not less than TotalSegments: " + std::to_string(*totalSegments));
  }
  if (indexName) {
    return Status::validation("The table does not have the specified index: " + *indexName);
  }
  if (select == "ALL_PROJECTED_ATTRIBUTES") {
    return Status::validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
  }
  if (select == "SPECIFIC_ATTRIBUTES") {
    return Status::validation(
        "SPECIFIC_ATTRIBUTES can be used only when ProjectionExpression or AttributesToGet is specified");
  }
  if (limit) r.limit = static_cast<int>(std::min<std::int64_t>(*limit, INT32_MAX));
  if (segment) {
    r.segment = static_cast<int>(*segment);
    r.totalSegments = static_cast<int>(*totalSegments);
  }
  r.exclusiveStartKey = std::move(esk);
  r.select = select == "COUNT" ? ops::Select::Count : ops::Select::AllAttributes;
  r.consistentRead = consistent.value_or(false);

  DYNADESK_ASSIGN_OR_RETURN(ops::ScanResult result, ops::scan(db, r));
  Json j = Json::object();
  if (r.select != ops::Select::Count) {
    Json items = Json::array();
    for (const auto& item : result.items) items.push_back(toJson(item));
    j["Items"] = items;
  }
  j["Count"] = result.count;
  j["ScannedCount"] = result.scannedCount;
  if (result.lastEvaluatedKey) j["LastEvaluatedKey"] = toJson(*result.lastEvaluatedKey);
  return j;
}

}  // namespace dynadesk::api
