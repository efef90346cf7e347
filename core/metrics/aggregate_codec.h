// The stored encoding of an Aggregate (the value of a MetricData key, FORMAT.md).
//
//   version u8 (1: the bucket layout of log_buckets.h)
//   varint count | sum f64 | min f64 | max f64   (f64: IEEE bits, big-endian)
//   varint zero-bucket count | varint bucket count
//   per bucket, in index order: zigzag varint (index - previous index, the first
//   relative to 0) | varint count
//
// Sparse and delta-coded, so a second holding one value is ~30 bytes and a busy
// minute a few hundred.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "metrics/aggregate.h"

namespace dynadesk::metrics {

std::string encodeAggregate(const Aggregate& aggregate);

// nullopt when the bytes are not a valid encoding: unknown version, truncated,
// trailing bytes, buckets out of order or not adding up to the sample count.
std::optional<Aggregate> decodeAggregate(std::string_view bytes);

}  // namespace dynadesk::metrics
