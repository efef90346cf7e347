// TableDef: everything the engine knows about one table, as stored in the
// catalog. Internal to core (the GUI sees tables through DescribeTable).
//
// Thread-safety: plain value; shared between threads as shared_ptr<const TableDef>.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dynadesk/attribute_value.h"

namespace dynadesk {

struct KeyAttribute {
  std::string name;
  AttrType type = AttrType::S;  // S, N or B
  friend bool operator==(const KeyAttribute&, const KeyAttribute&) = default;
};

struct KeySchema {
  KeyAttribute partition;
  std::optional<KeyAttribute> sort;
  friend bool operator==(const KeySchema&, const KeySchema&) = default;
};

enum class BillingMode { Provisioned, PayPerRequest };

struct ProvisionedThroughput {
  std::int64_t readCapacityUnits = 0;
  std::int64_t writeCapacityUnits = 0;
  std::int64_t lastIncreaseMillis = 0;  // 0 = never
  std::int64_t lastDecreaseMillis = 0;
  std::int64_t numberOfDecreasesToday = 0;
};

// Which attributes a secondary index copies besides the table and index keys.
enum class ProjectionType { All, KeysOnly, Include };

struct Projection {
  ProjectionType type = ProjectionType::All;
  std::vector<std::string> nonKeyAttributes;  // INCLUDE only, in request order
  friend bool operator==(const Projection&, const Projection&) = default;
};

// A stream that was disabled: readable for 24 hours after it closed.
struct ClosedStream {
  std::int64_t createdMillis = 0;  // its identity (label, ARN, record keys)
  std::int64_t closedMillis = 0;
  std::string viewType;
};

enum class IndexKind { Global, Local };
enum class IndexStatus { Creating, Active, Deleting };

struct IndexDef {
  std::uint32_t id = 0;  // internal, unique in its table and never reused: prefix of its entries
  std::string name;
  IndexKind kind = IndexKind::Global;
  KeySchema key;
  Projection projection;
  ProvisionedThroughput throughput;  // global indexes of provisioned tables
  IndexStatus status = IndexStatus::Active;
  bool backfilling = false;
  std::int64_t createdMillis = 0;
};

struct TableDef {
  std::uint32_t id = 0;              // internal id, prefix of every storage key of the table
  std::string name;
  std::string tableId;               // DynamoDB's TableId (a UUID)
  std::int64_t createdMillis = 0;
  KeySchema key;
  std::vector<KeyAttribute> attributeDefinitions;
  BillingMode billingMode = BillingMode::Provisioned;
  bool billingModeSpecified = false;
  std::int64_t payPerRequestSinceMillis = 0;
  ProvisionedThroughput throughput;
  bool streamEnabled = false;
  std::string streamViewType;        // KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES
  std::int64_t streamCreatedMillis = 0;  // the open stream's identity
  std::vector<ClosedStream> closedStreams;
  bool ttlEnabled = false;
  std::string ttlAttribute;  // kept after disabling, as DescribeTimeToLive shows no name then
  bool sseEnabled = false;
  std::string sseType;               // KMS
  std::string kmsMasterKeyId;
  std::string tableClass;            // empty when never specified
  bool deletionProtection = false;
  std::vector<std::pair<std::string, std::string>> tags;
  std::vector<IndexDef> indexes;  // global and local, in the order they were declared
  std::uint32_t nextIndexId = 1;

  const IndexDef* findIndex(std::string_view indexName) const {
    for (const auto& i : indexes) {
      if (i.name == indexName) return &i;
    }
    return nullptr;
  }
};

}  // namespace dynadesk
