#include "charts/chart_text.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace dynadesk::ui {

namespace {

// The value of `s` at exactly `millis`, if it has a point there.
std::optional<double> valueAt(const ChartSeriesData& s, qint64 millis) {
  const auto it = std::lower_bound(s.points.begin(), s.points.end(), millis,
                                   [](const ChartPoint& p, qint64 t) { return p.millis < t; });
  if (it == s.points.end() || it->millis != millis) return std::nullopt;
  return it->value;
}

QString csvField(const QString& text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')) &&
      !text.contains(QLatin1Char('\r'))) {
    return text;
  }
  QString quoted = text;
  quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

}  // namespace

QString chartValueText(double value) {
  // The C locale: CSV must read back the same anywhere, and a decimal comma
  // would split the cell.
  return QLocale::c().toString(value, 'g', QLocale::FloatingPointShortest);
}

std::optional<qint64> nearestPointTime(const std::vector<ChartSeriesData>& series, qint64 millis) {
  std::optional<qint64> best;
  qint64 bestDistance = 0;
  for (const auto& s : series) {
    const auto it = std::lower_bound(s.points.begin(), s.points.end(), millis,
                                     [](const ChartPoint& p, qint64 t) { return p.millis < t; });
    // The nearest point of a sorted series is the first at or after `millis`
    // or the one just before it.
    for (auto c : {it, it == s.points.begin() ? s.points.end() : std::prev(it)}) {
      if (c == s.points.end()) continue;
      const qint64 d = c->millis > millis ? c->millis - millis : millis - c->millis;
      if (!best || d < bestDistance || (d == bestDistance && c->millis < *best)) {
        best = c->millis;
        bestDistance = d;
      }
    }
  }
  return best;
}

QString chartHoverText(const std::vector<ChartSeriesData>& series, qint64 millis) {
  const auto at = nearestPointTime(series, millis);
  if (!at) return {};
  QString text = QDateTime::fromMSecsSinceEpoch(*at).toString(QStringLiteral("hh:mm:ss"));
  for (const auto& s : series) {
    const auto v = valueAt(s, *at);
    text += QStringLiteral("  %1: %2").arg(s.name, v ? chartValueText(*v) : QCoreApplication::translate("MetricChart", "no data"));
  }
  return text;
}

QString chartCsv(const std::vector<ChartSeriesData>& series) {
  QString out = QStringLiteral("time");
  for (const auto& s : series) out += QLatin1Char(',') + csvField(s.name);
  out += QLatin1String("\r\n");
  // Row per distinct time; each cell filled from its series' point there.
  std::map<qint64, std::vector<std::optional<double>>> rows;
  for (std::size_t c = 0; c < series.size(); ++c) {
    for (const auto& p : series[c].points) {
      auto& row = rows[p.millis];
      row.resize(series.size());
      row[c] = p.value;
    }
  }
  for (const auto& [millis, cells] : rows) {
    // Whole seconds (every stored resolution) print without a fraction.
    out += QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC)
               .toString(millis % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs);
    for (std::size_t c = 0; c < series.size(); ++c) {
      out += QLatin1Char(',');
      if (c < cells.size() && cells[c]) out += chartValueText(*cells[c]);
    }
    out += QLatin1String("\r\n");
  }
  return out;
}

}  // namespace dynadesk::ui
