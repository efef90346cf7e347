// Code generation for the Query and Scan builder: turns the exact request the
// builder sends (operation name + DynamoDB wire JSON) into a complete program
// a user can paste and run, in one of six forms.
//
// What every generated program does: creates the client (pointed at
// options.endpointUrl with options.region and Dynadesk's dummy credentials, as
// ui/format/endpoint_snippets does; or, with no endpoint, real AWS with the
// SDK's own credential chain), sends the request with every value exact, and
// prints what came back:
//   - each item on its own line as one line of JSON. The client forms
//     (PythonClient, JavaScriptClient, Cpp) print DynamoDB JSON; the native
//     forms (PythonResource, JavaScriptDocument) print plain JSON with numbers
//     written exactly (never through a double), sets as arrays and binary as
//     base64. AwsCli prints the CLI's own JSON output instead (one document
//     per command run: per segment in a parallel scan);
//   - then "ConsumedCapacity: <json>" per response when the request asked for
//     it, and "Count: <n>" (items over all calls) last.
// options.fetchAllPages follows LastEvaluatedKey to the end (the SDK's
// paginator where it has one). A parallel scan (TotalSegments > 1) scans every
// segment in turn, whatever Segment says, and the code says so in a comment.
//
// Errors (never throws): ValidationException when the operation is not
// "Query" or "Scan", the request is not a JSON object, a parameter is not one
// the operation takes (the legacy KeyConditions/QueryFilter/ScanFilter/
// AttributesToGet/ConditionalOperator are refused: the builder writes
// expressions), a parameter has the wrong JSON type or an unknown enum value,
// an attribute value is malformed (the attribute codec's DynamoDB message), or
// text is not valid UTF-8.
//
// Thread-safety: pure functions; call from any thread.
#pragma once

#include <string>
#include <vector>

#include <QString>
#include <nlohmann/json.hpp>

#include "dynadesk/status.h"

namespace dynadesk::ui {

enum class CodeTarget { PythonResource, PythonClient, AwsCli, JavaScriptClient, JavaScriptDocument, Cpp };

// Every target, in the order a menu shows them.
std::vector<CodeTarget> allCodeTargets();
// "Python (boto3 resource)", "Python (boto3 client)", "AWS CLI",
// "JavaScript (SDK v3 client)", "JavaScript (DocumentClient)", "C++ (AWS SDK)".
QString codeTargetLabel(CodeTarget target);
// "python", "shell", "javascript" or "cpp": for highlighting.
QString codeTargetSyntax(CodeTarget target);
// "py", "sh", "mjs" or "cpp": the extension to save the program under (the
// JavaScript is an ES module with top-level await).
QString codeTargetFileExtension(CodeTarget target);

struct CodeOptions {
  std::string endpointUrl;  // empty: real AWS (no endpoint, no fixed credentials)
  std::string region = "us-east-1";
  bool fetchAllPages = false;  // follow LastEvaluatedKey to the last page
};

Result<std::string> generateCode(CodeTarget target, const std::string& operation, const nlohmann::json& request,
                                 const CodeOptions& options);

}  // namespace dynadesk::ui
