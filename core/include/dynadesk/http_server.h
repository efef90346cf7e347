// HttpServer: Dynadesk's DynamoDB endpoint — the JSON 1.0 protocol over
// HTTP/1.1 on a TCP port, in front of an Engine.
//
// Clients (boto3, the AWS CLI, the AWS SDKs) point their endpoint URL at url()
// and talk to the engine as they would to DynamoDB: POST / with
// "X-Amz-Target: DynamoDB_20120810.<Operation>", keep-alive, pipelining and
// "Expect: 100-continue" work; responses carry x-amzn-RequestId and
// x-amz-crc32. Requests are not signature-checked (like DynamoDB Local).
//
// Safety: it binds loopback unless told otherwise and answers only to a Host
// header naming the address served (DNS rebinding protection; see
// server/host_check.h). Every input is bounded: head size (431), body size
// (413), a deadline for a request head to arrive (slow-loris), an idle timeout
// for keep-alive connections and stalled reads or writes, and a connection
// count (connections over it are accepted and closed at once).
//
// Threads: one event-loop thread accepts connections and reads requests; a
// small pool of workers runs them through Engine::call and writes the answers.
// The public functions may be called from any thread; stop() must not be called
// from more than one thread at a time (it is idempotent).
// Ownership: the Engine must outlive the server (stop it or destroy it first).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "dynadesk/status.h"

namespace dynadesk {
class Engine;
}

namespace dynadesk::server {

struct HttpServerOptions {
  std::string host = "127.0.0.1";                 // an IP literal or "localhost"; 0.0.0.0 serves every interface
  int port = 0;                                   // 0: the system picks a free port (see port())
  std::size_t maxConnections = 256;               // open connections at once
  std::size_t maxBodyBytes = (16u << 20) + (64u << 10);  // DynamoDB's 16 MiB request limit plus a margin
  std::size_t maxHeaderBytes = 64u << 10;         // request line + headers
  int idleTimeoutMs = 60'000;                     // keep-alive idle, and a stalled body read or response write
  int headerTimeoutMs = 10'000;                   // from a request's first byte to the end of its head
  int workerThreads = 4;                          // concurrent Engine::call()s; at least 1
};

class HttpServer {
 public:
  // Binds, listens and starts serving. Errors: InternalServerError with a
  // plain-language message (cannot resolve the host, port in use, permission).
  // ValidationException for nonsensical options (port out of range, zero limits).
  static Result<std::unique_ptr<HttpServer>> start(Engine& engine, HttpServerOptions options = {});

  // Stops (see stop()).
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The port served (the one the system picked when options.port was 0).
  int port() const;
  // "http://HOST:PORT" with the host as given (IPv6 in brackets), e.g. "http://127.0.0.1:8000".
  std::string url() const;

  // Stops accepting, closes idle and half-read connections, lets requests
  // already being run finish and answers them with "Connection: close", then
  // returns. Bounded: at worst by one Engine::call plus idleTimeoutMs for a
  // client that does not read its answer. Idempotent.
  void stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dynadesk::server
