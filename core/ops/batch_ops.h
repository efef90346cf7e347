// BatchWriteItem and BatchGetItem.
//
// The whole batch is validated before anything is written; a batch write then
// applies every request in one group-committed transaction. DynamoDB does not
// promise atomicity for batches, so this is stronger than required, and faster.
// Requests that provisioned throughput refuses come back unprocessed (when none
// is admitted, the whole call fails with ProvisionedThroughputExceededException,
// as DynamoDB's does); BatchGetItem also returns keys beyond the 16 MB response
// limit as UnprocessedKeys.
//
// Thread-safety: safe to call concurrently.
#pragma once

#include "capacity/consumption.h"

#include <map>
#include <string>
#include <vector>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "ops/database.h"
#include "ops/index_maintenance.h"

namespace dynadesk::ops {

struct WriteRequest {
  bool isPut = true;
  Item itemOrKey;  // the item for a put, the key for a delete
};

struct BatchWriteRequest {
  // Table name -> requests, in request order.
  std::vector<std::pair<std::string, std::vector<WriteRequest>>> requestItems;
};

struct BatchWriteResult {
  // Requests refused by provisioned throughput, per table in request order.
  std::vector<std::pair<std::string, std::vector<WriteRequest>>> unprocessedItems;
  // What the batch consumed, per table it wrote to, in request order.
  std::vector<std::pair<std::string, capacity::Consumption>> consumed;
  // Per table with local indexes: each item collection the batch touched.
  std::vector<std::pair<std::string, std::vector<ItemCollectionMetrics>>> itemCollectionMetrics;
};

struct KeysAndAttributes {
  std::vector<Item> keys;
  bool consistentRead = false;
};

struct BatchGetRequest {
  std::vector<std::pair<std::string, KeysAndAttributes>> requestItems;
};

struct BatchGetResult {
  std::map<std::string, std::vector<Item>> responses;
  // Keys beyond the response size limit or refused by provisioned throughput.
  std::vector<std::pair<std::string, KeysAndAttributes>> unprocessedKeys;
  std::vector<std::pair<std::string, capacity::Consumption>> consumed;  // per table, in request order
};

Result<BatchWriteResult> batchWriteItem(Database& db, const BatchWriteRequest& request);
Result<BatchGetResult> batchGetItem(Database& db, const BatchGetRequest& request);

}  // namespace dynadesk::ops
