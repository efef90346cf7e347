#include "format/capacity_estimate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace dynadesk::ui {

namespace {

constexpr double kReadUnitBytes = 4096.0;
constexpr double kWriteUnitBytes = 1024.0;

// Whole units of `unitBytes` an item occupies; never less than one, as a read
// of a missing item or a write of a tiny one still costs a unit.
double roundedUnits(double itemSizeBytes, double unitBytes) {
  return std::max(1.0, std::ceil(itemSizeBytes / unitBytes));
}

bool badNumber(double v) { return !std::isfinite(v) || v < 0; }

}  // namespace

PriceTable defaultPriceTable() {
  PriceTable p;
  p.region = "us-east-1";
  // On-demand throughput prices were halved from this date (AWS, "Amazon
  // DynamoDB reduces prices for on-demand throughput and global tables",
  // November 2024); provisioned and storage prices did not change.
  p.effectiveDate = "2024-11-01";
  p.source = "aws.amazon.com/dynamodb/pricing/on-demand and /provisioned (US East, N. Virginia; Standard table class)";
  p.onDemandPerMillionReadUnits = 0.125;
  p.onDemandPerMillionWriteUnits = 0.625;
  p.provisionedPerReadUnitHour = 0.00013;
  p.provisionedPerWriteUnitHour = 0.00065;
  p.storagePerGbMonth = 0.25;
  return p;
}

double readUnitsPerRead(double itemSizeBytes, ReadConsistency consistency, bool transactional) {
  const double units = roundedUnits(itemSizeBytes, kReadUnitBytes);
  if (transactional) return 2.0 * units;
  return consistency == ReadConsistency::Eventual ? units / 2.0 : units;
}

double writeUnitsPerWrite(double itemSizeBytes, bool transactional) {
  const double units = roundedUnits(itemSizeBytes, kWriteUnitBytes);
  return transactional ? 2.0 * units : units;
}

MonthlyCost monthlyCost(double readUnitsPerSecond, double writeUnitsPerSecond, double provisionedReadUnits,
                        double provisionedWriteUnits, double storageBytes, const PriceTable& prices) {
  MonthlyCost c;
  c.onDemandReads = readUnitsPerSecond * kSecondsPerMonth / 1e6 * prices.onDemandPerMillionReadUnits;
  c.onDemandWrites = writeUnitsPerSecond * kSecondsPerMonth / 1e6 * prices.onDemandPerMillionWriteUnits;
  c.provisionedReads = provisionedReadUnits * kHoursPerMonth * prices.provisionedPerReadUnitHour;
  c.provisionedWrites = provisionedWriteUnits * kHoursPerMonth * prices.provisionedPerWriteUnitHour;
  c.storage = storageBytes / kBytesPerGb * prices.storagePerGbMonth;
  return c;
}

Result<CapacityEstimate> estimateCapacity(const CapacityWorkload& w, const PriceTable& prices) {
  if (badNumber(w.itemSizeBytes)) return Status::validation("The item size must be a number of bytes, 0 or more.");
  if (w.itemSizeBytes > 400.0 * 1024.0) {
    return Status::validation("An item can be at most 400 KB in DynamoDB.");
  }
  if (badNumber(w.readsPerSecond)) return Status::validation("Reads per second must be 0 or more.");
  if (badNumber(w.writesPerSecond)) return Status::validation("Writes per second must be 0 or more.");
  if (badNumber(w.tableSizeBytes)) return Status::validation("The table size must be 0 or more.");
  for (double share : {w.transactionalReadShare, w.transactionalWriteShare}) {
    if (badNumber(share) || share > 1.0) return Status::validation("A transactional share must be between 0 and 100 %.");
  }
  for (double price : {prices.onDemandPerMillionReadUnits, prices.onDemandPerMillionWriteUnits,
                       prices.provisionedPerReadUnitHour, prices.provisionedPerWriteUnitHour, prices.storagePerGbMonth}) {
    if (badNumber(price)) return Status::validation("Prices must be 0 or more.");
  }

  CapacityEstimate e;
  const double txReads = w.readsPerSecond * w.transactionalReadShare;
  const double txWrites = w.writesPerSecond * w.transactionalWriteShare;
  e.readUnitsPerSecond = (w.readsPerSecond - txReads) * readUnitsPerRead(w.itemSizeBytes, w.consistency, false) +
                         txReads * readUnitsPerRead(w.itemSizeBytes, w.consistency, true);
  e.writeUnitsPerSecond = (w.writesPerSecond - txWrites) * writeUnitsPerWrite(w.itemSizeBytes, false) +
                          txWrites * writeUnitsPerWrite(w.itemSizeBytes, true);
  // A tiny epsilon keeps 0.1 * 30 = 3.0000000000000004 from provisioning 4.
  e.provisionedReadUnits = std::max(1LL, static_cast<long long>(std::ceil(e.readUnitsPerSecond - 1e-9)));
  e.provisionedWriteUnits = std::max(1LL, static_cast<long long>(std::ceil(e.writeUnitsPerSecond - 1e-9)));
  e.cost = monthlyCost(e.readUnitsPerSecond, e.writeUnitsPerSecond, static_cast<double>(e.provisionedReadUnits),
                       static_cast<double>(e.provisionedWriteUnits), w.tableSizeBytes, prices);
  return e;
}

std::string formatDollars(double amount) {
  if (!std::isfinite(amount)) return "-";
  char buf[64];
  const bool small = std::fabs(amount) < 1.0 && amount != 0.0;
  std::snprintf(buf, sizeof buf, small ? "%.4f" : "%.2f", std::fabs(amount));
  std::string digits(buf);
  // Thousands separators on the whole part.
  const auto dot = digits.find('.');
  std::string whole = digits.substr(0, dot);
  const std::string frac = dot == std::string::npos ? "" : digits.substr(dot);
  for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(static_cast<std::size_t>(i), ",");
  return std::string(amount < 0 ? "-$" : "$") + whole + frac;
}

}  // namespace dynadesk::ui
