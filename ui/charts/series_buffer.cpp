#include "charts/series_buffer.h"

#include <algorithm>

namespace dynadesk::ui {

void boundSeries(ChartSeriesData& series, std::size_t maxPoints) {
  auto& p = series.points;
  const auto earlier = [](const ChartPoint& a, const ChartPoint& b) { return a.millis < b.millis; };
  // A remote endpoint's answer might not be sorted; drawing a line through
  // unsorted points would zig-zag, and cutting would drop the wrong ones.
  if (!std::is_sorted(p.begin(), p.end(), earlier)) std::stable_sort(p.begin(), p.end(), earlier);
  if (p.size() > maxPoints) p.erase(p.begin(), p.end() - static_cast<std::ptrdiff_t>(maxPoints));
}

}  // namespace dynadesk::ui
