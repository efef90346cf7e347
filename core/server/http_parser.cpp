#include "server/http_parser.h"

#include <cctype>

#include "server/header_text.h"

namespace dynadesk::server {

namespace {
// RFC 9110 tchar: the characters allowed in methods and header names.
bool isTokenChar(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~': return true;
    default: return false;
  }
}
bool isToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!isTokenChar(c)) return false;
  }
  return true;
}
// Field values may hold visible characters, spaces, tabs and obs-text; no other controls.
bool isFieldValue(std::string_view s) {
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
  }
  return true;
}
// Calls f(token) for each comma-separated, trimmed, lower-cased token.
template <class F>
void forEachToken(std::string_view list, F f) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    f(asciiLower(trimOws(list.substr(0, comma))));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}
}  // namespace

RequestParser::Step RequestParser::fail(int status, std::string message) {
  failed_ = true;
  error_ = {status, std::move(message)};
  return Step::Failed;
}

RequestParser::Step RequestParser::parse(std::string& buffer) {
  if (failed_) return Step::Failed;
  if (!headDone_) {
    // Tolerate the empty lines some clients leave between requests (RFC 9112 2.2).
    if (scanFrom_ == 0) {
      std::size_t skip = 0;
      while (skip + 1 < buffer.size() && buffer[skip] == '\r' && buffer[skip + 1] == '\n') skip += 2;
      if (skip) buffer.erase(0, skip);
    }
    const std::size_t end = buffer.find("\r\n\r\n", scanFrom_);
    if (end == std::string::npos) {
      if (buffer.size() > limits_.maxHeaderBytes) {
        return fail(431, "The request head is larger than " + std::to_string(limits_.maxHeaderBytes) + " bytes.");
      }
      scanFrom_ = buffer.size() >= 3 ? buffer.size() - 3 : 0;
      return Step::NeedMore;
    }
    const std::size_t headLength = end + 4;
    if (headLength > limits_.maxHeaderBytes) {
      return fail(431, "The request head is larger than " + std::to_string(limits_.maxHeaderBytes) + " bytes.");
    }
    if (!parseHead(std::string_view(buffer).substr(0, end + 2))) return Step::Failed;
    buffer.erase(0, headLength);
    scanFrom_ = 0;
    headDone_ = true;
    if (bodyLength_ > 0 && buffer.capacity() < bodyLength_) buffer.reserve(bodyLength_);
  }
  if (buffer.size() < bodyLength_) return Step::NeedMore;
  request_.body.assign(buffer, 0, bodyLength_);
  buffer.erase(0, bodyLength_);
  return Step::Complete;
}

HttpRequest RequestParser::takeRequest() {
  HttpRequest out = std::move(request_);
  request_ = HttpRequest();
  headDone_ = false;
  continueSent_ = false;
  bodyLength_ = 0;
  return out;
}

// `head` is the request line and header lines, each ending in CRLF.
bool RequestParser::parseHead(std::string_view head) {
  auto nextLine = [&head](std::string_view& line) {
    const std::size_t crlf = head.find("\r\n");
    line = head.substr(0, crlf);
    head.remove_prefix(crlf + 2);
  };
  std::string_view line;
  nextLine(line);
  if (line.find('\n') != std::string_view::npos || line.find('\r') != std::string_view::npos) {
    fail(400, "Malformed request line.");
    return false;
  }
  // request-line = method SP request-target SP HTTP-version
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) {
    fail(400, "Malformed request line.");
    return false;
  }
  const std::string_view method = line.substr(0, sp1);
  const std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = line.substr(sp2 + 1);
  if (!isToken(method) || target.empty() || !isFieldValue(target) || target.find('\t') != std::string_view::npos) {
    fail(400, "Malformed request line.");
    return false;
  }
  if (version == "HTTP/1.1") {
    request_.minorVersion = 1;
  } else if (version == "HTTP/1.0") {
    request_.minorVersion = 0;
  } else if (version.starts_with("HTTP/")) {
    fail(505, "Only HTTP/1.1 and HTTP/1.0 are supported.");
    return false;
  } else {
    fail(400, "Malformed request line.");
    return false;
  }
  request_.method = std::string(method);
  request_.target = std::string(target);

  bool haveLength = false, closeToken = false, keepAliveToken = false;
  int hostCount = 0;
  while (!head.empty()) {
    nextLine(line);
    if (line.empty() || line.front() == ' ' || line.front() == '\t') {
      fail(400, "Malformed header line (folded lines are not accepted).");
      return false;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !isToken(line.substr(0, colon))) {
      fail(400, "Malformed header line.");
      return false;
    }
    const std::string_view value = trimOws(line.substr(colon + 1));
    if (!isFieldValue(value)) {
      fail(400, "A header value contains a control character.");
      return false;
    }
    std::string name = asciiLower(line.substr(0, colon));
    if (name == "content-length") {
      if (value.empty() || value.size() > 18) {
        fail(400, "Invalid Content-Length.");
        return false;
      }
      std::size_t n = 0;
      for (char c : value) {
        if (c < '0' || c > '9') {
          fail(400, "Invalid Content-Length.");
          return false;
        }
        n = n * 10 + static_cast<std::size_t>(c - '0');
      }
      if (haveLength && n != bodyLength_) {
        fail(400, "Conflicting Content-Length headers.");
        return false;
      }
      haveLength = true;
      bodyLength_ = n;
    } else if (name == "transfer-encoding") {
      fail(411, "Transfer-Encoding (chunked bodies) is not supported; send the body with Content-Length.");
      return false;
    } else if (name == "connection") {
      forEachToken(value, [&](const std::string& t) {
        closeToken |= t == "close";
        keepAliveToken |= t == "keep-alive";
      });
    } else if (name == "expect") {
      if (asciiLower(value) == "100-continue" && request_.minorVersion == 1) request_.expectContinue = true;
    } else if (name == "host") {
      ++hostCount;
    }
    request_.headers.emplace_back(std::move(name), std::string(value));
  }
  if (hostCount > 1) {
    fail(400, "More than one Host header.");
    return false;
  }
  if (hostCount == 0 && request_.minorVersion == 1) {
    fail(400, "HTTP/1.1 requests must carry a Host header.");
    return false;
  }
  if (bodyLength_ > limits_.maxBodyBytes) {
    fail(413, "The request body of " + std::to_string(bodyLength_) + " bytes is larger than the limit of " +
                  std::to_string(limits_.maxBodyBytes) + " bytes.");
    return false;
  }
  request_.keepAlive = request_.minorVersion == 1 ? !closeToken : keepAliveToken && !closeToken;
  return true;
}

}  // namespace dynadesk::server
