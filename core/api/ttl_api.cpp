// UpdateTimeToLive and DescribeTimeToLive at the edge (ops/time_to_live.h).
#include "api/handlers.h"
#include "api/request_common.h"
#include "dynadesk/limits.h"
#include "ops/time_to_live.h"

namespace dynadesk::api {

Result<Json> updateTimeToLive(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(std::string table, readTableName(request, errors));
  DYNADESK_ASSIGN_OR_RETURN(const Json* spec, optStructure(request, "TimeToLiveSpecification"));
  std::optional<bool> enabled;
  std::optional<std::string> attribute;
  if (!spec) {
    errors.notNull("timeToLiveSpecification");
  } else {
    DYNADESK_ASSIGN_OR_RETURN(enabled, optBool(*spec, "Enabled"));
    DYNADESK_ASSIGN_OR_RETURN(attribute, optString(*spec, "AttributeName"));
    if (!enabled) errors.notNull("timeToLiveSpecification.enabled");
    if (!attribute) {
      errors.notNull("timeToLiveSpecification.attributeName");
    } else if (attribute->empty()) {
      errors.add("''", "timeToLiveSpecification.attributeName", "Member must have length greater than or equal to 1");
    } else if (attribute->size() > limits::kMaxKeyAttributeNameLength) {
      errors.add(ConstraintErrors::quote(*attribute), "timeToLiveSpecification.attributeName",
                 "Member must have length less than or equal to 255");
    }
  }
  DYNADESK_RETURN_IF_ERROR(errors.status());
  DYNADESK_ASSIGN_OR_RETURN(auto d, ops::updateTimeToLive(db, table, *enabled, *attribute));
  return Json{{"TimeToLiveSpecification", {{"Enabled", d.enabled}, {"AttributeName", *attribute}}}};
}

Result<Json> describeTimeToLive(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(std::string table, readTableName(request, errors));
  DYNADESK_RETURN_IF_ERROR(errors.status());
  DYNADESK_ASSIGN_OR_RETURN(auto d, ops::describeTimeToLive(db, table));
  Json description{{"TimeToLiveStatus", d.enabled ? "ENABLED" : "DISABLED"}};
  if (d.enabled) description["AttributeName"] = d.attributeName;
  return Json{{"TimeToLiveDescription", std::move(description)}};
}

}  // namespace dynadesk::api
