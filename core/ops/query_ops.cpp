#include "ops/query_ops.h"

#include "ops/metered_read.h"
#include "storage/key_codec.h"

#include "dynadesk/base64.h"
#include "ops/index_reads.h"
#include "ops/item_key.h"
#include "ops/page_reader.h"
#include "storage/key_codec.h"

namespace dynadesk::ops {

namespace {

// One end of the key range a query reads.
struct Bound {
  std::string key;
  bool inclusive = true;
};

// The keys a query reads: from `lower` up to `upper`, or, when upper is absent,
// every key that starts with `upperPrefix`.
struct KeyRange {
  Bound lower;
  std::optional<Bound> upper;
  std::string upperPrefix;

  bool aboveLower(std::string_view k) const {
    const int c = k.compare(lower.key);
    return c > 0 || (c == 0 && lower.inclusive);
  }
  bool belowUpper(std::string_view k) const {
    if (!upper) return k.starts_with(upperPrefix);
    const int c = k.compare(upper->key);
    return c < 0 || (c == 0 && upper->inclusive);
  }
  bool contains(std::string_view k) const { return aboveLower(k) && belowUpper(k); }
};

// DynamoDB prints operands in key-condition messages as "AttributeValue: {N:5}".
// Key operands are S, N or B.
std::string operandText(const AttributeValue& v) {
  std::string text = v.is(AttrType::S)   ? v.asString()
                     : v.is(AttrType::N) ? v.asNumber().toString()
                                         : base64Encode(v.asBinary());
  return "AttributeValue: {" + std::string(attrTypeName(v.type())) + ":" + text + "}";
}

Result<KeyRange> rangeOf(const TableDef& table, const QueryRequest& r) {
  const std::string partition = storage::partitionPrefix(table.id, r.partitionValue);
  KeyRange range{{partition, true}, std::nullopt, partition};
  if (!r.sortCondition) return range;
  const SortKeyCondition& c = *r.sortCondition;
  auto keyWith = [&](const AttributeValue& v) {
    std::string k = partition;
    storage::appendKeyComponent(k, v, /*last=*/true);
    return k;
  };
  switch (c.op) {
    case SortKeyOp::Equal: range.lower = {keyWith(c.value), true}; range.upper = range.lower; break;
    case SortKeyOp::Less: range.upper = Bound{keyWith(c.value), false}; break;
    case SortKeyOp::LessOrEqual: range.upper = Bound{keyWith(c.value), true}; break;
    case SortKeyOp::Greater: range.lower = {keyWith(c.value), false}; break;
    case SortKeyOp::GreaterOrEqual: range.lower = {keyWith(c.value), true}; break;
    case SortKeyOp::Between: {
      range.lower = {keyWith(c.value), true};
      range.upper = Bound{keyWith(*c.upper), true};
      if (range.upper->key < range.lower.key) {
        return Status::validation(
            "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal "
            "to lower bound; lower bound operand: " + operandText(c.value) +
            ", upper bound operand: " + operandText(*c.upper));
      }
      break;
    }
    case SortKeyOp::BeginsWith:
      // S and B sort keys are stored raw, so a key-prefix is a value-prefix.
      range.lower = {keyWith(c.value), true};
      range.upperPrefix = range.lower.key;
      break;
  }
  return range;
}

}  // namespace

Status checkKeyConditionTypes(const KeySchema& key, const QueryRequest& r) {
  const Status mismatch =
      Status::validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
  if (r.partitionValue.type() != key.partition.type) return mismatch;
  if (!r.sortCondition) return Status::ok();
  if (!key.sort) return Status::validation("Query key condition not supported");
  const SortKeyCondition& c = *r.sortCondition;
  const AttrType type = key.sort->type;
  if (c.value.type() != type || (c.upper && c.upper->type() != type)) return mismatch;
  if (c.op == SortKeyOp::BeginsWith && type == AttrType::N) {
    return Status::validation(
        "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: "
        "begins_with, operand type: N");
  }
  return Status::ok();
}

namespace {

Result<ScanResult> queryTable(Database& db, const std::shared_ptr<const TableDef>& table, const QueryRequest& r) {
  DYNADESK_RETURN_IF_ERROR(checkKeyConditionTypes(table->key, r));
  DYNADESK_ASSIGN_OR_RETURN(KeyRange range, rangeOf(*table, r));

  if (r.exclusiveStartKey) {
    auto key = keyFromKeyMap(*table, *r.exclusiveStartKey);
    if (!key) return Status::validation("The provided starting key is invalid: " + key.status().message());
    if (!range.contains(key->storageKey)) {
      return Status::validation("The provided starting key is outside query boundaries based on provided conditions");
    }
    // Resume strictly after (or before, in reverse) the start key.
    if (r.scanIndexForward) {
      range.lower = {key->storageKey, false};
    } else {
      range.upper = Bound{key->storageKey, false};
    }
  }

  DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());
  auto cursor = txn.cursor();
  if (r.scanIndexForward) {
    DYNADESK_RETURN_IF_ERROR(cursor.seek(range.lower.key));
    if (cursor.valid() && !range.aboveLower(cursor.key())) DYNADESK_RETURN_IF_ERROR(cursor.next());
  } else if (range.upper) {
    DYNADESK_RETURN_IF_ERROR(cursor.seekForPrev(range.upper->key));
    if (cursor.valid() && !range.belowUpper(cursor.key())) DYNADESK_RETURN_IF_ERROR(cursor.prev());
  } else {
    // The last key starting with the prefix: step back from the prefix's successor.
    std::string successor = range.upperPrefix;
    while (!successor.empty() && static_cast<unsigned char>(successor.back()) == 0xFF) successor.pop_back();
    if (successor.empty()) {
      DYNADESK_RETURN_IF_ERROR(cursor.last());
    } else {
      successor.back() = static_cast<char>(static_cast<unsigned char>(successor.back()) + 1);
      DYNADESK_RETURN_IF_ERROR(cursor.seekForPrev(successor));
      if (cursor.valid() && cursor.key() == successor) DYNADESK_RETURN_IF_ERROR(cursor.prev());
    }
  }
  auto inRange = [&](std::string_view k) {
    return r.scanIndexForward ? range.belowUpper(k) : range.aboveLower(k);
  };
  return readPage(cursor, inRange, r.scanIndexForward, {r.limit, r.select, &r.filter}, tableLastKey(*table));
}

}  // namespace

Result<ScanResult> query(Database& db, const QueryRequest& r) {
  auto table = db.findTable(r.tableName);
  if (!table) return tableNotFound();
  // A local index shares its table's partitions; a partition key of the wrong
  // type is the query's own error, reported before any throttling.
  std::optional<std::uint64_t> partition;
  if (r.partitionValue.type() == AttrType::S || r.partitionValue.type() == AttrType::N ||
      r.partitionValue.type() == AttrType::B) {
    partition = storage::partitionHash(r.partitionValue);
  }
  return meteredRead(
      db, *table, r.indexName, r.consistentRead, partition,
      [&]() -> Result<ScanResult> {
        if (!r.indexName.empty()) return queryIndex(db, *table, r);
        return queryTable(db, table, r);
      },
      partition ? &r.partitionValue : nullptr);
}

}  // namespace dynadesk::ops
