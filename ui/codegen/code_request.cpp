#include "codegen/code_request.h"

#include <algorithm>
#include <array>
#include <limits>

#include "codegen/text_escaping.h"
#include "dynadesk/attribute_json.h"

namespace dynadesk::ui::codegen {

namespace {

using Kind = CodeParam::Kind;

struct ParamRule {
  const char* name;
  Kind kind;
  bool query;  // Query takes it
  bool scan;   // Scan takes it
};

// The order parameters are written in: what is read first explains the rest.
constexpr std::array<ParamRule, 15> kRules{{
    {"TableName", Kind::String, true, true},
    {"IndexName", Kind::String, true, true},
    {"KeyConditionExpression", Kind::String, true, false},
    {"FilterExpression", Kind::String, true, true},
    {"ProjectionExpression", Kind::String, true, true},
    {"ExpressionAttributeNames", Kind::NameMap, true, true},
    {"ExpressionAttributeValues", Kind::ValueMap, true, true},
    {"Select", Kind::Enum, true, true},
    {"ConsistentRead", Kind::Bool, true, true},
    {"ScanIndexForward", Kind::Bool, true, false},
    {"Limit", Kind::Integer, true, true},
    {"Segment", Kind::Integer, false, true},
    {"TotalSegments", Kind::Integer, false, true},
    {"ExclusiveStartKey", Kind::ValueMap, true, true},
    {"ReturnConsumedCapacity", Kind::Enum, true, true},
}};

constexpr std::array<const char*, 5> kLegacy{"KeyConditions", "QueryFilter", "ScanFilter", "AttributesToGet",
                                             "ConditionalOperator"};

bool isOneOf(const std::string& value, std::initializer_list<const char*> allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; });
}

Status invalid(std::string message) { return Status::validation(std::move(message)); }

Status checkEnum(const std::string& name, const std::string& value) {
  if (name == "Select" &&
      !isOneOf(value, {"ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"}))
    return invalid("Select must be ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES or COUNT, not \"" +
                   value + "\"");
  if (name == "ReturnConsumedCapacity" && !isOneOf(value, {"INDEXES", "TOTAL", "NONE"}))
    return invalid("ReturnConsumedCapacity must be INDEXES, TOTAL or NONE, not \"" + value + "\"");
  return Status::ok();
}

Result<CodeParam> parseParam(const ParamRule& rule, const nlohmann::json& value) {
  CodeParam p;
  p.name = rule.name;
  p.kind = rule.kind;
  const std::string name = rule.name;
  switch (rule.kind) {
    case Kind::String:
    case Kind::Enum:
      if (!value.is_string()) return invalid(name + " must be a string");
      p.text = value.get<std::string>();
      if (rule.kind == Kind::Enum) DYNADESK_RETURN_IF_ERROR(checkEnum(name, p.text));
      break;
    case Kind::Bool:
      if (!value.is_boolean()) return invalid(name + " must be true or false");
      p.flag = value.get<bool>();
      break;
    case Kind::Integer: {
      if (!value.is_number_integer()) return invalid(name + " must be a whole number");
      // nlohmann keeps non-negative literals as unsigned: read each kind as itself.
      const std::int64_t n =
          value.is_number_unsigned()
              ? static_cast<std::int64_t>(std::min<std::uint64_t>(value.get<std::uint64_t>(), std::numeric_limits<std::int64_t>::max()))
              : value.get<std::int64_t>();
      if (n < std::numeric_limits<std::int32_t>::min() || n > std::numeric_limits<std::int32_t>::max())
        return invalid(name + " is out of range: " + value.dump());
      p.number = static_cast<std::int32_t>(n);
      break;
    }
    case Kind::NameMap:
      if (!value.is_object()) return invalid(name + " must be an object of placeholder names");
      for (const auto& [key, v] : value.items()) {
        if (!v.is_string()) return invalid(name + ": the value of " + key + " must be a string");
        p.names.emplace_back(key, v.get<std::string>());
      }
      std::sort(p.names.begin(), p.names.end(), [](const auto& a, const auto& b) { return naturalLess(a.first, b.first); });
      break;
    case Kind::ValueMap:
      if (!value.is_object()) return invalid(name + " must be an object of attribute values");
      for (const auto& [key, v] : value.items()) {
        auto decoded = attributeValueFromJson(v);
        if (!decoded) return invalid(name + " " + key + ": " + decoded.status().message());
        p.values.emplace_back(key, std::move(decoded).value());
      }
      std::sort(p.values.begin(), p.values.end(),
                [](const auto& a, const auto& b) { return naturalLess(a.first, b.first); });
      break;
  }
  return p;
}

// Every string and key in the document must be valid UTF-8, so literal
// renderers never meet a broken sequence. The walk is bounded: no attribute
// value nests deeper than DynamoDB's 32 levels, so a deeper document is refused
// before it could exhaust the stack.
Status checkText(const nlohmann::json& j, int depth = 0) {
  constexpr int kMaxDepth = 80;  // two JSON levels per attribute level, and a margin
  if (depth > kMaxDepth) return invalid("The request is nested more deeply than DynamoDB allows");
  const auto text = [](const std::string& s) {
    return isValidUtf8(s) ? Status::ok() : invalid("The request holds text that is not valid UTF-8");
  };
  if (j.is_string()) return text(j.get_ref<const std::string&>());
  if (j.is_object()) {
    for (const auto& [key, v] : j.items()) {
      DYNADESK_RETURN_IF_ERROR(text(key));
      DYNADESK_RETURN_IF_ERROR(checkText(v, depth + 1));
    }
  }
  if (j.is_array()) {
    for (const auto& v : j) DYNADESK_RETURN_IF_ERROR(checkText(v, depth + 1));
  }
  return Status::ok();
}

}  // namespace

const CodeParam* CodeRequest::find(const std::string& name) const {
  for (const CodeParam& p : params)
    if (p.name == name) return &p;
  return nullptr;
}

std::string CodeRequest::summary() const {
  std::string out = operation + " on table " + jsonString(tableName);
  if (const CodeParam* index = find("IndexName")) out += ", index " + jsonString(index->text);
  if (parallel()) out += ", all " + std::to_string(totalSegments) + " segments";
  return out;
}

Result<CodeRequest> parseCodeRequest(const std::string& operation, const nlohmann::json& request) {
  if (operation != "Query" && operation != "Scan")
    return invalid("Code can be generated for Query and Scan only, not \"" + operation + "\"");
  if (!request.is_object()) return invalid("The " + operation + " request must be a JSON object");
  DYNADESK_RETURN_IF_ERROR(checkText(request));

  CodeRequest out;
  out.operation = operation;
  out.isQuery = operation == "Query";
  for (const auto& [key, value] : request.items()) {
    if (std::find(kLegacy.begin(), kLegacy.end(), key) != kLegacy.end())
      return invalid(key + " is a legacy parameter; code is generated for requests written with expressions "
                           "(KeyConditionExpression, FilterExpression, ProjectionExpression)");
    const auto rule = std::find_if(kRules.begin(), kRules.end(), [&](const ParamRule& r) { return key == r.name; });
    if (rule == kRules.end() || !(out.isQuery ? rule->query : rule->scan))
      return invalid(operation + " has no parameter named " + key);
  }
  for (const ParamRule& rule : kRules) {
    const auto it = request.find(rule.name);
    if (it == request.end() || it->is_null()) continue;
    auto param = parseParam(rule, *it);
    if (!param) return param.status();
    out.params.push_back(std::move(param).value());
  }
  const CodeParam* table = out.find("TableName");
  if (!table) return invalid("The request has no TableName");
  out.tableName = table->text;
  if (const CodeParam* total = out.find("TotalSegments")) out.totalSegments = total->number;
  if (out.parallel()) {
    out.params.erase(std::remove_if(out.params.begin(), out.params.end(),
                                    [](const CodeParam& p) { return p.name == "Segment"; }),
                     out.params.end());
  }
  if (const CodeParam* capacity = out.find("ReturnConsumedCapacity")) out.wantsCapacity = capacity->text != "NONE";
  return out;
}

}  // namespace dynadesk::ui::codegen
