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

// Errors: ValidationException (more than 100 actions, two actions on one item,
// key or item errors), ResourceNotFoundException, TransactionCanceledException
// (ErrorDetails::cancellationReasons), IdempotentParameterMismatchException.
Status transactWriteItems(Database& db, const TransactWriteRequest& request);

struct TransactGetAction {
  std::string tableName;
  Item key;
};

// Reads every item from one snapshot; nullopt for an item that does not exist.
Result<std::vector<std::optional<Item>>> transactGetItems(Database& db, const std::vector<TransactGetAction>& gets);

}  // namespace dynadesk::ops
