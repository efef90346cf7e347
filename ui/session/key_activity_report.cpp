#include "session/key_activity_report.h"
#include "format/json_member.h"

#include <algorithm>
#include <cmath>

namespace dynadesk::ui {

namespace {

using Json = nlohmann::json;

double numberOr0(const Json& j) {
  if (!j.is_number()) return 0;
  const double v = j.get<double>();
  return std::isfinite(v) ? v : 0;
}

std::int64_t millisOf(const Json& secondsJson) {
  return static_cast<std::int64_t>(std::llround(numberOr0(secondsJson) * 1000.0));
}

std::int64_t floorMinute(std::int64_t millis) {
  const std::int64_t m = millis / kActivityMinuteMillis;
  return (millis < 0 && millis % kActivityMinuteMillis != 0 ? m - 1 : m) * kActivityMinuteMillis;
}

std::int64_t ceilMinute(std::int64_t millis) {
  const std::int64_t f = floorMinute(millis);
  return f == millis ? f : f + kActivityMinuteMillis;
}

double at(const Json& list, std::size_t i) { return list.is_array() && i < list.size() ? numberOr0(list[i]) : 0; }

ContributorList listOf(const Json& response, const char* name) {
  ContributorList out;
  out.total = numberOr0(memberOf(memberOf(response, "Totals"), name));
  const Json& list = memberOf(response, name);
  if (!list.is_array()) return out;
  for (const Json& e : list) {
    const Json& keys = memberOf(e, "Keys");
    if (!keys.is_array() || keys.empty()) continue;
    KeyContributor c;
    for (const Json& k : keys) c.keys.push_back(k.is_string() ? k.get<std::string>() : k.dump());
    c.value = numberOr0(memberOf(e, "Value"));
    out.entries.push_back(std::move(c));
  }
  return out;
}

// Partition counts beyond this are a malformed answer, not a table (DynamoDB
// tables reach thousands of partitions only at sizes the heat map cannot draw
// row by row anyway).
constexpr int kMaxPartitions = 4096;

}  // namespace

ActivityWindow activityWindow(ActivityRange range, std::int64_t nowMillis) {
  const int minutes = range == ActivityRange::Last15Minutes ? 15 : 60;
  ActivityWindow w;
  w.endMillis = floorMinute(nowMillis) + kActivityMinuteMillis;
  w.startMillis = std::max<std::int64_t>(0, w.endMillis - minutes * kActivityMinuteMillis);
  return w;
}

nlohmann::json keyActivityRequest(const KeyActivityQuery& q) {
  Json r{{"TableName", q.table},
         {"StartTime", static_cast<double>(q.window.startMillis) / 1000.0},
         {"EndTime", static_cast<double>(q.window.endMillis) / 1000.0},
         {"MaxContributors", std::clamp(q.maxContributors, 1, 100)}};
  if (!q.index.empty()) r["IndexName"] = q.index;
  return r;
}

Result<KeyActivityReport> parseKeyActivity(const nlohmann::json& response) {
  const Json& minutes = memberOf(response, "Minutes");
  const Json& schema = memberOf(response, "KeySchema");
  if (!minutes.is_array() || !schema.is_array()) {
    return Status::validation("The answer is not a key activity report (it has no Minutes or KeySchema).");
  }
  KeyActivityReport r;
  if (const Json& t = memberOf(response, "TableName"); t.is_string()) r.table = t.get<std::string>();
  if (const Json& i = memberOf(response, "IndexName"); i.is_string()) r.index = i.get<std::string>();
  r.startMillis = millisOf(memberOf(response, "StartTime"));
  r.endMillis = millisOf(memberOf(response, "EndTime"));
  for (const Json& k : schema) {
    const Json& name = memberOf(k, "AttributeName");
    const Json& type = memberOf(k, "KeyType");
    if (!name.is_string()) continue;
    if (type == "HASH") r.partitionKeyName = name.get<std::string>();
    if (type == "RANGE") r.sortKeyName = name.get<std::string>();
  }
  r.partitionCount = std::clamp(static_cast<int>(numberOr0(memberOf(response, "PartitionCount"))), 1, kMaxPartitions);
  for (const Json& m : minutes) {
    const Json& start = memberOf(m, "StartTime");
    if (!start.is_number()) continue;
    ActivityMinute minute;
    minute.startMillis = millisOf(start);
    const Json& reads = memberOf(m, "ReadCapacityUnits");
    const Json& writes = memberOf(m, "WriteCapacityUnits");
    const Json& throttles = memberOf(m, "ThrottledRequests");
    int count = static_cast<int>(numberOr0(memberOf(m, "PartitionCount")));
    if (count <= 0) count = static_cast<int>(reads.is_array() ? reads.size() : 0);
    minute.partitionCount = std::clamp(count, 1, kMaxPartitions);
    minute.partitions.resize(static_cast<std::size_t>(minute.partitionCount));
    for (std::size_t p = 0; p < minute.partitions.size(); ++p) {
      minute.partitions[p].readUnits = at(reads, p);
      minute.partitions[p].writeUnits = at(writes, p);
      minute.partitions[p].throttled = static_cast<std::uint32_t>(std::max(0.0, at(throttles, p)));
    }
    r.minutes.push_back(std::move(minute));
  }
  std::sort(r.minutes.begin(), r.minutes.end(),
            [](const ActivityMinute& a, const ActivityMinute& b) { return a.startMillis < b.startMillis; });
  r.mostAccessedKeys = listOf(response, "MostAccessedKeys");
  r.mostThrottledKeys = listOf(response, "MostThrottledKeys");
  r.mostAccessedItems = listOf(response, "MostAccessedItems");
  r.mostThrottledItems = listOf(response, "MostThrottledItems");
  return r;
}

double measureOf(const PartitionCell& cell, HeatMeasure measure) {
  switch (measure) {
    case HeatMeasure::Read: return cell.readUnits;
    case HeatMeasure::Write: return cell.writeUnits;
    case HeatMeasure::ReadAndWrite: break;
  }
  return cell.readUnits + cell.writeUnits;
}

const PartitionCell* HeatGrid::at(int column, int row) const {
  if (column < 0 || row < 0 || column >= columns || row >= rows) return nullptr;
  const auto& cell = cells[static_cast<std::size_t>(column) * static_cast<std::size_t>(rows) + static_cast<std::size_t>(row)];
  return cell ? &*cell : nullptr;
}

bool HeatGrid::anyActivity() const {
  return std::any_of(cells.begin(), cells.end(), [](const auto& c) { return c && c->active(); });
}

HeatGrid heatGridOf(const KeyActivityReport& report) {
  HeatGrid g;
  // The minutes that start inside the range, as the operation counts them.
  g.startMillis = ceilMinute(report.startMillis);
  const std::int64_t end = ceilMinute(report.endMillis);
  // At most a day of columns: the operation keeps an hour; anything wider is a malformed answer.
  g.columns = static_cast<int>(std::clamp<std::int64_t>((end - g.startMillis) / kActivityMinuteMillis, 0, 24 * 60));
  g.rows = report.partitionCount;
  for (const auto& m : report.minutes) g.rows = std::max(g.rows, m.partitionCount);
  g.cells.assign(static_cast<std::size_t>(g.columns) * static_cast<std::size_t>(g.rows), PartitionCell{});
  for (const auto& m : report.minutes) {
    if (m.startMillis < g.startMillis) continue;
    const std::int64_t column = (m.startMillis - g.startMillis) / kActivityMinuteMillis;
    if (column >= g.columns) continue;
    for (int row = 0; row < g.rows; ++row) {
      auto& cell = g.cells[static_cast<std::size_t>(column) * static_cast<std::size_t>(g.rows) + static_cast<std::size_t>(row)];
      if (row < m.partitionCount) {
        cell = m.partitions[static_cast<std::size_t>(row)];
      } else {
        cell.reset();
      }
    }
  }
  return g;
}

HeatCellRef hottestCell(const HeatGrid& grid, HeatMeasure measure) {
  HeatCellRef best;
  for (int c = 0; c < grid.columns; ++c) {
    for (int r = 0; r < grid.rows; ++r) {
      const PartitionCell* cell = grid.at(c, r);
      if (!cell) continue;
      const double v = measureOf(*cell, measure);
      if (v > 0 && v >= best.value) best = {c, r, v};
    }
  }
  return best;
}

double maxValue(const HeatGrid& grid, HeatMeasure measure) {
  const HeatCellRef hot = hottestCell(grid, measure);
  return hot.valid() ? hot.value : 0.0;
}

}  // namespace dynadesk::ui
