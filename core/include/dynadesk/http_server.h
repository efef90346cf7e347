// HttpServer: Dynadesk's DynamoDB endpoint — the JSON 1.0 protocol over
// HTTP/1.1 on a TCP port, in front of an Engine.
//
// Clients (boto3, the AWS CLI, the AWS SDKs) point their endpoint URL at url()
// and talk to the engine as they would to DynamoDB: POST / with
// "X-Amz-Target: DynamoDB_20120810.<Operation>", keep-alive, pipelining and
// "Expect: 100-continue" work; responses carry x-amzn-RequestId and
// x-amz-crc32.
//
// Credentials: every request must carry an AWS Signature Version 4
// Authorization header, as the SDKs always send. By default any well-formed one
// is accepted and its signature is not computed (as DynamoDB Local does, so any
// access key works); DynamoDB's errors answer a missing or malformed one
// (MissingAuthenticationTokenException, IncompleteSignatureException,
// InvalidSignatureException). With verifySignatures, signatures are checked
// like DynamoDB does: against the configured access keys, with the request time
// within 15 minutes of the clock (UnrecognizedClientException for an unknown
// key, InvalidSignatureException for a wrong signature or time). Any region in
// the credential scope is accepted — this is a local server; the service must
// be "dynamodb". Details: server/request_authenticator.h.
//
// Browsers: no CORS headers are sent unless corsOrigins names origins; then
// pages from those origins may call the endpoint (server/cors_policy.h).
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
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dynadesk/clock.h"
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
  // Concurrent Engine::call()s; at least 1. A durable write holds its worker
  // until its group commit is on disk, and a group commit can only gather the
  // writes whose workers are waiting, so the pool is sized for many concurrent
  // writers (SDK connection pools run 10 to 50 connections); idle workers cost
  // only their stacks.
  int workerThreads = 64;

  // Signature checking. false: any well-formed SigV4 Authorization header is
  // accepted. true: signatures are verified against `accessKeys` (access key
  // id -> secret access key; must not be empty).
  bool verifySignatures = false;
  std::map<std::string, std::string> accessKeys;
  // The time a signed request's X-Amz-Date must be within 15 minutes of.
  // Null: the system clock. Tests inject a ManualClock.
  std::shared_ptr<const Clock> clock;

  // Web origins whose pages may call the endpoint from a browser, each
  // "scheme://host[:port]" (e.g. "http://localhost:3000") or "*" for any
  // (see checkCorsOrigin()). Empty: no Access-Control-* header is ever sent.
  std::vector<std::string> corsOrigins;
};

// Ok when `origin` may appear in HttpServerOptions::corsOrigins: "*" or
// "scheme://host[:port]" (a trailing '/' is ignored; no path, query, user
// info or whitespace). Otherwise ValidationException with a plain-language
// message naming the value.
Status checkCorsOrigin(std::string_view origin);

class HttpServer {
 public:
  // Binds, listens and starts serving. Errors: InternalServerError with a
  // plain-language message (cannot resolve the host, port in use, permission).
  // ValidationException for nonsensical options (port out of range, zero
  // limits, verifySignatures without access keys, a bad CORS origin).
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
