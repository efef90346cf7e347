// TableDesign: what the create-table dialog collects, and the DynamoDB
// CreateTable request and AWS CLI command it amounts to. Kept apart from the
// dialog so the request it sends is tested without a display.
//
// validate() checks what DynamoDB would refuse before sending (names, key
// types, index rules) and words it plainly for the dialog; DynamoDB's own
// answer still has the last word when the request is sent.
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
  std::vector<std::string> nonKeyAttributes;  // INCLUDE only
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

nlohmann::json createTableRequest(const TableDesign& design);
// The same request as an `aws dynamodb create-table` command line.
QString awsCliCommand(const TableDesign& design, const QString& endpointUrl = QString());

}  // namespace dynadesk::ui
