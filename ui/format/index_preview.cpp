#include "format/index_preview.h"

#include <QObject>
#include <QStringList>

#include "dynadesk/item_size.h"

namespace dynadesk::ui {

namespace {

std::optional<AttrType> scalarType(const std::string& code) {
  if (code == "S") return AttrType::S;
  if (code == "N") return AttrType::N;
  if (code == "B") return AttrType::B;
  return std::nullopt;
}

// The worst problem of one key attribute of one item (None when it is fine).
IndexExclusion keyProblem(const Item& item, const KeyDesign& key, std::size_t maxBytes) {
  auto it = item.find(key.name);
  if (key.name.empty() || it == item.end()) return IndexExclusion::MissingKey;
  const std::optional<AttrType> declared = scalarType(key.type);
  if (!declared || it->second.type() != *declared) return IndexExclusion::WrongType;
  const AttributeValue& v = it->second;
  const std::size_t bytes = v.is(AttrType::S) ? v.asString().size() : v.is(AttrType::B) ? v.asBinary().size() : 1;
  if (bytes == 0 || bytes > maxBytes) return IndexExclusion::InvalidValue;
  return IndexExclusion::None;
}

void copyAttribute(const Item& from, Item& to, const std::string& name) {
  if (name.empty() || to.contains(name)) return;
  if (auto it = from.find(name); it != from.end()) to.emplace(it->first, it->second);
}

}  // namespace

IndexExclusion indexExclusion(const Item& item, const IndexDesign& index) {
  // A missing attribute is the commonest reason and the one a sparse index is
  // designed around, so it is reported before a wrong type of the other key.
  IndexExclusion pk = keyProblem(item, index.partitionKey, kMaxIndexPartitionKeyBytes);
  IndexExclusion sk = index.sortKey ? keyProblem(item, *index.sortKey, kMaxIndexSortKeyBytes) : IndexExclusion::None;
  for (IndexExclusion e : {IndexExclusion::MissingKey, IndexExclusion::WrongType, IndexExclusion::InvalidValue}) {
    if (pk == e || sk == e) return e;
  }
  return IndexExclusion::None;
}

Item projectForIndex(const Item& item, const TableKeys& table, const IndexDesign& index) {
  if (index.projection == "ALL") return item;
  Item out;
  copyAttribute(item, out, table.partitionKey.name);
  if (table.sortKey) copyAttribute(item, out, table.sortKey->name);
  copyAttribute(item, out, index.partitionKey.name);
  if (index.sortKey) copyAttribute(item, out, index.sortKey->name);
  if (index.projection == "INCLUDE") {
    for (const auto& name : index.nonKeyAttributes) copyAttribute(item, out, name);
  }
  return out;
}

std::uint64_t indexEntrySize(const Item& item, const TableKeys& table, const IndexDesign& index) {
  return itemSize(projectForIndex(item, table, index)) + kIndexEntryOverheadBytes;
}

std::uint64_t writeUnitsFor(std::uint64_t bytes) { return bytes == 0 ? 1 : (bytes + 1023) / 1024; }

namespace {

std::vector<WriteKindCost> amplificationFor(const IndexDesign& index, double unit) {
  const QString key = index.sortKey ? QObject::tr("%1 and %2").arg(QString::fromStdString(index.partitionKey.name),
                                                                     QString::fromStdString(index.sortKey->name))
                                    : QString::fromStdString(index.partitionKey.name);
  std::vector<WriteKindCost> rows;
  rows.push_back({QObject::tr("Put a new item that has %1").arg(key), 1, unit});
  if (index.projection == "ALL") {
    rows.push_back({QObject::tr("Update an indexed item, keeping its %1").arg(key), 1, unit});
  } else if (index.projection == "INCLUDE") {
    QStringList names;
    for (const auto& n : index.nonKeyAttributes) names << QString::fromStdString(n);
    rows.push_back({names.isEmpty() ? QObject::tr("Update an included attribute of an indexed item")
                                    : QObject::tr("Update %1 of an indexed item").arg(names.join(QObject::tr(", "))),
                    1, unit});
    rows.push_back({QObject::tr("Update other attributes of an indexed item"), 0, 0});
  } else {
    rows.push_back({QObject::tr("Update an indexed item, keeping its %1").arg(key), 0, 0});
  }
  rows.push_back({QObject::tr("Change the value of %1 (a delete and a put)").arg(key), 2, 2 * unit});
  rows.push_back({QObject::tr("Add %1 to an item that lacked it (it enters the index)").arg(key), 1, unit});
  rows.push_back({QObject::tr("Remove %1 from an item (it leaves the index)").arg(key), 1, unit});
  rows.push_back({QObject::tr("Delete an indexed item"), 1, unit});
  rows.push_back({QObject::tr("Any write of an item without %1").arg(key), 0, 0});
  return rows;
}

}  // namespace

IndexPreview previewIndex(const std::vector<Item>& items, const TableKeys& table, const IndexDesign& index) {
  IndexPreview p;
  p.itemsExamined = items.size();
  std::uint64_t entryUnits = 0, tableUnits = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    switch (indexExclusion(items[i], index)) {
      case IndexExclusion::MissingKey: ++p.missingKey; continue;
      case IndexExclusion::WrongType: ++p.wrongType; continue;
      case IndexExclusion::InvalidValue: ++p.invalidValue; continue;
      case IndexExclusion::None: break;
    }
    ++p.itemsIn;
    p.included.push_back(i);
    const std::uint64_t size = indexEntrySize(items[i], table, index);
    p.sizeBytes += size;
    const std::uint64_t units = writeUnitsFor(size - kIndexEntryOverheadBytes);
    entryUnits += units;
    tableUnits += writeUnitsFor(itemSize(items[i]));
  }
  p.backfillUnits = entryUnits;
  if (p.itemsIn > 0) {
    p.averageEntryBytes = double(p.sizeBytes) / double(p.itemsIn);
    p.averageEntryUnits = double(entryUnits) / double(p.itemsIn);
    p.averageTableUnits = double(tableUnits) / double(p.itemsIn);
  }
  // With no item to go by, a write costs the minimum: one unit.
  p.amplification = amplificationFor(index, p.itemsIn > 0 ? p.averageEntryUnits : 1.0);
  return p;
}

}  // namespace dynadesk::ui

// --- The table as DescribeTable tells it.

namespace dynadesk::ui {

namespace {

std::string jsonString(const nlohmann::json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

std::int64_t jsonInt(const nlohmann::json& j, const char* key, std::int64_t fallback) {
  if (!j.is_object() || !j.contains(key)) return fallback;
  const auto& v = j[key];
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number()) return static_cast<std::int64_t>(v.get<double>());
  return fallback;
}

const nlohmann::json& jsonObject(const nlohmann::json& j, const char* key) {
  static const nlohmann::json empty = nlohmann::json::object();
  return j.is_object() && j.contains(key) && j[key].is_object() ? j[key] : empty;
}

const nlohmann::json& jsonArray(const nlohmann::json& j, const char* key) {
  static const nlohmann::json empty = nlohmann::json::array();
  return j.is_object() && j.contains(key) && j[key].is_array() ? j[key] : empty;
}

KeyDesign keyOf(const nlohmann::json& table, const nlohmann::json& element) {
  const std::string name = jsonString(element, "AttributeName");
  const std::string type = definedType(table, name);
  return {name, type.empty() ? "S" : type};
}

void readKeySchema(const nlohmann::json& table, const nlohmann::json& schema, KeyDesign& pk, std::optional<KeyDesign>& sk) {
  for (const auto& k : schema) {
    if (jsonString(k, "KeyType") == "HASH") pk = keyOf(table, k);
    else if (jsonString(k, "KeyType") == "RANGE") sk = keyOf(table, k);
  }
}

bool provisioned(const nlohmann::json& table) {
  return jsonString(jsonObject(table, "BillingModeSummary"), "BillingMode") != "PAY_PER_REQUEST";
}

}  // namespace

std::string definedType(const nlohmann::json& table, const std::string& name) {
  for (const auto& d : jsonArray(table, "AttributeDefinitions")) {
    if (jsonString(d, "AttributeName") == name) return jsonString(d, "AttributeType");
  }
  return {};
}

TableKeys tableKeysOf(const nlohmann::json& table) {
  TableKeys keys;
  readKeySchema(table, jsonArray(table, "KeySchema"), keys.partitionKey, keys.sortKey);
  return keys;
}

std::vector<IndexDesign> indexesOf(const nlohmann::json& table) {
  std::vector<IndexDesign> out;
  for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    for (const auto& i : jsonArray(table, kind)) {
      if (!i.is_object()) continue;
      IndexDesign ix;
      ix.global = kind[0] == 'G';
      ix.name = jsonString(i, "IndexName");
      readKeySchema(table, jsonArray(i, "KeySchema"), ix.partitionKey, ix.sortKey);
      const auto& projection = jsonObject(i, "Projection");
      ix.projection = jsonString(projection, "ProjectionType");
      if (ix.projection.empty()) ix.projection = "ALL";
      for (const auto& a : jsonArray(projection, "NonKeyAttributes")) {
        if (a.is_string()) ix.nonKeyAttributes.push_back(a.get<std::string>());
      }
      const auto& tp = jsonObject(i, "ProvisionedThroughput");
      ix.readCapacity = jsonInt(tp, "ReadCapacityUnits", 0);
      ix.writeCapacity = jsonInt(tp, "WriteCapacityUnits", 0);
      out.push_back(std::move(ix));
    }
  }
  return out;
}

TableDesign tableDesignOf(const nlohmann::json& table) {
  TableDesign d;
  d.name = jsonString(table, "TableName");
  const TableKeys keys = tableKeysOf(table);
  d.partitionKey = keys.partitionKey;
  d.sortKey = keys.sortKey;
  d.onDemand = !provisioned(table);
  if (!d.onDemand) {
    const auto& tp = jsonObject(table, "ProvisionedThroughput");
    d.readCapacity = jsonInt(tp, "ReadCapacityUnits", 1);
    d.writeCapacity = jsonInt(tp, "WriteCapacityUnits", 1);
  }
  d.indexes = indexesOf(table);
  return d;
}

QStringList newIndexProblems(const nlohmann::json& table, const IndexDesign& index) {
  QStringList problems;
  const QString label = index.name.empty() ? QObject::tr("The index") : QString::fromStdString(index.name);
  if (index.name.empty()) problems << QObject::tr("Give the index a name.");
  if (index.partitionKey.name.empty()) problems << QObject::tr("Choose or type the index's partition key.");
  if (index.sortKey && index.sortKey->name.empty()) {
    problems << QObject::tr("Choose or type the index's sort key, or turn the sort key off.");
  }
  if (index.sortKey && !index.partitionKey.name.empty() && index.sortKey->name == index.partitionKey.name) {
    problems << QObject::tr("The index's partition key and sort key must be different attributes.");
  }
  // A key attribute keeps the one type the table's AttributeDefinitions give it.
  for (const KeyDesign* k : {&index.partitionKey, index.sortKey ? &*index.sortKey : nullptr}) {
    if (!k || k->name.empty()) continue;
    const std::string defined = definedType(table, k->name);
    if (!defined.empty() && defined != k->type) {
      problems << QObject::tr("“%1” is already a key of this table or one of its indexes, with type %2; an index "
                              "must use it as %2 too.")
                      .arg(QString::fromStdString(k->name), QString::fromStdString(defined));
    }
  }
  if (provisioned(table) && (index.readCapacity < 1 || index.writeCapacity < 1)) {
    problems << QObject::tr("This table is provisioned: give the index at least 1 read and 1 write unit.");
  }
  for (const auto& existing : indexesOf(table)) {
    if (existing.name == index.name && !index.name.empty()) {
      problems << QObject::tr("The table already has an index named “%1”.").arg(label);
    }
  }
  for (const auto& i : jsonArray(table, "GlobalSecondaryIndexes")) {
    const std::string status = jsonString(i, "IndexStatus");
    if (!status.empty() && status != "ACTIVE") {
      problems << QObject::tr("The index “%1” is still being %2; DynamoDB creates or deletes one index at a time. "
                              "Wait until it is done.")
                      .arg(QString::fromStdString(jsonString(i, "IndexName")),
                           status == "DELETING" ? QObject::tr("deleted") : QObject::tr("built"));
    }
  }
  // The table-wide rules (name format, index counts, projections) as the
  // create-table dialog words them.
  TableDesign design = tableDesignOf(table);
  IndexDesign proposed = index;
  proposed.global = true;
  design.indexes.push_back(proposed);
  for (const QString& p : validate(design)) {
    if (!p.startsWith(QObject::tr("Two indexes are named"))) problems << p;
  }
  problems.removeDuplicates();
  return problems;
}

nlohmann::json createIndexRequest(const nlohmann::json& table, const IndexDesign& index) {
  nlohmann::json schema = nlohmann::json::array({{{"AttributeName", index.partitionKey.name}, {"KeyType", "HASH"}}});
  nlohmann::json defs = nlohmann::json::array({{{"AttributeName", index.partitionKey.name}, {"AttributeType", index.partitionKey.type}}});
  if (index.sortKey) {
    schema.push_back({{"AttributeName", index.sortKey->name}, {"KeyType", "RANGE"}});
    defs.push_back({{"AttributeName", index.sortKey->name}, {"AttributeType", index.sortKey->type}});
  }
  nlohmann::json projection{{"ProjectionType", index.projection}};
  if (index.projection == "INCLUDE") projection["NonKeyAttributes"] = index.nonKeyAttributes;
  nlohmann::json create{{"IndexName", index.name}, {"KeySchema", schema}, {"Projection", projection}};
  if (provisioned(table)) {
    create["ProvisionedThroughput"] = {{"ReadCapacityUnits", index.readCapacity},
                                       {"WriteCapacityUnits", index.writeCapacity}};
  }
  return {{"TableName", jsonString(table, "TableName")},
          {"AttributeDefinitions", defs},
          {"GlobalSecondaryIndexUpdates", nlohmann::json::array({{{"Create", create}}})}};
}

nlohmann::json deleteIndexRequest(const std::string& tableName, const std::string& name) {
  return {{"TableName", tableName},
          {"GlobalSecondaryIndexUpdates", nlohmann::json::array({{{"Delete", {{"IndexName", name}}}}})}};
}

}  // namespace dynadesk::ui
