// OperationSpec: everything the Query and Scan builder lets a user choose, as one
// plain value, and its JSON form for saved operations and history.
//
// The spec is what the user typed, not yet checked against a table: a Query
// without a partition value or a malformed filter path is a valid spec and an
// invalid request (request_builder.h does those checks). Fields that do not
// apply to the chosen kind (partitionValue on a Scan, totalSegments on a Query)
// are kept, so switching kinds back and forth loses nothing, and are ignored
// when the request is built.
//
// JSON form (operationSpecToJson): an object with every field, enums by their
// C++ enumerator name ("Query", "BeginsWith", "SizeGreater"), attribute values
// as DynamoDB JSON ({"N":"1.5"}), so numbers and binary values stay exact.
// operationSpecFromJson accepts that form, treats a missing field as its
// default and rejects a field of the wrong type with a ValidationException
// naming the field; it never throws. Unknown fields are ignored, so a file
// written by a newer version still loads.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"

namespace dynadesk::ui {

enum class OperationKind { Query, Scan };

// The sort key condition of a Query.
enum class KeyOperator { Equal, Less, LessOrEqual, Greater, GreaterOrEqual, Between, BeginsWith };

// One filter row's comparison or function.
enum class FilterTest {
  Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, Between, In,
  BeginsWith, Contains, NotContains, Exists, NotExists,
  SizeEqual, SizeNotEqual, SizeLess, SizeLessOrEqual, SizeGreater, SizeGreaterOrEqual,
  AttributeType
};

struct FilterRow {
  // As the user typed it; syntax in attribute_path.h (info.rating, tags[0],
  // info.actors[2].name, `odd.name`).
  std::string path;
  FilterTest test = FilterTest::Equal;
  // How many depends on the test (expectedValueCount): none for Exists and
  // NotExists, two for Between, one or more for In, one otherwise.
  // AttributeType takes one S holding a type code (S, N, B, BOOL, NULL, M, L,
  // SS, NS, BS); the size tests take one N.
  std::vector<AttributeValue> values;

  friend bool operator==(const FilterRow&, const FilterRow&) = default;
};

struct OperationSpec {
  OperationKind kind = OperationKind::Scan;
  std::string table;
  std::string index;                              // empty: the table itself
  std::optional<AttributeValue> partitionValue;   // Query only
  std::optional<KeyOperator> sortOperator;        // Query only; nullopt: no sort key condition
  std::vector<AttributeValue> sortValues;         // one, or two for Between
  std::vector<FilterRow> filters;                 // joined with AND (or OR when matchAny)
  bool matchAny = false;
  std::vector<std::string> projection;            // attribute paths; empty: all attributes
  bool ascending = true;                          // Query only (ScanIndexForward)
  int pageSize = 0;                               // Limit; 0: none
  bool fetchAllPages = false;
  bool consistentRead = false;
  int totalSegments = 1;                          // Scan only; 1..1000000

  friend bool operator==(const OperationSpec&, const OperationSpec&) = default;
};

// Value counts for the widgets and the validator: -1 means "one or more" (In).
int expectedValueCount(KeyOperator op);
int expectedValueCount(FilterTest test);

// Stable names used in the JSON form ("Query", "Between", "SizeLessOrEqual").
std::string_view operationKindName(OperationKind kind);
std::string_view keyOperatorName(KeyOperator op);
std::string_view filterTestName(FilterTest test);
std::optional<OperationKind> operationKindFromName(std::string_view name);
std::optional<KeyOperator> keyOperatorFromName(std::string_view name);
std::optional<FilterTest> filterTestFromName(std::string_view name);

nlohmann::json operationSpecToJson(const OperationSpec& spec);
// Errors: ValidationException naming the field ("filters[2].test: ...").
Result<OperationSpec> operationSpecFromJson(const nlohmann::json& json);

}  // namespace dynadesk::ui
