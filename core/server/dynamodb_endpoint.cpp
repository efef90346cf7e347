#include "server/dynamodb_endpoint.h"

#include "dynadesk/engine.h"
#include "server/cloudwatch_query.h"
#include "server/request_id.h"

namespace dynadesk::server {

HttpResponse dynamoDbErrorResponse(const Status& status, int httpStatus) {
  HttpResponse r;
  r.status = httpStatus;
  // Messages may quote client bytes; replace invalid UTF-8 rather than throw.
  r.body = errorBody(status).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

DynamoDbEndpoint::DynamoDbEndpoint(Engine& engine, RequestAuthenticator authenticator, CorsPolicy cors)
    : engine_(engine), authenticator_(std::move(authenticator)), cors_(std::move(cors)) {}

HttpResponse DynamoDbEndpoint::handle(const HttpRequest& request) const {
  if (auto preflight = cors_.preflight(request)) return std::move(*preflight);
  HttpResponse response = answer(request);
  cors_.decorate(request, response);
  return response;
}

HttpResponse DynamoDbEndpoint::answer(const HttpRequest& request) const {
  if (request.method != "POST") {
    return plainTextResponse(400, "Dynadesk serves the DynamoDB API here: send POST / with the header "
                                  "X-Amz-Target: DynamoDB_20120810.<Operation> and a JSON body.");
  }
  const auto target = request.header("x-amz-target");
  if (!target) {
    const auto type = request.header("content-type");
    if (type && type->starts_with("application/x-www-form-urlencoded")) return answerCloudWatchQuery(request);
  } else if (target->starts_with(kCloudWatchTargetPrefix) && target->size() > kCloudWatchTargetPrefix.size()) {
    return answerCloudWatchJson(request, *target);
  }
  auto prefixed = [&](std::string_view prefix) { return target->starts_with(prefix) && target->size() > prefix.size(); };
  const bool keepsPrefix = target && (prefixed(kStreamsTargetPrefix) || prefixed(kWorkbenchTargetPrefix));
  if (!keepsPrefix && (!target || !target->starts_with(kTargetPrefix) || target->size() == kTargetPrefix.size())) {
    const Status unknown(ErrorType::UnknownOperationException, "");
    return dynamoDbErrorResponse(unknown, httpStatusOf(unknown));
  }
  if (Status credentials = authenticator_.check(request); !credentials) {
    return dynamoDbErrorResponse(credentials, httpStatusOf(credentials));
  }
  // DynamoDB operations go by their bare name; Streams and workbench operations keep their
  // prefix, which is how the engine tells them apart (engine.h).
  const std::string_view operation = keepsPrefix ? std::string_view(*target) : target->substr(kTargetPrefix.size());
  auto result = engine_.call(operation, std::string_view(request.body), CallOrigin::Http);
  if (!result) return dynamoDbErrorResponse(result.status(), httpStatusOf(result.status()));
  HttpResponse r;
  r.body = std::move(result).value();
  return r;
}

HttpResponse DynamoDbEndpoint::answerCloudWatchQuery(const HttpRequest& request) const {
  HttpResponse r;
  r.contentType = "text/xml";
  r.requestId = newRequestId();
  auto fail = [&](const Status& status) {
    r.status = httpStatusOf(status);
    r.body = encodeCloudWatchError(status, r.requestId);
    return r;
  };
  if (Status credentials = authenticator_.check(request, kCloudWatchSigningName); !credentials) return fail(credentials);
  auto query = decodeCloudWatchQuery(request.body);
  if (!query) return fail(query.status());
  auto result = engine_.call(std::string(kCloudWatchTargetPrefix) + query->action, query->request, CallOrigin::Http);
  if (!result) {
    if (result.status().type() == ErrorType::UnknownOperationException) {
      return fail(Status(ErrorType::InvalidAction,
                         "The action " + query->action + " is not valid for this web service."));
    }
    return fail(result.status());
  }
  r.body = encodeCloudWatchResponse(query->action, *result, r.requestId);
  return r;
}

HttpResponse DynamoDbEndpoint::answerCloudWatchJson(const HttpRequest& request, std::string_view target) const {
  if (Status credentials = authenticator_.check(request, kCloudWatchSigningName); !credentials) {
    return dynamoDbErrorResponse(credentials, httpStatusOf(credentials));
  }
  auto result = engine_.call(target, std::string_view(request.body), CallOrigin::Http);
  if (!result) return dynamoDbErrorResponse(result.status(), httpStatusOf(result.status()));
  HttpResponse r;
  r.body = std::move(result).value();
  return r;
}

}  // namespace dynadesk::server
