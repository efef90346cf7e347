#include "server/dynamodb_endpoint.h"

#include "dynadesk/engine.h"

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
  const bool streams = target && target->starts_with(kStreamsTargetPrefix) && target->size() > kStreamsTargetPrefix.size();
  if (!streams && (!target || !target->starts_with(kTargetPrefix) || target->size() == kTargetPrefix.size())) {
    const Status unknown(ErrorType::UnknownOperationException, "");
    return dynamoDbErrorResponse(unknown, httpStatusOf(unknown));
  }
  if (Status credentials = authenticator_.check(request); !credentials) {
    return dynamoDbErrorResponse(credentials, httpStatusOf(credentials));
  }
  // DynamoDB operations go by their bare name; Streams operations keep their
  // prefix, which is how the engine tells them apart (engine.h).
  const std::string_view operation = streams ? std::string_view(*target) : target->substr(kTargetPrefix.size());
  auto result = engine_.call(operation, std::string_view(request.body), CallOrigin::Http);
  if (!result) return dynamoDbErrorResponse(result.status(), httpStatusOf(result.status()));
  HttpResponse r;
  r.body = std::move(result).value();
  return r;
}

}  // namespace dynadesk::server
