// Provisioned throughput around every data-plane operation: admission before
// it runs (ProvisionedThroughputExceededException, in DynamoDB's words, when a
// bucket it needs is spent) and charging what it consumed afterwards. Both
// also tell the database's usage listener, which records the metrics; given
// the key a request addresses (KeyRef), they also report it per key
// (UsageListener::keyAccessed: Contributor Insights, the partition heat map).
//
// Thread-safety: safe to call from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "capacity/consumption.h"
#include "capacity/throughput_governor.h"
#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "model/table_def.h"

namespace dynadesk::ops {

class Database;

// One item a request touched (or the partition one Query page read), for
// per-key accounting. The views are valid during the call only.
struct KeyAccess {
  const IndexDef* index = nullptr;          // the global index read; null: the table
  std::string_view partitionKey;            // as CloudWatch shows it: S as is, N its decimal text, B base64
  std::optional<std::string_view> sortKey;  // absent: no sort key, or a Query page (a whole partition)
  std::uint64_t partitionHash = 0;          // of the partition key (storage::partitionHash)
  capacity::Units units;                    // what it consumed there; 0 when throttled
  bool throttled = false;                   // refused by provisioned throughput
};

// What the engine wants to hear about capacity (metrics). Implementations
// must be cheap and safe to call from any thread.
class UsageListener {
 public:
  virtual ~UsageListener() = default;
  virtual void consumed(const TableDef& table, const capacity::Consumption& consumed) = 0;
  virtual void throttled(const TableDef& table, const capacity::Throttle& throttle) = 0;
  // Per item touched (single-item operations, each batch item and transaction
  // action, each Query page's partition; Scan has no key). Default: ignored.
  virtual void keyAccessed(const TableDef& table, const KeyAccess& access) {
    (void)table;
    (void)access;
  }
};

// The key a request addresses, for keyAccessed. Pointers into the request,
// valid while the operation runs.
struct KeyRef {
  const AttributeValue* partition = nullptr;
  const AttributeValue* sort = nullptr;  // null: none (or a Query page)
  const IndexDef* index = nullptr;       // a global index's key; null: the table's
  std::uint64_t hash = 0;                // storage::partitionHash(*partition)
};
// The table key of `keyOrItem` (a Key map or a whole item). Precondition (not
// checked): the item holds the table's key attributes (it passed keyOfItem or
// keyFromKeyMap), and `hash` is their partition hash.
KeyRef keyRefOf(const TableDef& table, const Item& keyOrItem, std::uint64_t hash);
// A key value as CloudWatch Contributor Insights shows it.
std::string renderKeyValue(const AttributeValue& value);

// DynamoDB's message for a throttle of the table or of one of its global indexes.
Status throughputExceeded(const capacity::Throttle& throttle);
// The message of a throttled table (TransactionCanceledException reasons, batches).
std::string_view tableThroughputExceededMessage();

// `key` (optional): reported throttled when refused.
Status admitRead(Database& db, const TableDef& table, const IndexDef* index,
                 std::optional<std::uint64_t> partitionHash, const KeyRef* key = nullptr);
Status admitWrite(Database& db, const TableDef& table, std::optional<std::uint64_t> partitionHash,
                  const KeyRef* key = nullptr);
// Takes what one request consumed from the buckets and reports it (and, given
// `key`, reports that key's consumption).
void charge(Database& db, const TableDef& table, const capacity::Consumption& consumed,
            std::optional<std::uint64_t> partitionHash, const KeyRef* key = nullptr);
// The two halves, for batches: each item taken from its own partition's
// buckets (and reported per key), the request reported once per table.
void chargeBuckets(Database& db, const TableDef& table, const capacity::Consumption& consumed,
                   std::optional<std::uint64_t> partitionHash, const KeyRef* key = nullptr);
void reportConsumed(Database& db, const TableDef& table, const capacity::Consumption& consumed);
// "... for one or more tables was exceeded ...": a batch none of whose requests
// could be admitted.
Status batchThroughputExceeded();

}  // namespace dynadesk::ops
