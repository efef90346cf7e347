#include "operation/table_shape.h"

namespace dynadesk::ui {

namespace {

using Json = nlohmann::json;

Status readKeySchema(const Json& owner, const std::string& what, std::string& hash, std::string& range) {
  auto it = owner.find("KeySchema");
  if (it == owner.end() || !it->is_array()) return Status::validation(what + " has no KeySchema list");
  for (const auto& element : *it) {
    if (!element.is_object()) return Status::validation(what + ": a KeySchema element is not an object");
    auto name = element.find("AttributeName");
    auto type = element.find("KeyType");
    if (name == element.end() || !name->is_string() || type == element.end() || !type->is_string()) {
      return Status::validation(what + ": a KeySchema element lacks AttributeName or KeyType");
    }
    if (*type == "HASH") {
      hash = name->get<std::string>();
    } else if (*type == "RANGE") {
      range = name->get<std::string>();
    } else {
      return Status::validation(what + ": unknown KeyType " + type->get<std::string>());
    }
  }
  if (hash.empty()) return Status::validation(what + " has no HASH key");
  return Status::ok();
}

Status readIndexes(const Json& table, const char* member, bool global, std::vector<IndexShape>& out) {
  auto it = table.find(member);
  if (it == table.end() || it->is_null()) return Status::ok();
  if (!it->is_array()) return Status::validation(std::string(member) + " is not a list");
  for (const auto& index : *it) {
    if (!index.is_object()) return Status::validation(std::string(member) + ": an index is not an object");
    IndexShape shape;
    shape.global = global;
    auto name = index.find("IndexName");
    if (name == index.end() || !name->is_string()) {
      return Status::validation(std::string(member) + ": an index has no IndexName");
    }
    shape.name = name->get<std::string>();
    DYNADESK_RETURN_IF_ERROR(readKeySchema(index, "Index " + shape.name, shape.partitionKey, shape.sortKey));
    shape.projectionType = "ALL";
    if (auto p = index.find("Projection"); p != index.end() && p->is_object()) {
      if (auto t = p->find("ProjectionType"); t != p->end() && t->is_string()) shape.projectionType = t->get<std::string>();
      if (auto n = p->find("NonKeyAttributes"); n != p->end() && n->is_array()) {
        for (const auto& a : *n) {
          if (a.is_string()) shape.nonKeyAttributes.push_back(a.get<std::string>());
        }
      }
    }
    out.push_back(std::move(shape));
  }
  return Status::ok();
}

}  // namespace

Result<TableShape> tableShapeFromDescription(const nlohmann::json& tableJson) {
  if (!tableJson.is_object()) return Status::validation("The table description is not a JSON object");
  TableShape shape;
  auto name = tableJson.find("TableName");
  if (name == tableJson.end() || !name->is_string()) return Status::validation("The table description has no TableName");
  shape.name = name->get<std::string>();
  DYNADESK_RETURN_IF_ERROR(readKeySchema(tableJson, "Table " + shape.name, shape.partitionKey, shape.sortKey));
  if (auto defs = tableJson.find("AttributeDefinitions"); defs != tableJson.end() && defs->is_array()) {
    for (const auto& d : *defs) {
      if (!d.is_object()) continue;
      auto n = d.find("AttributeName");
      auto t = d.find("AttributeType");
      if (n != d.end() && n->is_string() && t != d.end() && t->is_string()) {
        shape.attributeTypes[n->get<std::string>()] = t->get<std::string>();
      }
    }
  }
  DYNADESK_RETURN_IF_ERROR(readIndexes(tableJson, "GlobalSecondaryIndexes", true, shape.indexes));
  DYNADESK_RETURN_IF_ERROR(readIndexes(tableJson, "LocalSecondaryIndexes", false, shape.indexes));
  return shape;
}

const IndexShape* findIndex(const TableShape& shape, const std::string& index) {
  for (const auto& i : shape.indexes) {
    if (i.name == index) return &i;
  }
  return nullptr;
}

Result<KeyNames> keysFor(const TableShape& shape, const std::string& index) {
  if (index.empty()) return KeyNames{shape.partitionKey, shape.sortKey};
  const IndexShape* found = findIndex(shape, index);
  if (found == nullptr) {
    return Status(ErrorType::ResourceNotFoundException, "Table " + shape.name + " has no index named " + index + ".");
  }
  return KeyNames{found->partitionKey, found->sortKey};
}

bool consistentReadAllowed(const TableShape& shape, const std::string& index, std::string* reason) {
  if (index.empty()) return true;
  const IndexShape* found = findIndex(shape, index);
  if (found == nullptr) {
    if (reason) *reason = "Table " + shape.name + " has no index named " + index + ".";
    return false;
  }
  if (found->global) {
    if (reason) *reason = "Global secondary indexes support eventually consistent reads only.";
    return false;
  }
  return true;
}

}  // namespace dynadesk::ui
