#include "api/constraint_errors.h"

namespace dynadesk::api {

namespace {
// DynamoDB stops listing after this many.
constexpr std::size_t kMaxReported = 10;
}  // namespace

void ConstraintErrors::add(const std::string& valueText, const std::string& path, const std::string& constraint) {
  if (errors_.size() >= kMaxReported) return;
  errors_.push_back("Value " + valueText + " at '" + path + "' failed to satisfy constraint: " + constraint);
}

Status ConstraintErrors::status() const {
  if (errors_.empty()) return Status::ok();
  std::string msg = std::to_string(errors_.size()) + " validation error" + (errors_.size() > 1 ? "s" : "") +
                    " detected: ";
  for (std::size_t i = 0; i < errors_.size(); ++i) msg += (i ? "; " : "") + errors_[i];
  return Status::validation(msg);
}

std::string ConstraintErrors::quote(const nlohmann::json& value) {
  if (value.is_null()) return "null";
  if (value.is_string()) return "'" + value.get<std::string>() + "'";
  return "'" + value.dump() + "'";
}

}  // namespace dynadesk::api
