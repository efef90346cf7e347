#include "storage/catalog_codec.h"

#include <nlohmann/json.hpp>

#include "storage/key_codec.h"

namespace dynadesk::storage {

namespace {
using Json = nlohmann::json;

std::string typeName(AttrType t) { return std::string(attrTypeName(t)); }

AttrType typeFromName(const std::string& s) {
  if (s == "N") return AttrType::N;
  if (s == "B") return AttrType::B;
  return AttrType::S;
}

Json keyAttr(const KeyAttribute& k) { return Json{{"name", k.name}, {"type", typeName(k.type)}}; }
KeyAttribute keyAttrFrom(const Json& j) { return {j.at("name").get<std::string>(), typeFromName(j.at("type"))}; }

const char* projectionName(ProjectionType t) {
  switch (t) {
    case ProjectionType::All: return "ALL";
    case ProjectionType::KeysOnly: return "KEYS_ONLY";
    case ProjectionType::Include: return "INCLUDE";
  }
  return "ALL";
}

ProjectionType projectionFrom(const std::string& s) {
  if (s == "KEYS_ONLY") return ProjectionType::KeysOnly;
  if (s == "INCLUDE") return ProjectionType::Include;
  return ProjectionType::All;
}

const char* statusName(IndexStatus s) {
  switch (s) {
    case IndexStatus::Creating: return "CREATING";
    case IndexStatus::Active: return "ACTIVE";
    case IndexStatus::Deleting: return "DELETING";
  }
  return "ACTIVE";
}

IndexStatus statusFrom(const std::string& s) {
  if (s == "CREATING") return IndexStatus::Creating;
  if (s == "DELETING") return IndexStatus::Deleting;
  return IndexStatus::Active;
}

Json indexJson(const IndexDef& i) {
  Json j{{"id", i.id},
         {"name", i.name},
         {"kind", i.kind == IndexKind::Local ? "LOCAL" : "GLOBAL"},
         {"hash", keyAttr(i.key.partition)},
         {"projection", projectionName(i.projection.type)},
         {"nonKeyAttributes", i.projection.nonKeyAttributes},
         {"rcu", i.throughput.readCapacityUnits},
         {"wcu", i.throughput.writeCapacityUnits},
         {"lastIncrease", i.throughput.lastIncreaseMillis},
         {"lastDecrease", i.throughput.lastDecreaseMillis},
         {"decreasesToday", i.throughput.numberOfDecreasesToday},
         {"status", statusName(i.status)},
         {"backfilling", i.backfilling},
         {"created", i.createdMillis}};
  if (i.key.sort) j["range"] = keyAttr(*i.key.sort);
  return j;
}

IndexDef indexFrom(const Json& j) {
  IndexDef i;
  i.id = j.at("id").get<std::uint32_t>();
  i.name = j.at("name").get<std::string>();
  i.kind = j.value("kind", "GLOBAL") == "LOCAL" ? IndexKind::Local : IndexKind::Global;
  i.key.partition = keyAttrFrom(j.at("hash"));
  if (j.contains("range")) i.key.sort = keyAttrFrom(j.at("range"));
  i.projection.type = projectionFrom(j.value("projection", "ALL"));
  if (j.contains("nonKeyAttributes")) i.projection.nonKeyAttributes = j.at("nonKeyAttributes").get<std::vector<std::string>>();
  i.throughput.readCapacityUnits = j.value("rcu", std::int64_t{0});
  i.throughput.writeCapacityUnits = j.value("wcu", std::int64_t{0});
  i.throughput.lastIncreaseMillis = j.value("lastIncrease", std::int64_t{0});
  i.throughput.lastDecreaseMillis = j.value("lastDecrease", std::int64_t{0});
  i.throughput.numberOfDecreasesToday = j.value("decreasesToday", std::int64_t{0});
  i.status = statusFrom(j.value("status", "ACTIVE"));
  i.backfilling = j.value("backfilling", false);
  i.createdMillis = j.value("created", std::int64_t{0});
  return i;
}
}  // namespace

std::string encodeCatalogEntry(const TableDef& d) {
  Json j;
  j["name"] = d.name;
  j["tableId"] = d.tableId;
  j["created"] = d.createdMillis;
  j["hash"] = keyAttr(d.key.partition);
  if (d.key.sort) j["range"] = keyAttr(*d.key.sort);
  Json defs = Json::array();
  for (const auto& a : d.attributeDefinitions) defs.push_back(keyAttr(a));
  j["attributes"] = defs;
  j["billing"] = d.billingMode == BillingMode::PayPerRequest ? "PAY_PER_REQUEST" : "PROVISIONED";
  j["billingSpecified"] = d.billingModeSpecified;
  j["payPerRequestSince"] = d.payPerRequestSinceMillis;
  j["rcu"] = d.throughput.readCapacityUnits;
  j["wcu"] = d.throughput.writeCapacityUnits;
  j["lastIncrease"] = d.throughput.lastIncreaseMillis;
  j["lastDecrease"] = d.throughput.lastDecreaseMillis;
  j["decreasesToday"] = d.throughput.numberOfDecreasesToday;
  j["streamEnabled"] = d.streamEnabled;
  j["streamViewType"] = d.streamViewType;
  j["streamCreated"] = d.streamCreatedMillis;
  j["sseEnabled"] = d.sseEnabled;
  j["sseType"] = d.sseType;
  j["kmsKey"] = d.kmsMasterKeyId;
  j["tableClass"] = d.tableClass;
  j["deletionProtection"] = d.deletionProtection;
  Json tags = Json::array();
  for (const auto& [k, v] : d.tags) tags.push_back(Json::array({k, v}));
  j["tags"] = tags;
  if (!d.indexes.empty()) {
    Json indexes = Json::array();
    for (const auto& i : d.indexes) indexes.push_back(indexJson(i));
    j["indexes"] = indexes;
  }
  j["nextIndexId"] = d.nextIndexId;
  j["ttlEnabled"] = d.ttlEnabled;
  j["ttlAttribute"] = d.ttlAttribute;
  if (!d.closedStreams.empty()) {
    Json closed = Json::array();
    for (const auto& c : d.closedStreams) closed.push_back(Json::array({c.createdMillis, c.closedMillis, c.viewType}));
    j["closedStreams"] = closed;
  }

  std::string out;
  appendBigEndian32(out, d.id);
  out += j.dump();
  return out;
}

Result<TableDef> decodeCatalogEntry(std::string_view bytes) {
  if (bytes.size() < 4) return Status::internal("corrupt catalog entry");
  try {
    Json j = Json::parse(bytes.substr(4));
    TableDef d;
    d.id = readBigEndian32(bytes);
    d.name = j.at("name").get<std::string>();
    d.tableId = j.at("tableId").get<std::string>();
    d.createdMillis = j.at("created").get<std::int64_t>();
    d.key.partition = keyAttrFrom(j.at("hash"));
    if (j.contains("range")) d.key.sort = keyAttrFrom(j.at("range"));
    for (const auto& a : j.at("attributes")) d.attributeDefinitions.push_back(keyAttrFrom(a));
    d.billingMode = j.value("billing", "PROVISIONED") == "PAY_PER_REQUEST" ? BillingMode::PayPerRequest
                                                                           : BillingMode::Provisioned;
    d.billingModeSpecified = j.value("billingSpecified", false);
    d.payPerRequestSinceMillis = j.value("payPerRequestSince", std::int64_t{0});
    d.throughput.readCapacityUnits = j.value("rcu", std::int64_t{0});
    d.throughput.writeCapacityUnits = j.value("wcu", std::int64_t{0});
    d.throughput.lastIncreaseMillis = j.value("lastIncrease", std::int64_t{0});
    d.throughput.lastDecreaseMillis = j.value("lastDecrease", std::int64_t{0});
    d.throughput.numberOfDecreasesToday = j.value("decreasesToday", std::int64_t{0});
    d.streamEnabled = j.value("streamEnabled", false);
    d.streamViewType = j.value("streamViewType", "");
    d.streamCreatedMillis = j.value("streamCreated", std::int64_t{0});
    d.sseEnabled = j.value("sseEnabled", false);
    d.sseType = j.value("sseType", "");
    d.kmsMasterKeyId = j.value("kmsKey", "");
    d.tableClass = j.value("tableClass", "");
    d.deletionProtection = j.value("deletionProtection", false);
    if (j.contains("tags")) {
      for (const auto& t : j.at("tags")) d.tags.emplace_back(t.at(0).get<std::string>(), t.at(1).get<std::string>());
    }
    if (j.contains("indexes")) {
      for (const auto& i : j.at("indexes")) d.indexes.push_back(indexFrom(i));
    }
    d.nextIndexId = j.value("nextIndexId", std::uint32_t{1});
    d.ttlEnabled = j.value("ttlEnabled", false);
    d.ttlAttribute = j.value("ttlAttribute", "");
    if (j.contains("closedStreams")) {
      for (const auto& c : j.at("closedStreams")) {
        d.closedStreams.push_back({c.at(0).get<std::int64_t>(), c.at(1).get<std::int64_t>(), c.at(2).get<std::string>()});
      }
    }
    return d;
  } catch (const std::exception&) {
    return Status::internal("corrupt catalog entry");
  }
}

std::uint32_t catalogEntryTableId(std::string_view bytes) { return readBigEndian32(bytes); }

}  // namespace dynadesk::storage
