#include "ops/throughput.h"

#include "ops/database.h"

namespace dynadesk::ops {

std::string_view tableThroughputExceededMessage() {
  return "The level of configured provisioned throughput for the table was exceeded. Consider increasing your "
         "provisioning level with the UpdateTable API";
}

Status throughputExceeded(const capacity::Throttle& throttle) {
  if (!throttle.index.empty()) {
    return Status(ErrorType::ProvisionedThroughputExceededException,
                  "The level of configured provisioned throughput for one or more global secondary indexes of the "
                  "table was exceeded. Consider increasing your provisioning level for the under-provisioned global "
                  "secondary indexes with the UpdateTable API");
  }
  return Status(ErrorType::ProvisionedThroughputExceededException, std::string(tableThroughputExceededMessage()));
}

namespace {

Status refuse(Database& db, const TableDef& table, const capacity::Throttle& throttle) {
  if (UsageListener* listener = db.usageListener()) listener->throttled(table, throttle);
  return throughputExceeded(throttle);
}

}  // namespace

Status admitRead(Database& db, const TableDef& table, const IndexDef* index,
                 std::optional<std::uint64_t> partitionHash) {
  if (auto throttle = db.throughput().admitRead(table, index, partitionHash)) return refuse(db, table, *throttle);
  return Status::ok();
}

Status admitWrite(Database& db, const TableDef& table, std::optional<std::uint64_t> partitionHash) {
  if (auto throttle = db.throughput().admitWrite(table, partitionHash)) return refuse(db, table, *throttle);
  return Status::ok();
}

void charge(Database& db, const TableDef& table, const capacity::Consumption& consumed,
            std::optional<std::uint64_t> partitionHash) {
  chargeBuckets(db, table, consumed, partitionHash);
  reportConsumed(db, table, consumed);
}

void chargeBuckets(Database& db, const TableDef& table, const capacity::Consumption& consumed,
                   std::optional<std::uint64_t> partitionHash) {
  db.throughput().charge(table, consumed, partitionHash);
}

void reportConsumed(Database& db, const TableDef& table, const capacity::Consumption& consumed) {
  if (UsageListener* listener = db.usageListener()) listener->consumed(table, consumed);
}

Status batchThroughputExceeded() {
  return Status(ErrorType::ProvisionedThroughputExceededException,
                "The level of configured provisioned throughput for one or more tables was exceeded. Consider "
                "increasing your provisioning level with the UpdateTable API");
}

}  // namespace dynadesk::ops
