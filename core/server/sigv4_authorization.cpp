#include "server/sigv4_authorization.h"

#include <chrono>
#include <cstdio>
#include <optional>
#include <string_view>

#include "server/header_text.h"
#include "server/sigv4.h"

namespace dynadesk::server::sigv4 {

namespace {

constexpr std::int64_t kSkewSeconds = 15 * 60;

Status incomplete(std::string message) { return {ErrorType::IncompleteSignatureException, std::move(message)}; }
Status invalid(std::string message) { return {ErrorType::InvalidSignatureException, std::move(message)}; }

bool isSeparator(char c) { return c == ' ' || c == '\t' || c == ','; }

// "20150830T123600Z" as seconds since the epoch; nullopt unless exactly that shape and a real time.
std::optional<std::int64_t> parseIsoBasic(std::string_view s) {
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return std::nullopt;
  for (std::size_t i = 0; i < 15; ++i) {
    if (i != 8 && (s[i] < '0' || s[i] > '9')) return std::nullopt;
  }
  auto number = [&](std::size_t at, std::size_t length) {
    int v = 0;
    for (std::size_t i = at; i < at + length; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const std::chrono::year_month_day day{std::chrono::year{number(0, 4)},
                                        std::chrono::month{static_cast<unsigned>(number(4, 2))},
                                        std::chrono::day{static_cast<unsigned>(number(6, 2))}};
  const int hour = number(9, 2), minute = number(11, 2), second = number(13, 2);
  if (!day.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const std::int64_t days = std::chrono::sys_days{day}.time_since_epoch().count();
  return days * 86400 + hour * 3600 + minute * 60 + second;
}

}  // namespace

std::string isoBasicTime(std::int64_t secondsSinceEpoch) {
  using namespace std::chrono;
  const sys_seconds time{seconds{secondsSinceEpoch}};
  const sys_days day = floor<days>(time);
  const year_month_day ymd{day};
  const hh_mm_ss hms{time - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buffer;
}

Result<Authorization> readAuthorization(const HttpRequest& request) {
  const auto header = request.header("authorization");
  const std::string_view value = header ? trimOws(*header) : std::string_view();
  // DynamoDB treats anything that is not an AWS4 header as no credentials at all.
  if (!value.starts_with("AWS4-")) {
    return Status(ErrorType::MissingAuthenticationTokenException, "Request is missing Authentication Token");
  }
  Authorization auth;
  auth.header = std::string(*header);

  // The algorithm, then key=value pairs separated by commas and/or whitespace.
  std::size_t pos = 0;
  while (pos < value.size() && !isSeparator(value[pos])) ++pos;
  auth.algorithm = std::string(value.substr(0, pos));
  bool haveCredential = false, haveSignature = false, haveSignedHeaders = false;
  while (pos < value.size()) {
    while (pos < value.size() && isSeparator(value[pos])) ++pos;
    const std::size_t start = pos;
    while (pos < value.size() && !isSeparator(value[pos])) ++pos;
    const std::string_view pair = value.substr(start, pos - start);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      return incomplete("'" + std::string(pair) + "' not a valid key=value pair (missing equal-sign) in " +
                        "Authorization header: '" + auth.header + "'.");
    }
    const std::string_view key = pair.substr(0, eq), v = pair.substr(eq + 1);
    if (key == "Credential") {
      auth.credential = std::string(v);
      haveCredential = !v.empty();
    } else if (key == "Signature") {
      auth.signature = std::string(v);
      haveSignature = !v.empty();
    } else if (key == "SignedHeaders") {
      auth.signedHeaders = std::string(v);
      haveSignedHeaders = true;  // may be empty here; the Host check below then refuses it
    }
  }

  auto dateHeader = request.header("x-amz-date");
  if (!dateHeader || dateHeader->empty()) dateHeader = request.header("date");
  const bool haveDate = dateHeader && !dateHeader->empty();

  std::string missing;
  if (!haveCredential) missing += "Authorization header requires 'Credential' parameter. ";
  if (!haveSignature) missing += "Authorization header requires 'Signature' parameter. ";
  if (!haveSignedHeaders) missing += "Authorization header requires 'SignedHeaders' parameter. ";
  if (!haveDate) missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  if (!missing.empty()) return incomplete(missing + "Authorization=" + auth.header);

  auth.requestTime = std::string(*dateHeader);
  const auto seconds = parseIsoBasic(auth.requestTime);
  if (!seconds) {
    return incomplete("Date must be in ISO-8601 'basic format'. Got '" + auth.requestTime +
                      "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }
  auth.requestTimeSeconds = *seconds;
  return auth;
}

Status checkRequestTime(const Authorization& auth, std::int64_t nowMillis) {
  // Floor division, so a clock before 1970 (tests only) still rounds down.
  const std::int64_t now = nowMillis >= 0 ? nowMillis / 1000 : -((-nowMillis + 999) / 1000);
  if (auth.requestTimeSeconds < now - kSkewSeconds) {
    return invalid("Signature expired: " + auth.requestTime + " is now earlier than " +
                   isoBasicTime(now - kSkewSeconds) + " (" + isoBasicTime(now) + " - 15 min.)");
  }
  if (auth.requestTimeSeconds > now + kSkewSeconds) {
    return invalid("Signature not yet current: " + auth.requestTime + " is still later than " +
                   isoBasicTime(now + kSkewSeconds) + " (" + isoBasicTime(now) + " + 15 min.)");
  }
  return Status::ok();
}

Status checkAuthorizationShape(Authorization& auth, std::string_view service) {
  auth.signedHeaderNames.clear();
  bool hostSigned = false;
  for (std::size_t start = 0; start <= auth.signedHeaders.size();) {
    std::size_t semicolon = auth.signedHeaders.find(';', start);
    if (semicolon == std::string::npos) semicolon = auth.signedHeaders.size();
    std::string name = asciiLower(std::string_view(auth.signedHeaders).substr(start, semicolon - start));
    if (!name.empty()) {
      hostSigned = hostSigned || name == "host";
      auth.signedHeaderNames.push_back(std::move(name));
    }
    start = semicolon + 1;
  }
  if (!hostSigned) return invalid("'Host' must be a 'SignedHeader' in the AWS Authorization.");

  if (auth.algorithm != kAlgorithm) {
    return incomplete("Unsupported AWS 'algorithm': '" + auth.algorithm + "' (only " + std::string(kAlgorithm) +
                      " for now). ");
  }

  // keyid/date/region/service/terminator; trailing slashes do not count.
  std::string_view credential = auth.credential;
  while (credential.ends_with('/')) credential.remove_suffix(1);
  std::vector<std::string_view> parts;
  for (std::size_t start = 0; start <= credential.size();) {
    std::size_t slash = credential.find('/', start);
    if (slash == std::string_view::npos) slash = credential.size();
    parts.push_back(credential.substr(start, slash - start));
    start = slash + 1;
  }
  if (parts.size() != 5) {
    return incomplete("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,"
                      " got '" + auth.credential + "'");
  }
  auth.accessKeyId = std::string(parts[0]);
  auth.date = std::string(parts[1]);
  auth.region = std::string(parts[2]);
  auth.service = std::string(parts[3]);

  std::string problems;
  auto add = [&problems](const std::string& sentence) {
    if (!problems.empty()) problems += ' ';
    problems += sentence;
  };
  if (auth.region.empty()) add("Credential should be scoped to a valid region, not ''.");
  if (auth.service != service) add("Credential should be scoped to correct service: '" + std::string(service) + "'.");
  if (parts[4] != kTerminator) {
    add("Credential should be scoped with a valid terminator: 'aws4_request', not '" + std::string(parts[4]) + "'.");
  }
  const std::string dateOfRequest = auth.requestTime.substr(0, 8);
  if (auth.date != dateOfRequest) {
    add("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" + auth.date +
        "' != '" + dateOfRequest + "', from '" + auth.requestTime + "'.");
  }
  if (!problems.empty()) return invalid(problems);
  return Status::ok();
}

}  // namespace dynadesk::server::sigv4
