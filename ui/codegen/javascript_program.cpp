#include "codegen/code_targets.h"
#include "codegen/javascript_literals.h"

namespace dynadesk::ui::codegen {

namespace {
std::string valueOf(const CodeParam& p, std::string (*renderValue)(const AttributeValue&)) {
  using Kind = CodeParam::Kind;
  switch (p.kind) {
    case Kind::String:
    case Kind::Enum: return javascriptString(p.text);
    case Kind::Bool: return p.flag ? "true" : "false";
    case Kind::Integer: return std::to_string(p.number);
    case Kind::NameMap: {
      if (p.names.empty()) return "{}";
      std::string out = "{\n";
      for (const auto& [key, name] : p.names) out += "    " + javascriptKey(key) + ": " + javascriptString(name) + ",\n";
      return out + "  }";
    }
    case Kind::ValueMap: {
      if (p.values.empty()) return "{}";
      std::string out = "{\n";
      for (const auto& [key, value] : p.values) out += "    " + javascriptKey(key) + ": " + renderValue(value) + ",\n";
      return out + "  }";
    }
  }
  return "undefined";
}
}  // namespace

std::string javascriptInputObject(const CodeRequest& request, std::string (*renderValue)(const AttributeValue&)) {
  std::string out = "const input = {\n";
  for (const CodeParam& p : request.params) out += "  " + p.name + ": " + valueOf(p, renderValue) + ",\n";
  return out + "};\n\n";
}

std::string javascriptConnection(const CodeOptions& options) {
  if (options.endpointUrl.empty())
    return "const client = new DynamoDBClient({ region: " + javascriptString(options.region) + " });\n";
  return "const client = new DynamoDBClient({\n"
         "  endpoint: " +
         javascriptString(options.endpointUrl) +
         ",\n"
         "  region: " +
         javascriptString(options.region) +
         ",\n"
         "  credentials: { accessKeyId: \"dynadesk\", secretAccessKey: \"dynadesk\" },\n"
         "});\n";
}

std::string javascriptCalls(const CodeRequest& request, const CodeOptions& options, const std::string& clientVariable) {
  const std::string& op = request.operation;
  const bool parallel = request.parallel();
  const std::string indent = parallel ? "  " : "";
  const std::string input = parallel ? "segmentInput" : "input";
  std::string out = "let count = 0;\n";
  if (options.fetchAllPages)
    out += "// The paginator follows LastEvaluatedKey until DynamoDB has returned the last page.\n";
  if (parallel) {
    out += parallelScanComment(request, "// ",
                               "to scan them at\n// the same time, start every segment's scan first and await them "
                               "together (Promise.all).");
    out += "for (let segment = 0; segment < " + std::to_string(request.totalSegments) + "; segment++) {\n";
    out += "  const segmentInput = { ...input, Segment: segment };\n";
  }
  if (options.fetchAllPages) {
    // Limit also goes in as pageSize: older SDK releases replaced the input's
    // Limit with the paginator's pageSize, even when that was unset.
    std::string config = clientVariable == "client" ? "client" : "client: " + clientVariable;
    if (const CodeParam* limit = request.find("Limit")) config += ", pageSize: " + std::to_string(limit->number);
    config = "{ " + config + " }";
    out += indent + "for await (const page of paginate" + op + "(" + config + ", " + input +
           ")) {\n";
    out += indent + "  count += show(page);\n";
    out += indent + "}\n";
  } else {
    out += indent + "count += show(await " + clientVariable + ".send(new " + op + "Command(" + input + ")));\n";
  }
  if (parallel) out += "}\n";
  out += "console.log(`Count: ${count}`);\n";
  return out;
}

}  // namespace dynadesk::ui::codegen
