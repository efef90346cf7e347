// The DynamoDB JSON 1.0 protocol on top of Engine::call: one HTTP request in,
// one HTTP response out. No sockets here, so it is tested without any.
//
//  - POST (any path) with "X-Amz-Target: DynamoDB_20120810.<Operation>":
//    the body goes to Engine::call; success is 200 with the response JSON,
//    failure is httpStatusOf(status) with errorBody(status).
//  - A missing target or another service prefix: 400 UnknownOperationException,
//    as DynamoDB answers.
//  - Any other method (a health-check GET, a browser's CORS preflight OPTIONS):
//    400 with a plain-text explanation and no CORS headers, so a web page can
//    never get a cross-origin call through (X-Amz-Target forces a preflight).
// Signatures are not checked: this is a local engine, like DynamoDB Local.
//
// Thread-safety: a free function; Engine is thread-safe.
#pragma once

#include <string_view>

#include "server/http_message.h"

namespace dynadesk {
class Engine;
class Status;
}  // namespace dynadesk

namespace dynadesk::server {

inline constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";

HttpResponse handleDynamoDbRequest(Engine& engine, const HttpRequest& request);

// The DynamoDB-style JSON error response for a failed Status, with `httpStatus`
// (normally httpStatusOf(status); 413 for an oversized body).
HttpResponse dynamoDbErrorResponse(const Status& status, int httpStatus);

}  // namespace dynadesk::server
