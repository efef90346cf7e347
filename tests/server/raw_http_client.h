// Test support for the HTTP endpoint's tests: a blocking raw HTTP/1.1 client
// over a real socket to 127.0.0.1, and the response it reads.
//
// Thread-safety: one RawClient per thread.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <QString>
#include <cerrno>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace dynadesk::test {

// A well-formed SigV4 Authorization header with its X-Amz-Date, as header
// lines. The signature is valid for nothing: it is what the server's default
// (accepting) mode lets through, and what a verifying server refuses.
inline std::string dummyAuthHeaders() {
  return "X-Amz-Date: 20150830T123600Z\r\n"
         "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
         "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" +
         std::string(64, '0') + "\r\n";
}

struct Response {
  int status = 0;  // 0: no answer (closed or timed out)
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string header(const std::string& n) const { auto it = headers.find(n); return it == headers.end() ? "" : it->second; }
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

// A blocking client socket with 10 s timeouts: a hang fails the test instead of stalling it.
class RawClient {
 public:
  explicit RawClient(int port) : port_(port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawClient() { ::close(fd_); }
  bool connected() const { return connected_; }
  int port() const { return port_; }

  bool send(const std::string& bytes) {
    std::size_t off = 0;
    while (off < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += static_cast<std::size_t>(n);
    }
    return true;
  }
  std::string hostHeader() const { return "127.0.0.1:" + std::to_string(port_); }
  // A POST of `body` to DynamoDB_20120810.<op> (no X-Amz-Target when op is
  // empty), with `extra` header lines and the dummy credentials below.
  std::string request(const std::string& op, const std::string& body, const std::string& extra = "") const {
    return "POST / HTTP/1.1\r\nHost: " + hostHeader() + "\r\nContent-Type: application/x-amz-json-1.0\r\n" +
           (op.empty() ? "" : "X-Amz-Target: DynamoDB_20120810." + op + "\r\n") + extra + dummyAuthHeaders() +
           "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  }
  Response call(const std::string& op, const nlohmann::json& body) {
    send(request(op, body.dump()));
    return read();
  }

  // Reads one response (status line, headers, Content-Length body).
  Response read() {
    Response r;
    std::size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return r;
    }
    const std::string head = buf_.substr(0, end + 2);
    buf_.erase(0, end + 4);
    r.status = std::stoi(head.substr(9, 3));
    std::size_t pos = head.find("\r\n") + 2;
    while (pos < head.size()) {
      const std::size_t eol = head.find("\r\n", pos);
      const std::string line = head.substr(pos, eol - pos);
      const std::size_t colon = line.find(':');
      std::string name = QString::fromStdString(line.substr(0, colon)).toLower().toStdString();
      r.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
      pos = eol + 2;
    }
    const std::size_t length = r.headers.count("content-length") ? std::stoul(r.headers["content-length"]) : 0;
    while (buf_.size() < length) {
      if (!fill()) return Response{};
    }
    r.body = buf_.substr(0, length);
    buf_.erase(0, length);
    return r;
  }
  // True when the server closes its side (EOF) before the timeout.
  bool readsEof() {
    while (buf_.empty()) {
      char c[4096];
      const ssize_t n = ::recv(fd_, c, sizeof c, 0);
      if (n == 0) return true;
      if (n < 0) return errno == ECONNRESET;
      buf_.append(c, static_cast<std::size_t>(n));
    }
    return false;
  }

 private:
  bool fill() {
    char c[65536];
    const ssize_t n = ::recv(fd_, c, sizeof c, 0);
    if (n <= 0) return false;
    buf_.append(c, static_cast<std::size_t>(n));
    return true;
  }
  int fd_;
  int port_;
  bool connected_ = false;
  std::string buf_;
};

}  // namespace dynadesk::test
