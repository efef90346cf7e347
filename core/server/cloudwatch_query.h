// CloudWatch's query protocol, as Debian's boto3 `cloudwatch` client and the
// AWS CLI speak it (botocore's service model for monitoring 2010-08-01):
// a form-encoded POST body "Action=<Op>&Version=2010-08-01&<members>" in, an
// XML document out. The engine serves CloudWatch through its one front door in
// CloudWatch's JSON shapes (engine.h); this file only translates between the
// two, so the endpoint and the workbench share every rule.
//
//   Request members: "A.B" nests structures, "A.member.N" is the Nth element
//   of list A (1-based), "A=" an empty list. Values are typed by member name
//   (Period is an integer, Threshold a double, StartTime a timestamp in
//   ISO 8601 that becomes seconds since the epoch, ActionsEnabled a boolean).
//   Response JSON is written as <OpResponse><OpResult>...</OpResult>
//   <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata>
//   </OpResponse>, lists as <member> elements, the Datapoint map
//   ExtendedStatistics as <entry><key/><value/></entry>, and timestamps
//   (seconds since the epoch in JSON) as ISO 8601 with milliseconds.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dynadesk/status.h"

namespace dynadesk::server {

inline constexpr std::string_view kCloudWatchXmlNamespace = "http://monitoring.amazonaws.com/doc/2010-08-01/";
// The JSON protocol's target prefix, which the engine's operation names carry.
inline constexpr std::string_view kCloudWatchTargetPrefix = "GraniteServiceVersion20100801.";

struct CloudWatchQuery {
  std::string action;        // e.g. "GetMetricStatistics"
  nlohmann::json request;    // the members, in CloudWatch's JSON shapes
};

// Errors: MissingParameter (no Action), InvalidParameterValue for a value of
// the wrong type (a Period that is not a number, a malformed timestamp) or
// bad percent-encoding.
Result<CloudWatchQuery> decodeCloudWatchQuery(std::string_view formBody);

// The XML answer to `action` from its JSON response.
std::string encodeCloudWatchResponse(std::string_view action, const nlohmann::json& response,
                                     std::string_view requestId);
// <ErrorResponse><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/></ErrorResponse>;
// signature problems get the codes CloudWatch uses for them (SignatureDoesNotMatch, ...).
std::string encodeCloudWatchError(const Status& status, std::string_view requestId);

// Seconds since the epoch as "2026-11-21T10:15:00.000Z", and back (accepts the
// forms botocore sends: with or without fractional seconds, "Z" or an offset).
std::string isoTimestamp(double secondsSinceEpoch);
Result<double> parseIsoTimestamp(std::string_view text);

}  // namespace dynadesk::server
