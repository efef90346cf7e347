// What Query and Scan share at the edge: Select, the projection
// (ProjectionExpression or legacy AttributesToGet), the filter (FilterExpression
// or legacy QueryFilter / ScanFilter with ConditionalOperator), and encoding a
// page of results as DynamoDB's response.
//
// Thread-safety: pure functions over one request.
#pragma once

#include <optional>

#include "api/json_shape.h"
#include "api/request_common.h"
#include "api/request_expressions.h"
#include "expr/ast.h"
#include "ops/scan_ops.h"

namespace dynadesk::api {

struct ReadOptions {
  ops::Select select = ops::Select::AllAttributes;
  std::optional<expr::Projection> projection;
  std::optional<expr::Condition> filter;
  CapacityDetail capacity = CapacityDetail::None;  // ReturnConsumedCapacity
  std::string tableName;                           // for ConsumedCapacity

  // The filter as the ops layer takes it (empty when there is none). The
  // function refers to this object, which must outlive its use.
  ops::ItemFilter itemFilter() const;
};

// `legacyFilterMember` is "QueryFilter" or "ScanFilter". Reads the members and
// applies DynamoDB's rules on how Select and the projection combine. With an
// IndexName, Select defaults to ALL_PROJECTED_ATTRIBUTES, as DynamoDB's does.
Result<ReadOptions> readReadOptions(const Json& request, RequestExpressions& expressions,
                                    std::string_view legacyFilterMember, bool isQuery, bool onIndex = false);

// {"Items": [...], "Count", "ScannedCount", "LastEvaluatedKey"} with the projection applied.
Json encodePage(const ops::ScanResult& page, const ReadOptions& options);
// The same, written straight to text (api/json_text.h).
std::string encodePageText(const ops::ScanResult& page, const ReadOptions& options);

// A page read by Query or Scan, with the options that shape its answer. The
// filter in `options` is no longer needed once the page is read.
struct PageOutcome {
  ops::ScanResult result;
  ReadOptions options;
};

}  // namespace dynadesk::api
