// One handler per DynamoDB operation: decode the request JSON into a typed
// request (shape and constraint checks with DynamoDB's messages), call ops/,
// and encode the typed result as DynamoDB's response JSON.
//
// Thread-safety: handlers are safe to call concurrently.
#pragma once

#include "api/json_shape.h"
#include "ops/database.h"

namespace dynadesk::api {

using Handler = Result<Json> (*)(ops::Database&, const Json&);

// Table operations (table_api.cpp)
Result<Json> createTable(ops::Database& db, const Json& request);
Result<Json> describeTable(ops::Database& db, const Json& request);
Result<Json> listTables(ops::Database& db, const Json& request);
Result<Json> updateTable(ops::Database& db, const Json& request);
Result<Json> deleteTable(ops::Database& db, const Json& request);

// Item operations (item_api.cpp)
Result<Json> putItem(ops::Database& db, const Json& request);
Result<Json> getItem(ops::Database& db, const Json& request);
Result<Json> deleteItem(ops::Database& db, const Json& request);
Result<Json> updateItem(ops::Database& db, const Json& request);  // update_api.cpp

// Batch operations (batch_api.cpp)
Result<Json> batchWriteItem(ops::Database& db, const Json& request);
Result<Json> batchGetItem(ops::Database& db, const Json& request);

// Time to Live (ttl_api.cpp)
Result<Json> updateTimeToLive(ops::Database& db, const Json& request);
Result<Json> describeTimeToLive(ops::Database& db, const Json& request);

// Transactions (transact_api.cpp)
Result<Json> transactWriteItems(ops::Database& db, const Json& request);
Result<Json> transactGetItems(ops::Database& db, const Json& request);

// DynamoDB Streams (streams_api.cpp), routed as "DynamoDBStreams_20120810.<Op>"
Result<Json> listStreams(ops::Database& db, const Json& request);
Result<Json> describeStream(ops::Database& db, const Json& request);
Result<Json> getShardIterator(ops::Database& db, const Json& request);
Result<Json> getRecords(ops::Database& db, const Json& request);

// Contributor Insights settings (contributor_insights_api.cpp); the reports
// are CloudWatch's GetInsightRuleReport (cloudwatch_api.h)
Result<Json> updateContributorInsights(ops::Database& db, const Json& request);
Result<Json> describeContributorInsights(ops::Database& db, const Json& request);
Result<Json> listContributorInsights(ops::Database& db, const Json& request);
Result<Json> describeKeyActivity(ops::Database& db, const Json& request);  // the heat map (key_activity_api.cpp)

// Scan and Query (scan_api.cpp, query_api.cpp)
Result<Json> scan(ops::Database& db, const Json& request);
Result<Json> query(ops::Database& db, const Json& request);

// The handler for a wire operation name, or null when unknown.
Handler findHandler(std::string_view operation);

// Operations whose answers carry items also answer as text directly, skipping
// the JSON tree (api/json_text.h); Engine::call with text uses these.
using TextHandler = Result<std::string> (*)(ops::Database&, const Json&);
Result<std::string> getItemText(ops::Database& db, const Json& request);
Result<std::string> scanText(ops::Database& db, const Json& request);
Result<std::string> queryText(ops::Database& db, const Json& request);
// The text handler for an operation, or null when it answers through Json only.
TextHandler findTextHandler(std::string_view operation);

}  // namespace dynadesk::api
