// The DynamoDB JSON 1.0 protocol on top of Engine::call: one HTTP request in,
// one HTTP response out. No sockets here, so it is tested without any.
//
//  - A CORS preflight the CorsPolicy allows: its answer (cors_policy.h).
//  - POST (any path) with "X-Amz-Target: DynamoDB_20120810.<Operation>":
//    the credentials are checked (request_authenticator.h), then the body goes
//    to Engine::call; success is 200 with the response JSON, failure is
//    httpStatusOf(status) with errorBody(status).
//  - CloudWatch (the metrics and alarms of the tables): a form-encoded POST
//    without a target is CloudWatch's query protocol, answered in XML
//    (cloudwatch_query.h); "X-Amz-Target: GraniteServiceVersion20100801.<Op>"
//    is its JSON protocol. Both are signed for "monitoring" and go to the
//    engine as "GraniteServiceVersion20100801.<Op>".
//  - A missing target or another service prefix: 400 UnknownOperationException,
//    as DynamoDB answers — before the credentials are looked at, as DynamoDB
//    does too.
//  - Any other method (a health-check GET, a preflight not allowed): 400 with a
//    plain-text explanation.
// Every answer then gets the CORS headers the policy gives its origin (none
// unless CORS is configured).
//
// Differs from DynamoDB in one order: DynamoDB rejects a body that is not JSON
// (SerializationException) and an unknown operation name after the right
// prefix (UnknownOperationException) before it looks at the credentials; here
// the engine judges both after the credentials pass, so such a request without
// valid credentials hears about its credentials first. Either way it is refused.
//
// Thread-safety: immutable after construction; handle() may run on many
// threads (Engine is thread-safe).
#pragma once

#include <string_view>

#include "server/cors_policy.h"
#include "server/http_message.h"
#include "server/request_authenticator.h"

namespace dynadesk {
class Engine;
class Status;
}  // namespace dynadesk

namespace dynadesk::server {

inline constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";
inline constexpr std::string_view kStreamsTargetPrefix = "DynamoDBStreams_20120810.";
// Dynadesk's own workbench operations (core/capacity/README.md); they keep their prefix, as Streams ones do.
inline constexpr std::string_view kWorkbenchTargetPrefix = "DynadeskWorkbench_20261122.";
// CloudWatch requests are signed for this service name.
inline constexpr std::string_view kCloudWatchSigningName = "monitoring";

class DynamoDbEndpoint {
 public:
  // `engine` must outlive the endpoint.
  DynamoDbEndpoint(Engine& engine, RequestAuthenticator authenticator, CorsPolicy cors);

  HttpResponse handle(const HttpRequest& request) const;

 private:
  HttpResponse answer(const HttpRequest& request) const;
  HttpResponse answerCloudWatchQuery(const HttpRequest& request) const;
  HttpResponse answerCloudWatchJson(const HttpRequest& request, std::string_view target) const;

  Engine& engine_;
  RequestAuthenticator authenticator_;
  CorsPolicy cors_;
};

// The DynamoDB-style JSON error response for a failed Status, with `httpStatus`
// (normally httpStatusOf(status); 413 for an oversized body).
HttpResponse dynamoDbErrorResponse(const Status& status, int httpStatus);

}  // namespace dynadesk::server
