#include "capacity/consumption.h"

namespace dynadesk::capacity {

void Consumption::addIndex(std::string_view name, bool global, const Units& units) {
  for (auto& i : indexes) {
    if (i.name == name) {
      i.units += units;
      return;
    }
  }
  indexes.push_back(IndexUnits{std::string(name), global, units});
}

Consumption& Consumption::operator+=(const Consumption& other) {
  table += other.table;
  for (const auto& i : other.indexes) addIndex(i.name, i.global, i.units);
  return *this;
}

Units Consumption::total() const {
  Units t = table;
  for (const auto& i : indexes) t += i.units;
  return t;
}

}  // namespace dynadesk::capacity
