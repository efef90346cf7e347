#include "api/handlers.h"
#include "api/index_read_plan.h"
#include "api/read_options.h"
#include "api/request_expressions.h"
#include "api/request_common.h"
#include "dynadesk/attribute_json.h"
#include "dynadesk/limits.h"
#include "ops/scan_ops.h"

namespace dynadesk::api {

namespace {

// Scan up to the answer: the page read, and the options that shape its encoding.
Result<PageOutcome> runScan(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  ops::ScanRequest r;
  DYNADESK_ASSIGN_OR_RETURN(auto esk, readAttributeMap(request, "ExclusiveStartKey"));
  DYNADESK_ASSIGN_OR_RETURN(r.tableName, readTableName(request, errors));
  DYNADESK_ASSIGN_OR_RETURN(auto limit, optInt64(request, "Limit"));
  DYNADESK_ASSIGN_OR_RETURN(auto segment, optInt64(request, "Segment"));
  DYNADESK_ASSIGN_OR_RETURN(auto totalSegments, optInt64(request, "TotalSegments"));
  DYNADESK_ASSIGN_OR_RETURN(auto consistent, optBool(request, "ConsistentRead"));
  DYNADESK_ASSIGN_OR_RETURN(auto indexName, optString(request, "IndexName"));

  checkPageLimit(limit, errors);
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
  DYNADESK_RETURN_IF_ERROR(readConsumedCapacityOption(request, errors));
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
  DYNADESK_ASSIGN_OR_RETURN(auto expressions,
                            RequestExpressions::read(request, {"ProjectionExpression", "FilterExpression"},
                                                     {"AttributesToGet", "ScanFilter", "ConditionalOperator"}));
  DYNADESK_ASSIGN_OR_RETURN(ReadOptions options,
                            readReadOptions(request, *expressions, "ScanFilter", false, indexName.has_value()));
  DYNADESK_RETURN_IF_ERROR(expressions->checkAllUsed());
  std::shared_ptr<const TableDef> table;
  IndexReadPlan plan;
  if (indexName) {
    table = db.findTable(r.tableName);
    if (!table) return ops::tableNotFound();
    DYNADESK_ASSIGN_OR_RETURN(plan, planIndexRead(*table, *indexName, consistent.value_or(false), options));
    r.indexName = *indexName;
    r.fetchFromTable = plan.fetchFromTable;
  }
  if (limit) r.limit = static_cast<int>(std::min<std::int64_t>(*limit, INT32_MAX));
  if (segment) {
    r.segment = static_cast<int>(*segment);
    r.totalSegments = static_cast<int>(*totalSegments);
  }
  r.exclusiveStartKey = std::move(esk);
  r.select = options.select;
  r.consistentRead = consistent.value_or(false);
  r.filter = options.itemFilter();

  DYNADESK_ASSIGN_OR_RETURN(ops::ScanResult result, ops::scan(db, r));
  if (plan.index) reprojectPage(*table, plan, result);
  options.capacity = capacityDetail(request);
  options.tableName = r.tableName;
  return PageOutcome{std::move(result), std::move(options)};
}

}  // namespace

Result<Json> scan(ops::Database& db, const Json& request) {
  DYNADESK_ASSIGN_OR_RETURN(PageOutcome page, runScan(db, request));
  return encodePage(page.result, page.options);
}

Result<std::string> scanText(ops::Database& db, const Json& request) {
  DYNADESK_ASSIGN_OR_RETURN(PageOutcome page, runScan(db, request));
  return encodePageText(page.result, page.options);
}

}  // namespace dynadesk::api
