// RequestAuthenticator: decides whether a DynamoDB request's credentials are
// acceptable, with DynamoDB's errors when they are not.
//
// Two modes (HttpServerOptions::verifySignatures):
//  - accepting (the default, as DynamoDB Local): the request must carry a
//    well-formed SigV4 Authorization header — steps 1 and 3 of
//    sigv4_authorization.h, a non-empty access key id and a 64-hex-digit
//    Signature — but the signature is not computed, the key not looked up and
//    the clock not compared, so any client with any credentials gets in.
//  - verifying: all four steps, like DynamoDB: the request time within 15
//    minutes of the clock, the access key one of the configured ones
//    (UnrecognizedClientException "The security token included in the request
//    is invalid."), and the signature recomputed from the request with that
//    key's secret and compared in constant time (InvalidSignatureException
//    with DynamoDB's message, which shows the canonical request and string to
//    sign the server expected, so a client author can see what differs).
// The payload hash always comes from the body received: a client that sent
// x-amz-content-sha256 signed that value, and it only matches when it is the
// hash of this body, so a body changed after signing never passes.
// X-Amz-Security-Token is not checked (there are no sessions here).
//
// Thread-safety: immutable after construction; check() may run on many threads.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "dynadesk/clock.h"
#include "dynadesk/status.h"
#include "server/http_message.h"

namespace dynadesk::server {

class RequestAuthenticator {
 public:
  // Accepting mode.
  RequestAuthenticator() = default;
  // Verifying mode: `secretsByAccessKey` maps access key ids to secret access
  // keys; `clock` is the time the request time is compared with (not null).
  RequestAuthenticator(std::map<std::string, std::string> secretsByAccessKey, std::shared_ptr<const Clock> clock);

  bool verifies() const { return clock_ != nullptr; }

  // Ok, or MissingAuthenticationTokenException, IncompleteSignatureException,
  // InvalidSignatureException or UnrecognizedClientException (all HTTP 400).
  // `service` is the signing name the credential scope must carry.
  Status check(const HttpRequest& request, std::string_view service = "dynamodb") const;

 private:
  std::map<std::string, std::string> secrets_;
  std::shared_ptr<const Clock> clock_;
};

}  // namespace dynadesk::server
