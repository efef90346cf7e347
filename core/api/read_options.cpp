#include "api/read_options.h"

#include "api/json_text.h"

#include "api/constraint_errors.h"
#include "api/legacy_conditions.h"
#include "api/request_common.h"
#include "dynadesk/attribute_json.h"
#include "expr/evaluate.h"
#include "expr/projection.h"

namespace dynadesk::api {

ops::ItemFilter ReadOptions::itemFilter() const {
  if (!filter) return {};
  return [this](const Item& item) { return expr::evaluate(*filter, item); };
}

Result<ReadOptions> readReadOptions(const Json& request, RequestExpressions& expressions,
                                    std::string_view legacyFilterMember, bool isQuery, bool onIndex) {
  ReadOptions out;
  DYNADESK_ASSIGN_OR_RETURN(auto select, optString(request, "Select"));
  ConstraintErrors errors;
  checkEnum(select, "select", {"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"}, errors);
  DYNADESK_RETURN_IF_ERROR(errors.status());

  DYNADESK_ASSIGN_OR_RETURN(out.projection, expressions.projection());
  const bool legacyProjection = member(request, "AttributesToGet") != nullptr;
  if (!out.projection) {
    DYNADESK_ASSIGN_OR_RETURN(out.projection, readAttributesToGet(request));
  }
  DYNADESK_ASSIGN_OR_RETURN(out.filter, expressions.condition("FilterExpression", expr::ExpressionKind::Filter));
  if (!out.filter) {
    DYNADESK_ASSIGN_OR_RETURN(auto legacy, readLegacyConditions(request, legacyFilterMember,
                                                                isQuery ? "queryFilter" : "scanFilter"));
    DYNADESK_ASSIGN_OR_RETURN(bool useOr, readConditionalOperatorIsOr(request, !legacy.empty()));
    out.filter = conditionFromLegacy(legacy, useOr);
  }

  const std::string projectionName = legacyProjection ? "AttributesToGet" : "ProjectionExpression";
  if (!select) {
    out.select = out.projection ? ops::Select::SpecificAttributes
                 : onIndex      ? ops::Select::AllProjectedAttributes
                                : ops::Select::AllAttributes;
  } else if (*select == "SPECIFIC_ATTRIBUTES") {
    if (!out.projection) {
      const std::string m = "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES";
      return Status::validation(isQuery ? "1 validation error detected: " + m : m);
    }
    out.select = ops::Select::SpecificAttributes;
  } else if (out.projection) {
    const std::string what = *select == "COUNT" ? "only the Count" : *select;
    return Status::validation("Cannot specify the " + projectionName + " when choosing to get " + what);
  } else if (*select == "ALL_PROJECTED_ATTRIBUTES") {
    if (!onIndex) return Status::validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
    out.select = ops::Select::AllProjectedAttributes;
  } else {
    out.select = *select == "COUNT" ? ops::Select::Count : ops::Select::AllAttributes;
  }
  return out;
}

Json encodePage(const ops::ScanResult& page, const ReadOptions& options) {
  Json j = Json::object();
  if (options.select != ops::Select::Count) {
    Json items = Json::array();
    for (const auto& item : page.items) {
      items.push_back(options.projection ? toJson(expr::project(item, *options.projection)) : toJson(item));
    }
    j["Items"] = std::move(items);
  }
  j["Count"] = page.count;
  j["ScannedCount"] = page.scannedCount;
  if (page.lastEvaluatedKey) j["LastEvaluatedKey"] = toJson(*page.lastEvaluatedKey);
  addConsumedCapacity(j, options.tableName, page.consumed, options.capacity);
  return j;
}

std::string encodePageText(const ops::ScanResult& page, const ReadOptions& options) {
  std::string out = "{";
  if (options.select != ops::Select::Count) {
    out += "\"Items\":[";
    bool first = true;
    for (const auto& item : page.items) {
      if (!first) out += ',';
      first = false;
      if (options.projection) {
        appendItemJson(out, expr::project(item, *options.projection));
      } else {
        appendItemJson(out, item);
      }
    }
    out += "],";
  }
  out += "\"Count\":" + std::to_string(page.count) + ",\"ScannedCount\":" + std::to_string(page.scannedCount);
  if (page.lastEvaluatedKey) {
    out += ",\"LastEvaluatedKey\":";
    appendItemJson(out, *page.lastEvaluatedKey);
  }
  if (options.capacity != CapacityDetail::None) {
    out += ",\"ConsumedCapacity\":" + consumedCapacityJson(options.tableName, page.consumed, options.capacity).dump();
  }
  out += '}';
  return out;
}

}  // namespace dynadesk::api
