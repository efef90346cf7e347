#include "models/alarm_list_model.h"

#include <algorithm>
#include <set>

#include <QFont>
#include <QGuiApplication>

namespace dynadesk::ui {

namespace {

// ALARM first, then INSUFFICIENT_DATA, then OK: what needs attention on top.
int severity(AlarmState s) {
  switch (s) {
    case AlarmState::Alarm: return 0;
    case AlarmState::InsufficientData: return 1;
    case AlarmState::Ok: return 2;
  }
  return 3;
}

QString actionsText(const AlarmSpec& s) {
  const auto n = s.alarmActions.size() + s.okActions.size() + s.insufficientDataActions.size();
  const QString state = s.actionsEnabled ? QStringLiteral("Enabled") : QStringLiteral("Disabled");
  if (n == 0) return state;
  return QStringLiteral("%1 (%2 %3)").arg(state).arg(n).arg(n == 1 ? QStringLiteral("action") : QStringLiteral("actions"));
}

}  // namespace

AlarmListModel::AlarmListModel(QObject* parent) : QAbstractTableModel(parent) {}

int AlarmListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(alarms_.size());
}

int AlarmListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AlarmListModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const AlarmStatus& a = alarmAt(index.row());
  const AlarmSpec& s = a.spec;
  switch (role) {
    case StateRole: return alarmStateName(a.state);
    case StateColorRole: return alarmStateColor(a.state, QGuiApplication::palette());
    case NameRole: return s.name;
    default: break;
  }
  const int column = index.column();
  if (role == Qt::DisplayRole) {
    switch (column) {
      case NameColumn: return s.name;
      case StateColumn: return alarmStateName(a.state);
      case ConditionColumn: return conditionText(s);
      case ReasonColumn: return a.reason;
      case LastChangeColumn: return alarmTimeText(a.stateUpdatedMillis);
      case ActionsColumn: return actionsText(s);
      default: return {};
    }
  }
  if (role == SortRole) {
    switch (column) {
      case StateColumn: return severity(a.state);
      case LastChangeColumn: return a.stateUpdatedMillis;
      case ActionsColumn: return s.actionsEnabled ? 0 : 1;
      default: return data(index, Qt::DisplayRole).toString().toLower();
    }
  }
  if (role == Qt::ToolTipRole) {
    switch (column) {
      case NameColumn: return s.description.isEmpty() ? a.arn : s.description + QLatin1Char('\n') + a.arn;
      case StateColumn: return alarmStateLabel(a.state);
      case ConditionColumn: return reviewText(s);
      case ReasonColumn: return a.reason;
      default: return {};
    }
  }
  if (column == StateColumn) {
    if (role == Qt::DecorationRole || role == Qt::ForegroundRole) {
      return alarmStateColor(a.state, QGuiApplication::palette());
    }
    if (role == Qt::FontRole) {
      QFont f;
      f.setBold(true);
      return f;
    }
  }
  if (column == ActionsColumn && role == Qt::ForegroundRole && !s.actionsEnabled) {
    return QGuiApplication::palette().color(QPalette::PlaceholderText);
  }
  return {};
}

QVariant AlarmListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case NameColumn: return tr("Name");
    case StateColumn: return tr("State");
    case ConditionColumn: return tr("Condition");
    case ReasonColumn: return tr("Reason");
    case LastChangeColumn: return tr("Last state change");
    case ActionsColumn: return tr("Actions");
    default: return {};
  }
}

void AlarmListModel::setAlarms(std::vector<AlarmStatus> incoming) {
  std::stable_sort(incoming.begin(), incoming.end(),
                   [](const AlarmStatus& a, const AlarmStatus& b) { return a.spec.name < b.spec.name; });
  incoming.erase(std::unique(incoming.begin(), incoming.end(),
                             [](const AlarmStatus& a, const AlarmStatus& b) { return a.spec.name == b.spec.name; }),
                 incoming.end());

  // Removals first (from the bottom, so rows above keep their numbers)...
  std::set<QString> wanted;
  for (const auto& a : incoming) wanted.insert(a.spec.name);
  for (int row = static_cast<int>(alarms_.size()) - 1; row >= 0; --row) {
    if (wanted.count(alarms_[static_cast<std::size_t>(row)].spec.name)) continue;
    int first = row;
    while (first > 0 && !wanted.count(alarms_[static_cast<std::size_t>(first - 1)].spec.name)) --first;
    beginRemoveRows({}, first, row);
    alarms_.erase(alarms_.begin() + first, alarms_.begin() + row + 1);
    endRemoveRows();
    row = first;
  }
  // ...then a walk of both sorted lists: update in place or insert.
  std::size_t i = 0;
  for (auto& a : incoming) {
    if (i < alarms_.size() && alarms_[i].spec.name == a.spec.name) {
      if (!(alarms_[i] == a)) {
        alarms_[i] = std::move(a);
        emit dataChanged(index(static_cast<int>(i), 0), index(static_cast<int>(i), ColumnCount - 1));
      }
    } else {
      const int row = static_cast<int>(i);
      beginInsertRows({}, row, row);
      alarms_.insert(alarms_.begin() + row, std::move(a));
      endInsertRows();
    }
    ++i;
  }
  recount();
}

int AlarmListModel::rowOf(const QString& name) const {
  const auto it = std::lower_bound(alarms_.begin(), alarms_.end(), name,
                                   [](const AlarmStatus& a, const QString& n) { return a.spec.name < n; });
  if (it == alarms_.end() || it->spec.name != name) return -1;
  return static_cast<int>(it - alarms_.begin());
}

const AlarmStatus* AlarmListModel::find(const QString& name) const {
  const int row = rowOf(name);
  return row < 0 ? nullptr : &alarms_[static_cast<std::size_t>(row)];
}

void AlarmListModel::recount() {
  std::array<int, kAlarmStateCount> counts{};
  for (const auto& a : alarms_) ++counts[static_cast<std::size_t>(a.state)];
  counts_ = counts;
  emit countsChanged();
}

}  // namespace dynadesk::ui
