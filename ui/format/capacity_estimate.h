// Capacity and cost estimates: the capacity units a workload needs, by
// DynamoDB's documented rules, and what it would cost a month on-demand and
// provisioned, from a price table the user may edit.
//
// Rules (Developer Guide, "DynamoDB read and write operations"; pricing pages
// "Pricing for On-Demand Capacity" and "Pricing for Provisioned Capacity"):
//  - A read costs one unit per 4 KB of the item, rounded up; half when
//    eventually consistent, twice when transactional (a transaction is always
//    strongly consistent, so its share ignores the consistency chosen).
//  - A write costs one unit per 1 KB of the item, rounded up; twice when
//    transactional.
//  - Sizes are rounded up per item, before anything is multiplied; an item of
//    0 bytes still costs one unit (DynamoDB's minimum).
//  - KB is 1,024 bytes and GB 1,024^3 bytes (DynamoDB measures sizes in binary
//    units).
//  - A month is 730 hours, as AWS's pricing examples count it.
// The free tier is not subtracted: the estimate is of one table alone.
//
// Errors: estimate() returns ValidationException with a plain-language message
// for a negative, infinite or NaN input, or a share outside 0-100 %.
// Thread-safety: pure functions and plain values.
#pragma once

#include <string>

#include "dynadesk/status.h"

namespace dynadesk::ui {

enum class ReadConsistency { Strong, Eventual };

// What a workload does, as the calculator's form describes it.
struct CapacityWorkload {
  double itemSizeBytes = 1024;
  double readsPerSecond = 0;
  double writesPerSecond = 0;
  ReadConsistency consistency = ReadConsistency::Strong;
  double transactionalReadShare = 0;   // 0..1: the part of the reads made in transactions
  double transactionalWriteShare = 0;  // 0..1: the part of the writes made in transactions
  double tableSizeBytes = 0;           // stored data; 0 leaves storage out
};

// Prices in US dollars. Editable by the user; defaultPriceTable() holds
// us-east-1's published prices and the date they took effect.
struct PriceTable {
  std::string region;
  std::string effectiveDate;  // ISO date the prices took effect
  std::string source;         // where they were published
  double onDemandPerMillionReadUnits = 0;   // read request units (RRU)
  double onDemandPerMillionWriteUnits = 0;  // write request units (WRU)
  double provisionedPerReadUnitHour = 0;    // RCU-hour
  double provisionedPerWriteUnitHour = 0;   // WCU-hour
  double storagePerGbMonth = 0;             // Standard table class
  friend bool operator==(const PriceTable&, const PriceTable&) = default;
};

// us-east-1, DynamoDB Standard table class. On-demand prices as lowered on
// 2024-11-01 ($0.125 per million RRU, $0.625 per million WRU); provisioned
// $0.00013 per RCU-hour and $0.00065 per WCU-hour; storage $0.25 per GB-month.
PriceTable defaultPriceTable();

constexpr double kHoursPerMonth = 730.0;
constexpr double kSecondsPerMonth = kHoursPerMonth * 3600.0;
constexpr double kBytesPerGb = 1024.0 * 1024.0 * 1024.0;

// Units one request of an item of `itemSizeBytes` consumes.
double readUnitsPerRead(double itemSizeBytes, ReadConsistency consistency, bool transactional);
double writeUnitsPerWrite(double itemSizeBytes, bool transactional);

struct MonthlyCost {
  double onDemandReads = 0;
  double onDemandWrites = 0;
  double provisionedReads = 0;
  double provisionedWrites = 0;
  double storage = 0;
  // Throughput plus storage, for each capacity mode.
  double onDemand() const { return onDemandReads + onDemandWrites + storage; }
  double provisioned() const { return provisionedReads + provisionedWrites + storage; }
  bool onDemandIsCheaper() const { return onDemand() < provisioned(); }
};

// On-demand bills the units consumed (per second, averaged over the month);
// provisioned bills the capacity provisioned for every hour of it.
MonthlyCost monthlyCost(double readUnitsPerSecond, double writeUnitsPerSecond, double provisionedReadUnits,
                        double provisionedWriteUnits, double storageBytes, const PriceTable& prices);

struct CapacityEstimate {
  double readUnitsPerSecond = 0;   // consumed: RRU a second on-demand
  double writeUnitsPerSecond = 0;  // consumed: WRU a second on-demand
  long long provisionedReadUnits = 0;   // RCU to provision (whole units, at least 1)
  long long provisionedWriteUnits = 0;  // WCU to provision (whole units, at least 1)
  MonthlyCost cost;
};

// The capacity a steady workload needs and its monthly cost in both modes.
// Provisioned capacity is the consumption rounded up to whole units (DynamoDB
// provisions whole units, at least 1 each), with no headroom.
Result<CapacityEstimate> estimateCapacity(const CapacityWorkload& workload, const PriceTable& prices);

// "$1,234.56"-style money text (two decimals; four below one dollar so small
// tables do not read as $0.00).
std::string formatDollars(double amount);

}  // namespace dynadesk::ui
