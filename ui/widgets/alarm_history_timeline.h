// AlarmHistoryTimeline: an alarm's state history — a painted horizontal strip
// of state periods (coloured by state, alarmStateColor) over a time range,
// with a legend, and the list of state changes below it (newest first: time,
// old -> new, reason).
//
// The strip is built from DescribeAlarmHistory's StateUpdate items
// (parseStateHistory): before the first change the alarm was in that change's
// old state, after each change in its new state, up to the end of the range.
// Pointing at the strip shows the change that began the period under the
// pointer (time, old -> new, reason) as a tooltip and through hovered().
// The widget only shows what it is given; AlarmsPanel reads the history.
//
// Thread-safety: GUI thread only.
#pragma once

#include <optional>
#include <vector>

#include <QWidget>

#include "format/alarm_text.h"

class QLabel;
class QTreeWidget;

namespace dynadesk::ui {

class AlarmHistoryTimeline : public QWidget {
  Q_OBJECT
 public:
  struct Segment {
    qint64 fromMillis = 0;
    qint64 toMillis = 0;
    AlarmState state = AlarmState::InsufficientData;
    int change = -1;  // index into changes() of the change that began it; -1: before the first
  };

  explicit AlarmHistoryTimeline(QWidget* parent = nullptr);

  // `changes` in any order (kept oldest first). The strip spans
  // [fromMillis, toMillis], widened to cover every change. `current` colours
  // the whole strip when there is no change to show; nullopt leaves it empty.
  void setHistory(std::vector<AlarmStateChange> changes, qint64 fromMillis, qint64 toMillis,
                  std::optional<AlarmState> current);
  void clear();

  const std::vector<AlarmStateChange>& changes() const { return changes_; }
  const std::vector<Segment>& segments() const { return segments_; }
  qint64 rangeFrom() const { return from_; }
  qint64 rangeTo() const { return to_; }

  // What pointing at `millis` shows; empty outside the range or with no data.
  QString hoverText(qint64 millis) const;
  // The painted strip (tests point the mouse at it) and the list of changes.
  QWidget* strip() const { return strip_; }
  QTreeWidget* list() const { return list_; }

 signals:
  void hovered(const QString& text);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  friend class TimelineStrip;
  void buildSegments(std::optional<AlarmState> current);
  void fillList();

  std::vector<AlarmStateChange> changes_;
  std::vector<Segment> segments_;
  qint64 from_ = 0;
  qint64 to_ = 0;
  QWidget* strip_;
  QTreeWidget* list_;
  QLabel* empty_;
};

}  // namespace dynadesk::ui
