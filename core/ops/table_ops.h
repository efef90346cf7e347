// Control-plane operations on tables: CreateTable, DescribeTable, ListTables,
// UpdateTable, DeleteTable. Requests arrive typed and shape-checked from api/;
// these functions apply DynamoDB's semantic rules and change the catalog.
//
// Tables become ACTIVE as soon as CreateTable returns (the response itself says
// CREATING, as DynamoDB's does), and are gone when DeleteTable returns (the
// response says DELETING): a local engine has nothing to wait for, and SDK
// waiters see the end state on their first poll.
//
// Thread-safety: safe to call concurrently; catalog changes are serialised by
// the storage write path.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dynadesk/status.h"
#include "ops/database.h"
#include "ops/index_maintenance.h"

namespace dynadesk::ops {

// A GlobalSecondaryIndexes / LocalSecondaryIndexes member as given.
struct IndexSpec {
  std::string name;
  std::vector<std::pair<std::string, std::string>> keySchema;  // (name, HASH/RANGE)
  std::optional<std::string> projectionType;                   // ALL, KEYS_ONLY, INCLUDE
  std::optional<std::vector<std::string>> nonKeyAttributes;
  std::optional<ProvisionedThroughput> throughput;             // global only
};

struct CreateTableRequest {
  std::string tableName;
  // Key schema as given: (attribute name, "HASH"/"RANGE") in request order.
  std::vector<std::pair<std::string, std::string>> keySchema;
  std::vector<KeyAttribute> attributeDefinitions;
  std::optional<BillingMode> billingMode;
  std::optional<ProvisionedThroughput> throughput;
  std::optional<bool> streamEnabled;
  std::string streamViewType;
  std::optional<bool> sseEnabled;
  std::string sseType;
  std::string kmsMasterKeyId;
  std::string tableClass;
  bool deletionProtection = false;
  std::vector<std::pair<std::string, std::string>> tags;
  // Present (possibly empty) when the request named the member.
  std::optional<std::vector<IndexSpec>> globalIndexes;
  std::optional<std::vector<IndexSpec>> localIndexes;
};

struct UpdateTableRequest {
  std::string tableName;
  std::optional<BillingMode> billingMode;
  std::optional<ProvisionedThroughput> throughput;
  std::optional<bool> deletionProtection;
  std::string tableClass;
  std::optional<bool> streamEnabled;
  std::string streamViewType;
  std::optional<bool> sseEnabled;
  std::vector<KeyAttribute> attributeDefinitions;
  // GlobalSecondaryIndexUpdates, in request order.
  struct IndexUpdate {
    enum class Action { Create, Update, Delete } action = Action::Create;
    IndexSpec spec;  // Create: all of it; Update: name and throughput; Delete: name
  };
  std::vector<IndexUpdate> indexUpdates;
};

struct TableDescription {
  std::shared_ptr<const TableDef> def;
  std::string status;  // CREATING, ACTIVE, UPDATING, DELETING
  TableStats stats;
  std::vector<IndexStats> indexStats;  // one per def->indexes entry
};

struct ListTablesResult {
  std::vector<std::string> names;
  std::optional<std::string> lastEvaluatedTableName;
};

Result<TableDescription> createTable(Database& db, const CreateTableRequest& request);
// Errors: ResourceNotFoundException "Requested resource not found: Table: X not found".
Result<TableDescription> describeTable(Database& db, const std::string& tableName);
ListTablesResult listTables(const Database& db, const std::optional<std::string>& exclusiveStartTableName,
                            int limit);
// GlobalSecondaryIndexUpdates: one Create or Delete per call and per table at
// a time; a created index is CREATING (Backfilling) until ops/index_jobs.h has
// filled it, a deleted one DELETING until its entries are gone; the table
// answers UPDATING meanwhile.
Result<TableDescription> updateTable(Database& db, const UpdateTableRequest& request);
Result<TableDescription> deleteTable(Database& db, const std::string& tableName);

}  // namespace dynadesk::ops
