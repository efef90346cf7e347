// CodeRequest: a Query or Scan request checked and decoded once, so each code
// generator renders typed parameters instead of re-reading raw JSON.
//
// Parameters keep DynamoDB's wire names and come in one fixed, readable order
// (table, index, expressions, names, values, then the knobs); maps of
// placeholders are in natural order (":v2" before ":v10"). For a parallel scan
// (TotalSegments > 1) Segment is left out: the generated code loops over every
// segment itself.
//
// Errors: ValidationException, as code_generator.h lists.
// Thread-safety: pure functions; plain values.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"

namespace dynadesk::ui::codegen {

struct CodeParam {
  enum class Kind {
    String,    // TableName, IndexName, the expressions
    Enum,      // Select, ReturnConsumedCapacity
    Bool,      // ConsistentRead, ScanIndexForward
    Integer,   // Limit, Segment, TotalSegments
    NameMap,   // ExpressionAttributeNames
    ValueMap,  // ExpressionAttributeValues, ExclusiveStartKey
  };
  std::string name;  // DynamoDB's member name, e.g. "KeyConditionExpression"
  Kind kind = Kind::String;
  std::string text;           // String, Enum
  bool flag = false;          // Bool
  std::int32_t number = 0;    // Integer
  std::vector<std::pair<std::string, std::string>> names;      // NameMap
  std::vector<std::pair<std::string, AttributeValue>> values;  // ValueMap
};

struct CodeRequest {
  std::string operation;  // "Query" or "Scan"
  bool isQuery = true;
  std::string tableName;
  std::vector<CodeParam> params;  // TableName first
  // > 1: a parallel scan whose code visits segments 0 .. totalSegments-1.
  std::int32_t totalSegments = 0;
  // ReturnConsumedCapacity is INDEXES or TOTAL.
  bool wantsCapacity = false;

  bool parallel() const { return totalSegments > 1; }
  // The parameter named `name`, or null.
  const CodeParam* find(const std::string& name) const;
  // "Query on table \"Music\", index \"GenreIndex\"" for a heading comment
  // (names as JSON strings, so the comment stays one safe line).
  std::string summary() const;
};

Result<CodeRequest> parseCodeRequest(const std::string& operation, const nlohmann::json& request);

}  // namespace dynadesk::ui::codegen
