#include "metrics/metric_keys.h"

#include "metrics/byte_io.h"
#include "storage/key_codec.h"

namespace dynadesk::metrics {

namespace {
constexpr std::uint8_t kCatalogVersion = 1;
constexpr std::size_t kDataKeySize = 1 + 4 + 1 + 8;
}  // namespace

std::string metricCatalogPrefix() { return std::string(1, static_cast<char>(storage::KeySpace::MetricCatalog)); }

std::string metricCatalogKey(std::uint32_t metric) {
  std::string key = metricCatalogPrefix();
  storage::appendBigEndian32(key, metric);
  return key;
}

std::optional<std::uint32_t> metricOfCatalogKey(std::string_view key) {
  if (key.size() != 5 || key[0] != static_cast<char>(storage::KeySpace::MetricCatalog)) return std::nullopt;
  return storage::readBigEndian32(key.substr(1));
}

std::string metricDataPrefix(std::uint32_t metric, Resolution resolution) {
  std::string key(1, static_cast<char>(storage::KeySpace::MetricData));
  storage::appendBigEndian32(key, metric);
  key += static_cast<char>(resolution);
  return key;
}

std::string metricDataKey(std::uint32_t metric, Resolution resolution, std::int64_t startMillis) {
  std::string key = metricDataPrefix(metric, resolution);
  storage::appendBigEndian64(key, static_cast<std::uint64_t>(startMillis));
  return key;
}

std::optional<std::int64_t> startOfMetricDataKey(std::string_view key) {
  if (key.size() != kDataKeySize) return std::nullopt;
  const std::uint64_t start = storage::readBigEndian64(key.substr(6));
  if (start > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
  return static_cast<std::int64_t>(start);
}

std::string encodeCatalogEntry(const MetricId& id, Unit unit) {
  std::string out;
  out += static_cast<char>(kCatalogVersion);
  out += static_cast<char>(unit);
  appendLengthPrefixed(out, id.name);
  appendVarint(out, id.dimensions.size());
  for (const Dimension& d : id.dimensions) {
    appendLengthPrefixed(out, d.name);
    appendLengthPrefixed(out, d.value);
  }
  return out;
}

std::optional<CatalogEntry> decodeCatalogEntry(std::string_view bytes) {
  ByteReader in(bytes);
  auto version = in.byte();
  auto unit = in.byte();
  if (!version || *version != kCatalogVersion || !unit || *unit > static_cast<std::uint8_t>(Unit::None)) {
    return std::nullopt;
  }
  auto name = in.lengthPrefixed();
  auto count = in.varint();
  if (!name || !count || *count > bytes.size()) return std::nullopt;
  std::vector<Dimension> dimensions;
  for (std::uint64_t i = 0; i < *count; ++i) {
    auto dimName = in.lengthPrefixed();
    auto dimValue = in.lengthPrefixed();
    if (!dimName || !dimValue) return std::nullopt;
    dimensions.push_back(Dimension{std::string(*dimName), std::string(*dimValue)});
  }
  if (!in.atEnd()) return std::nullopt;
  return CatalogEntry{makeMetricId(std::string(*name), std::move(dimensions)), static_cast<Unit>(*unit)};
}

}  // namespace dynadesk::metrics
