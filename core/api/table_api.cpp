#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "api/handlers.h"
#include "api/request_common.h"
#include "dynadesk/limits.h"
#include "ops/streams.h"
#include "ops/table_ops.h"

namespace dynadesk::api {

namespace {

double epochSeconds(std::int64_t millis) { return static_cast<double>(millis) / 1000.0; }

Json keyElement(const std::string& name, const char* type) { return Json{{"AttributeName", name}, {"KeyType", type}}; }

Json describe(const ops::Database& db, const ops::TableDescription& d) {
  const TableDef& t = *d.def;
  Json j;
  Json defs = Json::array();
  for (const auto& a : t.attributeDefinitions) {
    defs.push_back(Json{{"AttributeName", a.name}, {"AttributeType", std::string(attrTypeName(a.type))}});
  }
  j["AttributeDefinitions"] = defs;
  j["TableName"] = t.name;
  Json ks = Json::array({keyElement(t.key.partition.name, "HASH")});
  if (t.key.sort) ks.push_back(keyElement(t.key.sort->name, "RANGE"));
  j["KeySchema"] = ks;
  j["TableStatus"] = d.status;
  j["CreationDateTime"] = epochSeconds(t.createdMillis);
  Json tp{{"NumberOfDecreasesToday", t.throughput.numberOfDecreasesToday},
          {"ReadCapacityUnits", t.throughput.readCapacityUnits},
          {"WriteCapacityUnits", t.throughput.writeCapacityUnits}};
  if (t.throughput.lastIncreaseMillis) tp["LastIncreaseDateTime"] = epochSeconds(t.throughput.lastIncreaseMillis);
  if (t.throughput.lastDecreaseMillis) tp["LastDecreaseDateTime"] = epochSeconds(t.throughput.lastDecreaseMillis);
  j["ProvisionedThroughput"] = tp;
  j["TableSizeBytes"] = d.stats.sizeBytes;
  j["ItemCount"] = d.stats.itemCount;
  j["TableArn"] = db.tableArn(t.name);
  j["TableId"] = t.tableId;
  if (t.billingMode == BillingMode::PayPerRequest) {
    j["BillingModeSummary"] = Json{{"BillingMode", "PAY_PER_REQUEST"},
                                   {"LastUpdateToPayPerRequestDateTime", epochSeconds(t.payPerRequestSinceMillis)}};
  } else if (t.billingModeSpecified) {
    j["BillingModeSummary"] = Json{{"BillingMode", "PROVISIONED"}};
  }
  if (t.streamEnabled) {
    j["StreamSpecification"] = Json{{"StreamEnabled", true}, {"StreamViewType", t.streamViewType}};
    j["LatestStreamLabel"] = ops::streamLabel(t.streamCreatedMillis);
    j["LatestStreamArn"] = ops::streamArn(db, t.name, t.streamCreatedMillis);
  }
  if (t.sseEnabled) {
    j["SSEDescription"] = Json{{"Status", "ENABLED"},
                               {"SSEType", t.sseType},
                               {"KMSMasterKeyArn", t.kmsMasterKeyId.empty()
                                                       ? "arn:aws:kms:" + db.region() + ":" + db.accountId() +
                                                             ":key/dynadesk-local"
                                                       : t.kmsMasterKeyId}};
  }
  if (!t.tableClass.empty()) j["TableClassSummary"] = Json{{"TableClass", t.tableClass}};
  j["DeletionProtectionEnabled"] = t.deletionProtection;
  Json gsis = Json::array(), lsis = Json::array();
  for (std::size_t n = 0; n < t.indexes.size(); ++n) {
    const IndexDef& i = t.indexes[n];
    const ops::IndexStats stats = n < d.indexStats.size() ? d.indexStats[n] : ops::IndexStats{};
    Json ix;
    ix["IndexName"] = i.name;
    Json iks = Json::array({keyElement(i.key.partition.name, "HASH")});
    if (i.key.sort) iks.push_back(keyElement(i.key.sort->name, "RANGE"));
    ix["KeySchema"] = iks;
    Json projection{{"ProjectionType", i.projection.type == ProjectionType::KeysOnly  ? "KEYS_ONLY"
                                       : i.projection.type == ProjectionType::Include ? "INCLUDE"
                                                                                      : "ALL"}};
    if (i.projection.type == ProjectionType::Include) projection["NonKeyAttributes"] = i.projection.nonKeyAttributes;
    ix["Projection"] = projection;
    ix["IndexSizeBytes"] = stats.sizeBytes;
    ix["ItemCount"] = stats.itemCount;
    ix["IndexArn"] = db.tableArn(t.name) + "/index/" + i.name;
    if (i.kind == IndexKind::Local) {
      lsis.push_back(std::move(ix));
      continue;
    }
    const char* status = d.status == "CREATING" || i.status == IndexStatus::Creating ? "CREATING"
                         : i.status == IndexStatus::Deleting                          ? "DELETING"
                                                                                      : "ACTIVE";
    ix["IndexStatus"] = status;
    if (i.status == IndexStatus::Creating) ix["Backfilling"] = i.backfilling;
    Json itp{{"NumberOfDecreasesToday", i.throughput.numberOfDecreasesToday},
             {"ReadCapacityUnits", i.throughput.readCapacityUnits},
             {"WriteCapacityUnits", i.throughput.writeCapacityUnits}};
    if (i.throughput.lastIncreaseMillis) itp["LastIncreaseDateTime"] = epochSeconds(i.throughput.lastIncreaseMillis);
    if (i.throughput.lastDecreaseMillis) itp["LastDecreaseDateTime"] = epochSeconds(i.throughput.lastDecreaseMillis);
    ix["ProvisionedThroughput"] = itp;
    gsis.push_back(std::move(ix));
  }
  if (!gsis.empty()) j["GlobalSecondaryIndexes"] = std::move(gsis);
  if (!lsis.empty()) j["LocalSecondaryIndexes"] = std::move(lsis);
  return j;
}

Result<std::optional<ProvisionedThroughput>> readThroughput(const Json& request, const std::string& path,
                                                            ConstraintErrors& errors);
Status checkThroughputBounds(const std::optional<ProvisionedThroughput>& tp);

// AttributeDefinitions members, shape-checked.
Status readAttributeDefinitions(const Json& defs, std::vector<KeyAttribute>& out, ConstraintErrors& errors) {
  for (std::size_t i = 0; i < defs.size(); ++i) {
    const Json& d = defs[i];
    if (!d.is_object()) return typeMismatch(d, "Structure");
    const std::string p = "attributeDefinitions." + std::to_string(i + 1) + ".member";
    DYNADESK_ASSIGN_OR_RETURN(auto name, optString(d, "AttributeName"));
    DYNADESK_ASSIGN_OR_RETURN(auto type, optString(d, "AttributeType"));
    if (!name) errors.notNull(p + ".attributeName");
    if (name && name->empty()) {
      errors.add("''", p + ".attributeName", "Member must have length greater than or equal to 1");
    } else if (name && name->size() > limits::kMaxKeyAttributeNameLength) {
      errors.add(ConstraintErrors::quote(*name), p + ".attributeName",
                 "Member must have length less than or equal to 255");
    }
    if (!type) errors.notNull(p + ".attributeType");
    checkEnum(type, p + ".attributeType", {"B", "N", "S"}, errors);
    if (name && type) {
      AttrType t = *type == "N" ? AttrType::N : *type == "B" ? AttrType::B : AttrType::S;
      out.push_back({*name, t});
    }
  }
  return Status::ok();
}

// GlobalSecondaryIndexes / LocalSecondaryIndexes members, shape-checked
// (`path` is DynamoDB's name for the list in constraint messages).
// One index member; `p` is its path in constraint messages.
Result<ops::IndexSpec> readIndexSpec(const Json& x, const std::string& p, bool global, ConstraintErrors& errors) {
  {
    ops::IndexSpec spec;
    DYNADESK_ASSIGN_OR_RETURN(auto name, optString(x, "IndexName"));
    DYNADESK_ASSIGN_OR_RETURN(const Json* keySchema, optList(x, "KeySchema"));
    DYNADESK_ASSIGN_OR_RETURN(const Json* projection, optStructure(x, "Projection"));
    if (!name) {
      errors.notNull(p + ".indexName");
    } else {
      const bool patternOk = !name->empty() && std::all_of(name->begin(), name->end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
      });
      if (!patternOk) {
        errors.add(ConstraintErrors::quote(*name), p + ".indexName",
                   "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
      }
      if (name->size() < 3) {
        errors.add(ConstraintErrors::quote(*name), p + ".indexName", "Member must have length greater than or equal to 3");
      } else if (name->size() > 255) {
        errors.add(ConstraintErrors::quote(*name), p + ".indexName", "Member must have length less than or equal to 255");
      }
      spec.name = *name;
    }
    if (!keySchema) {
      errors.notNull(p + ".keySchema");
    } else {
      if (keySchema->empty()) {
        errors.add("'[]'", p + ".keySchema", "Member must have length greater than or equal to 1");
      } else if (keySchema->size() > 2) {
        errors.add(ConstraintErrors::quote(*keySchema), p + ".keySchema", "Member must have length less than or equal to 2");
      }
      for (std::size_t k = 0; k < keySchema->size(); ++k) {
        const Json& e = (*keySchema)[k];
        if (!e.is_object()) return typeMismatch(e, "Structure");
        const std::string kp = p + ".keySchema." + std::to_string(k + 1) + ".member";
        DYNADESK_ASSIGN_OR_RETURN(auto an, optString(e, "AttributeName"));
        DYNADESK_ASSIGN_OR_RETURN(auto kt, optString(e, "KeyType"));
        if (!an) errors.notNull(kp + ".attributeName");
        if (!kt) errors.notNull(kp + ".keyType");
        checkEnum(kt, kp + ".keyType", {"HASH", "RANGE"}, errors);
        if (an && kt) spec.keySchema.emplace_back(*an, *kt);
      }
    }
    if (!projection) {
      errors.notNull(p + ".projection");
    } else {
      DYNADESK_ASSIGN_OR_RETURN(auto type, optString(*projection, "ProjectionType"));
      DYNADESK_ASSIGN_OR_RETURN(const Json* nonKey, optList(*projection, "NonKeyAttributes"));
      checkEnum(type, p + ".projection.projectionType", {"ALL", "INCLUDE", "KEYS_ONLY"}, errors);
      spec.projectionType = type;
      if (nonKey) {
        if (nonKey->empty()) {
          errors.add("'[]'", p + ".projection.nonKeyAttributes", "Member must have length greater than or equal to 1");
        }
        std::vector<std::string> names;
        for (const auto& a : *nonKey) {
          if (!a.is_string()) return typeMismatch(a, "String");
          names.push_back(a.get<std::string>());
        }
        spec.nonKeyAttributes = std::move(names);
      }
    }
    if (global) {
      DYNADESK_ASSIGN_OR_RETURN(const Json* tp, optStructure(x, "ProvisionedThroughput"));
      if (tp) {
        DYNADESK_ASSIGN_OR_RETURN(spec.throughput, readThroughput(x, p + ".provisionedThroughput", errors));
        DYNADESK_RETURN_IF_ERROR(checkThroughputBounds(spec.throughput));
      }
    }
    return spec;
  }
}

Result<std::optional<std::vector<ops::IndexSpec>>> readIndexSpecs(const Json* list, const std::string& path,
                                                                  bool global, ConstraintErrors& errors) {
  if (!list) return std::optional<std::vector<ops::IndexSpec>>();
  std::vector<ops::IndexSpec> specs;
  for (std::size_t n = 0; n < list->size(); ++n) {
    const Json& x = (*list)[n];
    if (!x.is_object()) return typeMismatch(x, "Structure");
    DYNADESK_ASSIGN_OR_RETURN(ops::IndexSpec spec,
                              readIndexSpec(x, path + "." + std::to_string(n + 1) + ".member", global, errors));
    specs.push_back(std::move(spec));
  }
  return std::optional<std::vector<ops::IndexSpec>>(std::move(specs));
}

// ProvisionedThroughput {ReadCapacityUnits, WriteCapacityUnits}, each >= 1.
Result<std::optional<ProvisionedThroughput>> readThroughput(const Json& request, const std::string& path,
                                                            ConstraintErrors& errors) {
  DYNADESK_ASSIGN_OR_RETURN(const Json* tp, optStructure(request, "ProvisionedThroughput"));
  if (!tp) return std::optional<ProvisionedThroughput>();
  ProvisionedThroughput t;
  for (const auto& [member, field, out] :
       {std::tuple{"WriteCapacityUnits", "writeCapacityUnits", &t.writeCapacityUnits},
        std::tuple{"ReadCapacityUnits", "readCapacityUnits", &t.readCapacityUnits}}) {
    DYNADESK_ASSIGN_OR_RETURN(auto v, optInt64(*tp, member));
    const std::string p = path + "." + field;
    if (!v) {
      errors.notNull(p);
    } else if (*v < limits::kMinProvisionedUnits) {
      errors.add(ConstraintErrors::quote(std::to_string(*v)), p, "Member must have value greater than or equal to 1");
    } else {
      *out = *v;
    }
  }
  return std::optional<ProvisionedThroughput>(t);
}

std::optional<BillingMode> billingModeOf(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return *s == "PAY_PER_REQUEST" ? BillingMode::PayPerRequest : BillingMode::Provisioned;
}

Status checkThroughputBounds(const std::optional<ProvisionedThroughput>& tp) {
  // DynamoDB's hard upper bound on a single value; the account quota is separate.
  constexpr std::int64_t kBound = 1000000000000LL;
  if (!tp) return Status::ok();
  if (tp->readCapacityUnits > kBound) {
    return Status::validation("Given value " + std::to_string(tp->readCapacityUnits) +
                              " for ReadCapacityUnits is out of bounds");
  }
  if (tp->writeCapacityUnits > kBound) {
    return Status::validation("Given value " + std::to_string(tp->writeCapacityUnits) +
                              " for WriteCapacityUnits is out of bounds");
  }
  return Status::ok();
}

Result<bool> readStreamSpecification(const Json& request, std::optional<bool>& enabled, std::string& viewType,
                                     ConstraintErrors& errors) {
  DYNADESK_ASSIGN_OR_RETURN(const Json* spec, optStructure(request, "StreamSpecification"));
  if (!spec) return false;
  DYNADESK_ASSIGN_OR_RETURN(auto en, optBool(*spec, "StreamEnabled"));
  DYNADESK_ASSIGN_OR_RETURN(auto vt, optString(*spec, "StreamViewType"));
  if (!en) errors.notNull("streamSpecification.streamEnabled");
  checkEnum(vt, "streamSpecification.streamViewType", {"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"},
            errors);
  enabled = en.value_or(false);
  viewType = vt.value_or("");
  return true;
}

Status readSse(const Json& request, std::optional<bool>& enabled, std::string& type, std::string& key,
               ConstraintErrors& errors) {
  DYNADESK_ASSIGN_OR_RETURN(const Json* sse, optStructure(request, "SSESpecification"));
  if (!sse) return Status::ok();
  DYNADESK_ASSIGN_OR_RETURN(auto en, optBool(*sse, "Enabled"));
  DYNADESK_ASSIGN_OR_RETURN(auto t, optString(*sse, "SSEType"));
  DYNADESK_ASSIGN_OR_RETURN(auto k, optString(*sse, "KMSMasterKeyId"));
  checkEnum(t, "sSESpecification.sSEType", {"AES256", "KMS"}, errors);
  enabled = en.value_or(t.has_value());
  type = t.value_or("KMS");
  key = k.value_or("");
  return Status::ok();
}

}  // namespace

Result<Json> createTable(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  ops::CreateTableRequest r;

  DYNADESK_ASSIGN_OR_RETURN(const Json* defs, optList(request, "AttributeDefinitions"));
  DYNADESK_ASSIGN_OR_RETURN(r.tableName, readTableName(request, errors));
  DYNADESK_ASSIGN_OR_RETURN(const Json* keySchema, optList(request, "KeySchema"));
  DYNADESK_ASSIGN_OR_RETURN(auto billing, optString(request, "BillingMode"));
  DYNADESK_ASSIGN_OR_RETURN(r.throughput, readThroughput(request, "provisionedThroughput", errors));
  DYNADESK_ASSIGN_OR_RETURN(auto tableClass, optString(request, "TableClass"));
  DYNADESK_ASSIGN_OR_RETURN(auto protection, optBool(request, "DeletionProtectionEnabled"));
  DYNADESK_ASSIGN_OR_RETURN(const Json* gsis, optList(request, "GlobalSecondaryIndexes"));
  DYNADESK_ASSIGN_OR_RETURN(const Json* lsis, optList(request, "LocalSecondaryIndexes"));
  DYNADESK_ASSIGN_OR_RETURN(const Json* tags, optList(request, "Tags"));
  DYNADESK_ASSIGN_OR_RETURN(r.globalIndexes, readIndexSpecs(gsis, "globalSecondaryIndexes", true, errors));
  DYNADESK_ASSIGN_OR_RETURN(r.localIndexes, readIndexSpecs(lsis, "localSecondaryIndexes", false, errors));

  if (!defs) {
    errors.notNull("attributeDefinitions");
  } else {
    DYNADESK_RETURN_IF_ERROR(readAttributeDefinitions(*defs, r.attributeDefinitions, errors));
  }
  checkEnum(billing, "billingMode", {"PROVISIONED", "PAY_PER_REQUEST"}, errors);
  if (!keySchema) {
    errors.notNull("keySchema");
  } else {
    if (keySchema->empty()) {
      errors.add("'[]'", "keySchema", "Member must have length greater than or equal to 1");
    } else if (keySchema->size() > 2) {
      errors.add(ConstraintErrors::quote(*keySchema), "keySchema", "Member must have length less than or equal to 2");
    }
    for (std::size_t i = 0; i < keySchema->size(); ++i) {
      const Json& k = (*keySchema)[i];
      if (!k.is_object()) return typeMismatch(k, "Structure");
      const std::string p = "keySchema." + std::to_string(i + 1) + ".member";
      DYNADESK_ASSIGN_OR_RETURN(auto name, optString(k, "AttributeName"));
      DYNADESK_ASSIGN_OR_RETURN(auto type, optString(k, "KeyType"));
      if (!name) errors.notNull(p + ".attributeName");
      if (!type) errors.notNull(p + ".keyType");
      checkEnum(type, p + ".keyType", {"HASH", "RANGE"}, errors);
      if (name && type) r.keySchema.emplace_back(*name, *type);
    }
  }
  checkEnum(tableClass, "tableClass", {"STANDARD", "STANDARD_INFREQUENT_ACCESS"}, errors);
  DYNADESK_ASSIGN_OR_RETURN(bool hasStream, readStreamSpecification(request, r.streamEnabled, r.streamViewType, errors));
  (void)hasStream;
  DYNADESK_RETURN_IF_ERROR(readSse(request, r.sseEnabled, r.sseType, r.kmsMasterKeyId, errors));
  if (tags) {
    for (const auto& t : *tags) {
      if (!t.is_object()) return typeMismatch(t, "Structure");
      DYNADESK_ASSIGN_OR_RETURN(auto key, optString(t, "Key"));
      DYNADESK_ASSIGN_OR_RETURN(auto value, optString(t, "Value"));
      if (!key) errors.notNull("tags.member.key");
      if (!value) errors.notNull("tags.member.value");
      if (key && value) r.tags.emplace_back(*key, *value);
    }
    if (tags->size() > limits::kMaxTagsPerResource) {
      return Status(ErrorType::LimitExceededException, "Too many tags: at most 50 tags are allowed per resource");
    }
  }
  DYNADESK_RETURN_IF_ERROR(errors.status());

  r.billingMode = billingModeOf(billing);
  DYNADESK_RETURN_IF_ERROR(checkThroughputBounds(r.throughput));
  r.tableClass = tableClass.value_or("");
  r.deletionProtection = protection.value_or(false);

  DYNADESK_ASSIGN_OR_RETURN(ops::TableDescription d, ops::createTable(db, r));
  return Json{{"TableDescription", describe(db, d)}};
}

Result<Json> describeTable(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(std::string name, readTableName(request, errors));
  DYNADESK_RETURN_IF_ERROR(errors.status());
  DYNADESK_ASSIGN_OR_RETURN(ops::TableDescription d, ops::describeTable(db, name));
  return Json{{"Table", describe(db, d)}};
}

Result<Json> listTables(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(auto start, optString(request, "ExclusiveStartTableName"));
  DYNADESK_ASSIGN_OR_RETURN(auto limit, optInt64(request, "Limit"));
  if (start) {
    if (start->size() < limits::kMinTableNameLength) {
      errors.add(ConstraintErrors::quote(*start), "exclusiveStartTableName",
                 "Member must have length greater than or equal to 3");
    } else if (start->size() > limits::kMaxTableNameLength) {
      errors.add(ConstraintErrors::quote(*start), "exclusiveStartTableName",
                 "Member must have length less than or equal to 255");
    }
  }
  if (limit && *limit < 1) {
    errors.add(ConstraintErrors::quote(std::to_string(*limit)), "limit",
               "Member must have value greater than or equal to 1");
  } else if (limit && *limit > limits::kMaxListTablesLimit) {
    errors.add(ConstraintErrors::quote(std::to_string(*limit)), "limit",
               "Member must have value less than or equal to 100");
  }
  DYNADESK_RETURN_IF_ERROR(errors.status());
  auto result = ops::listTables(db, start, static_cast<int>(limit.value_or(limits::kMaxListTablesLimit)));
  Json j{{"TableNames", result.names}};
  if (result.lastEvaluatedTableName) j["LastEvaluatedTableName"] = *result.lastEvaluatedTableName;
  return j;
}

Result<Json> updateTable(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  ops::UpdateTableRequest r;
  DYNADESK_ASSIGN_OR_RETURN(r.tableName, readTableName(request, errors));
  DYNADESK_ASSIGN_OR_RETURN(auto billing, optString(request, "BillingMode"));
  checkEnum(billing, "billingMode", {"PROVISIONED", "PAY_PER_REQUEST"}, errors);
  DYNADESK_ASSIGN_OR_RETURN(r.throughput, readThroughput(request, "provisionedThroughput", errors));
  DYNADESK_ASSIGN_OR_RETURN(auto protection, optBool(request, "DeletionProtectionEnabled"));
  DYNADESK_ASSIGN_OR_RETURN(auto tableClass, optString(request, "TableClass"));
  checkEnum(tableClass, "tableClass", {"STANDARD", "STANDARD_INFREQUENT_ACCESS"}, errors);
  DYNADESK_ASSIGN_OR_RETURN(const Json* gsiUpdates, optList(request, "GlobalSecondaryIndexUpdates"));
  DYNADESK_ASSIGN_OR_RETURN(bool hasStream, readStreamSpecification(request, r.streamEnabled, r.streamViewType, errors));
  (void)hasStream;
  std::string sseType, kmsKey;
  DYNADESK_RETURN_IF_ERROR(readSse(request, r.sseEnabled, sseType, kmsKey, errors));
  DYNADESK_RETURN_IF_ERROR(errors.status());
  DYNADESK_RETURN_IF_ERROR(checkThroughputBounds(r.throughput));
  r.billingMode = billingModeOf(billing);
  r.deletionProtection = protection;
  r.tableClass = tableClass.value_or("");
  DYNADESK_ASSIGN_OR_RETURN(const Json* updateDefs, optList(request, "AttributeDefinitions"));
  if (updateDefs) DYNADESK_RETURN_IF_ERROR(readAttributeDefinitions(*updateDefs, r.attributeDefinitions, errors));
  if (gsiUpdates) {
    for (std::size_t n = 0; n < gsiUpdates->size(); ++n) {
      const Json& u = (*gsiUpdates)[n];
      if (!u.is_object()) return typeMismatch(u, "Structure");
      const std::string p = "globalSecondaryIndexUpdates." + std::to_string(n + 1) + ".member";
      DYNADESK_ASSIGN_OR_RETURN(const Json* create, optStructure(u, "Create"));
      DYNADESK_ASSIGN_OR_RETURN(const Json* update, optStructure(u, "Update"));
      DYNADESK_ASSIGN_OR_RETURN(const Json* del, optStructure(u, "Delete"));
      if (!create && !update && !del) {
        return Status::validation("One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, "
                                  "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null");
      }
      ops::UpdateTableRequest::IndexUpdate out;
      if (create) {
        DYNADESK_ASSIGN_OR_RETURN(out.spec, readIndexSpec(*create, p + ".create", true, errors));
        out.action = ops::UpdateTableRequest::IndexUpdate::Action::Create;
      } else {
        const Json& x = update ? *update : *del;
        DYNADESK_ASSIGN_OR_RETURN(auto name, optString(x, "IndexName"));
        if (!name) errors.notNull(p + (update ? ".update" : ".delete") + ".indexName");
        out.spec.name = name.value_or("");
        out.action = update ? ops::UpdateTableRequest::IndexUpdate::Action::Update
                            : ops::UpdateTableRequest::IndexUpdate::Action::Delete;
        if (update) {
          DYNADESK_ASSIGN_OR_RETURN(out.spec.throughput, readThroughput(x, p + ".update.provisionedThroughput", errors));
        }
      }
      r.indexUpdates.push_back(std::move(out));
    }
  }
  DYNADESK_RETURN_IF_ERROR(errors.status());
  DYNADESK_ASSIGN_OR_RETURN(ops::TableDescription d, ops::updateTable(db, r));
  return Json{{"TableDescription", describe(db, d)}};
}

Result<Json> deleteTable(ops::Database& db, const Json& request) {
  DYNADESK_RETURN_IF_ERROR(requireObject(request));
  ConstraintErrors errors;
  DYNADESK_ASSIGN_OR_RETURN(std::string name, readTableName(request, errors));
  DYNADESK_RETURN_IF_ERROR(errors.status());
  DYNADESK_ASSIGN_OR_RETURN(ops::TableDescription d, ops::deleteTable(db, name));
  return Json{{"TableDescription", describe(db, d)}};
}

}  // namespace dynadesk::api
