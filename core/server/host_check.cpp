#include "server/host_check.h"

#include <algorithm>
#include <cctype>

namespace dynadesk::server {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
std::string bracketed(std::string_view host) {
  if (host.find(':') != std::string_view::npos && !host.starts_with('[')) return "[" + std::string(host) + "]";
  return std::string(host);
}
}  // namespace

HostCheck::HostCheck(std::string_view boundHost, int port) : port_(port) {
  const std::string host = lower(boundHost);
  if (host.empty() || host == "0.0.0.0" || host == "::" || host == "[::]") {
    allowsAny_ = true;
    return;
  }
  names_.push_back(bracketed(host));
  const bool loopback = host == "localhost" || host.starts_with("127.") || host == "::1" || host == "[::1]";
  if (loopback) {
    for (const char* name : {"127.0.0.1", "localhost", "[::1]"}) {
      if (std::find(names_.begin(), names_.end(), name) == names_.end()) names_.emplace_back(name);
    }
  }
}

bool HostCheck::allows(std::string_view hostHeader) const {
  if (allowsAny_) return true;
  const std::string value = lower(hostHeader);
  std::string_view name = value;
  int port = 80;
  // The port follows the last ':' unless that ':' sits inside an IPv6 literal.
  const std::size_t colon = value.rfind(':');
  const std::size_t bracket = value.rfind(']');
  if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
    std::string_view digits = std::string_view(value).substr(colon + 1);
    if (digits.empty() || digits.size() > 5) return false;
    port = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      port = port * 10 + (c - '0');
    }
    name = std::string_view(value).substr(0, colon);
  }
  if (port != port_) return false;
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

}  // namespace dynadesk::server
