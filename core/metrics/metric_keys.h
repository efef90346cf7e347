// Where metrics live in the engine's keyspace (FORMAT.md, key spaces 0x0C and
// 0x0D), and the encoding of a metric's catalog entry.
//
//   0x0C MetricCatalog | metric id u32                -> catalog entry (below)
//   0x0D MetricData    | metric id u32 | resolution u8 | period start millis u64
//                                                     -> encoded Aggregate (aggregate_codec.h)
//
// All integers big-endian, so one metric's datapoints of one resolution are a
// contiguous key range in time order. The resolution byte is the period length
// in seconds (1 or 60).
//
// Catalog entry: version u8 (1) | unit u8 (Unit) | name | dimension count varint
// | per dimension: name | value — strings as varint length + UTF-8 bytes.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "metrics/metric_id.h"

namespace dynadesk::metrics {

enum class Resolution : std::uint8_t { Second = 1, Minute = 60 };

inline constexpr std::int64_t resolutionMillis(Resolution r) { return static_cast<std::int64_t>(r) * 1000; }

std::string metricCatalogPrefix();
std::string metricCatalogKey(std::uint32_t metric);
// The metric id of a catalog key; nullopt if the key is not one.
std::optional<std::uint32_t> metricOfCatalogKey(std::string_view key);

// Precondition: startMillis >= 0.
std::string metricDataKey(std::uint32_t metric, Resolution resolution, std::int64_t startMillis);
// Every datapoint of one metric at one resolution.
std::string metricDataPrefix(std::uint32_t metric, Resolution resolution);
// The period start of a data key that starts with metricDataPrefix(...);
// nullopt if the key has the wrong length.
std::optional<std::int64_t> startOfMetricDataKey(std::string_view key);

struct CatalogEntry {
  MetricId id;
  Unit unit = Unit::None;
};

std::string encodeCatalogEntry(const MetricId& id, Unit unit);
// nullopt for bytes that are not a valid entry.
std::optional<CatalogEntry> decodeCatalogEntry(std::string_view bytes);

}  // namespace dynadesk::metrics
