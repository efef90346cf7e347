#include "ops/table_ops.h"

#include <algorithm>
#include <random>
#include <set>

#include "dynadesk/limits.h"
#include "ops/index_jobs.h"
#include "ops/streams.h"
#include "storage/catalog_codec.h"
#include "storage/key_codec.h"

namespace dynadesk::ops {

namespace {

Status invalid(std::string m) { return Status::validation("One or more parameter values were invalid: " + m); }

Status tableNotFoundNamed(const std::string& name) {
  return {ErrorType::ResourceNotFoundException, "Requested resource not found: Table: " + name + " not found"};
}

std::string newUuid() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uint64_t a = rng(), b = rng();
  a = (a & 0xFFFFFFFFFFFF0FFFull) | 0x0000000000004000ull;  // version 4
  b = (b & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // RFC 4122 variant
  char buf[37];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFFF),
                static_cast<unsigned>(b >> 48), static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFull));
  return buf;
}

std::string joinNames(const std::vector<std::string>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
  return s;
}

Status validateThroughputForBilling(BillingMode mode, const std::optional<ProvisionedThroughput>& tp) {
  if (mode == BillingMode::PayPerRequest) {
    if (tp) {
      return invalid("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
                     "PAY_PER_REQUEST");
    }
    return Status::ok();
  }
  if (!tp || tp->readCapacityUnits <= 0 || tp->writeCapacityUnits <= 0) {
    return invalid("ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
  }
  return Status::ok();
}

Status validateStreamSpec(std::optional<bool> enabled, const std::string& viewType) {
  if (enabled && *enabled && viewType.empty()) {
    return invalid("You must specify a StreamViewType when enabling a stream");
  }
  return Status::ok();
}

// KeySchema and AttributeDefinitions rules, in the order DynamoDB checks them.
Result<KeySchema> resolveKeySchema(const CreateTableRequest& r) {
  std::vector<std::string> defNames, keyNames;
  for (const auto& d : r.attributeDefinitions) defNames.push_back(d.name);
  for (const auto& [name, type] : r.keySchema) keyNames.push_back(name);
  std::set<std::string> seen;
  for (const auto& n : defNames) {
    if (!seen.insert(n).second) return invalid("Duplicate AttributeName in AttributeDefinitions: " + n);
  }
  if (keyNames.size() > defNames.size()) return Status::validation("Invalid KeySchema: Some index key attribute have no definition");
  for (const auto& k : keyNames) {
    if (std::find(defNames.begin(), defNames.end(), k) == defNames.end()) {
      return invalid("Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
                     joinNames(keyNames) + "], AttributeDefinitions: [" + joinNames(defNames) + "]");
    }
  }
  if (keyNames.size() == 2 && keyNames[0] == keyNames[1]) {
    return Status::validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  if (r.keySchema[0].second != "HASH") {
    return Status::validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (r.keySchema.size() == 2 && r.keySchema[1].second != "RANGE") {
    return Status::validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  }
  if (!r.globalIndexes && !r.localIndexes && keyNames.size() != defNames.size()) {
    return invalid("Number of attributes in KeySchema does not exactly match number of attributes defined in "
                   "AttributeDefinitions");
  }
  auto typeOf = [&](const std::string& n) {
    for (const auto& d : r.attributeDefinitions) {
      if (d.name == n) return d.type;
    }
    return AttrType::S;
  };
  KeySchema ks;
  ks.partition = {keyNames[0], typeOf(keyNames[0])};
  if (keyNames.size() == 2) ks.sort = KeyAttribute{keyNames[1], typeOf(keyNames[1])};
  return ks;
}

// The checks one index's key schema and projection share, in DynamoDB's order.
Status checkIndexShape(const IndexSpec& spec, const std::vector<KeyAttribute>& defs) {
  std::vector<std::string> keys, defNames;
  for (const auto& [name, type] : spec.keySchema) keys.push_back(name);
  for (const auto& d : defs) defNames.push_back(d.name);
  for (const auto& k : keys) {
    if (std::find(defNames.begin(), defNames.end(), k) == defNames.end()) {
      return invalid("Some index key attributes are not defined in AttributeDefinitions. Keys: [" + joinNames(keys) +
                     "], AttributeDefinitions: [" + joinNames(defNames) + "]");
    }
  }
  if (keys.size() == 2 && keys[0] == keys[1]) {
    return Status::validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  if (spec.keySchema[0].second != "HASH") {
    return Status::validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (spec.keySchema.size() == 2 && spec.keySchema[1].second != "RANGE") {
    return Status::validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  }
  return Status::ok();
}

Status checkProjection(const IndexSpec& spec) {
  if (!spec.projectionType) return invalid("Unknown ProjectionType: null");
  if (spec.nonKeyAttributes && *spec.projectionType != "INCLUDE") {
    return invalid("ProjectionType is " + *spec.projectionType + ", but NonKeyAttributes is specified");
  }
  if (!spec.nonKeyAttributes && *spec.projectionType == "INCLUDE") {
    return invalid("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  }
  return Status::ok();
}

IndexDef indexFromSpec(const IndexSpec& spec, IndexKind kind, const std::vector<KeyAttribute>& defs,
                       std::int64_t now) {
  auto typeOf = [&](const std::string& n) {
    for (const auto& d : defs) {
      if (d.name == n) return d.type;
    }
    return AttrType::S;
  };
  IndexDef index;
  index.name = spec.name;
  index.kind = kind;
  index.key.partition = {spec.keySchema[0].first, typeOf(spec.keySchema[0].first)};
  if (spec.keySchema.size() == 2) index.key.sort = KeyAttribute{spec.keySchema[1].first, typeOf(spec.keySchema[1].first)};
  const std::string& type = *spec.projectionType;
  index.projection.type = type == "KEYS_ONLY" ? ProjectionType::KeysOnly
                          : type == "INCLUDE" ? ProjectionType::Include
                                              : ProjectionType::All;
  if (spec.nonKeyAttributes) index.projection.nonKeyAttributes = *spec.nonKeyAttributes;
  if (spec.throughput) {
    index.throughput.readCapacityUnits = spec.throughput->readCapacityUnits;
    index.throughput.writeCapacityUnits = spec.throughput->writeCapacityUnits;
  }
  index.createdMillis = now;
  return index;
}

// GlobalSecondaryIndexes and LocalSecondaryIndexes of a CreateTable, checked in
// the order DynamoDB checks them, then every AttributeDefinition must be used.
Result<std::vector<IndexDef>> resolveIndexes(const CreateTableRequest& r, const KeySchema& table, BillingMode mode,
                                             std::int64_t now) {
  std::vector<IndexDef> out;
  std::set<std::string> names;
  if (r.localIndexes) {
    const auto& lsis = *r.localIndexes;
    if (lsis.empty()) return invalid("List of LocalSecondaryIndexes is empty");
    if (!table.sort) {
      return invalid("Table KeySchema does not have a range key, which is required when specifying a "
                     "LocalSecondaryIndex");
    }
    for (const auto& spec : lsis) {
      DYNADESK_RETURN_IF_ERROR(checkIndexShape(spec, r.attributeDefinitions));
      if (spec.keySchema.size() != 2) return invalid("Index KeySchema does not have a range key for index: " + spec.name);
      if (spec.keySchema[0].first != table.partition.name) {
        return invalid("Index KeySchema does not have the same leading hash key as table KeySchema for index: " +
                       spec.name + ". index hash key: " + spec.keySchema[0].first +
                       ", table hash key: " + table.partition.name);
      }
      DYNADESK_RETURN_IF_ERROR(checkProjection(spec));
      if (!names.insert(spec.name).second) return invalid("Duplicate index name: " + spec.name);
      out.push_back(indexFromSpec(spec, IndexKind::Local, r.attributeDefinitions, now));
    }
    if (lsis.size() > limits::kMaxLocalSecondaryIndexes) {
      return invalid("Number of LocalSecondaryIndexes exceeds per-table limit of 5");
    }
  }
  if (r.globalIndexes) {
    const auto& gsis = *r.globalIndexes;
    if (gsis.empty()) return invalid("List of GlobalSecondaryIndexes is empty");
    for (const auto& spec : gsis) {
      DYNADESK_RETURN_IF_ERROR(checkIndexShape(spec, r.attributeDefinitions));
      DYNADESK_RETURN_IF_ERROR(checkProjection(spec));
      if (mode == BillingMode::PayPerRequest && spec.throughput) {
        return invalid("ProvisionedThroughput should not be specified for index: " + spec.name +
                       " when BillingMode is PAY_PER_REQUEST");
      }
      if (mode == BillingMode::Provisioned && !spec.throughput) {
        return invalid("ProvisionedThroughput is not specified for index: " + spec.name);
      }
      if (!names.insert(spec.name).second) return invalid("Duplicate index name: " + spec.name);
      out.push_back(indexFromSpec(spec, IndexKind::Global, r.attributeDefinitions, now));
    }
    if (gsis.size() > limits::kMaxGlobalSecondaryIndexes) {
      return invalid("GlobalSecondaryIndex count exceeds the per-table limit of 20");
    }
  }
  std::size_t projected = 0;
  for (const auto& i : out) projected += i.projection.nonKeyAttributes.size();
  if (projected > limits::kMaxProjectedAttributes) {
    return invalid("Number of projected attributes in all indexes exceeds limit of 100, number of projected "
                   "attributes:" + std::to_string(projected));
  }
  if (r.globalIndexes || r.localIndexes) {
    std::set<std::string> used{table.partition.name};
    if (table.sort) used.insert(table.sort->name);
    for (const auto& i : out) {
      used.insert(i.key.partition.name);
      if (i.key.sort) used.insert(i.key.sort->name);
    }
    std::vector<std::string> defNames, usedNames;
    for (const auto& d : r.attributeDefinitions) {
      defNames.push_back(d.name);
      if (used.count(d.name)) usedNames.push_back(d.name);
    }
    if (usedNames.size() != defNames.size()) {
      return invalid("Some AttributeDefinitions are not used. AttributeDefinitions: [" + joinNames(defNames) +
                     "], keys used: [" + joinNames(usedNames) + "]");
    }
  }
  std::uint32_t id = 1;
  for (auto& i : out) i.id = id++;
  return out;
}


// What an UpdateTable's GlobalSecondaryIndexUpdates do, decided against the
// cached definition and re-applied to the stored one inside the write.
struct IndexChanges {
  std::optional<IndexDef> create;   // the new index (its id assigned on re-apply)
  std::string created;              // its name
  std::string deleted;              // the index to drop
  std::vector<std::pair<std::string, ProvisionedThroughput>> throughput;  // Update actions
  std::vector<KeyAttribute> newDefinitions;
  std::int64_t now = 0;
};

Result<IndexChanges> applyIndexUpdates(TableDef& def, const UpdateTableRequest& r, std::int64_t now) {
  IndexChanges out;
  out.now = now;
  if (r.indexUpdates.empty()) {
    return out;
  }
  std::set<std::string> names;
  std::size_t onlineChanges = 0;
  for (const auto& u : r.indexUpdates) {
    if (!names.insert(u.spec.name).second) {
      return invalid("Only one global secondary index update per index is allowed simultaneously. Index: " +
                     u.spec.name);
    }
    if (u.action != UpdateTableRequest::IndexUpdate::Action::Update) ++onlineChanges;
  }
  bool busy = false;
  for (const auto& i : def.indexes) busy = busy || i.status != IndexStatus::Active;
  if (onlineChanges > 1 || (onlineChanges == 1 && busy)) {
    return Status(ErrorType::LimitExceededException,
                  "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table");
  }
  // AttributeDefinitions may add the new index's key attributes; a name the
  // table already defines must keep its type.
  std::vector<KeyAttribute> defs = def.attributeDefinitions;
  for (const auto& a : r.attributeDefinitions) {
    auto it = std::find_if(defs.begin(), defs.end(), [&](const KeyAttribute& d) { return d.name == a.name; });
    if (it == defs.end()) {
      defs.push_back(a);
      out.newDefinitions.push_back(a);
    } else if (it->type != a.type) {
      return invalid("Cannot change the type of attribute " + a.name + " from " +
                     std::string(attrTypeName(it->type)) + " to " + std::string(attrTypeName(a.type)));
    }
  }
  const BillingMode mode = def.billingMode;
  for (const auto& u : r.indexUpdates) {
    const IndexDef* existing = def.findIndex(u.spec.name);
    switch (u.action) {
      case UpdateTableRequest::IndexUpdate::Action::Create: {
        if (existing) return Status::validation("Attempting to create an index which already exists");
        DYNADESK_RETURN_IF_ERROR(checkIndexShape(u.spec, defs));
        DYNADESK_RETURN_IF_ERROR(checkProjection(u.spec));
        if (mode == BillingMode::PayPerRequest && u.spec.throughput) {
          return invalid("ProvisionedThroughput should not be specified for index: " + u.spec.name +
                         " when BillingMode is PAY_PER_REQUEST");
        }
        if (mode == BillingMode::Provisioned && !u.spec.throughput) {
          return invalid("ProvisionedThroughput is not specified for index: " + u.spec.name);
        }
        std::size_t globals = 0, projected = u.spec.nonKeyAttributes ? u.spec.nonKeyAttributes->size() : 0;
        for (const auto& i : def.indexes) {
          if (i.kind == IndexKind::Global) ++globals;
          projected += i.projection.nonKeyAttributes.size();
        }
        if (globals + 1 > limits::kMaxGlobalSecondaryIndexes) {
          return invalid("GlobalSecondaryIndex count exceeds the per-table limit of 20");
        }
        if (projected > limits::kMaxProjectedAttributes) {
          return invalid("Number of projected attributes in all indexes exceeds limit of 100, number of projected "
                         "attributes:" + std::to_string(projected));
        }
        IndexDef index = indexFromSpec(u.spec, IndexKind::Global, defs, now);
        index.status = IndexStatus::Creating;
        index.backfilling = true;
        out.create = index;
        out.created = u.spec.name;
        break;
      }
      case UpdateTableRequest::IndexUpdate::Action::Delete:
        if (!existing || existing->kind != IndexKind::Global) {
          return Status(ErrorType::ResourceNotFoundException,
                        "Requested resource not found: Index: " + u.spec.name + " not found");
        }
        out.deleted = u.spec.name;
        break;
      case UpdateTableRequest::IndexUpdate::Action::Update:
        if (!existing || existing->kind != IndexKind::Global) {
          return Status(ErrorType::ResourceNotFoundException,
                        "Requested resource not found: Index: " + u.spec.name + " not found");
        }
        if (mode == BillingMode::PayPerRequest) {
          return invalid("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
                         "PAY_PER_REQUEST");
        }
        if (!u.spec.throughput) return invalid("ProvisionedThroughput is not specified for index: " + u.spec.name);
        out.throughput.emplace_back(u.spec.name, *u.spec.throughput);
        break;
    }
  }
  // Every AttributeDefinition must key the table or an index once this call is applied.
  std::set<std::string> used{def.key.partition.name};
  if (def.key.sort) used.insert(def.key.sort->name);
  for (const auto& i : def.indexes) {
    if (i.name == out.deleted) continue;
    used.insert(i.key.partition.name);
    if (i.key.sort) used.insert(i.key.sort->name);
  }
  if (out.create) {
    used.insert(out.create->key.partition.name);
    if (out.create->key.sort) used.insert(out.create->key.sort->name);
  }
  for (const auto& a : out.newDefinitions) {
    if (!used.count(a.name)) {
      std::vector<std::string> defNames, usedNames;
      for (const auto& d : defs) {
        defNames.push_back(d.name);
        if (used.count(d.name)) usedNames.push_back(d.name);
      }
      return invalid("Some AttributeDefinitions are not used. AttributeDefinitions: [" + joinNames(defNames) +
                     "], keys used: [" + joinNames(usedNames) + "]");
    }
  }
  return out;
}

// Re-applies the index changes to the stored definition (inside the write).
Status reapplyIndexChanges(TableDef& d, const IndexChanges& c) {
  for (const auto& a : c.newDefinitions) {
    if (std::none_of(d.attributeDefinitions.begin(), d.attributeDefinitions.end(),
                     [&](const KeyAttribute& k) { return k.name == a.name; })) {
      d.attributeDefinitions.push_back(a);
    }
  }
  if (c.create) {
    if (d.findIndex(c.create->name)) return Status::validation("Attempting to create an index which already exists");
    IndexDef index = *c.create;
    index.id = d.nextIndexId++;
    d.indexes.push_back(std::move(index));
  }
  for (auto& i : d.indexes) {
    if (i.name == c.deleted) i.status = IndexStatus::Deleting;
    for (const auto& [name, tp] : c.throughput) {
      if (i.name != name) continue;
      if (tp.readCapacityUnits > i.throughput.readCapacityUnits || tp.writeCapacityUnits > i.throughput.writeCapacityUnits) {
        i.throughput.lastIncreaseMillis = c.now;
      }
      if (tp.readCapacityUnits < i.throughput.readCapacityUnits || tp.writeCapacityUnits < i.throughput.writeCapacityUnits) {
        i.throughput.lastDecreaseMillis = c.now;
        ++i.throughput.numberOfDecreasesToday;
      }
      i.throughput.readCapacityUnits = tp.readCapacityUnits;
      i.throughput.writeCapacityUnits = tp.writeCapacityUnits;
    }
  }
  return Status::ok();
}

Result<TableDescription> describeFrom(Database& db, std::shared_ptr<const TableDef> def, std::string status) {
  DYNADESK_ASSIGN_OR_RETURN(auto txn, db.env().read());
  if (status == "ACTIVE") {
    for (const auto& i : def->indexes) {
      if (i.status != IndexStatus::Active) status = "UPDATING";  // an index is being built or dropped
    }
  }
  TableDescription d{def, std::move(status), {}, {}};
  DYNADESK_ASSIGN_OR_RETURN(d.stats, Database::readTableStats(txn, def->id));
  for (const auto& i : def->indexes) {
    DYNADESK_ASSIGN_OR_RETURN(IndexStats s, readIndexStats(txn, def->id, i.id));
    d.indexStats.push_back(s);
  }
  return d;
}

}  // namespace

Result<TableDescription> createTable(Database& db, const CreateTableRequest& r) {
  const BillingMode mode = r.billingMode.value_or(BillingMode::Provisioned);
  DYNADESK_RETURN_IF_ERROR(validateThroughputForBilling(mode, r.throughput));
  DYNADESK_ASSIGN_OR_RETURN(KeySchema keySchema, resolveKeySchema(r));
  DYNADESK_RETURN_IF_ERROR(validateStreamSpec(r.streamEnabled, r.streamViewType));
  const std::int64_t now = db.clock().nowMillis();
  DYNADESK_ASSIGN_OR_RETURN(std::vector<IndexDef> indexes, resolveIndexes(r, keySchema, mode, now));

  auto def = std::make_shared<TableDef>();
  def->name = r.tableName;
  def->tableId = newUuid();
  def->createdMillis = now;
  def->indexes = std::move(indexes);
  def->nextIndexId = static_cast<std::uint32_t>(def->indexes.size()) + 1;
  def->key = keySchema;
  def->attributeDefinitions = r.attributeDefinitions;
  def->billingMode = mode;
  def->billingModeSpecified = r.billingMode.has_value();
  if (mode == BillingMode::PayPerRequest) def->payPerRequestSinceMillis = def->createdMillis;
  if (r.throughput) {
    def->throughput.readCapacityUnits = r.throughput->readCapacityUnits;
    def->throughput.writeCapacityUnits = r.throughput->writeCapacityUnits;
  }
  def->streamEnabled = r.streamEnabled.value_or(false);
  if (def->streamEnabled) {
    def->streamViewType = r.streamViewType;
    def->streamCreatedMillis = def->createdMillis;
  }
  def->sseEnabled = r.sseEnabled.value_or(false);
  if (def->sseEnabled) {
    def->sseType = r.sseType.empty() ? "KMS" : r.sseType;
    def->kmsMasterKeyId = r.kmsMasterKeyId;
  }
  def->tableClass = r.tableClass;
  def->deletionProtection = r.deletionProtection;
  def->tags = r.tags;

  Status st = db.env().write([&](storage::WriteTxn& txn) -> Status {
    const std::string key = storage::catalogKey(def->name);
    DYNADESK_ASSIGN_OR_RETURN(auto existing, txn.get(key));
    if (existing) return {ErrorType::ResourceInUseException, "Table already exists: " + def->name};
    DYNADESK_ASSIGN_OR_RETURN(auto counter, txn.get(storage::nextTableIdKey()));
    std::uint32_t id = counter && counter->size() == 4 ? storage::readBigEndian32(*counter) : 1;
    def->id = id;
    std::string next;
    storage::appendBigEndian32(next, id + 1);
    DYNADESK_RETURN_IF_ERROR(txn.put(storage::nextTableIdKey(), next));
    return txn.put(key, storage::encodeCatalogEntry(*def));
  });
  DYNADESK_RETURN_IF_ERROR(st);
  db.cacheTable(def);
  // Announced after the cache holds the table, so a subscriber that reacts by
  // describing it finds it.
  if (db.events().wanted()) db.events().publish(TableEvent{def->name, TableEventKind::Created});
  return TableDescription{def, "CREATING", {}, std::vector<IndexStats>(def->indexes.size())};
}

Result<TableDescription> describeTable(Database& db, const std::string& name) {
  auto def = db.findTable(name);
  if (!def) return tableNotFoundNamed(name);
  return describeFrom(db, def, "ACTIVE");
}

ListTablesResult listTables(const Database& db, const std::optional<std::string>& start, int limit) {
  ListTablesResult result;
  std::vector<std::string> names = db.tableNames();
  auto it = start ? std::upper_bound(names.begin(), names.end(), *start) : names.begin();
  for (; it != names.end() && static_cast<int>(result.names.size()) < limit; ++it) result.names.push_back(*it);
  // DynamoDB names the last table whenever the page is full and more may follow.
  if (it != names.end()) result.lastEvaluatedTableName = result.names.back();
  return result;
}

Result<TableDescription> updateTable(Database& db, const UpdateTableRequest& r) {
  auto current = db.findTable(r.tableName);
  if (!current) return tableNotFoundNamed(r.tableName);
  if (!r.billingMode && !r.throughput && !r.deletionProtection && r.tableClass.empty() && !r.streamEnabled &&
      !r.sseEnabled && r.indexUpdates.empty()) {
    return Status::validation(
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or "
        "SSESpecification or ReplicaUpdates is required");
  }
  auto def = std::make_shared<TableDef>(*current);
  const std::int64_t now = db.clock().nowMillis();
  const BillingMode mode = r.billingMode.value_or(current->billingMode);
  if (r.billingMode || r.throughput) {
    if (mode == BillingMode::PayPerRequest) {
      DYNADESK_RETURN_IF_ERROR(validateThroughputForBilling(mode, r.throughput));
    } else if (current->billingMode == BillingMode::PayPerRequest || r.throughput) {
      DYNADESK_RETURN_IF_ERROR(validateThroughputForBilling(mode, r.throughput));
    }
  }
  if (r.throughput && mode == BillingMode::Provisioned && current->billingMode == BillingMode::Provisioned &&
      r.throughput->readCapacityUnits == current->throughput.readCapacityUnits &&
      r.throughput->writeCapacityUnits == current->throughput.writeCapacityUnits) {
    const auto& c = current->throughput;
    return Status::validation(
        "The provisioned throughput for the table will not change. The requested value equals the current value. "
        "Current ReadCapacityUnits provisioned for the table: " + std::to_string(c.readCapacityUnits) +
        ". Requested ReadCapacityUnits: " + std::to_string(r.throughput->readCapacityUnits) +
        ". Current WriteCapacityUnits provisioned for the table: " + std::to_string(c.writeCapacityUnits) +
        ". Requested WriteCapacityUnits: " + std::to_string(r.throughput->writeCapacityUnits) +
        ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to apply for an increase.");
  }
  if (r.billingMode) {
    def->billingMode = mode;
    def->billingModeSpecified = true;
    if (mode == BillingMode::PayPerRequest && current->billingMode != BillingMode::PayPerRequest) {
      def->payPerRequestSinceMillis = now;
      def->throughput.readCapacityUnits = 0;
      def->throughput.writeCapacityUnits = 0;
    }
  }
  if (r.throughput && mode == BillingMode::Provisioned) {
    auto& t = def->throughput;
    const bool increase = r.throughput->readCapacityUnits > t.readCapacityUnits ||
                          r.throughput->writeCapacityUnits > t.writeCapacityUnits;
    const bool decrease = r.throughput->readCapacityUnits < t.readCapacityUnits ||
                          r.throughput->writeCapacityUnits < t.writeCapacityUnits;
    if (increase) t.lastIncreaseMillis = now;
    if (decrease) {
      t.lastDecreaseMillis = now;
      ++t.numberOfDecreasesToday;
    }
    t.readCapacityUnits = r.throughput->readCapacityUnits;
    t.writeCapacityUnits = r.throughput->writeCapacityUnits;
  }
  if (r.deletionProtection) def->deletionProtection = *r.deletionProtection;
  if (!r.tableClass.empty()) def->tableClass = r.tableClass;
  std::vector<std::int64_t> forgottenStreams;  // closed more than 24 hours ago: their records go
  if (r.streamEnabled) {
    DYNADESK_RETURN_IF_ERROR(validateStreamSpec(r.streamEnabled, r.streamViewType));
    if (*r.streamEnabled && current->streamEnabled) {
      return Status::validation("Table already has an enabled stream: TableName: " + r.tableName);
    }
    if (!*r.streamEnabled && !current->streamEnabled) {
      return Status::validation("Table has no stream to disable: TableName: " + r.tableName);
    }
    def->streamEnabled = *r.streamEnabled;
    // Closed streams stay readable for 24 hours; older ones are forgotten.
    for (const auto& c : def->closedStreams) {
      if (c.closedMillis + kStreamRetentionMillis <= now) forgottenStreams.push_back(c.createdMillis);
    }
    std::erase_if(def->closedStreams, [&](const ClosedStream& c) { return c.closedMillis + kStreamRetentionMillis <= now; });
    if (def->streamEnabled) {
      def->streamViewType = r.streamViewType;
      // A stream's creation time is its identity: never reuse one.
      std::int64_t created = std::max(now, current->streamCreatedMillis + 1);
      for (const auto& c : def->closedStreams) created = std::max(created, c.createdMillis + 1);
      def->streamCreatedMillis = created;
    } else {
      def->closedStreams.push_back({current->streamCreatedMillis, now, current->streamViewType});
    }
  }
  if (r.sseEnabled) def->sseEnabled = *r.sseEnabled;
  DYNADESK_ASSIGN_OR_RETURN(IndexChanges indexChanges, applyIndexUpdates(*def, r, now));

  // Applied to the stored definition inside the write, so a concurrent change
  // (an index build finishing) is never overwritten with a stale copy.
  const TableDef& wanted = *def;
  std::shared_ptr<const TableDef> written;
  Status st = db.env().write([&](storage::WriteTxn& txn) -> Status {
    DYNADESK_ASSIGN_OR_RETURN(written, rewriteCatalogEntry(db, txn, r.tableName, current->id, [&](TableDef& d) -> Status {
      auto indexes = std::move(d.indexes);
      const std::uint32_t nextIndexId = d.nextIndexId;
      d = wanted;
      // Keep the stored indexes (their status may have moved on), then apply this call's changes.
      d.indexes = std::move(indexes);
      d.nextIndexId = nextIndexId;
      return reapplyIndexChanges(d, indexChanges);
    }));
    for (std::int64_t created : forgottenStreams) DYNADESK_RETURN_IF_ERROR(eraseStreamData(txn, written->id, created));
    return Status::ok();
  });
  if (st.type() == ErrorType::ResourceNotFoundException) return tableNotFoundNamed(r.tableName);
  DYNADESK_RETURN_IF_ERROR(st);
  if (!indexChanges.created.empty()) db.indexJobs().startBackfill(r.tableName, indexChanges.created);
  if (!indexChanges.deleted.empty()) db.indexJobs().startDrop(r.tableName, indexChanges.deleted);
  if (db.events().wanted()) db.events().publish(TableEvent{written->name, TableEventKind::Updated});
  return describeFrom(db, written, "ACTIVE");
}

Result<TableDescription> deleteTable(Database& db, const std::string& name) {
  auto def = db.findTable(name);
  if (!def) return tableNotFoundNamed(name);
  if (def->deletionProtection) {
    return Status::validation(
        "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection "
        "first.");
  }
  TableStats stats;
  std::vector<IndexStats> indexStats;
  Status st = db.env().write([&](storage::WriteTxn& txn) -> Status {
    indexStats.clear();
    DYNADESK_RETURN_IF_ERROR(Database::checkTableAlive(txn, *def));
    DYNADESK_ASSIGN_OR_RETURN(stats, Database::readTableStats(txn, def->id));
    for (const auto& i : def->indexes) {
      DYNADESK_ASSIGN_OR_RETURN(IndexStats s, readIndexStats(txn, def->id, i.id));
      indexStats.push_back(s);
    }
    DYNADESK_RETURN_IF_ERROR(txn.erase(storage::catalogKey(name)).status());
    DYNADESK_RETURN_IF_ERROR(txn.erase(storage::tableStatsKey(def->id)).status());
    DYNADESK_RETURN_IF_ERROR(txn.erasePrefix(storage::tableIndexStatsPrefix(def->id)).status());
    DYNADESK_RETURN_IF_ERROR(txn.erasePrefix(storage::tableIndexesPrefix(def->id)).status());
    DYNADESK_RETURN_IF_ERROR(txn.erasePrefix(storage::tableItemCollectionsPrefix(def->id)).status());
    DYNADESK_RETURN_IF_ERROR(eraseStreamData(txn, def->id, std::nullopt));
    return txn.erasePrefix(storage::tableItemsPrefix(def->id)).status();
  });
  if (st.type() == ErrorType::ResourceNotFoundException) return tableNotFoundNamed(name);
  DYNADESK_RETURN_IF_ERROR(st);
  db.uncacheTable(name);
  if (db.events().wanted()) db.events().publish(TableEvent{name, TableEventKind::Deleted});
  return TableDescription{def, "DELETING", stats, std::move(indexStats)};
}

}  // namespace dynadesk::ops
