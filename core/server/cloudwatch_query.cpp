#include "server/cloudwatch_query.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <set>

namespace dynadesk::server {

using Json = nlohmann::json;

namespace {

// Member types of the operations' inputs and outputs that are not strings
// (botocore's service model; a name means the same everywhere in CloudWatch).
const std::set<std::string, std::less<>> kIntegers = {
    "Period", "EvaluationPeriods", "DatapointsToAlarm", "MaxRecords", "MaxDatapoints", "MaxContributorCount",
    "ActionsSuppressorWaitPeriod", "ActionsSuppressorExtensionPeriod"};
const std::set<std::string, std::less<>> kDoubles = {"Threshold"};
const std::set<std::string, std::less<>> kBooleans = {"ActionsEnabled", "ReturnData", "IncludeLinkedAccounts"};
const std::set<std::string, std::less<>> kTimestamps = {
    "StartTime", "EndTime", "StartDate", "EndDate", "Timestamp", "Timestamps",
    "AlarmConfigurationUpdatedTimestamp", "StateUpdatedTimestamp", "StateTransitionedTimestamp"};
// Lists that may arrive empty ("AlarmNames=").
const std::set<std::string, std::less<>> kLists = {
    "AlarmNames", "AlarmTypes", "Statistics", "ExtendedStatistics", "Dimensions", "OKActions", "AlarmActions",
    "InsufficientDataActions", "MetricDataQueries", "Tags", "OwningAccounts"};

Status badValue(std::string_view name, std::string_view value, std::string_view kind) {
  return Status(ErrorType::InvalidParameterValue,
                "The value '" + std::string(value) + "' for parameter " + std::string(name) + " is not a valid " +
                    std::string(kind) + ".");
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> urlDecode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] == '%') {
      if (i + 2 >= in.size()) return Status(ErrorType::InvalidParameterValue, "The request has malformed percent-encoding.");
      const int hi = hexDigit(in[i + 1]), lo = hexDigit(in[i + 2]);
      if (hi < 0 || lo < 0) return Status(ErrorType::InvalidParameterValue, "The request has malformed percent-encoding.");
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

bool isIndex(std::string_view s) {
  if (s.empty() || s.size() > 6) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return s != "0" && s[0] != '0';
}

// The scalar a member's text stands for, typed by the member's name.
Result<Json> typedValue(std::string_view name, const std::string& text) {
  if (kIntegers.contains(name)) {
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) return badValue(name, text, "integer");
    return Json(v);
  }
  if (kDoubles.contains(name)) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v)) return badValue(name, text, "number");
    return Json(v);
  }
  if (kBooleans.contains(name)) {
    if (text == "true") return Json(true);
    if (text == "false") return Json(false);
    return badValue(name, text, "boolean");
  }
  if (kTimestamps.contains(name)) {
    auto t = parseIsoTimestamp(text);
    if (!t) return badValue(name, text, "timestamp");
    return Json(*t);
  }
  return Json(text);
}

// Places `value` at `path` ("Dimensions.member.1.Name") inside `root`.
Status insert(Json& root, std::string_view path, const std::string& text) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const std::size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  Json* node = &root;
  std::string_view name;  // the member the current node belongs to
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string_view part = parts[i];
    if (part.empty()) return Status(ErrorType::InvalidParameterValue, "The parameter " + std::string(path) + " is not valid.");
    if (part == "member" && i + 1 < parts.size() && !parts[i + 1].empty() &&
        parts[i + 1].find_first_not_of("0123456789") == std::string_view::npos) {
      if (!isIndex(parts[i + 1])) {
        return Status(ErrorType::InvalidParameterValue, "The parameter " + std::string(path) + " is not valid.");
      }
      if (!node->is_array()) {
        if (!node->is_null() && !(node->is_string() && node->get_ref<const std::string&>().empty())) {
          return Status(ErrorType::InvalidParameterValue, "The parameter " + std::string(path) + " is not valid.");
        }
        *node = Json::array();
      }
      std::size_t index = 0;
      std::from_chars(parts[i + 1].data(), parts[i + 1].data() + parts[i + 1].size(), index);
      if (index > 1000) return Status(ErrorType::InvalidParameterValue, "The parameter " + std::string(path) + " is not valid.");
      while (node->size() < index) node->push_back(nullptr);
      node = &(*node)[index - 1];
      ++i;
      continue;
    }
    if (node->is_null()) *node = Json::object();
    if (!node->is_object()) return Status(ErrorType::InvalidParameterValue, "The parameter " + std::string(path) + " is not valid.");
    name = part;
    node = &(*node)[std::string(part)];
  }
  if (text.empty() && kLists.contains(name) && node->is_null()) {
    *node = Json::array();
    return Status::ok();
  }
  DYNADESK_ASSIGN_OR_RETURN(Json value, typedValue(name, text));
  *node = std::move(value);
  return Status::ok();
}

void appendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\r': out += "&#13;"; break;
      default: out += c;
    }
  }
}

std::string numberText(const Json& v) {
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  const double d = v.get<double>();
  // Plain decimal text botocore reads with float(); integral values keep ".0" as CloudWatch's do.
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

void appendValue(std::string& out, std::string_view name, const Json& v, bool timestamps);

void appendElement(std::string& out, std::string_view name, const Json& v, bool timestamps) {
  out += '<';
  out += name;
  out += '>';
  appendValue(out, name, v, timestamps);
  out += "</";
  out += name;
  out += '>';
}

void appendValue(std::string& out, std::string_view name, const Json& v, bool timestamps) {
  if (v.is_object()) {
    // The one map among the outputs (a datapoint's percentiles) is written as entries.
    if (name == "ExtendedStatistics") {
      for (const auto& [key, value] : v.items()) {
        out += "<entry><key>";
        appendEscaped(out, key);
        out += "</key>";
        appendElement(out, "value", value, false);
        out += "</entry>";
      }
      return;
    }
    for (const auto& [key, value] : v.items()) appendElement(out, key, value, kTimestamps.contains(key));
  } else if (v.is_array()) {
    for (const auto& element : v) appendElement(out, "member", element, timestamps);
  } else if (v.is_boolean()) {
    out += v.get<bool>() ? "true" : "false";
  } else if (v.is_number()) {
    out += timestamps ? isoTimestamp(v.get<double>()) : numberText(v);
  } else if (v.is_string()) {
    appendEscaped(out, v.get_ref<const std::string&>());
  }
}

// CloudWatch's codes for what the signature checks find.
std::string_view queryCode(ErrorType type) {
  switch (type) {
    case ErrorType::MissingAuthenticationTokenException: return "MissingAuthenticationToken";
    case ErrorType::UnrecognizedClientException: return "InvalidClientTokenId";
    case ErrorType::InvalidSignatureException: return "SignatureDoesNotMatch";
    case ErrorType::IncompleteSignatureException: return "IncompleteSignature";
    case ErrorType::InternalServerError: return "InternalServiceError";
    case ErrorType::ValidationException: return "ValidationError";
    default: return errorTypeName(type);
  }
}

std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

}  // namespace

Result<CloudWatchQuery> decodeCloudWatchQuery(std::string_view body) {
  CloudWatchQuery q;
  q.request = Json::object();
  for (std::size_t start = 0; start < body.size();) {
    std::size_t amp = body.find('&', start);
    if (amp == std::string_view::npos) amp = body.size();
    const std::string_view pair = body.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    DYNADESK_ASSIGN_OR_RETURN(std::string key, urlDecode(pair.substr(0, eq)));
    DYNADESK_ASSIGN_OR_RETURN(std::string value,
                              urlDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1)));
    if (key == "Action") {
      q.action = std::move(value);
    } else if (key != "Version") {
      DYNADESK_RETURN_IF_ERROR(insert(q.request, key, value));
    }
  }
  if (q.action.empty()) {
    return Status(ErrorType::MissingParameter, "The request must contain the parameter Action.");
  }
  return q;
}

std::string encodeCloudWatchResponse(std::string_view action, const Json& response, std::string_view requestId) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<";
  out += action;
  out += "Response xmlns=\"";
  out += kCloudWatchXmlNamespace;
  out += "\">";
  if (response.is_object() && !response.empty()) {
    out += '<';
    out += action;
    out += "Result>";
    appendValue(out, "", response, false);
    out += "</";
    out += action;
    out += "Result>";
  }
  out += "<ResponseMetadata><RequestId>";
  appendEscaped(out, requestId);
  out += "</RequestId></ResponseMetadata></";
  out += action;
  out += "Response>\n";
  return out;
}

std::string encodeCloudWatchError(const Status& status, std::string_view requestId) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"";
  out += kCloudWatchXmlNamespace;
  out += "\"><Error><Type>";
  out += isServerError(status.type()) ? "Receiver" : "Sender";
  out += "</Type><Code>";
  out += queryCode(status.type());
  out += "</Code><Message>";
  appendEscaped(out, status.message());
  out += "</Message></Error><RequestId>";
  appendEscaped(out, requestId);
  out += "</RequestId></ErrorResponse>\n";
  return out;
}

std::string isoTimestamp(double secondsSinceEpoch) {
  const auto millis = static_cast<std::int64_t>(std::llround(secondsSinceEpoch * 1000.0));
  std::int64_t days = millis / 86'400'000;
  std::int64_t rest = millis % 86'400'000;
  if (rest < 0) {
    rest += 86'400'000;
    --days;
  }
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  civilFromDays(days, y, m, d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(y), m, d,
                static_cast<long long>(rest / 3'600'000), static_cast<long long>(rest / 60'000 % 60),
                static_cast<long long>(rest / 1000 % 60), static_cast<long long>(rest % 1000));
  return buf;
}

Result<double> parseIsoTimestamp(std::string_view t) {
  const Status bad(ErrorType::InvalidParameterValue, "Invalid timestamp: " + std::string(t));
  auto digits = [&](std::size_t pos, std::size_t n, int& out) {
    if (pos + n > t.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(0, 4, year) || t.size() < 19 || t[4] != '-' || !digits(5, 2, month) || t[7] != '-' ||
      !digits(8, 2, day) || (t[10] != 'T' && t[10] != 't' && t[10] != ' ') || !digits(11, 2, hour) || t[13] != ':' ||
      !digits(14, 2, minute) || t[16] != ':' || !digits(17, 2, second)) {
    return bad;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return bad;
  std::size_t pos = 19;
  double fraction = 0;
  if (pos < t.size() && t[pos] == '.') {
    double scale = 0.1;
    ++pos;
    const std::size_t begin = pos;
    while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') {
      fraction += (t[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == begin) return bad;
  }
  int offsetSeconds = 0;
  if (pos < t.size()) {
    if (t[pos] == 'Z' || t[pos] == 'z') {
      ++pos;
    } else if (t[pos] == '+' || t[pos] == '-') {
      int oh = 0, om = 0;
      if (!digits(pos + 1, 2, oh) || pos + 3 >= t.size() || t[pos + 3] != ':' || !digits(pos + 4, 2, om)) return bad;
      offsetSeconds = (oh * 3600 + om * 60) * (t[pos] == '-' ? -1 : 1);
      pos += 6;
    }
  }
  if (pos != t.size()) return bad;
  const std::int64_t days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return static_cast<double>(days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds) + fraction;
}

}  // namespace dynadesk::server
