#include "format/alarm_text.h"
#include "format/json_member.h"

#include <algorithm>
#include <cmath>

#include <QDateTime>
#include <QRegularExpression>

namespace dynadesk::ui {

namespace {

using Json = nlohmann::json;

QString textOf(const Json& j, const char* key) {
  const Json& v = memberOf(j, key);
  return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString();
}

int intOf(const Json& j, const char* key, int fallback) {
  const Json& v = memberOf(j, key);
  if (v.is_number_integer()) return static_cast<int>(std::clamp<long long>(v.get<long long>(), -1, 1'000'000'000));
  if (v.is_number()) return static_cast<int>(std::clamp(v.get<double>(), -1.0, 1e9));
  return fallback;
}

// Seconds since the epoch (CloudWatch's JSON timestamps) to milliseconds.
qint64 millisOf(const Json& j, const char* key) {
  const Json& v = memberOf(j, key);
  if (!v.is_number()) return 0;
  const double seconds = v.get<double>();
  return std::isfinite(seconds) ? static_cast<qint64>(std::llround(seconds * 1000.0)) : 0;
}

QStringList textListOf(const Json& j, const char* key) {
  QStringList out;
  const Json& v = memberOf(j, key);
  if (!v.is_array()) return out;
  for (const auto& e : v) {
    if (e.is_string()) out << QString::fromStdString(e.get<std::string>());
  }
  return out;
}

Json toJsonList(const QStringList& list) {
  Json out = Json::array();
  for (const auto& s : list) out.push_back(s.toStdString());
  return out;
}

QString plural(long long n, const QString& one, const QString& many) {
  return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

QString actionLine(const QString& state, const QStringList& arns) {
  if (arns.isEmpty()) return QStringLiteral("On %1: no actions.").arg(state);
  return QStringLiteral("On %1: %2.").arg(state, arns.join(QStringLiteral(", ")));
}

}  // namespace

QString alarmStateName(AlarmState state) {
  switch (state) {
    case AlarmState::Ok: return QStringLiteral("OK");
    case AlarmState::Alarm: return QStringLiteral("ALARM");
    case AlarmState::InsufficientData: return QStringLiteral("INSUFFICIENT_DATA");
  }
  return QStringLiteral("INSUFFICIENT_DATA");
}

std::optional<AlarmState> parseAlarmState(const QString& name) {
  for (AlarmState s : {AlarmState::Ok, AlarmState::Alarm, AlarmState::InsufficientData}) {
    if (alarmStateName(s) == name) return s;
  }
  return std::nullopt;
}

QString alarmStateLabel(AlarmState state) {
  switch (state) {
    case AlarmState::Ok: return QStringLiteral("OK");
    case AlarmState::Alarm: return QStringLiteral("In alarm");
    case AlarmState::InsufficientData: return QStringLiteral("Insufficient data");
  }
  return QString();
}

QColor alarmStateColor(AlarmState state, const QPalette& palette) {
  const bool dark = palette.color(QPalette::Window).lightnessF() < 0.5;
  switch (state) {
    case AlarmState::Alarm: return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
    case AlarmState::Ok: return dark ? QColor(0x4c, 0xc3, 0x5a) : QColor(0x1e, 0x7e, 0x34);
    case AlarmState::InsufficientData: return dark ? QColor(0x9a, 0xa5, 0xb1) : QColor(0x6b, 0x72, 0x7c);
  }
  return palette.color(QPalette::Text);
}

bool isPercentileStatistic(const QString& statistic) {
  static const QRegularExpression kPercentile(QStringLiteral("^p(\\d+(\\.\\d+)?)$"));
  return kPercentile.match(statistic).hasMatch();
}

Result<AlarmStatus> alarmFromDescribe(const Json& a) {
  AlarmStatus out;
  AlarmSpec& s = out.spec;
  s.name = textOf(a, "AlarmName");
  if (s.name.isEmpty()) return Status::validation("An alarm in the answer has no AlarmName.");
  s.description = textOf(a, "AlarmDescription");
  s.metricNamespace = textOf(a, "Namespace");
  s.metricName = textOf(a, "MetricName");
  if (const Json& dims = memberOf(a, "Dimensions"); dims.is_array()) {
    for (const auto& d : dims) {
      const QString name = textOf(d, "Name");
      if (!name.isEmpty()) s.dimensions.push_back({name, textOf(d, "Value")});
    }
  }
  const QString extended = textOf(a, "ExtendedStatistic");
  s.statistic = extended.isEmpty() ? textOf(a, "Statistic") : extended;
  s.periodSeconds = intOf(a, "Period", 60);
  s.evaluationPeriods = intOf(a, "EvaluationPeriods", 1);
  s.datapointsToAlarm = intOf(a, "DatapointsToAlarm", s.evaluationPeriods);
  const Json& threshold = memberOf(a, "Threshold");
  s.threshold = threshold.is_number() ? threshold.get<double>() : 0.0;
  s.comparison = textOf(a, "ComparisonOperator");
  const QString treat = textOf(a, "TreatMissingData");
  s.treatMissingData = treat.isEmpty() ? QStringLiteral("missing") : treat;
  s.unit = textOf(a, "Unit");
  const Json& enabled = memberOf(a, "ActionsEnabled");
  s.actionsEnabled = enabled.is_boolean() ? enabled.get<bool>() : true;
  s.alarmActions = textListOf(a, "AlarmActions");
  s.okActions = textListOf(a, "OKActions");
  s.insufficientDataActions = textListOf(a, "InsufficientDataActions");
  out.arn = textOf(a, "AlarmArn");
  out.state = parseAlarmState(textOf(a, "StateValue")).value_or(AlarmState::InsufficientData);
  out.reason = textOf(a, "StateReason");
  out.stateUpdatedMillis = millisOf(a, "StateUpdatedTimestamp");
  return out;
}

std::vector<AlarmStatus> parseDescribeAlarms(const Json& response) {
  std::vector<AlarmStatus> out;
  const Json& list = memberOf(response, "MetricAlarms");
  if (!list.is_array()) return out;
  for (const auto& a : list) {
    if (auto parsed = alarmFromDescribe(a)) out.push_back(std::move(parsed).value());
  }
  return out;
}

Json putMetricAlarmRequest(const AlarmSpec& s) {
  Json r{{"AlarmName", s.name.toStdString()},
         {"Namespace", s.metricNamespace.toStdString()},
         {"MetricName", s.metricName.toStdString()},
         {"Period", s.periodSeconds},
         {"EvaluationPeriods", s.evaluationPeriods},
         {"DatapointsToAlarm", s.datapointsToAlarm},
         {"Threshold", s.threshold},
         {"ComparisonOperator", s.comparison.toStdString()},
         {"TreatMissingData", s.treatMissingData.toStdString()},
         {"ActionsEnabled", s.actionsEnabled},
         {"AlarmActions", toJsonList(s.alarmActions)},
         {"OKActions", toJsonList(s.okActions)},
         {"InsufficientDataActions", toJsonList(s.insufficientDataActions)}};
  if (!s.description.isEmpty()) r["AlarmDescription"] = s.description.toStdString();
  Json dims = Json::array();
  for (const auto& d : s.dimensions) dims.push_back({{"Name", d.name.toStdString()}, {"Value", d.value.toStdString()}});
  r["Dimensions"] = std::move(dims);
  if (isPercentileStatistic(s.statistic)) {
    r["ExtendedStatistic"] = s.statistic.toStdString();
  } else {
    r["Statistic"] = s.statistic.toStdString();
  }
  if (!s.unit.isEmpty()) r["Unit"] = s.unit.toStdString();
  return r;
}

QString periodText(int seconds) {
  if (seconds <= 0) return QStringLiteral("%1 seconds").arg(seconds);
  if (seconds % 86400 == 0) return plural(seconds / 86400, QStringLiteral("day"), QStringLiteral("days"));
  if (seconds % 3600 == 0) return plural(seconds / 3600, QStringLiteral("hour"), QStringLiteral("hours"));
  if (seconds % 60 == 0) return plural(seconds / 60, QStringLiteral("minute"), QStringLiteral("minutes"));
  return plural(seconds, QStringLiteral("second"), QStringLiteral("seconds"));
}

QString comparisonSymbol(const QString& c) {
  if (c == QLatin1String("GreaterThanThreshold")) return QStringLiteral(">");
  if (c == QLatin1String("GreaterThanOrEqualToThreshold")) return QStringLiteral(">=");
  if (c == QLatin1String("LessThanThreshold")) return QStringLiteral("<");
  if (c == QLatin1String("LessThanOrEqualToThreshold")) return QStringLiteral("<=");
  return QStringLiteral("?");
}

QString comparisonWords(const QString& c) {
  if (c == QLatin1String("GreaterThanThreshold")) return QStringLiteral("greater than");
  if (c == QLatin1String("GreaterThanOrEqualToThreshold")) return QStringLiteral("greater than or equal to");
  if (c == QLatin1String("LessThanThreshold")) return QStringLiteral("less than");
  if (c == QLatin1String("LessThanOrEqualToThreshold")) return QStringLiteral("less than or equal to");
  return c;
}

QString missingDataText(const QString& t) {
  if (t == QLatin1String("breaching")) return QStringLiteral("Treat missing data as bad (breaching the threshold)");
  if (t == QLatin1String("notBreaching")) return QStringLiteral("Treat missing data as good (not breaching the threshold)");
  if (t == QLatin1String("ignore")) return QStringLiteral("Ignore missing data (keep the current state)");
  return QStringLiteral("Treat missing data as missing");
}

QString dimensionsText(const std::vector<AlarmDimension>& dims) {
  if (dims.empty()) return QStringLiteral("no dimensions");
  QStringList parts;
  for (const auto& d : dims) parts << QStringLiteral("%1 = %2").arg(d.name, d.value);
  return parts.join(QStringLiteral(", "));
}

QString numberText(double v) {
  if (!std::isfinite(v)) return QStringLiteral("?");
  QString s = QString::number(v, 'f', 6);
  if (s.contains('.')) {
    while (s.endsWith('0')) s.chop(1);
    if (s.endsWith('.')) s.chop(1);
  }
  if (s == QLatin1String("-0")) s = QStringLiteral("0");
  // Very large or tiny values read better in the shortest exact form.
  if (std::fabs(v) >= 1e15 || (v != 0 && std::fabs(v) < 1e-6)) s = QString::number(v, 'g', 17);
  return s;
}

QString conditionText(const AlarmSpec& s) {
  const QString period = periodText(s.periodSeconds);
  const QString span = s.evaluationPeriods == 1
                           ? QStringLiteral("for 1 period of %1").arg(period)
                           : QStringLiteral("for %1 of %2 periods of %3")
                                 .arg(s.datapointsToAlarm)
                                 .arg(s.evaluationPeriods)
                                 .arg(period);
  return QStringLiteral("%1 %2 %3 %4 %5")
      .arg(s.metricName, s.statistic, comparisonSymbol(s.comparison), numberText(s.threshold), span);
}

QString reviewText(const AlarmSpec& s) {
  QStringList lines;
  lines << QStringLiteral("Metric: %1 in %2 (%3), %4 per %5.")
               .arg(s.metricName, s.metricNamespace, dimensionsText(s.dimensions), s.statistic,
                    periodText(s.periodSeconds));
  lines << QStringLiteral("Goes to ALARM when the %1 is %2 %3 in %4 of the last %5.")
               .arg(s.statistic, comparisonWords(s.comparison), numberText(s.threshold))
               .arg(s.datapointsToAlarm)
               .arg(s.evaluationPeriods == 1 ? QStringLiteral("1 period")
                                             : QStringLiteral("%1 periods").arg(s.evaluationPeriods));
  lines << missingDataText(s.treatMissingData) + QLatin1Char('.');
  lines << (s.actionsEnabled ? QStringLiteral("Actions are enabled.") : QStringLiteral("Actions are disabled."));
  lines << actionLine(QStringLiteral("ALARM"), s.alarmActions);
  lines << actionLine(QStringLiteral("OK"), s.okActions);
  lines << actionLine(QStringLiteral("INSUFFICIENT_DATA"), s.insufficientDataActions);
  return lines.join(QLatin1Char('\n'));
}

QString alarmTimeText(qint64 millis) {
  if (millis <= 0) return QString();
  return QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) +
         QStringLiteral(" UTC");
}

std::vector<AlarmStateChange> parseStateHistory(const Json& response) {
  std::vector<AlarmStateChange> out;
  const Json& items = memberOf(response, "AlarmHistoryItems");
  if (!items.is_array()) return out;
  static const QRegularExpression kSummary(QStringLiteral("from (\\w+) to (\\w+)"));
  for (const auto& item : items) {
    if (textOf(item, "HistoryItemType") != QLatin1String("StateUpdate")) continue;
    AlarmStateChange c;
    c.millis = millisOf(item, "Timestamp");
    c.summary = textOf(item, "HistorySummary");
    std::optional<AlarmState> from, to;
    const std::string dataText = textOf(item, "HistoryData").toStdString();
    if (Json::accept(dataText)) {
      const Json data = Json::parse(dataText);
      from = parseAlarmState(textOf(memberOf(data, "oldState"), "stateValue"));
      to = parseAlarmState(textOf(memberOf(data, "newState"), "stateValue"));
      c.reason = textOf(memberOf(data, "newState"), "stateReason");
    }
    if (!from || !to) {
      const auto m = kSummary.match(c.summary);
      if (m.hasMatch()) {
        from = parseAlarmState(m.captured(1));
        to = parseAlarmState(m.captured(2));
      }
    }
    if (!from || !to) continue;
    c.oldState = *from;
    c.newState = *to;
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const AlarmStateChange& a, const AlarmStateChange& b) { return a.millis < b.millis; });
  return out;
}

}  // namespace dynadesk::ui
