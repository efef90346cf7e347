// Turning DynamoDB responses into the workbench's snapshots. Runs on the
// request worker thread (RequestRunner::runPrepared), so the GUI thread never
// decodes JSON. Errors: SerializationException / ValidationException when a
// response does not have DynamoDB's shape (a misbehaving remote endpoint).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynadesk/status.h"
#include "models/connection_tree_model.h"
#include "models/item_table_model.h"

namespace dynadesk::ui {

// From a DescribeTable response ({"Table": {...}}) or a bare TableDescription.
Result<TableSummary> tableSummaryFrom(const nlohmann::json& response);
// The key attribute names of a DescribeTable response: partition key, then sort key.
Result<std::vector<std::string>> keyAttributesFrom(const nlohmann::json& response);
// From a Scan or Query response.
Result<ItemPage> itemPageFrom(const nlohmann::json& response);

}  // namespace dynadesk::ui
