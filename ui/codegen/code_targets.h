// The six program generators behind generateCode (code_generator.h), one file
// each, plus the pieces the two Python and the two JavaScript generators share.
// Each takes a checked CodeRequest and returns the program text; none fails.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "codegen/code_generator.h"
#include "codegen/code_request.h"

namespace dynadesk::ui::codegen {

std::string pythonResourceCode(const CodeRequest& request, const CodeOptions& options);
std::string pythonClientCode(const CodeRequest& request, const CodeOptions& options);
std::string awsCliCode(const CodeRequest& request, const CodeOptions& options);
std::string javascriptClientCode(const CodeRequest& request, const CodeOptions& options);
std::string javascriptDocumentCode(const CodeRequest& request, const CodeOptions& options);
std::string cppSdkCode(const CodeRequest& request, const CodeOptions& options);

// ---- shared by the Python generators (python_program.cpp) ----
// `request = {...}` with every parameter (but TableName when withTable is
// false), values rendered by renderValue, then a blank line.
std::string pythonRequestDict(const CodeRequest& request, bool withTable,
                              std::string (*renderValue)(const AttributeValue&));
// `<variable> = boto3.<factory>("dynamodb", ...)` with endpoint, region and
// dummy credentials as options say.
std::string pythonConnection(const std::string& variable, const std::string& factory, const CodeOptions& options);
// The generated program's show(response): prints each item (through the
// program's own to_json), then the consumed capacity; returns the count.
std::string pythonShowFunction();
// The comment above a parallel scan's loop over segments.
std::string parallelScanComment(const CodeRequest& request, const std::string& commentPrefix,
                                const std::string& howToRunConcurrently);

// ---- shared by the JavaScript generators (javascript_program.cpp) ----
// `const input = {...};` with values rendered by renderValue, then a blank line.
std::string javascriptInputObject(const CodeRequest& request, std::string (*renderValue)(const AttributeValue&));
// `const client = new DynamoDBClient({...});` as options say.
std::string javascriptConnection(const CodeOptions& options);
// The loop that sends the input (paginated, per segment, as asked) with the
// command or paginator names given, calling show(response) for each page.
std::string javascriptCalls(const CodeRequest& request, const CodeOptions& options, const std::string& clientVariable);

}  // namespace dynadesk::ui::codegen
