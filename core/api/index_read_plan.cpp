#include "api/index_read_plan.h"

#include <algorithm>
#include <string>
#include <vector>

#include "ops/index_maintenance.h"

namespace dynadesk::api {

namespace {

// Whether an index stores `name` for every item it holds.
bool projects(const TableDef& table, const IndexDef& index, const std::string& name) {
  if (index.projection.type == ProjectionType::All) return true;
  if (name == table.key.partition.name || (table.key.sort && name == table.key.sort->name)) return true;
  if (name == index.key.partition.name || (index.key.sort && name == index.key.sort->name)) return true;
  const auto& extra = index.projection.nonKeyAttributes;
  return index.projection.type == ProjectionType::Include && std::find(extra.begin(), extra.end(), name) != extra.end();
}

}  // namespace

Result<IndexReadPlan> planIndexRead(const TableDef& table, const std::string& indexName, bool consistentRead,
                                    const ReadOptions& options) {
  const IndexDef* index = table.findIndex(indexName);
  if (!index || index->status == IndexStatus::Deleting) {
    return Status::validation("The table does not have the specified index: " + indexName);
  }
  const bool global = index->kind == IndexKind::Global;
  if (global && consistentRead) {
    return Status::validation("Consistent reads are not supported on global secondary indexes");
  }
  IndexReadPlan plan{index, false};
  if (options.select == ops::Select::AllAttributes && index->projection.type != ProjectionType::All) {
    if (global) {
      return Status::validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
                                "supported for global secondary index " + indexName +
                                " because its projection type is not ALL");
    }
    plan.fetchFromTable = true;
  }
  if (!global && options.select == ops::Select::SpecificAttributes && options.projection) {
    for (const auto& path : options.projection->paths) {
      if (!path.elements.empty() && !projects(table, *index, path.elements[0].name)) plan.fetchFromTable = true;
    }
  }
  // A filter on attributes the local index does not project reads them from
  // the table, as DynamoDB does; what is returned is still the projection.
  if (!global && options.filter && !plan.fetchFromTable) {
    std::vector<std::string> names;
    expr::collectTopLevelNames(*options.filter, names);
    for (const auto& n : names) {
      if (!projects(table, *index, n)) plan.fetchFromTable = true;
    }
    plan.reproject = plan.fetchFromTable && options.select == ops::Select::AllProjectedAttributes;
  }
  return plan;
}

void reprojectPage(const TableDef& table, const IndexReadPlan& plan, ops::ScanResult& page) {
  if (!plan.reproject) return;
  for (auto& item : page.items) item = ops::projectForIndex(table, *plan.index, item);
}

}  // namespace dynadesk::api
