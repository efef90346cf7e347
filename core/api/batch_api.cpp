#include <cstdio>
#include <map>
#include <functional>

#include "api/handlers.h"
#include "api/request_common.h"
#include "api/request_expressions.h"
#include "expr/projection.h"
#include "dynadesk/attribute_json.h"
#include "dynadesk/limits.h"
#include "ops/batch_ops.h"

namespace dynadesk::api {

namespace {

// A table's write requests as DynamoDB's (Java) front end prints them in a
// constraint message: {Table=[com.amazonaws.dynamodb.v20120810.WriteRequest@1a2b3c4d, ...]}.
// The @hash part is Java's identity hash there; here it is a stable hash of the request.
std::string javaWriteRequests(const std::string& table, const Json& list) {
  std::string s = "{" + table + "=[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    char hash[16];
    std::snprintf(hash, sizeof hash, "%08zx", std::hash<std::string>{}(list[i].dump()) & 0xFFFFFFFFu);
    s += (i ? ", " : "") + std::string("com.amazonaws.dynamodb.v20120810.WriteRequest@") + hash;
  }
  return s + "]}";
}

// The RequestItems map of a batch: present and not empty.
Result<const Json*> readRequestItems(const Json& request, std::string_view valueJavaType) {
  DYNADESK_ASSIGN_OR_RETURN(const Json* items, optMap(request, "RequestItems", valueJavaType));
  ConstraintErrors errors;
  if (!items) {
    errors.notNull("requestItems");
  } else if (items->empty()) {
    errors.add("'{}'", "requestItems", "Member must have length greater than or equal to 1");
  }
  DYNADESK_RETURN_IF_ERROR(errors.status());
  return items;
}

Result<Json> encodeWriteRequests(const std::vector<std::pair<std::string, std::vector<ops::WriteRequest>>>& items) {
  Json out = Json::object();
  for (const auto& [table, reqs] : items) {
    Json arr = Json::array();
    for (const auto& w : reqs) {
      if (w.isPut) arr.push_back(Json{{"PutRequest", {{"Item", toJson(w.itemOrKey)}}}});
      else arr.push_back(Json{{"DeleteRequest", {{"Key", toJson(w.itemOrKey)}}}});
    }
    out[table] = arr;
  }
  return out;
}

}  // namespace

Result<Json> batchWriteItem(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(const Json* items,
                            readRequestItems(request, "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>"));
  ops::BatchWriteRequest r;
  std::size_t total = 0;
  for (const auto& [tableName, list] : items->items()) {
    if (!list.is_array()) return typeMismatch(list, "List");
    if (list.empty() || list.size() > limits::kMaxBatchWriteRequests) {
      errors.add("'" + javaWriteRequests(tableName, list) + "'", "requestItems",
                 "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must "
                 "have length greater than or equal to 1]");
      return errors.status();
    }
    total += list.size();
    std::vector<ops::WriteRequest> reqs;
    for (const auto& w : list) {
      if (!w.is_object()) return typeMismatch(w, "Structure");
      DYNADESK_ASSIGN_OR_RETURN(const Json* put, optStructure(w, "PutRequest"));
      DYNADESK_ASSIGN_OR_RETURN(const Json* del, optStructure(w, "DeleteRequest"));
      if ((put != nullptr) == (del != nullptr)) {
        return Status::validation(
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported "
            "datatypes");
      }
      ops::WriteRequest req;
      req.isPut = put != nullptr;
      DYNADESK_ASSIGN_OR_RETURN(auto value, readAttributeMap(put ? *put : *del, put ? "Item" : "Key"));
      if (!value) {
        errors.notNull(put ? "requestItems.member.putRequest.item" : "requestItems.member.deleteRequest.key");
        return errors.status();
      }
      req.itemOrKey = std::move(*value);
      reqs.push_back(std::move(req));
    }
    r.requestItems.emplace_back(tableName, std::move(reqs));
  }
  if (total > limits::kMaxBatchWriteRequests) {
    return Status::validation("Too many items requested for the BatchWriteItem call");
  }
  DYNADESK_RETURN_IF_ERROR(readConsumedCapacityOption(request, errors));
  DYNADESK_ASSIGN_OR_RETURN(auto rcm, optString(request, "ReturnItemCollectionMetrics"));
  checkEnum(rcm, "returnItemCollectionMetrics", {"SIZE", "NONE"}, errors);
  DYNADESK_RETURN_IF_ERROR(errors.status());

  DYNADESK_ASSIGN_OR_RETURN(ops::BatchWriteResult result, ops::batchWriteItem(db, r));
  DYNADESK_ASSIGN_OR_RETURN(Json unprocessed, encodeWriteRequests(result.unprocessedItems));
  Json answer{{"UnprocessedItems", unprocessed}};
  if (const CapacityDetail detail = capacityDetail(request); detail != CapacityDetail::None) {
    answer["ConsumedCapacity"] = consumedCapacityList(result.consumed, detail);
  }
  if (rcm == "SIZE" && !result.itemCollectionMetrics.empty()) {
    Json byTable = Json::object();
    for (const auto& [table, list] : result.itemCollectionMetrics) {
      Json entries = Json::array();
      for (const auto& m : list) entries.push_back(itemCollectionMetricsJson(m));
      byTable[table] = std::move(entries);
    }
    answer["ItemCollectionMetrics"] = std::move(byTable);
  }
  return answer;
}

Result<Json> batchGetItem(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(const Json* items,
                            readRequestItems(request, "com.amazonaws.dynamodb.v20120810.KeysAndAttributes"));
  ops::BatchGetRequest r;
  // Each table's projection, and the members UnprocessedKeys must echo back.
  std::map<std::string, std::optional<expr::Projection>> projections;
  std::map<std::string, Json> echoed;
  for (const auto& [tableName, ka] : items->items()) {
    if (!ka.is_object()) return typeMismatch(ka, "Structure");
    DYNADESK_ASSIGN_OR_RETURN(const Json* keys, optList(ka, "Keys"));
    DYNADESK_ASSIGN_OR_RETURN(auto consistent, optBool(ka, "ConsistentRead"));
    if (!keys) {
      errors.notNull("requestItems." + tableName + ".member.keys");
      continue;
    }
    if (keys->empty() || keys->size() > limits::kMaxBatchGetKeys) {
      errors.add("'[" + std::to_string(keys->size()) + " keys]'", "requestItems." + tableName + ".member.keys",
                 keys->empty() ? "Member must have length greater than or equal to 1"
                               : "Member must have length less than or equal to 100");
      continue;
    }
    DYNADESK_ASSIGN_OR_RETURN(auto projection, readProjectionOnlyRequest(ka));
    projections[tableName] = std::move(projection);
    Json& echo = echoed[tableName];
    echo = Json::object();
    for (const char* m : {"ProjectionExpression", "ExpressionAttributeNames", "AttributesToGet"}) {
      if (const Json* v = member(ka, m)) echo[m] = *v;
    }
    ops::KeysAndAttributes k;
    k.consistentRead = consistent.value_or(false);
    for (const auto& key : *keys) {
      DYNADESK_ASSIGN_OR_RETURN(Item item, itemFromJson(key));
      k.keys.push_back(std::move(item));
    }
    r.requestItems.emplace_back(tableName, std::move(k));
  }
  DYNADESK_RETURN_IF_ERROR(readConsumedCapacityOption(request, errors));
  DYNADESK_RETURN_IF_ERROR(errors.status());

  DYNADESK_ASSIGN_OR_RETURN(ops::BatchGetResult result, ops::batchGetItem(db, r));
  Json responses = Json::object();
  for (const auto& [table, list] : result.responses) {
    Json arr = Json::array();
    const auto& projection = projections[table];
    for (const auto& item : list) arr.push_back(toJson(projection ? expr::project(item, *projection) : item));
    responses[table] = arr;
  }
  Json unprocessed = Json::object();
  for (const auto& [table, ka] : result.unprocessedKeys) {
    Json keys = Json::array();
    for (const auto& k : ka.keys) keys.push_back(toJson(k));
    Json entry = echoed[table];
    entry["Keys"] = keys;
    if (ka.consistentRead) entry["ConsistentRead"] = true;
    unprocessed[table] = entry;
  }
  Json answer{{"Responses", responses}, {"UnprocessedKeys", unprocessed}};
  if (const CapacityDetail detail = capacityDetail(request); detail != CapacityDetail::None) {
    answer["ConsumedCapacity"] = consumedCapacityList(result.consumed, detail);
  }
  return answer;
}

}  // namespace dynadesk::api
