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
  // Items fetched from the table only so the filter could read them: answer
  // them as the index projects them (Select ALL_PROJECTED_ATTRIBUTES).
  bool reproject = false;
};

// Applies plan.reproject to a page read with that plan.
void reprojectPage(const TableDef& table, const IndexReadPlan& plan, ops::ScanResult& page);

Result<IndexReadPlan> planIndexRead(const TableDef& table, const std::string& indexName, bool consistentRead,
                                    const ReadOptions& options);

}  // namespace dynadesk::api
