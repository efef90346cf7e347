// CorsPolicy: which web pages may call this endpoint from a browser.
//
// Off unless origins are configured (HttpServerOptions::corsOrigins), and then
// no Access-Control-* header is ever sent: a page on another origin cannot read
// an answer, and since every DynamoDB call carries X-Amz-Target (a header that
// forces a preflight), it cannot even send one.
//
// With origins configured, for a request whose Origin header is one of them
// (compared case-insensitively; "*" allows any):
//  - a preflight (OPTIONS with Access-Control-Request-Method: POST) is answered
//    200 with Allow-Origin, Allow-Methods POST, Allow-Headers (the headers the
//    AWS SDK for JavaScript sends from a browser), Expose-Headers
//    (x-amzn-RequestId, x-amz-crc32, which the SDK reads) and Max-Age;
//  - every answer to a POST (successes and DynamoDB errors alike) gets
//    Allow-Origin and Expose-Headers; other methods get none.
// Allow-Origin echoes the request's origin (with "Vary: Origin" so caches keep
// answers apart), or is "*" when "*" is configured. Requests from other
// origins get no CORS headers at all. Credentials (cookies) are never allowed:
// DynamoDB requests are signed, they do not use cookies.
//
// Thread-safety: immutable after construction; share freely.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/http_message.h"

namespace dynadesk::server {

class CorsPolicy {
 public:
  // `origins` must each pass checkCorsOrigin() (http_server.h); empty: off.
  explicit CorsPolicy(const std::vector<std::string>& origins = {});

  bool enabled() const { return anyOrigin_ || !origins_.empty(); }

  // The answer to a preflight this policy allows; nullopt for anything else
  // (which the endpoint then answers as any other non-POST request).
  std::optional<HttpResponse> preflight(const HttpRequest& request) const;

  // Adds Allow-Origin and Expose-Headers to the answer to a POST from an allowed origin.
  void decorate(const HttpRequest& request, HttpResponse& response) const;

 private:
  // The Access-Control-Allow-Origin value for this request; nullopt if not allowed.
  std::optional<std::string> allowedOrigin(const HttpRequest& request) const;

  bool anyOrigin_ = false;
  std::vector<std::string> origins_;  // lower case, no trailing '/'
};

}  // namespace dynadesk::server
