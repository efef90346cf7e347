// buildRequest: turns an OperationSpec into the exact Query or Scan request
// the builder sends, after checking everything that can be checked without the
// engine, so the user sees a plain message naming the field instead of a
// parser error.
//
// The request
//   operation "Query" or "Scan"; TableName; IndexName when spec.index is set;
//   KeyConditionExpression (Query); FilterExpression (rows joined with AND, or
//   OR when matchAny); ProjectionExpression; ExpressionAttributeNames (#n0,
//   #n1, ...) and ExpressionAttributeValues (:v0, :v1, ... as DynamoDB JSON);
//   ReturnConsumedCapacity "TOTAL"; ExclusiveStartKey when given.
//   Every attribute name goes through a placeholder, so reserved words
//   (status, name, year) and names with odd characters just work; a name or
//   value used twice shares one placeholder. Options at their default are left
//   out so the request, and code generated from it, stays minimal:
//   ScanIndexForward appears only as false (descending Query), Limit only when
//   pageSize > 0, ConsistentRead only when true, Segment/TotalSegments only on
//   a Scan with more than one segment. Fields that do not apply to the kind
//   (partition value and sort condition on a Scan, segments on a Query) are
//   ignored.
//
// Errors (Status ValidationException, or ResourceNotFoundException for an
// unknown index; messages name the field, e.g. "Filter row 2 (tags[x]): ...")
//   no table; a spec for another table than `shape`; an unknown index;
//   a Query without a partition value; a key value of the wrong type (per
//   shape.attributeTypes) or an empty string/binary key value; a sort key
//   condition on a key without a sort key, with the wrong number of values,
//   begins_with on a number sort key, BETWEEN with the bounds reversed;
//   an empty or malformed path (attribute_path.h) in a filter or projection;
//   projection paths that overlap (info and info.rating, or one path twice) or
//   conflict (a.b and a[0]), which DynamoDB refuses;
//   a filter row with the wrong number of values for its test (BETWEEN takes
//   two, IN one to 100, Exists/NotExists none — their values are ignored);
//   <, <=, >, >=, BETWEEN or begins_with with a value that cannot be ordered
//   (only S, N and B can), BETWEEN bounds of different types or reversed;
//   a size test whose value is not N; an AttributeType value that is not a
//   type code; a Query filter on the key it queries by (DynamoDB refuses it);
//   ConsistentRead on a global secondary index; a negative page size;
//   totalSegments outside 1..1000000; segment outside 0..totalSegments-1.
//
// Thread-safety: pure function.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "dynadesk/status.h"
#include "operation/operation_spec.h"
#include "operation/table_shape.h"

namespace dynadesk::ui {

inline constexpr int kMaxTotalSegments = 1000000;  // DynamoDB's limit for TotalSegments
inline constexpr int kMaxInValues = 100;           // DynamoDB's limit for the IN operator

struct BuiltRequest {
  std::string operation;  // "Query" or "Scan"
  nlohmann::json request;
};

// segment: which parallel-scan segment this request reads (0 when
// totalSegments is 1). exclusiveStartKey: the LastEvaluatedKey of the previous
// page of this segment, passed through unchanged.
Result<BuiltRequest> buildRequest(const OperationSpec& spec, const TableShape& shape, int segment = 0,
                                  const std::optional<nlohmann::json>& exclusiveStartKey = std::nullopt);

}  // namespace dynadesk::ui
