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
    return d;
  } catch (const std::exception&) {
    return Status::internal("corrupt catalog entry");
  }
}

std::uint32_t catalogEntryTableId(std::string_view bytes) { return readBigEndian32(bytes); }

}  // namespace dynadesk::storage
