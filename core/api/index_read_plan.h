// What a Query or Scan with an IndexName may read, decided at the edge with
// DynamoDB's rules and messages: the index must exist, a global index allows
// no consistent read and no ALL_ATTRIBUTES unless it projects everything, and
// a local index fetches from the table whatever its projection lacks.
//
// Thread-safety: pure function.
#pragma once

#include <string>

#include "api/read_options.h"
#include "model/table_def.h"

namespace dynadesk::api {

struct IndexReadPlan {
  const IndexDef* index = nullptr;  // points into the table definition
  bool fetchFromTable = false;      // local index whose projection lacks requested attributes
};

Result<IndexReadPlan> planIndexRead(const TableDef& table, const std::string& indexName, bool consistentRead,
                                    const ReadOptions& options);

}  // namespace dynadesk::api
