// The DynamoDB Streams API (X-Amz-Target: DynamoDBStreams_20120810.<Op>) on
// the same endpoint: ListStreams, DescribeStream, GetShardIterator and
// GetRecords, answered as DynamoDB Streams answers them (ops/streams.h).
#include <iomanip>
#include <sstream>

#include "api/handlers.h"
#include "api/request_common.h"
#include "dynadesk/attribute_json.h"
#include "ops/streams.h"

namespace dynadesk::api {

namespace {

Json keySchemaJson(const KeySchema& k) {
  Json ks = Json::array({{{"AttributeName", k.partition.name}, {"KeyType", "HASH"}}});
  if (k.sort) ks.push_back({{"AttributeName", k.sort->name}, {"KeyType", "RANGE"}});
  return ks;
}

Result<std::string> requiredString(const Json& request, const char* member, const char* path, ConstraintErrors& errors) {
  DYNADESK_ASSIGN_OR_RETURN(auto v, optString(request, member));
  if (!v) errors.notNull(path);
  return v.value_or("");
}

std::string eventIdOf(const ops::StreamInfo& s, std::uint64_t sequence) {
  std::ostringstream out;
  out << std::hex << std::setfill('0') << std::setw(16) << static_cast<std::uint64_t>(s.createdMillis)
      << std::setw(16) << sequence;
  return out.str();
}

}  // namespace

Result<Json> listStreams(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(auto table, optString(request, "TableName"));
  DYNADESK_ASSIGN_OR_RETURN(auto limit, optInt64(request, "Limit"));
  DYNADESK_ASSIGN_OR_RETURN(auto start, optString(request, "ExclusiveStartStreamArn"));
  if (limit && (*limit < 1 || *limit > 100)) {
    errors.add(ConstraintErrors::quote(std::to_string(*limit)), "limit",
               *limit < 1 ? "Member must have value greater than or equal to 1"
                          : "Member must have value less than or equal to 100");
  }
  DYNADESK_RETURN_IF_ERROR(errors.status());
  if (table && !db.findTable(*table)) {
    return Status(ErrorType::ResourceNotFoundException, "Requested resource not found: Table: " + *table + " not found");
  }
  const auto streams = ops::listStreams(db, table);
  Json list = Json::array();
  bool started = !start;
  std::string last;
  bool more = false;
  for (const auto& s : streams) {
    const std::string arn = ops::streamArn(db, s.tableName, s.createdMillis);
    if (!started) {
      started = arn == *start;
      continue;
    }
    if (static_cast<std::int64_t>(list.size()) >= limit.value_or(100)) {
      more = true;
      break;
    }
    list.push_back({{"StreamArn", arn}, {"TableName", s.tableName}, {"StreamLabel", ops::streamLabel(s.createdMillis)}});
    last = arn;
  }
  Json j{{"Streams", std::move(list)}};
  if (more) j["LastEvaluatedStreamArn"] = last;
  return j;
}

Result<Json> describeStream(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(std::string arn, requiredString(request, "StreamArn", "streamArn", errors));
  DYNADESK_RETURN_IF_ERROR(errors.status());
  DYNADESK_ASSIGN_OR_RETURN(ops::StreamInfo s, ops::findStream(db, arn));
  DYNADESK_ASSIGN_OR_RETURN(ops::ShardRange range, ops::shardRange(db, s));
  Json seqRange{{"StartingSequenceNumber", ops::sequenceNumberText(range.first.value_or(range.next))}};
  if (s.closedMillis != 0 && range.next > 1) seqRange["EndingSequenceNumber"] = ops::sequenceNumberText(range.next - 1);
  Json shard{{"ShardId", ops::shardIdOf(s)}, {"SequenceNumberRange", std::move(seqRange)}};
  return Json{{"StreamDescription",
               {{"StreamArn", arn},
                {"StreamLabel", ops::streamLabel(s.createdMillis)},
                {"StreamStatus", s.closedMillis == 0 ? "ENABLED" : "DISABLED"},
                {"StreamViewType", s.viewType},
                {"CreationRequestDateTime", static_cast<double>(s.createdMillis) / 1000.0},
                {"TableName", s.tableName},
                {"KeySchema", keySchemaJson(s.key)},
                {"Shards", Json::array({std::move(shard)})}}}};
}

Result<Json> getShardIterator(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(std::string arn, requiredString(request, "StreamArn", "streamArn", errors));
  DYNADESK_ASSIGN_OR_RETURN(std::string shardId, requiredString(request, "ShardId", "shardId", errors));
  DYNADESK_ASSIGN_OR_RETURN(auto type, optString(request, "ShardIteratorType"));
  DYNADESK_ASSIGN_OR_RETURN(auto sequence, optString(request, "SequenceNumber"));
  if (!type) errors.notNull("shardIteratorType");
  checkEnum(type, "shardIteratorType", {"TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"},
            errors);
  DYNADESK_RETURN_IF_ERROR(errors.status());
  DYNADESK_ASSIGN_OR_RETURN(ops::StreamInfo s, ops::findStream(db, arn));
  if (shardId != ops::shardIdOf(s)) {
    return Status(ErrorType::ResourceNotFoundException,
                  "Requested resource not found: Shard does not exist: " + shardId);
  }
  DYNADESK_ASSIGN_OR_RETURN(std::string iterator, ops::getShardIterator(db, s, *type, sequence));
  return Json{{"ShardIterator", iterator}};
}

Result<Json> getRecords(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(std::string iterator, requiredString(request, "ShardIterator", "shardIterator", errors));
  DYNADESK_ASSIGN_OR_RETURN(auto limit, optInt64(request, "Limit"));
  if (limit && (*limit < 1 || *limit > 1000)) {
    errors.add(ConstraintErrors::quote(std::to_string(*limit)), "limit",
               *limit < 1 ? "Member must have value greater than or equal to 1"
                          : "Member must have value less than or equal to 1000");
  }
  DYNADESK_RETURN_IF_ERROR(errors.status());
  DYNADESK_ASSIGN_OR_RETURN(ops::RecordsPage page, ops::getRecords(db, iterator, static_cast<int>(limit.value_or(1000))));
  Json records = Json::array();
  for (const auto& r : page.records) {
    Json d{{"ApproximateCreationDateTime", static_cast<double>(r.createdMillis / 1000)},
           {"Keys", toJson(r.keys)},
           {"SequenceNumber", ops::sequenceNumberText(r.sequence)},
           {"SizeBytes", r.sizeBytes},
           {"StreamViewType", page.viewType}};
    if (r.newImage) d["NewImage"] = toJson(*r.newImage);
    if (r.oldImage) d["OldImage"] = toJson(*r.oldImage);
    records.push_back({{"eventID", std::to_string(r.createdMillis) + "-" + ops::sequenceNumberText(r.sequence)},
                       {"eventName", r.eventName},
                       {"eventVersion", "1.1"},
                       {"eventSource", "aws:dynamodb"},
                       {"awsRegion", db.region()},
                       {"dynamodb", std::move(d)}});
    if (r.byTimeToLive) {
      records.back()["userIdentity"] = {{"PrincipalId", "dynamodb.amazonaws.com"}, {"Type", "Service"}};
    }
  }
  Json j{{"Records", std::move(records)}};
  if (page.nextShardIterator) j["NextShardIterator"] = *page.nextShardIterator;
  return j;
}

}  // namespace dynadesk::api
