#include "metrics/aggregate_codec.h"

#include <cmath>

#include "metrics/byte_io.h"
#include "metrics/log_buckets.h"

namespace dynadesk::metrics {

namespace {
constexpr std::uint8_t kVersion = 1;
}

std::string encodeAggregate(const Aggregate& a) {
  std::string out;
  out.reserve(40 + 3 * a.buckets().size());
  out += static_cast<char>(kVersion);
  appendVarint(out, a.sampleCount());
  appendDouble(out, a.sum());
  appendDouble(out, a.empty() ? 0 : a.minimum());
  appendDouble(out, a.empty() ? 0 : a.maximum());
  appendVarint(out, a.zeroCount());
  appendVarint(out, a.buckets().size());
  std::int64_t previous = 0;
  for (const auto& [index, count] : a.buckets()) {
    appendVarint(out, zigzag(static_cast<std::int64_t>(index) - previous));
    appendVarint(out, count);
    previous = index;
  }
  return out;
}

std::optional<Aggregate> decodeAggregate(std::string_view bytes) {
  ByteReader in(bytes);
  auto version = in.byte();
  if (!version || *version != kVersion) return std::nullopt;
  auto count = in.varint();
  auto sum = in.real();
  auto min = in.real();
  auto max = in.real();
  auto zeroCount = in.varint();
  auto bucketCount = in.varint();
  if (!count || !sum || !min || !max || !zeroCount || !bucketCount) return std::nullopt;
  if (!std::isfinite(*sum) || !std::isfinite(*min) || !std::isfinite(*max)) return std::nullopt;
  if (*count > 0 && *min > *max) return std::nullopt;
  // Each bucket takes at least two bytes: refuse absurd counts before reserving.
  if (*bucketCount > bytes.size()) return std::nullopt;

  std::vector<Aggregate::Bucket> buckets;
  buckets.reserve(*bucketCount);
  std::int64_t index = 0;
  std::uint64_t total = *zeroCount;
  for (std::uint64_t i = 0; i < *bucketCount; ++i) {
    auto delta = in.varint();
    auto n = in.varint();
    if (!delta || !n || *n == 0) return std::nullopt;
    const std::int64_t d = unzigzag(*delta);
    if (i > 0 && d <= 0) return std::nullopt;  // strictly increasing
    index += d;
    if (index < minBucketIndex() || index > maxBucketIndex()) return std::nullopt;
    if (total + *n < total) return std::nullopt;  // overflow
    total += *n;
    buckets.emplace_back(static_cast<std::int32_t>(index), *n);
  }
  if (!in.atEnd() || total != *count) return std::nullopt;
  return Aggregate::fromParts(*count, *sum, *min, *max, *zeroCount, std::move(buckets));
}

}  // namespace dynadesk::metrics
