// What one request consumed on one table: the table itself and each secondary
// index it touched, in read and write units. Operations fill it; the api layer
// renders it as ConsumedCapacity, the throughput governor charges it, and the
// metrics record it.
//
// Thread-safety: plain value.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dynadesk::capacity {

struct Units {
  double read = 0;
  double write = 0;
  double total() const { return read + write; }
  Units& operator+=(const Units& o) {
    read += o.read;
    write += o.write;
    return *this;
  }
};

struct IndexUnits {
  std::string name;
  bool global = true;
  Units units;
};

struct Consumption {
  Units table;
  std::vector<IndexUnits> indexes;  // in the order first touched

  void addIndex(std::string_view name, bool global, const Units& units);
  Consumption& operator+=(const Consumption& other);
  // Table plus every index: ConsumedCapacity's CapacityUnits.
  Units total() const;
  bool empty() const { return total().total() == 0 && indexes.empty(); }
};

}  // namespace dynadesk::capacity
