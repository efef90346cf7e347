#include "capacity/capacity_units.h"

namespace dynadesk::capacity {

namespace {

std::uint64_t roundedUnits(std::uint64_t bytes, std::uint64_t unit) {
  const std::uint64_t units = (bytes + unit - 1) / unit;
  return units == 0 ? 1 : units;
}

double scaled(std::uint64_t units, ReadKind kind) {
  switch (kind) {
    case ReadKind::Eventual: return static_cast<double>(units) / 2;
    case ReadKind::Strong: return static_cast<double>(units);
    case ReadKind::Transactional: return static_cast<double>(units) * 2;
  }
  return static_cast<double>(units);
}

}  // namespace

double itemReadUnits(std::uint64_t bytes, ReadKind kind) { return scaled(roundedUnits(bytes, kReadUnitBytes), kind); }

double itemWriteUnits(std::uint64_t bytes, bool transactional) {
  const auto units = static_cast<double>(roundedUnits(bytes, kWriteUnitBytes));
  return transactional ? units * 2 : units;
}

double pageReadUnits(std::uint64_t bytes, ReadKind kind) { return scaled(roundedUnits(bytes, kReadUnitBytes), kind); }

}  // namespace dynadesk::capacity
