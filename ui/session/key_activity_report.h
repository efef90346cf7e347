// KeyActivityReport: the Partitions tab's data as plain C++ values — the
// request for Dynadesk's DescribeKeyActivity operation (the workbench's own,
// DynadeskWorkbench_20261122.*, core/capacity/README.md), its decoded answer,
// and the heat map's grid of minutes by partitions built from it.
//
// Time is the engine's clock (milliseconds since the epoch); the wire carries
// seconds. A window is whole minutes ending with the minute that holds "now",
// so the current minute is always the last column.
//
// Errors: parseKeyActivity() returns a ValidationException with a plain
// message when the answer is not the operation's shape (no Minutes list, no
// KeySchema); single malformed entries (a minute without a start, a
// contributor without keys) are skipped, and missing numbers read as 0.
// Thread-safety: pure functions and plain values; parse on any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dynadesk/status.h"

namespace dynadesk::ui {

inline constexpr char kDescribeKeyActivityOperation[] = "DynadeskWorkbench_20261122.DescribeKeyActivity";
inline constexpr std::int64_t kActivityMinuteMillis = 60'000;

// The ranges the tab offers.
enum class ActivityRange { Last15Minutes, LastHour };

struct ActivityWindow {
  std::int64_t startMillis = 0;  // a minute boundary
  std::int64_t endMillis = 0;    // exclusive: the end of the current minute
  int minutes() const { return static_cast<int>((endMillis - startMillis) / kActivityMinuteMillis); }
};

// The window of `range` whose last minute is the one holding `nowMillis`.
ActivityWindow activityWindow(ActivityRange range, std::int64_t nowMillis);

struct KeyActivityQuery {
  std::string table;
  std::string index;  // a global index; empty: the table
  ActivityWindow window;
  int maxContributors = 10;  // 1..100
};

// The DescribeKeyActivity request JSON.
nlohmann::json keyActivityRequest(const KeyActivityQuery& query);

struct PartitionCell {
  double readUnits = 0;
  double writeUnits = 0;
  std::uint32_t throttled = 0;  // requests refused
  bool active() const { return readUnits > 0 || writeUnits > 0 || throttled > 0; }
};

struct ActivityMinute {
  std::int64_t startMillis = 0;
  int partitionCount = 0;
  std::vector<PartitionCell> partitions;  // partitionCount cells
};

struct KeyContributor {
  std::vector<std::string> keys;  // partition key, then sort key for items
  double value = 0;               // units consumed, or requests throttled
};

// One list of top keys with the exact total it is a share of.
struct ContributorList {
  std::vector<KeyContributor> entries;  // best first
  double total = 0;
  // entry's share of the total in [0, 1]; 0 when the total is 0.
  double shareOf(const KeyContributor& entry) const { return total > 0 ? entry.value / total : 0.0; }
};

struct KeyActivityReport {
  std::string table;
  std::string index;
  std::int64_t startMillis = 0;
  std::int64_t endMillis = 0;
  std::string partitionKeyName;
  std::string sortKeyName;  // empty: the target has no sort key
  int partitionCount = 1;   // now
  std::vector<ActivityMinute> minutes;  // those with activity, in time order
  ContributorList mostAccessedKeys;
  ContributorList mostThrottledKeys;
  ContributorList mostAccessedItems;   // empty without a sort key
  ContributorList mostThrottledItems;

  bool hasSortKey() const { return !sortKeyName.empty(); }
};

Result<KeyActivityReport> parseKeyActivity(const nlohmann::json& response);

// What the heat map colours a cell by.
enum class HeatMeasure { ReadAndWrite, Read, Write };
double measureOf(const PartitionCell& cell, HeatMeasure measure);

// The heat map's cells: one column per minute of the report's range (minutes
// without activity are zero), one row per partition (the most any minute or
// now had). A cell is absent where its minute had fewer partitions (before a
// split).
struct HeatGrid {
  std::int64_t startMillis = 0;  // first column's minute
  int columns = 0;
  int rows = 0;
  std::vector<std::optional<PartitionCell>> cells;  // column-major: column * rows + row

  const PartitionCell* at(int column, int row) const;
  std::int64_t columnStartMillis(int column) const { return startMillis + column * kActivityMinuteMillis; }
  bool anyActivity() const;
};

HeatGrid heatGridOf(const KeyActivityReport& report);

struct HeatCellRef {
  int column = -1;
  int row = -1;
  double value = 0;
  bool valid() const { return column >= 0; }
};
// The cell with the largest value by `measure` (the latest of equals);
// invalid when every cell is 0.
HeatCellRef hottestCell(const HeatGrid& grid, HeatMeasure measure);
// The largest value of any cell by `measure` (the colour scale's top).
double maxValue(const HeatGrid& grid, HeatMeasure measure);

}  // namespace dynadesk::ui
