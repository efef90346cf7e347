// Reading a request's SigV4 Authorization header and checking its shape, with
// the errors and messages DynamoDB answers for each problem (as recorded from
// the real service by dynalite's authors and by ScyllaDB Alternator's tests).
//
// DynamoDB checks in this order, and so does RequestAuthenticator:
//   1. readAuthorization: an "AWS4-..." Authorization header
//      (MissingAuthenticationTokenException), its key=value pairs, the
//      Credential, Signature and SignedHeaders parameters and an X-Amz-Date or
//      Date header (IncompleteSignatureException, every missing one named),
//      the date in ISO 8601 basic format (IncompleteSignatureException);
//   2. the 15-minute window (checkRequestTime; only when signatures are verified);
//   3. checkAuthorizationShape: Host among SignedHeaders, the algorithm,
//      five Credential elements, then the scope: a region, the service
//      "dynamodb", the terminator "aws4_request" and the date of X-Amz-Date
//      (InvalidSignatureException, every problem in one message);
//   4. the access key and the signature (request_authenticator.h).
// Presigned URLs (X-Amz-Signature in the query) are not read: no DynamoDB
// client sends them, so such a request counts as unauthenticated.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dynadesk/status.h"
#include "server/http_message.h"

namespace dynadesk::server::sigv4 {

struct Authorization {
  // From readAuthorization():
  std::string header;         // the Authorization header as sent (some messages quote it)
  std::string algorithm;      // its first word, e.g. "AWS4-HMAC-SHA256"
  std::string credential;     // the Credential parameter as sent
  std::string signedHeaders;  // the SignedHeaders parameter as sent, e.g. "host;x-amz-date"
  std::string signature;      // the Signature parameter as sent
  std::string requestTime;    // X-Amz-Date (or Date when there is none) as sent, e.g. "20150830T123600Z"
  std::int64_t requestTimeSeconds = 0;  // requestTime as seconds since the Unix epoch

  // From checkAuthorizationShape():
  std::vector<std::string> signedHeaderNames;  // SignedHeaders split on ';', lower case
  std::string accessKeyId, date, region, service;
};

// Step 1. Errors: MissingAuthenticationTokenException "Request is missing
// Authentication Token"; IncompleteSignatureException for a pair without '=',
// missing parameters or date header, or a date not in ISO 8601 basic format.
Result<Authorization> readAuthorization(const HttpRequest& request);

// Step 2: InvalidSignatureException "Signature expired: ..." when the request
// time is more than 15 minutes before nowMillis, "Signature not yet current:
// ..." when more than 15 minutes after it.
Status checkRequestTime(const Authorization& auth, std::int64_t nowMillis);

// Step 3, filling the fields listed above. Errors: InvalidSignatureException
// when Host is not signed or the credential scope is wrong;
// IncompleteSignatureException for another algorithm or a Credential that does
// not have five elements. Any region is accepted (this is a local server);
// the scope must name `service` ("dynamodb", or "monitoring" for CloudWatch).
Status checkAuthorizationShape(Authorization& auth, std::string_view service = "dynamodb");

// Seconds since the Unix epoch as ISO 8601 basic format, "20150830T123600Z".
std::string isoBasicTime(std::int64_t secondsSinceEpoch);

}  // namespace dynadesk::server::sigv4
