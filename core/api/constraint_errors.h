// DynamoDB's front-end constraint messages, collected the way DynamoDB reports
// them: "2 validation errors detected: Value 'ab' at 'tableName' failed to
// satisfy constraint: Member must have length greater than or equal to 3;
// Value null at 'keySchema' failed to satisfy constraint: Member must not be null".
//
// Thread-safety: not synchronised; one collector per request.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynadesk/status.h"

namespace dynadesk::api {

class ConstraintErrors {
 public:
  // `valueText` is the value as DynamoDB prints it: quoted text, or "null".
  void add(const std::string& valueText, const std::string& path, const std::string& constraint);
  void notNull(const std::string& path) { add("null", path, "Member must not be null"); }
  bool empty() const { return errors_.empty(); }
  // ValidationException with every collected error, or Ok when there are none.
  Status status() const;

  // The value as DynamoDB quotes it in these messages.
  static std::string quote(const nlohmann::json& value);
  static std::string quote(const std::string& text) { return "'" + text + "'"; }

 private:
  std::vector<std::string> errors_;
};

}  // namespace dynadesk::api
