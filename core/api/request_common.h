// Request pieces shared by several operations: the TableName member, the
// ReturnValues / Select enums, AttributeValue maps, and the JSON forms of
// results shared between operations.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "api/constraint_errors.h"
#include "api/json_shape.h"
#include "capacity/consumption.h"
#include "ops/index_maintenance.h"
#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"

namespace dynadesk::api {

// Reads and checks TableName: required, 3-255 characters of [a-zA-Z0-9_.-].
// Pattern violations are added to `errors`; absence and length are returned
// directly, as DynamoDB reports them before anything else.
Result<std::string> readTableName(const Json& request, ConstraintErrors& errors);

// Adds an "enum value set" error when `value` is present and not in `allowed`.
void checkEnum(const std::optional<std::string>& value, const std::string& path,
               std::initializer_list<const char*> allowed, ConstraintErrors& errors);

// ReturnConsumedCapacity: INDEXES, TOTAL or NONE when given.
Status readConsumedCapacityOption(const Json& request, ConstraintErrors& errors);

// What ReturnConsumedCapacity asks for (read after readConsumedCapacityOption).
enum class CapacityDetail { None, Total, Indexes };
CapacityDetail capacityDetail(const Json& request);
// One table's ConsumedCapacity: {"TableName", "CapacityUnits"}, with INDEXES
// also "Table" and the "GlobalSecondaryIndexes" / "LocalSecondaryIndexes" it
// touched. DynamoDB splits units into ReadCapacityUnits / WriteCapacityUnits
// only for transactions (`split`).
Json consumedCapacityJson(std::string_view tableName, const capacity::Consumption& consumed, CapacityDetail detail,
                          bool split = false);
// Adds "ConsumedCapacity" to a single-table response when asked for.
void addConsumedCapacity(Json& response, std::string_view tableName, const capacity::Consumption& consumed,
                         CapacityDetail detail);
// The list form batches and transactions answer with: one entry per table.
Json consumedCapacityList(const std::vector<std::pair<std::string, capacity::Consumption>>& perTable,
                          CapacityDetail detail, bool split = false);
// ReturnConsumedCapacity and ReturnItemCollectionMetrics (SIZE or NONE), as the
// single-item operations take them.
Status readItemReturnOptions(const Json& request, ConstraintErrors& errors);

// Whether ReturnItemCollectionMetrics is SIZE (read after readItemReturnOptions).
bool wantsItemCollectionMetrics(const Json& request);
// {"ItemCollectionKey": ..., "SizeEstimateRangeGB": [lower, upper]}
Json itemCollectionMetricsJson(const ops::ItemCollectionMetrics& metrics);

// Query's and Scan's Limit: at least 1 when given.
void checkPageLimit(const std::optional<std::int64_t>& limit, ConstraintErrors& errors);

// A member holding an attribute map (Item, Key, ExclusiveStartKey). Returns
// nullopt when absent.
Result<std::optional<Item>> readAttributeMap(const Json& request, std::string_view member);

// The request must be a JSON object.
Status requireObject(const Json& request);

}  // namespace dynadesk::api
