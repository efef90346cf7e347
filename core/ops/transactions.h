// TransactWriteItems and TransactGetItems.
//
// A write transaction's actions (Put, Update, Delete, ConditionCheck, across
// tables) run in one storage write transaction, so they commit together or
// not at all and are serialisable with every other write. First every action
// reads its item, checks its condition and (Put, Update) builds and checks its
// new item; if any fails, the whole transaction is cancelled with
// TransactionCanceledException and one CancellationReason per action in
// request order ("None" for the others). Only then are the changes written.
//
// ClientRequestToken: a token seen in the last 10 minutes (engine clock) with
// the same request answers success without applying it again; with a
// different request it is IdempotentParameterMismatchException. Tokens are
// kept in storage, in the transaction they belong to, so a retry after a
// restart is recognised too.
//
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "capacity/consumption.h"
#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "expr/ast.h"
#include "ops/database.h"
#include "ops/write_condition.h"

namespace dynadesk::ops {

struct TransactWriteAction {
  enum class Kind { Put, Update, Delete, ConditionCheck };
  Kind kind = Kind::Put;
  std::string tableName;
  Item item;  // Put: the item; the others: the key
  std::shared_ptr<const expr::Update> update;  // Update (null: only ensure the item exists)
  WriteCondition condition;
};

struct TransactWriteRequest {
  std::vector<TransactWriteAction> actions;
  std::optional<std::string> clientRequestToken;
  std::uint64_t requestDigest = 0;  // identifies the request's content for the token
};

inline constexpr std::int64_t kIdempotencyWindowMillis = 10 * 60 * 1000;

// What a transaction consumed, per table in request order. Writes (and
// condition checks) cost twice a plain write; a replay of an earlier request
// with the same ClientRequestToken writes nothing and costs a transactional
// read of each item instead.
struct TransactResult {
  std::vector<std::pair<std::string, capacity::Consumption>> consumed;
};

// Every action's table is admitted by provisioned throughput first; a
// throttled one cancels the transaction (reason ProvisionedThroughputExceeded).
// Errors: ValidationException (more than 100 actions, two actions on one item,
// key or item errors), ResourceNotFoundException, TransactionCanceledException
// (ErrorDetails::cancellationReasons), IdempotentParameterMismatchException.
Result<TransactResult> transactWriteItems(Database& db, const TransactWriteRequest& request);

struct TransactGetAction {
  std::string tableName;
  Item key;
};

struct TransactGetResult {
  std::vector<std::optional<Item>> items;  // nullopt for an item that does not exist
  std::vector<std::pair<std::string, capacity::Consumption>> consumed;  // each get a transactional read
};

// Reads every item from one snapshot.
Result<TransactGetResult> transactGetItems(Database& db, const std::vector<TransactGetAction>& gets);

}  // namespace dynadesk::ops
