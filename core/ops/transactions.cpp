#include "ops/transactions.h"

#include <algorithm>
#include <set>

#include "capacity/capacity_units.h"
#include "dynadesk/error_details.h"
#include "dynadesk/item_size.h"
#include "dynadesk/limits.h"
#include "expr/update_apply.h"
#include "ops/index_maintenance.h"
#include "ops/item_change.h"
#include "ops/item_key.h"
#include "ops/item_ops.h"
#include "ops/throughput.h"
#include "storage/key_codec.h"

namespace dynadesk::ops {

namespace {

constexpr std::size_t kMaxTransactItems = 100;
constexpr std::size_t kMaxTransactionBytes = 4 * 1024 * 1024;
constexpr std::size_t kPurgePerTransaction = 16;  // expired tokens removed by each token-bearing write

// One action, prepared outside the write: its table and storage key, and for a
// Put the stored item.
struct Prepared {
  std::shared_ptr<const TableDef> table;
  ItemKey key;
  std::uint32_t putSize = 0;
  std::string putStored;
};

// One action, evaluated inside the write.
struct Evaluated {
  bool existed = false;
  std::optional<Item> old;
  std::int64_t oldSize = 0;
  std::optional<Item> next;  // Put, Update: the new item
  std::uint32_t nextSize = 0;
};

Status cancelled(std::vector<CancellationReason> reasons) {
  std::string codes;
  for (std::size_t i = 0; i < reasons.size(); ++i) codes += (i ? ", " : "") + reasons[i].code;
  Status st(ErrorType::TransactionCanceledException,
            "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]");
  auto details = std::make_shared<ErrorDetails>();
  details->cancellationReasons = std::move(reasons);
  return st.withDetails(std::move(details));
}

// The per-table sums of per-action consumption, in request order.
template <typename Named>
std::vector<std::pair<std::string, capacity::Consumption>> perTable(const std::vector<Named>& actions,
                                                                    const std::vector<capacity::Consumption>& each) {
  std::vector<std::pair<std::string, capacity::Consumption>> out;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == actions[i].tableName; });
    if (it == out.end()) {
      out.emplace_back(actions[i].tableName, each[i]);
    } else {
      it->second += each[i];
    }
  }
  return out;
}

// Throughput admission of every action; a refused one cancels the transaction.
template <typename Admit>
Status admitAll(std::size_t count, const Admit& admit) {
  std::vector<CancellationReason> reasons(count, CancellationReason{"None", "", std::nullopt});
  bool refused = false;
  for (std::size_t i = 0; i < count; ++i) {
    Status st = admit(i);
    if (st.isOk()) continue;
    reasons[i] = CancellationReason{"ProvisionedThroughputExceeded", st.message(), std::nullopt};
    refused = true;
  }
  return refused ? cancelled(std::move(reasons)) : Status::ok();
}

CancellationReason reasonOf(const Status& st) {
  if (st.isOk()) return {"None", "", std::nullopt};
  if (st.type() == ErrorType::ConditionalCheckFailedException) {
    CancellationReason r{"ConditionalCheckFailed", st.message(), std::nullopt};
    if (const ErrorDetails* d = st.details(); d && d->item) r.item = d->item;
    return r;
  }
  if (st.type() == ErrorType::ItemCollectionSizeLimitExceededException) {
    return {"ItemCollectionSizeLimitExceeded", st.message(), std::nullopt};
  }
  return {"ValidationError", st.message(), std::nullopt};
}

// Reads, checks and (Put, Update) builds one action's new item.
Status evaluate(storage::WriteTxn& txn, const TableDef& live, const TransactWriteAction& a, const Prepared& p,
                Evaluated& e) {
  DYNADESK_ASSIGN_OR_RETURN(auto stored, txn.get(p.key.storageKey));
  e.existed = stored.has_value();
  if (stored) {
    e.oldSize = storedItemSize(*stored);
    DYNADESK_ASSIGN_OR_RETURN(Item decoded, decodeStoredItem(*stored));
    e.old = std::move(decoded);
  }
  DYNADESK_RETURN_IF_ERROR(a.condition.check(e.old));
  switch (a.kind) {
    case TransactWriteAction::Kind::Put:
      DYNADESK_RETURN_IF_ERROR(checkIndexKeys(live, a.item));
      e.next = a.item;
      e.nextSize = p.putSize;
      break;
    case TransactWriteAction::Kind::Update: {
      const Item base = e.old ? *e.old : a.item;
      if (a.update) {
        DYNADESK_ASSIGN_OR_RETURN(expr::UpdateOutcome outcome, expr::applyUpdate(&base, *a.update));
        e.next = std::move(outcome.item);
      } else {
        e.next = base;
      }
      DYNADESK_RETURN_IF_ERROR(checkUpdatedItem(*e.next, e.nextSize));
      DYNADESK_RETURN_IF_ERROR(checkIndexKeys(live, *e.next));
      break;
    }
    case TransactWriteAction::Kind::Delete:
    case TransactWriteAction::Kind::ConditionCheck: break;
  }
  return Status::ok();
}

// The token's record inside the write: true when this request already ran.
Result<bool> checkToken(storage::WriteTxn& txn, const TransactWriteRequest& r, std::int64_t now) {
  const std::string key = storage::transactionTokenKey(*r.clientRequestToken);
  DYNADESK_ASSIGN_OR_RETURN(auto seen, txn.get(key));
  if (!seen || seen->size() != 16) return false;
  const std::uint64_t digest = storage::readBigEndian64(seen->substr(0, 8));
  const auto expiry = static_cast<std::int64_t>(storage::readBigEndian64(seen->substr(8, 8)));
  if (expiry <= now) return false;  // older than 10 minutes: a new request
  if (digest != r.requestDigest) {
    return Status(ErrorType::IdempotentParameterMismatchException,
                  "The request uses the same client token as a previous, but non-identical request.");
  }
  return true;
}

Status recordToken(storage::WriteTxn& txn, const TransactWriteRequest& r, std::int64_t now) {
  // Purge a few expired tokens first, oldest first, so the records stay bounded.
  {
    auto cursor = txn.cursor();
    const std::string prefix = storage::tokenExpiriesPrefix();
    DYNADESK_RETURN_IF_ERROR(cursor.seek(prefix));
    std::vector<std::pair<std::string, std::string>> expired;  // (expiry key, token key)
    while (cursor.valid() && cursor.key().starts_with(prefix) && expired.size() < kPurgePerTransaction) {
      const std::string_view k = cursor.key();
      if (static_cast<std::int64_t>(storage::readBigEndian64(k.substr(1, 8))) > now) break;
      expired.emplace_back(std::string(k), storage::transactionTokenKey(k.substr(9)));
      DYNADESK_RETURN_IF_ERROR(cursor.next());
    }
    for (const auto& [expiryKey, tokenKey] : expired) {
      DYNADESK_RETURN_IF_ERROR(txn.erase(expiryKey).status());
      DYNADESK_ASSIGN_OR_RETURN(auto current, txn.get(tokenKey));
      // Only if the token was not used again since (its record would expire later).
      if (current && current->size() == 16 &&
          static_cast<std::int64_t>(storage::readBigEndian64(current->substr(8, 8))) <= now) {
        DYNADESK_RETURN_IF_ERROR(txn.erase(tokenKey).status());
      }
    }
  }
  const std::uint64_t expiry = static_cast<std::uint64_t>(now + kIdempotencyWindowMillis);
  std::string value;
  storage::appendBigEndian64(value, r.requestDigest);
  storage::appendBigEndian64(value, expiry);
  DYNADESK_RETURN_IF_ERROR(txn.put(storage::transactionTokenKey(*r.clientRequestToken), value));
  return txn.put(storage::tokenExpiryKey(expiry, *r.clientRequestToken), "");
}

}  // namespace

Result<TransactResult> transactWriteItems(Database& db, const TransactWriteRequest& r) {
  if (r.actions.empty() || r.actions.size() > kMaxTransactItems) {
    return Status::validation("1 validation error detected: Value '[" + std::to_string(r.actions.size()) +
                              " items]' at 'transactItems' failed to satisfy constraint: Member must have length " +
                              (r.actions.empty() ? "greater than or equal to 1" : "less than or equal to 100"));
  }
  std::vector<Prepared> prepared(r.actions.size());
  std::set<std::pair<std::uint32_t, std::string>> seen;
  std::size_t totalBytes = 0;  // items and keys, counted DynamoDB's way
  for (std::size_t i = 0; i < r.actions.size(); ++i) {
    const auto& a = r.actions[i];
    Prepared& p = prepared[i];
    p.table = db.findTable(a.tableName);
    if (!p.table) return tableNotFound();
    if (a.kind == TransactWriteAction::Kind::Put) {
      DYNADESK_ASSIGN_OR_RETURN(p.key, keyOfItem(*p.table, a.item));
      DYNADESK_RETURN_IF_ERROR(checkItemSize(a.item, p.putSize));
      p.putStored = encodeStoredItem(a.item, p.putSize);
    } else {
      DYNADESK_ASSIGN_OR_RETURN(p.key, keyFromKeyMap(*p.table, a.item));
      if (a.kind == TransactWriteAction::Kind::Update && a.update) {
        DYNADESK_RETURN_IF_ERROR(checkUpdateAvoidsKey(*p.table, *a.update));
      }
    }
    if (!seen.emplace(p.table->id, p.key.storageKey).second) {
      return Status::validation("Transaction request cannot include multiple operations on one item");
    }
    totalBytes += itemSize(a.item);
  }
  if (totalBytes > kMaxTransactionBytes) {
    return Status::validation("Transaction request size exceeds the 4 MB limit: its items and keys take " +
                              std::to_string(totalBytes) + " bytes");
  }

  DYNADESK_RETURN_IF_ERROR(admitAll(r.actions.size(), [&](std::size_t i) {
    const KeyRef keyRef = keyRefOf(*prepared[i].table, r.actions[i].item, prepared[i].key.partitionHash());
    return admitWrite(db, *prepared[i].table, prepared[i].key.partitionHash(), &keyRef);
  }));
  std::vector<capacity::Consumption> consumed(r.actions.size());

  Status outcome = db.env().write([&](storage::WriteTxn& txn) -> Status {
    std::fill(consumed.begin(), consumed.end(), capacity::Consumption{});
    const std::int64_t now = db.clock().nowMillis();
    if (r.clientRequestToken) {
      DYNADESK_ASSIGN_OR_RETURN(bool repeat, checkToken(txn, r, now));
      if (repeat) {
        // A replay reads the items instead of writing them.
        for (std::size_t i = 0; i < r.actions.size(); ++i) {
          DYNADESK_ASSIGN_OR_RETURN(auto stored, txn.get(prepared[i].key.storageKey));
          consumed[i].table.read =
              capacity::itemReadUnits(stored ? storedItemSize(*stored) : 0, capacity::ReadKind::Transactional);
        }
        return Status::ok();
      }
    }
    // Phase 1: read and check everything; nothing is written.
    std::vector<std::shared_ptr<const TableDef>> live(r.actions.size());
    std::vector<Evaluated> evaluated(r.actions.size());
    std::vector<CancellationReason> reasons;
    bool failed = false;
    for (std::size_t i = 0; i < r.actions.size(); ++i) {
      DYNADESK_RETURN_IF_ERROR(Database::checkTableAlive(txn, *prepared[i].table));
      live[i] = db.currentTable(*prepared[i].table);
      if (!live[i]) return tableNotFound();
      Status st = evaluate(txn, *live[i], r.actions[i], prepared[i], evaluated[i]);
      if (!st.isOk() && st.type() == ErrorType::InternalServerError) return st;
      reasons.push_back(reasonOf(st));
      failed = failed || !st.isOk();
    }
    if (failed) return cancelled(std::move(reasons));

    // Phase 2: write every change. A failure here (an item collection over its
    // limit) leaves partial writes, which the group commit rolls back by
    // re-running the batch without this transaction (storage/ordered_keyspace.h).
    for (std::size_t i = 0; i < r.actions.size(); ++i) {
      const auto& a = r.actions[i];
      const Evaluated& e = evaluated[i];
      if (a.kind == TransactWriteAction::Kind::ConditionCheck) {
        // A condition check is billed as a transactional write of the item it checks.
        consumed[i].table.write = capacity::itemWriteUnits(static_cast<std::uint64_t>(e.oldSize), true);
        continue;
      }
      std::string stored;
      if (a.kind == TransactWriteAction::Kind::Update) stored = encodeStoredItem(*e.next, e.nextSize);
      ItemChange change{prepared[i].key.storageKey,
                        e.existed,
                        e.old ? &*e.old : nullptr,
                        nullptr,
                        e.oldSize,
                        e.next ? &*e.next : nullptr,
                        e.nextSize,
                        a.kind == TransactWriteAction::Kind::Put ? std::string_view(prepared[i].putStored)
                                                                 : std::string_view(stored)};
      change.consumed = &consumed[i];
      change.transactional = true;
      Status st = applyItemChange(db, txn, *live[i], change, nullptr);
      if (!st.isOk()) {
        if (st.type() == ErrorType::InternalServerError) return st;
        std::vector<CancellationReason> late(r.actions.size(), CancellationReason{"None", "", std::nullopt});
        late[i] = reasonOf(st);
        return cancelled(std::move(late));
      }
    }
    if (r.clientRequestToken) DYNADESK_RETURN_IF_ERROR(recordToken(txn, r, now));
    return Status::ok();
  });
  DYNADESK_RETURN_IF_ERROR(outcome);
  for (std::size_t i = 0; i < r.actions.size(); ++i) {
    const KeyRef keyRef = keyRefOf(*prepared[i].table, r.actions[i].item, prepared[i].key.partitionHash());
    chargeBuckets(db, *prepared[i].table, consumed[i], prepared[i].key.partitionHash(), &keyRef);
  }
  TransactResult result;
  result.consumed = perTable(r.actions, consumed);
  for (const auto& [name, sum] : result.consumed) {
    for (const auto& p : prepared) {
      if (p.table->name != name) continue;
      reportConsumed(db, *p.table, sum);
      break;
    }
  }
  return result;
}

Result<TransactGetResult> transactGetItems(Database& db, const std::vector<TransactGetAction>& gets) {
  if (gets.empty() || gets.size() > kMaxTransactItems) {
    return Status::validation("1 validation error detected: Value '[" + std::to_string(gets.size()) +
                              " items]' at 'transactItems' failed to satisfy constraint: Member must have length " +
                              (gets.empty() ? "greater than or equal to 1" : "less than or equal to 100"));
  }
  std::vector<ItemKey> keys;
  std::vector<std::shared_ptr<const TableDef>> tables;
  std::set<std::pair<std::uint32_t, std::string>> seen;
  for (const auto& g : gets) {
    auto table = db.findTable(g.tableName);
    if (!table) return tableNotFound();
    DYNADESK_ASSIGN_OR_RETURN(ItemKey key, keyFromKeyMap(*table, g.key));
    if (!seen.emplace(table->id, key.storageKey).second) {
      return Status::validation("Transaction request cannot include multiple operations on one item");
    }
    keys.push_back(std::move(key));
    tables.push_back(std::move(table));
  }
  DYNADESK_RETURN_IF_ERROR(admitAll(gets.size(), [&](std::size_t i) {
    const KeyRef keyRef = keyRefOf(*tables[i], gets[i].key, keys[i].partitionHash());
    return admitRead(db, *tables[i], nullptr, keys[i].partitionHash(), &keyRef);
  }));
  TransactGetResult out;
  std::vector<capacity::Consumption> consumed(gets.size());
  {
    DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());  // one snapshot for every get
    for (std::size_t i = 0; i < keys.size(); ++i) {
      DYNADESK_ASSIGN_OR_RETURN(auto stored, txn.get(keys[i].storageKey));
      // A missing item still costs a transactional read.
      consumed[i].table.read =
          capacity::itemReadUnits(stored ? storedItemSize(*stored) : 0, capacity::ReadKind::Transactional);
      if (!stored) {
        out.items.emplace_back();
        continue;
      }
      DYNADESK_ASSIGN_OR_RETURN(Item item, decodeStoredItem(*stored));
      out.items.emplace_back(std::move(item));
    }
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const KeyRef keyRef = keyRefOf(*tables[i], gets[i].key, keys[i].partitionHash());
    chargeBuckets(db, *tables[i], consumed[i], keys[i].partitionHash(), &keyRef);
  }
  out.consumed = perTable(gets, consumed);
  for (const auto& [name, sum] : out.consumed) {
    for (const auto& t : tables) {
      if (t->name != name) continue;
      reportConsumed(db, *t, sum);
      break;
    }
  }
  return out;
}

}  // namespace dynadesk::ops
