#include "operation/operation_spec.h"

#include <array>
#include <limits>
#include <utility>

#include "dynadesk/attribute_json.h"

namespace dynadesk::ui {

namespace {

using Json = nlohmann::json;

constexpr std::array<std::pair<OperationKind, std::string_view>, 2> kKindNames{{
    {OperationKind::Query, "Query"},
    {OperationKind::Scan, "Scan"},
}};

constexpr std::array<std::pair<KeyOperator, std::string_view>, 7> kKeyOperatorNames{{
    {KeyOperator::Equal, "Equal"},
    {KeyOperator::Less, "Less"},
    {KeyOperator::LessOrEqual, "LessOrEqual"},
    {KeyOperator::Greater, "Greater"},
    {KeyOperator::GreaterOrEqual, "GreaterOrEqual"},
    {KeyOperator::Between, "Between"},
    {KeyOperator::BeginsWith, "BeginsWith"},
}};

constexpr std::array<std::pair<FilterTest, std::string_view>, 20> kFilterTestNames{{
    {FilterTest::Equal, "Equal"},
    {FilterTest::NotEqual, "NotEqual"},
    {FilterTest::Less, "Less"},
    {FilterTest::LessOrEqual, "LessOrEqual"},
    {FilterTest::Greater, "Greater"},
    {FilterTest::GreaterOrEqual, "GreaterOrEqual"},
    {FilterTest::Between, "Between"},
    {FilterTest::In, "In"},
    {FilterTest::BeginsWith, "BeginsWith"},
    {FilterTest::Contains, "Contains"},
    {FilterTest::NotContains, "NotContains"},
    {FilterTest::Exists, "Exists"},
    {FilterTest::NotExists, "NotExists"},
    {FilterTest::SizeEqual, "SizeEqual"},
    {FilterTest::SizeNotEqual, "SizeNotEqual"},
    {FilterTest::SizeLess, "SizeLess"},
    {FilterTest::SizeLessOrEqual, "SizeLessOrEqual"},
    {FilterTest::SizeGreater, "SizeGreater"},
    {FilterTest::SizeGreaterOrEqual, "SizeGreaterOrEqual"},
    {FilterTest::AttributeType, "AttributeType"},
}};

template <class E, std::size_t N>
std::string_view nameIn(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "";
}

template <class E, std::size_t N>
std::optional<E> valueIn(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view name) {
  for (const auto& [e, n] : table) {
    if (n == name) return e;
  }
  return std::nullopt;
}

Json valuesToJson(const std::vector<AttributeValue>& values) {
  Json out = Json::array();
  for (const auto& v : values) out.push_back(toJson(v));
  return out;
}

Status fieldError(const std::string& field, const std::string& problem) {
  return Status::validation(field + ": " + problem);
}

// Readers for one optional member: absent leaves `out` as it is.
Status readString(const Json& obj, const char* key, const std::string& field, std::string& out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::ok();
  if (!it->is_string()) return fieldError(field, "expected a string");
  out = it->get<std::string>();
  return Status::ok();
}

Status readBool(const Json& obj, const char* key, bool& out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::ok();
  if (!it->is_boolean()) return fieldError(key, "expected true or false");
  out = it->get<bool>();
  return Status::ok();
}

Status readInt(const Json& obj, const char* key, int& out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::ok();
  if (!it->is_number_integer()) return fieldError(key, "expected a whole number");
  // Both signed and unsigned JSON integers land here; compare without overflow.
  if (it->is_number_unsigned()) {
    const auto u = it->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) return fieldError(key, "number too large");
    out = static_cast<int>(u);
    return Status::ok();
  }
  const auto v = it->get<std::int64_t>();
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
    return fieldError(key, "number out of range");
  }
  out = static_cast<int>(v);
  return Status::ok();
}

Result<AttributeValue> readValue(const Json& json, const std::string& field) {
  auto v = attributeValueFromJson(json);
  if (!v) return fieldError(field, v.status().message());
  return std::move(v).value();
}

Status readValues(const Json& obj, const char* key, const std::string& field, std::vector<AttributeValue>& out) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return Status::ok();
  if (!it->is_array()) return fieldError(field, "expected a list of DynamoDB JSON values");
  out.clear();
  for (std::size_t i = 0; i < it->size(); ++i) {
    DYNADESK_ASSIGN_OR_RETURN(AttributeValue v, readValue((*it)[i], field + "[" + std::to_string(i) + "]"));
    out.push_back(std::move(v));
  }
  return Status::ok();
}

Result<FilterRow> filterRowFromJson(const Json& json, const std::string& field) {
  if (!json.is_object()) return fieldError(field, "expected an object");
  FilterRow row;
  DYNADESK_RETURN_IF_ERROR(readString(json, "path", field + ".path", row.path));
  std::string test;
  DYNADESK_RETURN_IF_ERROR(readString(json, "test", field + ".test", test));
  if (!test.empty()) {
    auto t = filterTestFromName(test);
    if (!t) return fieldError(field + ".test", "unknown test \"" + test + "\"");
    row.test = *t;
  }
  DYNADESK_RETURN_IF_ERROR(readValues(json, "values", field + ".values", row.values));
  return row;
}

}  // namespace

int expectedValueCount(KeyOperator op) { return op == KeyOperator::Between ? 2 : 1; }

int expectedValueCount(FilterTest test) {
  switch (test) {
    case FilterTest::Exists:
    case FilterTest::NotExists:
      return 0;
    case FilterTest::Between:
      return 2;
    case FilterTest::In:
      return -1;
    default:
      return 1;
  }
}

std::string_view operationKindName(OperationKind kind) { return nameIn(kKindNames, kind); }
std::string_view keyOperatorName(KeyOperator op) { return nameIn(kKeyOperatorNames, op); }
std::string_view filterTestName(FilterTest test) { return nameIn(kFilterTestNames, test); }
std::optional<OperationKind> operationKindFromName(std::string_view name) { return valueIn(kKindNames, name); }
std::optional<KeyOperator> keyOperatorFromName(std::string_view name) { return valueIn(kKeyOperatorNames, name); }
std::optional<FilterTest> filterTestFromName(std::string_view name) { return valueIn(kFilterTestNames, name); }

nlohmann::json operationSpecToJson(const OperationSpec& spec) {
  Json filters = Json::array();
  for (const auto& row : spec.filters) {
    filters.push_back({{"path", row.path}, {"test", filterTestName(row.test)}, {"values", valuesToJson(row.values)}});
  }
  Json out = {
      {"kind", operationKindName(spec.kind)},
      {"table", spec.table},
      {"index", spec.index},
      {"partitionValue", spec.partitionValue ? toJson(*spec.partitionValue) : Json(nullptr)},
      {"sortOperator", spec.sortOperator ? Json(keyOperatorName(*spec.sortOperator)) : Json(nullptr)},
      {"sortValues", valuesToJson(spec.sortValues)},
      {"filters", std::move(filters)},
      {"matchAny", spec.matchAny},
      {"projection", spec.projection},
      {"ascending", spec.ascending},
      {"pageSize", spec.pageSize},
      {"fetchAllPages", spec.fetchAllPages},
      {"consistentRead", spec.consistentRead},
      {"totalSegments", spec.totalSegments},
  };
  return out;
}

Result<OperationSpec> operationSpecFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Status::validation("operation: expected a JSON object");
  OperationSpec spec;
  std::string kind;
  DYNADESK_RETURN_IF_ERROR(readString(json, "kind", "kind", kind));
  if (!kind.empty()) {
    auto k = operationKindFromName(kind);
    if (!k) return fieldError("kind", "expected \"Query\" or \"Scan\", not \"" + kind + "\"");
    spec.kind = *k;
  }
  DYNADESK_RETURN_IF_ERROR(readString(json, "table", "table", spec.table));
  DYNADESK_RETURN_IF_ERROR(readString(json, "index", "index", spec.index));

  if (auto it = json.find("partitionValue"); it != json.end() && !it->is_null()) {
    DYNADESK_ASSIGN_OR_RETURN(AttributeValue v, readValue(*it, "partitionValue"));
    spec.partitionValue = std::move(v);
  }
  std::string sortOperator;
  DYNADESK_RETURN_IF_ERROR(readString(json, "sortOperator", "sortOperator", sortOperator));
  if (!sortOperator.empty()) {
    auto op = keyOperatorFromName(sortOperator);
    if (!op) return fieldError("sortOperator", "unknown operator \"" + sortOperator + "\"");
    spec.sortOperator = *op;
  }
  DYNADESK_RETURN_IF_ERROR(readValues(json, "sortValues", "sortValues", spec.sortValues));

  if (auto it = json.find("filters"); it != json.end() && !it->is_null()) {
    if (!it->is_array()) return fieldError("filters", "expected a list");
    for (std::size_t i = 0; i < it->size(); ++i) {
      DYNADESK_ASSIGN_OR_RETURN(FilterRow row, filterRowFromJson((*it)[i], "filters[" + std::to_string(i) + "]"));
      spec.filters.push_back(std::move(row));
    }
  }
  DYNADESK_RETURN_IF_ERROR(readBool(json, "matchAny", spec.matchAny));
  if (auto it = json.find("projection"); it != json.end() && !it->is_null()) {
    if (!it->is_array()) return fieldError("projection", "expected a list of paths");
    for (std::size_t i = 0; i < it->size(); ++i) {
      if (!(*it)[i].is_string()) return fieldError("projection[" + std::to_string(i) + "]", "expected a string");
      spec.projection.push_back((*it)[i].get<std::string>());
    }
  }
  DYNADESK_RETURN_IF_ERROR(readBool(json, "ascending", spec.ascending));
  DYNADESK_RETURN_IF_ERROR(readInt(json, "pageSize", spec.pageSize));
  DYNADESK_RETURN_IF_ERROR(readBool(json, "fetchAllPages", spec.fetchAllPages));
  DYNADESK_RETURN_IF_ERROR(readBool(json, "consistentRead", spec.consistentRead));
  DYNADESK_RETURN_IF_ERROR(readInt(json, "totalSegments", spec.totalSegments));
  return spec;
}

}  // namespace dynadesk::ui
