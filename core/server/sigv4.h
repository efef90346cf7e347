// The AWS Signature Version 4 algorithm (AWS4-HMAC-SHA256), as pure functions:
// canonical request, string to sign, derived signing key, signature. What a
// request must look like and which errors it gets live in
// sigv4_authorization.h and request_authenticator.h; this file only computes.
//
// The canonical forms follow what the AWS SDKs sign for services other than S3:
//  - URI: the path with empty and "." segments dropped and ".." applied, then
//    every byte outside RFC 3986's unreserved set and '/' percent-encoded — on
//    the path as sent, so an already-encoded path is encoded a second time.
//  - query: each name and value percent-decoded and re-encoded the RFC 3986
//    way (so any valid encoding of the same text signs the same), sorted by
//    name then value, "name=value" joined with '&'.
//  - headers: for each name of SignedHeaders in the order given, every value of
//    that header with surrounding whitespace trimmed and inner runs of
//    whitespace collapsed to one space, several values joined with ','.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/http_message.h"

namespace dynadesk::server::sigv4 {

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kTerminator = "aws4_request";

// The canonical URI of a request-target's path (the part before '?').
std::string canonicalUri(std::string_view path);

// The canonical query string of a request-target's query (after '?', without it).
std::string canonicalQueryString(std::string_view query);

// "name:value\n" for each signed header name (lower case), in the given order.
// A signed header the request lacks canonicalises to "name:\n" (the signature
// then cannot match, which is the right answer).
std::string canonicalHeaders(const HttpRequest& request, const std::vector<std::string>& signedHeaderNames);

// The whole canonical request: method, URI, query, headers, the SignedHeaders
// string as sent, and the hex SHA-256 of the payload, joined with '\n'.
std::string canonicalRequest(const HttpRequest& request, std::string_view signedHeaders,
                             const std::vector<std::string>& signedHeaderNames, std::string_view payloadHashHex);

// "date/region/service/aws4_request".
std::string credentialScope(std::string_view date, std::string_view region, std::string_view service);

// The string to sign: algorithm, request time (ISO 8601 basic, as sent),
// credential scope and the hex SHA-256 of the canonical request.
std::string stringToSign(std::string_view requestTime, std::string_view scope, std::string_view canonicalRequest);

// The derived signing key: HMAC chain over "AWS4" + secret, date (YYYYMMDD),
// region, service and "aws4_request". 32 raw bytes.
std::string signingKey(std::string_view secretAccessKey, std::string_view date, std::string_view region,
                       std::string_view service);

// The signature: lower-case hex of HMAC(signingKey, stringToSign).
std::string signature(std::string_view signingKey, std::string_view stringToSign);

}  // namespace dynadesk::server::sigv4
