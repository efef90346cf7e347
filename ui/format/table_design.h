// TableDesign: what the create-table dialog collects, and the DynamoDB
// CreateTable request and AWS CLI command it amounts to. Kept apart from the
// dialog so the request it sends is tested without a display.
//
// validate() checks what DynamoDB would refuse before sending (names, key
// types, index rules, projections) and words it plainly for the dialog, in
// DynamoDB's own words where it has a message for the rule; DynamoDB's answer
// still has the last word when the request is sent.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>

namespace dynadesk::ui {

struct KeyDesign {
  std::string name;
  std::string type = "S";  // "S", "N" or "B"
};

struct IndexDesign {
  bool global = true;                  // GSI, else LSI
  std::string name;
  KeyDesign partitionKey;              // LSI: must be the table's partition key
  std::optional<KeyDesign> sortKey;    // required for an LSI
  std::string projection = "ALL";      // "ALL", "KEYS_ONLY" or "INCLUDE"
  // INCLUDE only: DynamoDB refuses them with ALL or KEYS_ONLY (validate()
  // says so; createTableRequest() still sends what the design holds).
  std::vector<std::string> nonKeyAttributes;
  std::int64_t readCapacity = 5;       // GSI on provisioned tables
  std::int64_t writeCapacity = 5;
};

struct TableDesign {
  std::string name;
  KeyDesign partitionKey;
  std::optional<KeyDesign> sortKey;
  bool onDemand = true;
  std::int64_t readCapacity = 5;
  std::int64_t writeCapacity = 5;
  std::string tableClass = "STANDARD";  // or "STANDARD_INFREQUENT_ACCESS"
  std::vector<IndexDesign> indexes;
  std::string streamViewType;            // "" = no stream
  std::string ttlAttribute;              // "" = no TTL (set with UpdateTimeToLive after creating)
  std::vector<std::pair<std::string, std::string>> tags;
  bool deletionProtection = false;
};

// Problems in plain language; empty when the design can be sent.
QStringList validate(const TableDesign& design);
// A table-name check alone (the dialog validates the name as it is typed).
QString tableNameProblem(const std::string& name);

// DynamoDB's projection limits: names per index (NonKeyAttributes holds 1 to
// 20), and names summed over every INCLUDE index of a table (the same name in
// two indexes counts twice).
constexpr int kMaxNonKeyAttributesPerIndex = 20;
constexpr int kMaxProjectedAttributes = 100;

// The attributes an index holds whatever its projection: the table's keys and
// the index's own keys. Offering them as included attributes would be
// pointless; naming them there is a problem validate() reports.
QStringList alwaysProjectedAttributes(const TableDesign& design, const IndexDesign& index);
// Every attribute name the design mentions (keys of the table and of every
// index, included attributes, the TTL attribute), once each, sorted
// case-insensitively. Empty names are left out. With `exceptIncludesOf`, the
// included attributes of that index (a position in design.indexes) count
// only where the design mentions them elsewhere: its picker holds those itself.
QStringList knownAttributeNames(const TableDesign& design, std::optional<std::size_t> exceptIncludesOf = std::nullopt);

nlohmann::json createTableRequest(const TableDesign& design);
// The same request as an `aws dynamodb create-table` command line.
QString awsCliCommand(const TableDesign& design, const QString& endpointUrl = QString());

}  // namespace dynadesk::ui
