#include "codegen/code_generator.h"

#include <exception>

#include "codegen/code_request.h"
#include "codegen/code_targets.h"
#include "codegen/text_escaping.h"

namespace dynadesk::ui {

std::vector<CodeTarget> allCodeTargets() {
  return {CodeTarget::PythonResource,   CodeTarget::PythonClient,       CodeTarget::AwsCli,
          CodeTarget::JavaScriptClient, CodeTarget::JavaScriptDocument, CodeTarget::Cpp};
}

QString codeTargetLabel(CodeTarget target) {
  switch (target) {
    case CodeTarget::PythonResource: return QStringLiteral("Python (boto3 resource)");
    case CodeTarget::PythonClient: return QStringLiteral("Python (boto3 client)");
    case CodeTarget::AwsCli: return QStringLiteral("AWS CLI");
    case CodeTarget::JavaScriptClient: return QStringLiteral("JavaScript (SDK v3 client)");
    case CodeTarget::JavaScriptDocument: return QStringLiteral("JavaScript (DocumentClient)");
    case CodeTarget::Cpp: return QStringLiteral("C++ (AWS SDK)");
  }
  return {};
}

QString codeTargetSyntax(CodeTarget target) {
  switch (target) {
    case CodeTarget::PythonResource:
    case CodeTarget::PythonClient: return QStringLiteral("python");
    case CodeTarget::AwsCli: return QStringLiteral("shell");
    case CodeTarget::JavaScriptClient:
    case CodeTarget::JavaScriptDocument: return QStringLiteral("javascript");
    case CodeTarget::Cpp: return QStringLiteral("cpp");
  }
  return {};
}

QString codeTargetFileExtension(CodeTarget target) {
  switch (target) {
    case CodeTarget::PythonResource:
    case CodeTarget::PythonClient: return QStringLiteral("py");
    case CodeTarget::AwsCli: return QStringLiteral("sh");
    case CodeTarget::JavaScriptClient:
    case CodeTarget::JavaScriptDocument: return QStringLiteral("mjs");
    case CodeTarget::Cpp: return QStringLiteral("cpp");
  }
  return {};
}

Result<std::string> generateCode(CodeTarget target, const std::string& operation, const nlohmann::json& request,
                                 const CodeOptions& options) {
  // Generation only builds strings, so the one failure left after checking is
  // running out of memory; it still must not escape into the GUI.
  try {
    if (!codegen::isValidUtf8(options.endpointUrl) || !codegen::isValidUtf8(options.region))
      return Status::validation("The endpoint URL and region must be valid UTF-8");
    auto parsed = codegen::parseCodeRequest(operation, request);
    if (!parsed) return parsed.status();
    const codegen::CodeRequest& r = *parsed;
    switch (target) {
      case CodeTarget::PythonResource: return codegen::pythonResourceCode(r, options);
      case CodeTarget::PythonClient: return codegen::pythonClientCode(r, options);
      case CodeTarget::AwsCli: return codegen::awsCliCode(r, options);
      case CodeTarget::JavaScriptClient: return codegen::javascriptClientCode(r, options);
      case CodeTarget::JavaScriptDocument: return codegen::javascriptDocumentCode(r, options);
      case CodeTarget::Cpp: return codegen::cppSdkCode(r, options);
    }
    return Status::validation("Unknown code target");
  } catch (const std::exception& e) {
    return Status::internal(std::string("Code generation failed: ") + e.what());
  }
}

}  // namespace dynadesk::ui
