#include "metrics/metric_id.h"

#include <algorithm>
#include <cmath>

namespace dynadesk::metrics {

MetricId makeMetricId(std::string name, std::vector<Dimension> dimensions) {
  std::sort(dimensions.begin(), dimensions.end());
  return MetricId{std::move(name), std::move(dimensions)};
}

std::string_view unitName(Unit unit) {
  switch (unit) {
    case Unit::Count: return "Count";
    case Unit::Milliseconds: return "Milliseconds";
    case Unit::Bytes: return "Bytes";
    case Unit::None: return "None";
  }
  return "None";
}

std::optional<Unit> parseUnit(std::string_view text) {
  for (Unit u : {Unit::Count, Unit::Milliseconds, Unit::Bytes, Unit::None}) {
    if (unitName(u) == text) return u;
  }
  return std::nullopt;
}

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// "p" then digits, optionally "." and one or two digits; the number in (0, 100].
// Parsed by hand, in hundredths, so "p99.9" is exactly 99.9 whatever the locale.
std::optional<Statistic> parsePercentile(std::string_view text) {
  if (text.size() < 2 || text[0] != 'p') return std::nullopt;
  std::string_view digits = text.substr(1);
  const std::size_t dot = digits.find('.');
  std::string_view whole = digits.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view() : digits.substr(dot + 1);
  if (whole.empty() || whole.size() > 3) return std::nullopt;
  if (dot != std::string_view::npos && (fraction.empty() || fraction.size() > 2)) return std::nullopt;
  if (!std::all_of(whole.begin(), whole.end(), isDigit)) return std::nullopt;
  if (!std::all_of(fraction.begin(), fraction.end(), isDigit)) return std::nullopt;
  long hundredths = 0;
  for (char c : whole) hundredths = hundredths * 10 + (c - '0');
  hundredths *= 100;
  if (fraction.size() >= 1) hundredths += 10 * (fraction[0] - '0');
  if (fraction.size() == 2) hundredths += fraction[1] - '0';
  if (hundredths <= 0 || hundredths > 100 * 100) return std::nullopt;
  return Statistic{StatisticKind::Percentile, static_cast<double>(hundredths) / 100.0};
}

}  // namespace

std::optional<Statistic> parseStatistic(std::string_view text) {
  if (text == "Sum") return Statistic{StatisticKind::Sum, 0};
  if (text == "Average") return Statistic{StatisticKind::Average, 0};
  if (text == "Minimum") return Statistic{StatisticKind::Minimum, 0};
  if (text == "Maximum") return Statistic{StatisticKind::Maximum, 0};
  if (text == "SampleCount") return Statistic{StatisticKind::SampleCount, 0};
  return parsePercentile(text);
}

std::string statisticName(const Statistic& s) {
  switch (s.kind) {
    case StatisticKind::Sum: return "Sum";
    case StatisticKind::Average: return "Average";
    case StatisticKind::Minimum: return "Minimum";
    case StatisticKind::Maximum: return "Maximum";
    case StatisticKind::SampleCount: return "SampleCount";
    case StatisticKind::Percentile: break;
  }
  // Formatted by hand from hundredths: printf's "%.2f" follows the C locale,
  // which a Qt application sets from the environment ("99,9" in German).
  const long hundredths = std::lround(s.percentile * 100.0);
  std::string text = std::to_string(hundredths / 100);
  const long fraction = hundredths % 100;
  if (fraction != 0) {
    text += '.';
    text += static_cast<char>('0' + fraction / 10);
    if (fraction % 10 != 0) text += static_cast<char>('0' + fraction % 10);
  }
  return "p" + text;
}

}  // namespace dynadesk::metrics
