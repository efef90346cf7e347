// Small text helpers for HTTP header values, shared by the request parser and
// the SigV4 header reader: optional whitespace (space and tab, RFC 9110's OWS)
// trimmed from both ends, and ASCII lower-casing for case-insensitive names.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace dynadesk::server {

inline std::string_view trimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// ASCII only, whatever the locale: header names and tokens are ASCII.
inline std::string asciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace dynadesk::server
