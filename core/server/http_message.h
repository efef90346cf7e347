// HttpRequest and HttpResponse: the plain values that pass between the parser,
// the DynamoDB endpoint and the connection code, and the one function that
// turns a response into bytes on the wire.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dynadesk::server {

struct HttpRequest {
  std::string method;   // as sent, e.g. "POST"
  std::string target;   // request-target, e.g. "/"
  int minorVersion = 1; // HTTP/1.<minorVersion>
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, values trimmed
  std::string body;
  bool keepAlive = true;        // from the version and the Connection header
  bool expectContinue = false;  // "Expect: 100-continue" on HTTP/1.1

  // The first header with this lower-case name, if any.
  std::optional<std::string_view> header(std::string_view lowerName) const;
};

struct HttpResponse {
  int status = 200;
  std::string contentType = "application/x-amz-json-1.0";
  std::string body;
  // x-amzn-RequestId; a fresh one when empty (the CloudWatch protocol repeats it in its body).
  std::string requestId;
  // Sent after the standard ones below (CORS); names as they should appear.
  std::vector<std::pair<std::string, std::string>> headers;
};

// A response whose body is a short plain-text explanation (protocol errors).
HttpResponse plainTextResponse(int status, std::string message);

// "OK", "Bad Request", ... for the statuses this server sends.
std::string_view reasonPhrase(int status);

// The full response: status line, Content-Type, Content-Length,
// x-amzn-RequestId (fresh), x-amz-crc32 of the body, Connection, the
// response's own headers, blank line, body.
std::string serializeResponse(const HttpResponse& response, bool keepAlive);

}  // namespace dynadesk::server
