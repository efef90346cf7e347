#include "paced_http_load.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <ctime>

namespace {

using Clock = std::chrono::steady_clock;

int connectTo(const std::string& host, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  ::inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

bool sendAll(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads one response; returns its status code (0 on a broken connection) and
// whether its body names a throttle.
int readResponse(int fd, std::string& buffer, bool& throttled) {
  throttled = false;
  std::size_t headEnd;
  char chunk[16384];
  while ((headEnd = buffer.find("\r\n\r\n")) == std::string::npos) {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return 0;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  const int status = std::atoi(buffer.c_str() + 9);  // "HTTP/1.1 200"
  std::size_t length = 0;
  for (const char* name : {"Content-Length:", "content-length:"}) {
    const std::size_t at = buffer.find(name);
    if (at != std::string::npos && at < headEnd) length = std::strtoul(buffer.c_str() + at + std::strlen(name), nullptr, 10);
  }
  const std::size_t total = headEnd + 4 + length;
  while (buffer.size() < total) {
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return 0;
    buffer.append(chunk, static_cast<std::size_t>(n));
  }
  throttled = buffer.find("ProvisionedThroughputExceeded", headEnd) < total;
  buffer.erase(0, total);
  return status;
}

std::string amzDate() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

}  // namespace

PacedHttpLoad::PacedHttpLoad(std::string host, int port, double ratePerSecond, int connections, Builder next)
    : host_(std::move(host)), port_(port), rate_(ratePerSecond), connections_(connections), next_(std::move(next)) {}

PacedHttpLoad::~PacedHttpLoad() { stop(); }

void PacedHttpLoad::start() {
  stop_ = false;
  for (int i = 0; i < connections_; ++i) threads_.emplace_back([this, i] { run(i); });
}

void PacedHttpLoad::stop() {
  stop_ = true;
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void PacedHttpLoad::run(int thread) {
  // The load stands for another program (a user's script), which the kernel
  // would schedule as its own process; niced, its threads do not take the
  // CPU from the process being measured any more than such a script would.
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
  const auto period = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(static_cast<double>(connections_) / rate_));
  // Threads start spread over one period so their requests interleave.
  const auto start = Clock::now() + period * thread / connections_;
  int fd = connectTo(host_, port_);
  std::string buffer;
  const std::string hostHeader = host_ + ":" + std::to_string(port_);
  for (std::uint64_t k = 0; !stop_; ++k) {
    std::this_thread::sleep_until(start + period * static_cast<long>(k));
    if (stop_) break;
    if (fd < 0) fd = connectTo(host_, port_);
    if (fd < 0) {
      ++failed_;
      continue;
    }
    const LoadRequest request = next_(thread, k);
    const std::string date = amzDate();
    std::string wire = "POST / HTTP/1.1\r\nHost: " + hostHeader +
                       "\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810." +
                       request.operation + "\r\nX-Amz-Date: " + date +
                       "\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + date.substr(0, 8) +
                       "/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
                       "Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\r\nContent-Length: " +
                       std::to_string(request.body.size()) + "\r\n\r\n" + request.body;
    ++sent_;
    bool throttled = false;
    const int status = sendAll(fd, wire) ? readResponse(fd, buffer, throttled) : 0;
    if (status == 200) {
      ++ok_;
    } else if (throttled) {
      ++throttled_;
    } else {
      ++failed_;
      if (status == 0) {
        ::close(fd);
        fd = -1;
        buffer.clear();
      }
    }
  }
  if (fd >= 0) ::close(fd);
}
