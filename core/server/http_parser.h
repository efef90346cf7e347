// RequestParser: incremental, strict HTTP/1.1 request parsing for one
// connection.
//
// The connection appends whatever it reads to its input buffer and calls
// parse(); the parser consumes a request from the front of the buffer when it
// is complete and leaves any pipelined bytes behind it. It never reads past the
// limits: a head longer than maxHeaderBytes fails with 431, a Content-Length
// over maxBodyBytes with 413 (before the body is read, so a client that sent
// "Expect: 100-continue" never uploads it).
//
// Deliberately not supported (failures, not guesses): chunked or any other
// Transfer-Encoding (411 — the AWS SDKs always send Content-Length), obsolete
// header line folding, bare LF line endings, HTTP versions other than 1.0/1.1
// (505), conflicting Content-Length headers (400). A failed parser stays failed:
// the connection must answer the error and close, since the stream can no
// longer be framed.
//
// Thread-safety: one parser per connection, used by one thread at a time.
#pragma once

#include <cstddef>
#include <string>

#include "server/http_message.h"

namespace dynadesk::server {

struct HttpLimits {
  std::size_t maxHeaderBytes = 64u << 10;
  std::size_t maxBodyBytes = (16u << 20) + (64u << 10);
};

struct HttpError {
  int status = 400;
  std::string message;
};

class RequestParser {
 public:
  enum class Step { NeedMore, Complete, Failed };

  explicit RequestParser(HttpLimits limits) : limits_(limits) {}

  // Parses from the front of `buffer`, erasing the bytes of the request once it
  // is Complete (then takeRequest() returns it and the parser is ready for the
  // next one). After Failed, error() says why and parse() keeps failing.
  Step parse(std::string& buffer);

  HttpRequest takeRequest();
  const HttpError& error() const { return error_; }

  // True between a complete head and a complete body.
  bool inBody() const { return headDone_; }
  // True when the head asked for 100-continue and it has not been sent yet.
  bool wantsContinue() const { return headDone_ && request_.expectContinue && !continueSent_; }
  void markContinueSent() { continueSent_ = true; }

 private:
  Step fail(int status, std::string message);
  bool parseHead(std::string_view head);

  HttpLimits limits_;
  HttpRequest request_;
  HttpError error_;
  std::size_t scanFrom_ = 0;   // where to resume looking for the end of the head
  std::size_t bodyLength_ = 0;
  bool headDone_ = false;
  bool continueSent_ = false;
  bool failed_ = false;
};

}  // namespace dynadesk::server
