#include "server/sigv4.h"

#include <algorithm>
#include <utility>

#include "server/crypto.h"

namespace dynadesk::server::sigv4 {

namespace {

bool isUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '~';
}

// RFC 3986 percent-encoding with upper-case hex, as SigV4 requires.
std::string percentEncode(std::string_view s, bool keepSlash) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (isUnreserved(c) || (keepSlash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kDigits[c >> 4];
      out += kDigits[c & 0x0f];
    }
  }
  return out;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes; a '%' not followed by two hex digits stays as it is
// (it will be re-encoded as %25, which is what a client that sent it raw signed).
std::string percentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hexValue(s[i + 1]), lo = hexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

bool isSpace(char c) { return c == ' ' || c == '\t'; }

// Trims and collapses inner whitespace runs to one space.
void appendCanonicalValue(std::string& out, std::string_view value) {
  bool pendingSpace = false;
  bool any = false;
  for (char c : value) {
    if (isSpace(c)) {
      pendingSpace = any;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    any = true;
    out += c;
  }
}

}  // namespace

std::string canonicalUri(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view segment = path.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string normalized = "/";
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) normalized += '/';
    normalized += segments[i];
  }
  if (!segments.empty() && path.ends_with('/')) normalized += '/';
  return percentEncode(normalized, /*keepSlash=*/true);
}

std::string canonicalQueryString(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  for (std::size_t start = 0; start < query.size();) {
    std::size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    const std::string_view pair = query.substr(start, amp - start);
    if (!pair.empty()) {
      const std::size_t eq = pair.find('=');
      const std::string_view name = pair.substr(0, eq);
      const std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
      params.emplace_back(percentEncode(percentDecode(name), false), percentEncode(percentDecode(value), false));
    }
    start = amp + 1;
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

std::string canonicalHeaders(const HttpRequest& request, const std::vector<std::string>& signedHeaderNames) {
  std::string out;
  for (const std::string& name : signedHeaderNames) {
    out += name;
    out += ':';
    bool first = true;
    for (const auto& [headerName, value] : request.headers) {
      if (headerName != name) continue;
      if (!first) out += ',';
      first = false;
      appendCanonicalValue(out, value);
    }
    out += '\n';
  }
  return out;
}

std::string canonicalRequest(const HttpRequest& request, std::string_view signedHeaders,
                             const std::vector<std::string>& signedHeaderNames, std::string_view payloadHashHex) {
  const std::string_view target = request.target;
  const std::size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  const std::string_view query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
  std::string out;
  out += request.method;
  out += '\n';
  out += canonicalUri(path);
  out += '\n';
  out += canonicalQueryString(query);
  out += '\n';
  out += canonicalHeaders(request, signedHeaderNames);
  out += '\n';
  out += signedHeaders;
  out += '\n';
  out += payloadHashHex;
  return out;
}

std::string credentialScope(std::string_view date, std::string_view region, std::string_view service) {
  std::string out;
  out.append(date).append("/").append(region).append("/").append(service).append("/").append(kTerminator);
  return out;
}

std::string stringToSign(std::string_view requestTime, std::string_view scope, std::string_view canonicalRequest) {
  std::string out(kAlgorithm);
  out.append("\n").append(requestTime).append("\n").append(scope).append("\n");
  out += crypto::toHex(crypto::sha256(canonicalRequest));
  return out;
}

std::string signingKey(std::string_view secretAccessKey, std::string_view date, std::string_view region,
                       std::string_view service) {
  std::string key = crypto::hmacSha256("AWS4" + std::string(secretAccessKey), date);
  key = crypto::hmacSha256(key, region);
  key = crypto::hmacSha256(key, service);
  return crypto::hmacSha256(key, kTerminator);
}

std::string signature(std::string_view signingKey, std::string_view stringToSign) {
  return crypto::toHex(crypto::hmacSha256(signingKey, stringToSign));
}

}  // namespace dynadesk::server::sigv4
