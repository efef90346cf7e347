#include "format/table_design.h"

#include <algorithm>
#include <map>
#include <set>

#include <QObject>

namespace dynadesk::ui {

namespace {

bool validNameChars(const std::string& s) {
  for (unsigned char c : s) {
    if (!(std::isalnum(c) || c == '_' || c == '-' || c == '.')) return false;
  }
  return true;
}

nlohmann::json keySchema(const KeyDesign& hash, const std::optional<KeyDesign>& range) {
  nlohmann::json schema = nlohmann::json::array({{{"AttributeName", hash.name}, {"KeyType", "HASH"}}});
  if (range) schema.push_back({{"AttributeName", range->name}, {"KeyType", "RANGE"}});
  return schema;
}

QString shellQuote(const std::string& s) {
  QString q = QString::fromStdString(s);
  q.replace("'", "'\\''");
  return "'" + q + "'";
}

}  // namespace

QString tableNameProblem(const std::string& name) {
  if (name.empty()) return QObject::tr("Give the table a name.");
  if (name.size() < 3) return QObject::tr("Table names are 3 to 255 characters long.");
  if (name.size() > 255) return QObject::tr("Table names are 3 to 255 characters long.");
  if (!validNameChars(name)) return QObject::tr("Use only letters, digits, underscore (_), hyphen (-) and dot (.).");
  return {};
}

QStringList validate(const TableDesign& d) {
  QStringList problems;
  if (QString p = tableNameProblem(d.name); !p.isEmpty()) problems << p;
  if (d.partitionKey.name.empty()) problems << QObject::tr("Name the partition key.");
  if (d.sortKey && d.sortKey->name.empty()) problems << QObject::tr("Name the sort key, or turn the sort key off.");
  if (d.sortKey && d.sortKey->name == d.partitionKey.name && !d.partitionKey.name.empty()) {
    problems << QObject::tr("The partition key and the sort key must be different attributes.");
  }
  if (!d.onDemand && (d.readCapacity < 1 || d.writeCapacity < 1)) {
    problems << QObject::tr("Provisioned capacity must be at least 1 read and 1 write unit.");
  }
  // Every attribute used as a key anywhere must have one type.
  std::map<std::string, std::string> types;
  auto noteType = [&](const KeyDesign& k) {
    if (k.name.empty()) return;
    auto [it, inserted] = types.emplace(k.name, k.type);
    if (!inserted && it->second != k.type) {
      problems << QObject::tr("The attribute “%1” is used as a key with two types (%2 and %3).")
                      .arg(QString::fromStdString(k.name), QString::fromStdString(it->second),
                           QString::fromStdString(k.type));
    }
  };
  noteType(d.partitionKey);
  if (d.sortKey) noteType(*d.sortKey);
  std::set<std::string> indexNames;
  int gsis = 0, lsis = 0;
  std::size_t projected = 0;  // non-key attributes summed over INCLUDE indexes
  for (const auto& ix : d.indexes) {
    const QString label = ix.name.empty() ? QObject::tr("An index") : QString::fromStdString(ix.name);
    if (ix.name.size() < 3 || ix.name.size() > 255 || !validNameChars(ix.name)) {
      problems << QObject::tr("%1: index names are 3 to 255 letters, digits, _, - or .").arg(label);
    }
    if (!indexNames.insert(ix.name).second) problems << QObject::tr("Two indexes are named “%1”.").arg(label);
    if (ix.partitionKey.name.empty()) problems << QObject::tr("%1: name its partition key.").arg(label);
    if (ix.sortKey && ix.sortKey->name.empty()) problems << QObject::tr("%1: name its sort key.").arg(label);
    if (ix.global) {
      ++gsis;
    } else {
      ++lsis;
      if (!d.sortKey) problems << QObject::tr("%1: a local index needs a table with a sort key.").arg(label);
      if (ix.partitionKey.name != d.partitionKey.name) {
        problems << QObject::tr("%1: a local index uses the table's partition key.").arg(label);
      }
      if (!ix.sortKey) problems << QObject::tr("%1: a local index needs a sort key.").arg(label);
    }
    if (ix.projection == "INCLUDE") {
      projected += ix.nonKeyAttributes.size();
      if (ix.nonKeyAttributes.empty()) {
        problems << QObject::tr("%1: INCLUDE needs at least one non-key attribute; pick one, or project ALL or KEYS_ONLY.")
                        .arg(label);
      }
      if (ix.nonKeyAttributes.size() > std::size_t(kMaxNonKeyAttributesPerIndex)) {
        problems << QObject::tr("%1: an index can include at most %2 non-key attributes (this one has %3).")
                        .arg(label)
                        .arg(kMaxNonKeyAttributesPerIndex)
                        .arg(ix.nonKeyAttributes.size());
      }
      const QStringList keys = alwaysProjectedAttributes(d, ix);
      for (const auto& a : ix.nonKeyAttributes) {
        if (keys.contains(QString::fromStdString(a))) {
          problems << QObject::tr("%1: “%2” is a key attribute, which the index holds anyway; leave it out of the "
                                  "included attributes.")
                          .arg(label, QString::fromStdString(a));
        }
      }
    } else if (!ix.nonKeyAttributes.empty()) {
      // DynamoDB's words: NonKeyAttributes belong to INCLUDE alone.
      problems << QObject::tr("%1: ProjectionType is %2, but NonKeyAttributes is specified")
                      .arg(label, QString::fromStdString(ix.projection));
    }
    noteType(ix.partitionKey);
    if (ix.sortKey) noteType(*ix.sortKey);
  }
  // DynamoDB's words for its table-wide limit, with the count it reports.
  if (projected > std::size_t(kMaxProjectedAttributes)) {
    problems << QObject::tr("Number of projected attributes in all indexes exceeds limit of %1, number of projected "
                            "attributes:%2")
                    .arg(kMaxProjectedAttributes)
                    .arg(projected);
  }
  if (gsis > 20) problems << QObject::tr("A table can have at most 20 global secondary indexes.");
  if (lsis > 5) problems << QObject::tr("A table can have at most 5 local secondary indexes.");
  std::set<std::string> tagKeys;
  for (const auto& [k, v] : d.tags) {
    if (k.empty()) problems << QObject::tr("Every tag needs a key.");
    else if (!tagKeys.insert(k).second) problems << QObject::tr("The tag key “%1” is used twice.").arg(QString::fromStdString(k));
  }
  problems.removeDuplicates();
  return problems;
}

QStringList alwaysProjectedAttributes(const TableDesign& d, const IndexDesign& ix) {
  QStringList keys;
  auto add = [&](const std::string& name) {
    const QString n = QString::fromStdString(name);
    if (!n.isEmpty() && !keys.contains(n)) keys << n;
  };
  add(d.partitionKey.name);
  if (d.sortKey) add(d.sortKey->name);
  add(ix.partitionKey.name);
  if (ix.sortKey) add(ix.sortKey->name);
  return keys;
}

QStringList knownAttributeNames(const TableDesign& d, std::optional<std::size_t> exceptIncludesOf) {
  QStringList names;
  auto add = [&](const std::string& name) {
    if (!name.empty()) names << QString::fromStdString(name);
  };
  add(d.partitionKey.name);
  if (d.sortKey) add(d.sortKey->name);
  for (std::size_t i = 0; i < d.indexes.size(); ++i) {
    const IndexDesign& ix = d.indexes[i];
    add(ix.partitionKey.name);
    if (ix.sortKey) add(ix.sortKey->name);
    if (exceptIncludesOf == i) continue;
    for (const auto& a : ix.nonKeyAttributes) add(a);
  }
  add(d.ttlAttribute);
  names.removeDuplicates();
  std::sort(names.begin(), names.end(),
            [](const QString& a, const QString& b) { return QString::compare(a, b, Qt::CaseInsensitive) < 0; });
  return names;
}

nlohmann::json createTableRequest(const TableDesign& d) {
  nlohmann::json r;
  r["TableName"] = d.name;
  r["KeySchema"] = keySchema(d.partitionKey, d.sortKey);
  std::map<std::string, std::string> defs;
  auto define = [&](const KeyDesign& k) { defs.emplace(k.name, k.type); };
  define(d.partitionKey);
  if (d.sortKey) define(*d.sortKey);
  for (const auto& ix : d.indexes) {
    define(ix.partitionKey);
    if (ix.sortKey) define(*ix.sortKey);
  }
  r["AttributeDefinitions"] = nlohmann::json::array();
  for (const auto& [name, type] : defs) r["AttributeDefinitions"].push_back({{"AttributeName", name}, {"AttributeType", type}});
  if (d.onDemand) {
    r["BillingMode"] = "PAY_PER_REQUEST";
  } else {
    r["BillingMode"] = "PROVISIONED";
    r["ProvisionedThroughput"] = {{"ReadCapacityUnits", d.readCapacity}, {"WriteCapacityUnits", d.writeCapacity}};
  }
  // The names go out whenever the design has them, so the preview shows the
  // request as it stands, mistakes included (validate() names those).
  auto projection = [](const IndexDesign& ix) {
    nlohmann::json p{{"ProjectionType", ix.projection}};
    if (ix.projection == "INCLUDE" || !ix.nonKeyAttributes.empty()) p["NonKeyAttributes"] = ix.nonKeyAttributes;
    return p;
  };
  for (const auto& ix : d.indexes) {
    nlohmann::json j{{"IndexName", ix.name}, {"KeySchema", keySchema(ix.partitionKey, ix.sortKey)},
                     {"Projection", projection(ix)}};
    if (ix.global) {
      if (!d.onDemand) {
        j["ProvisionedThroughput"] = {{"ReadCapacityUnits", ix.readCapacity}, {"WriteCapacityUnits", ix.writeCapacity}};
      }
      r["GlobalSecondaryIndexes"].push_back(j);
    } else {
      r["LocalSecondaryIndexes"].push_back(j);
    }
  }
  if (!d.streamViewType.empty()) r["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", d.streamViewType}};
  if (d.tableClass != "STANDARD") r["TableClass"] = d.tableClass;
  for (const auto& [k, v] : d.tags) r["Tags"].push_back({{"Key", k}, {"Value", v}});
  if (d.deletionProtection) r["DeletionProtectionEnabled"] = true;
  return r;
}

QString awsCliCommand(const TableDesign& d, const QString& endpointUrl) {
  const nlohmann::json r = createTableRequest(d);
  QStringList lines;
  lines << "aws dynamodb create-table";
  lines << "    --table-name " + shellQuote(d.name);
  auto jsonArg = [](const nlohmann::json& j) { return shellQuote(j.dump()); };
  lines << "    --attribute-definitions " + jsonArg(r["AttributeDefinitions"]);
  lines << "    --key-schema " + jsonArg(r["KeySchema"]);
  lines << "    --billing-mode " + QString::fromStdString(r["BillingMode"].get<std::string>());
  if (r.contains("ProvisionedThroughput")) lines << "    --provisioned-throughput " + jsonArg(r["ProvisionedThroughput"]);
  if (r.contains("GlobalSecondaryIndexes")) lines << "    --global-secondary-indexes " + jsonArg(r["GlobalSecondaryIndexes"]);
  if (r.contains("LocalSecondaryIndexes")) lines << "    --local-secondary-indexes " + jsonArg(r["LocalSecondaryIndexes"]);
  if (r.contains("StreamSpecification")) lines << "    --stream-specification " + jsonArg(r["StreamSpecification"]);
  if (r.contains("TableClass")) lines << "    --table-class " + QString::fromStdString(d.tableClass);
  if (r.contains("Tags")) lines << "    --tags " + jsonArg(r["Tags"]);
  if (d.deletionProtection) lines << "    --deletion-protection-enabled";
  if (!endpointUrl.isEmpty()) lines << "    --endpoint-url " + endpointUrl;
  return lines.join(" \\\n") + "\n";
}

}  // namespace dynadesk::ui
