#include "codegen/code_targets.h"
#include "codegen/python_literals.h"

namespace dynadesk::ui::codegen {

namespace {
std::string valueOf(const CodeParam& p, std::string (*renderValue)(const AttributeValue&)) {
  using Kind = CodeParam::Kind;
  switch (p.kind) {
    case Kind::String:
    case Kind::Enum: return pythonString(p.text);
    case Kind::Bool: return p.flag ? "True" : "False";
    case Kind::Integer: return std::to_string(p.number);
    case Kind::NameMap: {
      if (p.names.empty()) return "{}";
      std::string out = "{\n";
      for (const auto& [key, name] : p.names) out += "        " + pythonString(key) + ": " + pythonString(name) + ",\n";
      return out + "    }";
    }
    case Kind::ValueMap: {
      if (p.values.empty()) return "{}";
      std::string out = "{\n";
      for (const auto& [key, value] : p.values) out += "        " + pythonString(key) + ": " + renderValue(value) + ",\n";
      return out + "    }";
    }
  }
  return "None";
}
}  // namespace

std::string pythonRequestDict(const CodeRequest& request, bool withTable,
                              std::string (*renderValue)(const AttributeValue&)) {
  std::string out = "request = {\n";
  bool any = false;
  for (const CodeParam& p : request.params) {
    if (!withTable && p.name == "TableName") continue;
    out += "    \"" + p.name + "\": " + valueOf(p, renderValue) + ",\n";
    any = true;
  }
  if (!any) return "request = {}\n\n";
  return out + "}\n\n";
}

std::string pythonConnection(const std::string& variable, const std::string& factory, const CodeOptions& options) {
  if (options.endpointUrl.empty())
    return variable + " = boto3." + factory + "(\"dynamodb\", region_name=" + pythonString(options.region) + ")\n";
  return variable + " = boto3." + factory +
         "(\n"
         "    \"dynamodb\",\n"
         "    endpoint_url=" +
         pythonString(options.endpointUrl) +
         ",\n"
         "    region_name=" +
         pythonString(options.region) +
         ",\n"
         "    aws_access_key_id=\"dynadesk\",\n"
         "    aws_secret_access_key=\"dynadesk\",\n"
         ")\n";
}

std::string parallelScanComment(const CodeRequest& request, const std::string& prefix, const std::string& howTo) {
  return prefix + "A parallel scan: DynamoDB splits the table into " + std::to_string(request.totalSegments) +
         " segments and each\n" + prefix + "call reads one. This scans every segment, one after another; " + howTo +
         "\n";
}

std::string pythonShowFunction() {
  return R"PY(def show(response):
    """Prints each item on its own line, then the consumed capacity; returns the count."""
    for item in response.get("Items", []):
        print(to_json(item))
    if "ConsumedCapacity" in response:
        print("ConsumedCapacity:", to_json(response["ConsumedCapacity"]))
    return response["Count"]


)PY";
}

}  // namespace dynadesk::ui::codegen
