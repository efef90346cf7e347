#include "api/handlers.h"
#include "api/index_read_plan.h"
#include "api/legacy_conditions.h"
#include "api/read_options.h"
#include "api/request_common.h"
#include "api/request_expressions.h"
#include "expr/key_condition.h"
#include "ops/query_ops.h"

namespace dynadesk::api {

namespace {

ops::SortKeyOp sortOpOf(expr::KeyOperator op) {
  switch (op) {
    case expr::KeyOperator::EQ: return ops::SortKeyOp::Equal;
    case expr::KeyOperator::LT: return ops::SortKeyOp::Less;
    case expr::KeyOperator::LE: return ops::SortKeyOp::LessOrEqual;
    case expr::KeyOperator::GT: return ops::SortKeyOp::Greater;
    case expr::KeyOperator::GE: return ops::SortKeyOp::GreaterOrEqual;
    case expr::KeyOperator::BETWEEN: return ops::SortKeyOp::Between;
    case expr::KeyOperator::BEGINS_WITH: return ops::SortKeyOp::BeginsWith;
  }
  return ops::SortKeyOp::Equal;
}

// KeyConditionExpression -> the typed key condition, checked against the key schema.
Result<KeyConditionParts> keyConditionFromExpression(const expr::Condition& condition, const KeySchema& key) {
  DYNADESK_ASSIGN_OR_RETURN(auto terms, expr::toKeyConditionTerms(condition));
  DYNADESK_ASSIGN_OR_RETURN(expr::KeyCondition kc,
                            expr::bindKeySchema(std::move(terms), key.partition.name,
                                                key.sort ? std::string_view(key.sort->name) : ""));
  KeyConditionParts parts{std::move(kc.partitionValue), std::nullopt};
  if (kc.sortKeyCondition) {
    const auto& term = *kc.sortKeyCondition;
    ops::SortKeyCondition sort{sortOpOf(term.op), term.values.at(0), std::nullopt};
    if (term.values.size() > 1) sort.upper = term.values[1];
    parts.sort = std::move(sort);
  }
  return parts;
}

// DynamoDB refuses to filter a Query on the key it queries by.
Status checkFilterAvoidsKeys(const expr::Condition& filter, const KeySchema& key, bool legacy) {
  std::vector<std::string> names;
  expr::collectTopLevelNames(filter, names);
  for (const auto& n : names) {
    if (n == key.partition.name || (key.sort && n == key.sort->name)) {
      return Status::validation(std::string(legacy ? "QueryFilter" : "Filter Expression") +
                                " can only contain non-primary key attributes: Primary key attribute: " + n);
    }
  }
  return Status::ok();
}

}  // namespace

namespace {

// Query up to the answer: the page read, and the options that shape its encoding.
Result<PageOutcome> runQuery(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  ops::QueryRequest r;
  DYNADESK_ASSIGN_OR_RETURN(auto esk, readAttributeMap(request, "ExclusiveStartKey"));
  DYNADESK_ASSIGN_OR_RETURN(r.tableName, readTableName(request, errors));
  DYNADESK_ASSIGN_OR_RETURN(auto limit, optInt64(request, "Limit"));
  DYNADESK_ASSIGN_OR_RETURN(auto forward, optBool(request, "ScanIndexForward"));
  DYNADESK_ASSIGN_OR_RETURN(auto consistent, optBool(request, "ConsistentRead"));
  DYNADESK_ASSIGN_OR_RETURN(auto indexName, optString(request, "IndexName"));
  checkPageLimit(limit, errors);
  DYNADESK_RETURN_IF_ERROR(readConsumedCapacityOption(request, errors));
  DYNADESK_RETURN_IF_ERROR(errors.status());

  DYNADESK_ASSIGN_OR_RETURN(
      auto expressions,
      RequestExpressions::read(request, {"ProjectionExpression", "FilterExpression", "KeyConditionExpression"},
                               {"AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions"}));
  const bool hasKeyConditions = member(request, "KeyConditions") != nullptr;
  if (!hasKeyConditions && !member(request, "KeyConditionExpression")) {
    return Status::validation(
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
  }
  DYNADESK_ASSIGN_OR_RETURN(auto keyExpression,
                            expressions->condition("KeyConditionExpression", expr::ExpressionKind::KeyCondition));
  std::vector<LegacyCondition> keyConditions;
  if (!keyExpression) {
    DYNADESK_ASSIGN_OR_RETURN(keyConditions, readLegacyConditions(request, "KeyConditions", "keyConditions"));
  }
  DYNADESK_ASSIGN_OR_RETURN(ReadOptions options,
                            readReadOptions(request, *expressions, "QueryFilter", true, indexName.has_value()));
  DYNADESK_RETURN_IF_ERROR(expressions->checkAllUsed());

  auto table = db.findTable(r.tableName);
  if (!table) return ops::tableNotFound();
  const KeySchema* readKey = &table->key;
  IndexReadPlan plan;
  if (indexName) {
    DYNADESK_ASSIGN_OR_RETURN(plan, planIndexRead(*table, *indexName, consistent.value_or(false), options));
    readKey = &plan.index->key;
    r.indexName = *indexName;
    r.fetchFromTable = plan.fetchFromTable;
  }
  DYNADESK_ASSIGN_OR_RETURN(KeyConditionParts key, keyExpression ? keyConditionFromExpression(*keyExpression, *readKey)
                                                                 : keyConditionFromLegacy(keyConditions, *readKey));
  if (options.filter) {
    DYNADESK_RETURN_IF_ERROR(checkFilterAvoidsKeys(*options.filter, *readKey, !member(request, "FilterExpression")));
  }
  r.partitionValue = std::move(key.partitionValue);
  r.sortCondition = std::move(key.sort);
  r.scanIndexForward = forward.value_or(true);
  if (limit) r.limit = static_cast<int>(std::min<std::int64_t>(*limit, INT32_MAX));
  r.exclusiveStartKey = std::move(esk);
  r.select = options.select;
  r.consistentRead = consistent.value_or(false);
  r.filter = options.itemFilter();

  DYNADESK_ASSIGN_OR_RETURN(ops::ScanResult result, ops::query(db, r));
  if (plan.index) reprojectPage(*table, plan, result);
  options.capacity = capacityDetail(request);
  options.tableName = r.tableName;
  return PageOutcome{std::move(result), std::move(options)};
}

}  // namespace

Result<Json> query(ops::Database& db, const Json& request) {
  DYNADESK_ASSIGN_OR_RETURN(PageOutcome page, runQuery(db, request));
  return encodePage(page.result, page.options);
}

Result<std::string> queryText(ops::Database& db, const Json& request) {
  DYNADESK_ASSIGN_OR_RETURN(PageOutcome page, runQuery(db, request));
  return encodePageText(page.result, page.options);
}

}  // namespace dynadesk::api
