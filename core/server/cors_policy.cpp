#include "server/cors_policy.h"

#include <algorithm>

#include "dynadesk/http_server.h"

namespace dynadesk::server {

namespace {

constexpr std::string_view kAllowHeaders =
    "authorization, content-type, x-amz-date, x-amz-target, x-amz-user-agent, x-amz-security-token, "
    "x-amz-content-sha256, amz-sdk-invocation-id, amz-sdk-request";
constexpr std::string_view kExposeHeaders = "x-amzn-RequestId, x-amz-crc32";
// Firefox honours a day; Chromium caps any value at two hours.
constexpr std::string_view kMaxAgeSeconds = "86400";

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string normalizedOrigin(std::string_view origin) {
  while (origin.ends_with('/')) origin.remove_suffix(1);
  return lower(origin);
}

}  // namespace

Status checkCorsOrigin(std::string_view origin) {
  if (origin == "*") return Status::ok();
  auto refuse = [&] {
    return Status::validation("'" + std::string(origin) +
                              "' is not a web origin: give scheme://host[:port] as the browser's address bar shows"
                              " it (e.g. http://localhost:3000), or * for any origin.");
  };
  const std::size_t separator = origin.find("://");
  if (separator == std::string_view::npos || separator == 0) return refuse();
  for (char c : origin.substr(0, separator)) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
                    c == '-' || c == '.';
    if (!ok) return refuse();
  }
  std::string_view authority = origin.substr(separator + 3);
  while (authority.ends_with('/')) authority.remove_suffix(1);
  if (authority.empty()) return refuse();
  for (char c : authority) {
    if (c == '/' || c == '?' || c == '#' || c == '@' || static_cast<unsigned char>(c) <= ' ') return refuse();
  }
  return Status::ok();
}

CorsPolicy::CorsPolicy(const std::vector<std::string>& origins) {
  for (const std::string& origin : origins) {
    if (origin == "*") {
      anyOrigin_ = true;
    } else {
      origins_.push_back(normalizedOrigin(origin));
    }
  }
}

std::optional<std::string> CorsPolicy::allowedOrigin(const HttpRequest& request) const {
  if (!enabled()) return std::nullopt;
  const auto origin = request.header("origin");
  if (!origin || origin->empty()) return std::nullopt;
  if (anyOrigin_) return std::string("*");
  if (std::find(origins_.begin(), origins_.end(), normalizedOrigin(*origin)) == origins_.end()) return std::nullopt;
  return std::string(*origin);
}

std::optional<HttpResponse> CorsPolicy::preflight(const HttpRequest& request) const {
  if (request.method != "OPTIONS") return std::nullopt;
  const auto method = request.header("access-control-request-method");
  if (!method || *method != "POST") return std::nullopt;
  auto allowOrigin = allowedOrigin(request);
  if (!allowOrigin) return std::nullopt;
  HttpResponse r;
  r.contentType = "text/plain; charset=utf-8";
  r.headers.emplace_back("Access-Control-Allow-Origin", *allowOrigin);
  r.headers.emplace_back("Access-Control-Allow-Methods", "POST");
  r.headers.emplace_back("Access-Control-Allow-Headers", std::string(kAllowHeaders));
  r.headers.emplace_back("Access-Control-Expose-Headers", std::string(kExposeHeaders));
  r.headers.emplace_back("Access-Control-Max-Age", std::string(kMaxAgeSeconds));
  if (*allowOrigin != "*") r.headers.emplace_back("Vary", "Origin");
  return r;
}

void CorsPolicy::decorate(const HttpRequest& request, HttpResponse& response) const {
  if (request.method != "POST") return;  // only DynamoDB calls are for pages to read
  auto allowOrigin = allowedOrigin(request);
  if (!allowOrigin) return;
  response.headers.emplace_back("Access-Control-Allow-Origin", *allowOrigin);
  response.headers.emplace_back("Access-Control-Expose-Headers", std::string(kExposeHeaders));
  if (*allowOrigin != "*") response.headers.emplace_back("Vary", "Origin");
}

}  // namespace dynadesk::server
