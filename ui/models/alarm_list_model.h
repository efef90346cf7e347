// AlarmListModel: the rows of the alarm list — the metric alarms of one
// DescribeAlarms snapshot, one row per alarm, in name order.
//
// Columns: name, state ("ALARM", "OK", "INSUFFICIENT_DATA"), the metric and
// condition in words (conditionText), the state reason, the last state change
// (UTC) and whether actions are enabled. The state column carries its colour
// (StateColorRole, Qt::DecorationRole and Qt::ForegroundRole) from
// alarmStateColor() for the application palette at the time it is asked, so
// it reads in light and dark themes alike. SortRole gives values that sort
// the way a reader expects: states by severity (ALARM first), times as
// numbers.
//
// setAlarms() merges a new snapshot by alarm name: rows of alarms that are
// gone are removed, new ones inserted, changed ones reported with dataChanged,
// so a selection or a sort survives a refresh. countsChanged() follows every
// snapshot. Like every model here it never calls the engine (STYLE.md 5).
//
// Thread-safety: GUI thread only.
#pragma once

#include <array>
#include <vector>

#include <QAbstractTableModel>

#include "format/alarm_text.h"

namespace dynadesk::ui {

class AlarmListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { NameColumn, StateColumn, ConditionColumn, ReasonColumn, LastChangeColumn, ActionsColumn, ColumnCount };
  enum Role {
    StateRole = Qt::UserRole + 1,  // QString: "ALARM", "OK", "INSUFFICIENT_DATA" (any column)
    StateColorRole,                // QColor of the row's state (any column)
    SortRole,                      // what the sort proxy compares
    NameRole,                      // QString: the alarm's name (any column)
  };

  explicit AlarmListModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  // Replaces the snapshot (see above). Duplicate names: the first is kept.
  void setAlarms(std::vector<AlarmStatus> alarms);
  void clear() { setAlarms({}); }

  // Precondition for alarmAt: 0 <= row < rowCount().
  const AlarmStatus& alarmAt(int row) const { return alarms_[static_cast<std::size_t>(row)]; }
  // The row of the alarm named `name`, or -1.
  int rowOf(const QString& name) const;
  const AlarmStatus* find(const QString& name) const;
  const std::vector<AlarmStatus>& alarms() const { return alarms_; }

  // How many alarms are in `state`.
  int count(AlarmState state) const { return counts_[static_cast<std::size_t>(state)]; }

 signals:
  void countsChanged();

 private:
  void recount();

  std::vector<AlarmStatus> alarms_;  // sorted by name
  std::array<int, kAlarmStateCount> counts_{};
};

}  // namespace dynadesk::ui
