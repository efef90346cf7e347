// HttpServer: an event-loop thread owns every connection that is idle or
// reading a request; when a request is complete (or has failed to parse) the
// connection moves, with it, to a worker that runs it and writes the answer.
// The worker then waits a moment for the connection's next request and serves
// that too (see kNextRequestWaitMs) before it hands the connection back to the
// loop (or closes it). A connection is therefore only ever touched by one
// thread at a time, and a request's answer is written before the next
// pipelined request on that connection is read.
#include "dynadesk/http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "dynadesk/engine.h"
#include "server/cors_policy.h"
#include "server/dynamodb_endpoint.h"
#include "server/host_check.h"
#include "server/http_parser.h"
#include "server/request_authenticator.h"

namespace dynadesk::server {

namespace {

using SteadyClock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::size_t kReadChunk = 64u << 10;
// After an answer that ends a connection, unread input is drained this long so
// closing does not reset the connection before the client has read the answer.
constexpr milliseconds kLingerTime{1000};
// A keep-alive client (an SDK's connection pool, wrk) usually sends its next
// request right after reading an answer. The worker waits this long for it and
// serves it itself, instead of handing the connection back to the loop and
// having the loop hand the next request to another worker: the benchmark's
// profile showed those two thread switches per request as the largest cost of
// a GetItem. Only when no other request is waiting for a worker.
constexpr int kNextRequestWaitMs = 2;
// Requests one worker serves in a row on one connection before giving it back.
constexpr int kMaxRequestsInARow = 64;

bool sendAllWithin(int fd, std::string_view bytes, int timeoutMs) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd, POLLOUT, 0};
      const int r = ::poll(&p, 1, timeoutMs);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0 || (p.revents & (POLLERR | POLLHUP | POLLNVAL))) return false;
      continue;
    }
    return false;
  }
  return true;
}

struct Connection {
  enum class Phase { Reading, Draining };

  Connection(int fd, HttpLimits limits, std::atomic<std::size_t>& openCount)
      : fd(fd), parser(limits), openCount(openCount) {}
  ~Connection() {
    ::close(fd);
    openCount.fetch_sub(1);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  int fd;
  std::string input;
  RequestParser parser;
  Phase phase = Phase::Reading;
  SteadyClock::time_point requestStart{};  // first byte of the request being read
  SteadyClock::time_point lastActivity{};
  SteadyClock::time_point drainUntil{};
  std::atomic<std::size_t>& openCount;
};

// One unit of work for a worker: a request to run, or a parse error to answer.
struct Job {
  std::unique_ptr<Connection> connection;
  std::optional<HttpRequest> request;
  HttpError error;
};

}  // namespace

struct HttpServer::Impl {
  HttpServerOptions options;
  DynamoDbEndpoint endpoint;
  HttpLimits limits;
  int listenFd = -1;
  int wakeRead = -1, wakeWrite = -1;
  int boundPort = 0;
  std::optional<HostCheck> hostCheck;
  std::atomic<std::size_t> openCount{0};
  std::atomic<bool> stopping{false};
  bool stopped = false;

  // Loop-owned connections, by fd. Only the loop thread touches this map.
  std::unordered_map<int, std::unique_ptr<Connection>> owned;

  std::mutex mutex;  // guards jobs, queueClosed, returned, loopExited
  std::condition_variable jobReady;
  std::deque<Job> jobs;
  bool queueClosed = false;
  std::vector<std::unique_ptr<Connection>> returned;
  bool loopExited = false;

  std::thread loopThread;
  std::vector<std::thread> workers;

  Impl(Engine& e, HttpServerOptions o, RequestAuthenticator authenticator)
      : options(std::move(o)), endpoint(e, std::move(authenticator), CorsPolicy(options.corsOrigins)) {
    limits.maxHeaderBytes = options.maxHeaderBytes;
    limits.maxBodyBytes = options.maxBodyBytes;
  }
  ~Impl() {
    if (listenFd >= 0) ::close(listenFd);
    if (wakeRead >= 0) ::close(wakeRead);
    if (wakeWrite >= 0) ::close(wakeWrite);
  }

  Status listen();
  void wake() {
    const char b = 1;
    [[maybe_unused]] ssize_t n = ::write(wakeWrite, &b, 1);  // a full pipe already means "wake up"
  }

  // Loop thread.
  void runLoop();
  void acceptAll();
  void onReadable(int fd, short revents);
  void processInput(std::unique_ptr<Connection>& slot);
  void dispatch(Job job);
  void absorbReturned();
  SteadyClock::time_point deadlineOf(const Connection& c) const;

  // Worker threads.
  void runWorker();
  void runJob(Job job);
  // Answers one job; returns the connection when it stays open for more.
  std::unique_ptr<Connection> answer(Job job);
  // Waits briefly for the connection's next request; a job when one is complete.
  std::optional<Job> nextRequestOn(std::unique_ptr<Connection>& c);
  void giveBack(std::unique_ptr<Connection> c);
};

Status HttpServer::Impl::listen() {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(options.port);
  std::string host = options.host;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    return Status::internal("Cannot use the address " + options.host + ": " + ::gai_strerror(rc));
  }
  std::string lastError = "no usable address";
  for (addrinfo* a = found; a; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      lastError = std::strerror(errno);
      continue;
    }
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
      lastError = std::strerror(errno);
      ::close(fd);
      continue;
    }
    sockaddr_storage bound{};
    socklen_t len = sizeof bound;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
    boundPort = bound.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                                            : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    listenFd = fd;
    break;
  }
  ::freeaddrinfo(found);
  if (listenFd < 0) {
    return Status::internal("Cannot listen on " + options.host + ":" + service + ": " + lastError);
  }
  int fds[2];
  if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) return Status::internal("Cannot create a pipe: " + std::string(std::strerror(errno)));
  wakeRead = fds[0];
  wakeWrite = fds[1];
  hostCheck.emplace(options.host, boundPort);
  return Status::ok();
}

SteadyClock::time_point HttpServer::Impl::deadlineOf(const Connection& c) const {
  if (c.phase == Connection::Phase::Draining) return c.drainUntil;
  if (c.parser.inBody()) return c.lastActivity + milliseconds(options.idleTimeoutMs);
  if (!c.input.empty()) return c.requestStart + milliseconds(options.headerTimeoutMs);
  return c.lastActivity + milliseconds(options.idleTimeoutMs);
}

void HttpServer::Impl::runLoop() {
  std::vector<pollfd> fds;
  while (!stopping.load()) {
    absorbReturned();
    const auto now = SteadyClock::now();
    // Close what has run out of time; find the next deadline for poll.
    auto next = now + milliseconds(options.idleTimeoutMs);
    for (auto it = owned.begin(); it != owned.end();) {
      const auto deadline = deadlineOf(*it->second);
      if (deadline <= now) {
        it = owned.erase(it);
        continue;
      }
      next = std::min(next, deadline);
      ++it;
    }
    fds.clear();
    fds.push_back({wakeRead, POLLIN, 0});
    fds.push_back({listenFd, POLLIN, 0});
    for (const auto& [fd, c] : owned) fds.push_back({fd, POLLIN, 0});
    const auto waitMs = std::chrono::ceil<milliseconds>(next - now).count();
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(std::max<long long>(waitMs, 1)));
    if (ready < 0) continue;  // EINTR; any other error would repeat on the next turn too
    if (fds[0].revents) {
      char sink[256];
      while (::read(wakeRead, sink, sizeof sink) > 0) {
      }
    }
    if (stopping.load()) break;
    if (fds[1].revents & POLLIN) acceptAll();
    for (std::size_t i = 2; i < fds.size(); ++i) {
      if (fds[i].revents) onReadable(fds[i].fd, fds[i].revents);
    }
  }
  ::close(listenFd);
  listenFd = -1;
  owned.clear();
  std::lock_guard lock(mutex);
  loopExited = true;
  returned.clear();
}

void HttpServer::Impl::acceptAll() {
  for (;;) {
    const int fd = ::accept4(listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;  // EAGAIN, or out of descriptors: try again on the next readiness
    }
    if (openCount.load() >= options.maxConnections) {
      ::close(fd);  // over the limit: refuse at once rather than hold a socket we will not serve
      continue;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    openCount.fetch_add(1);
    auto c = std::make_unique<Connection>(fd, limits, openCount);
    c->lastActivity = SteadyClock::now();
    owned.emplace(fd, std::move(c));
  }
}

void HttpServer::Impl::onReadable(int fd, short revents) {
  auto it = owned.find(fd);
  if (it == owned.end()) return;
  Connection& c = *it->second;
  if (revents & POLLNVAL) {
    owned.erase(it);
    return;
  }
  char buffer[kReadChunk];
  const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
  if (n <= 0) {  // end of stream or a reset: nothing more can be answered
    owned.erase(it);
    return;
  }
  const auto now = SteadyClock::now();
  if (c.phase == Connection::Phase::Draining) return;  // discarded; the drain deadline still applies
  if (c.input.empty() && !c.parser.inBody()) c.requestStart = now;
  c.lastActivity = now;
  c.input.append(buffer, static_cast<std::size_t>(n));
  processInput(it->second);
}

// Moves the connection on if its input holds a complete request or an error.
void HttpServer::Impl::processInput(std::unique_ptr<Connection>& slot) {
  Connection& c = *slot;
  if (c.phase == Connection::Phase::Draining) return;
  const RequestParser::Step step = c.parser.parse(c.input);
  switch (step) {
    case RequestParser::Step::NeedMore:
      if (c.parser.wantsContinue()) {
        c.parser.markContinueSent();
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        // The client is waiting for exactly this, so its receive side is empty
        // and a short non-blocking send succeeds; if not, the client is broken.
        if (::send(c.fd, kContinue.data(), kContinue.size(), MSG_NOSIGNAL | MSG_DONTWAIT) !=
            static_cast<ssize_t>(kContinue.size())) {
          owned.erase(c.fd);
        }
      }
      return;
    case RequestParser::Step::Complete:
    case RequestParser::Step::Failed: {
      // A worker answers both: the request, or the error that ended parsing.
      Job job;
      if (step == RequestParser::Step::Complete) {
        job.request = c.parser.takeRequest();
      } else {
        job.error = c.parser.error();
      }
      const int fd = c.fd;
      job.connection = std::move(slot);
      owned.erase(fd);
      dispatch(std::move(job));
      return;
    }
  }
}

void HttpServer::Impl::dispatch(Job job) {
  {
    std::lock_guard lock(mutex);
    jobs.push_back(std::move(job));
  }
  jobReady.notify_one();
}

void HttpServer::Impl::absorbReturned() {
  std::vector<std::unique_ptr<Connection>> back;
  {
    std::lock_guard lock(mutex);
    back.swap(returned);
  }
  const auto now = SteadyClock::now();
  for (auto& c : back) {
    c->lastActivity = now;
    c->requestStart = now;
    const int fd = c->fd;
    auto [it, inserted] = owned.emplace(fd, std::move(c));
    if (inserted) processInput(it->second);  // pipelined bytes may already hold the next request
  }
}

void HttpServer::Impl::runWorker() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex);
      jobReady.wait(lock, [this] { return !jobs.empty() || queueClosed; });
      if (jobs.empty()) return;  // closed and drained: every accepted request was answered
      job = std::move(jobs.front());
      jobs.pop_front();
    }
    runJob(std::move(job));
  }
}

void HttpServer::Impl::runJob(Job job) {
  std::unique_ptr<Connection> c = answer(std::move(job));
  for (int served = 1; c && served < kMaxRequestsInARow; ++served) {
    std::optional<Job> next = nextRequestOn(c);
    if (!next) break;
    c = answer(std::move(*next));
  }
  if (c) giveBack(std::move(c));
}

std::optional<Job> HttpServer::Impl::nextRequestOn(std::unique_ptr<Connection>& c) {
  if (c->phase != Connection::Phase::Reading || stopping.load()) return std::nullopt;
  {
    std::lock_guard lock(mutex);
    if (!jobs.empty()) return std::nullopt;  // others are waiting for a worker: be fair
  }
  for (;;) {
    const RequestParser::Step step = c->parser.parse(c->input);
    if (step != RequestParser::Step::NeedMore) {
      Job job;
      if (step == RequestParser::Step::Complete) {
        job.request = c->parser.takeRequest();
      } else {
        job.error = c->parser.error();
      }
      job.connection = std::move(c);
      return job;
    }
    // 100-continue and slow senders are the loop's business, with its deadlines.
    if (c->parser.wantsContinue()) return std::nullopt;
    pollfd p{c->fd, POLLIN, 0};
    const int r = ::poll(&p, 1, kNextRequestWaitMs);
    if (r <= 0 || !(p.revents & POLLIN)) return std::nullopt;
    char buffer[kReadChunk];
    const ssize_t n = ::recv(c->fd, buffer, sizeof buffer, 0);
    if (n <= 0) return std::nullopt;  // the loop sees the end of stream (or retries) too
    const auto now = SteadyClock::now();
    if (c->input.empty() && !c->parser.inBody()) c->requestStart = now;
    c->lastActivity = now;
    c->input.append(buffer, static_cast<std::size_t>(n));
  }
}

std::unique_ptr<Connection> HttpServer::Impl::answer(Job job) {
  HttpResponse response;
  bool keepAlive = false;
  try {
    if (job.request) {
      const HttpRequest& request = *job.request;
      keepAlive = request.keepAlive;
      const auto host = request.header("host");
      if (host && !hostCheck->allows(*host)) {  // the parser already requires Host on HTTP/1.1
        response = plainTextResponse(400, "This server answers only to its own address (" +
                                              std::string(*host) +
                                              " is not one); the Host check protects against DNS rebinding.");
      } else {
        response = endpoint.handle(request);
      }
    } else if (job.error.status == 413) {
      response = dynamoDbErrorResponse(Status::validation(job.error.message), 413);
    } else {
      response = plainTextResponse(job.error.status, job.error.message);
    }
  } catch (const std::exception& e) {  // e.g. bad_alloc: answer 500, keep serving
    response = dynamoDbErrorResponse(Status::internal(std::string("Internal server error: ") + e.what()), 500);
    keepAlive = false;
  }
  if (stopping.load()) keepAlive = false;
  std::unique_ptr<Connection> c = std::move(job.connection);
  if (!sendAllWithin(c->fd, serializeResponse(response, keepAlive), options.idleTimeoutMs)) return nullptr;  // closes
  if (keepAlive) return c;
  // Half-close so the client sees the end of the answer, then let the loop
  // drain whatever it still sends before closing.
  ::shutdown(c->fd, SHUT_WR);
  c->phase = Connection::Phase::Draining;
  c->drainUntil = SteadyClock::now() + kLingerTime;
  c->input.clear();
  return c;
}

void HttpServer::Impl::giveBack(std::unique_ptr<Connection> c) {
  {
    std::lock_guard lock(mutex);
    if (loopExited) return;  // stopping: the connection closes here
    returned.push_back(std::move(c));
  }
  wake();
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<HttpServer>> HttpServer::start(Engine& engine, HttpServerOptions options) {
  if (options.port < 0 || options.port > 65535) return Status::validation("The port must be between 0 and 65535.");
  if (options.maxConnections == 0 || options.maxHeaderBytes < 64 || options.idleTimeoutMs <= 0 ||
      options.headerTimeoutMs <= 0) {
    return Status::validation("Server limits and timeouts must be positive.");
  }
  if (options.verifySignatures && options.accessKeys.empty()) {
    return Status::validation("Signature checking needs at least one access key.");
  }
  for (const std::string& origin : options.corsOrigins) DYNADESK_RETURN_IF_ERROR(checkCorsOrigin(origin));
  options.workerThreads = std::max(1, options.workerThreads);
  RequestAuthenticator authenticator;
  if (options.verifySignatures) {
    std::shared_ptr<const Clock> clock = options.clock ? options.clock : std::make_shared<SystemClock>();
    authenticator = RequestAuthenticator(options.accessKeys, std::move(clock));
  }
  auto impl = std::make_unique<Impl>(engine, std::move(options), std::move(authenticator));
  DYNADESK_RETURN_IF_ERROR(impl->listen());
  Impl* raw = impl.get();
  raw->loopThread = std::thread([raw] { raw->runLoop(); });
  for (int i = 0; i < raw->options.workerThreads; ++i) raw->workers.emplace_back([raw] { raw->runWorker(); });
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::~HttpServer() { stop(); }

int HttpServer::port() const { return impl_->boundPort; }

std::string HttpServer::url() const {
  std::string host = impl_->options.host;
  if (host.find(':') != std::string::npos && !host.starts_with('[')) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(impl_->boundPort);
}

void HttpServer::stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->stopping.store(true);
  impl_->wake();
  impl_->loopThread.join();
  {
    std::lock_guard lock(impl_->mutex);
    impl_->queueClosed = true;
  }
  impl_->jobReady.notify_all();
  for (auto& w : impl_->workers) w.join();
  impl_->workers.clear();
}

}  // namespace dynadesk::server
