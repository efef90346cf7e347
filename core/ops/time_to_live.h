// Time to Live: UpdateTimeToLive, DescribeTimeToLive, and the sweeper that
// deletes expired items.
//
// An item expires when its TTL attribute is a number of epoch seconds at or
// before the engine clock's now (values more than five years in the past are
// ignored, as DynamoDB ignores them). DynamoDB deletes expired items within a
// few days; the sweeper here looks a few times a second and reads a bounded
// slice of each TTL table per pass, so an expired item goes within seconds.
// Each deletion is a normal delete in its own write (indexes, statistics,
// events) whose stream record names the DynamoDB service as its userIdentity,
// and is counted for TimeToLiveDeletedItemCount. Its capacity is free.
//
// TTL status changes at once (ENABLED / DISABLED), as tables become ACTIVE at
// once.
//
// Thread-safety: all functions may be called from any thread; the sweeper
// runs on its own thread and stops in its destructor.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"
#include "ops/database.h"

namespace dynadesk::ops {

struct TimeToLiveDescription {
  bool enabled = false;
  std::string attributeName;  // empty when disabled
};

// Errors: ResourceNotFoundException; ValidationException "TimeToLive is already
// enabled" / "... already disabled", or a different attribute named when disabling.
Result<TimeToLiveDescription> updateTimeToLive(Database& db, const std::string& table, bool enabled,
                                               const std::string& attributeName);
Result<TimeToLiveDescription> describeTimeToLive(Database& db, const std::string& table);

bool isExpired(const Item& item, const std::string& attribute, std::int64_t nowMillis);

// Where each table's sweep goes on (by internal table id: the last item key
// read; empty to start over). In memory only: a restart starts over.
using SweepPositions = std::map<std::uint32_t, std::string>;

// One pass over every TTL table (a bounded slice of each, continuing from
// `positions`); returns the items deleted. Not to be run concurrently with
// itself on one database.
Result<std::size_t> sweepExpiredItems(Database& db, SweepPositions& positions);

// Items of a table deleted by TTL since it was created (TimeToLiveDeletedItemCount).
Result<std::uint64_t> timeToLiveDeletedCount(Database& db, const std::string& table);

class TimeToLiveSweeper {
 public:
  explicit TimeToLiveSweeper(Database& db);
  ~TimeToLiveSweeper();
  TimeToLiveSweeper(const TimeToLiveSweeper&) = delete;
  TimeToLiveSweeper& operator=(const TimeToLiveSweeper&) = delete;

 private:
  Database& db_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  SweepPositions positions_;  // used by the sweeper thread only
  std::thread thread_;
};

}  // namespace dynadesk::ops
