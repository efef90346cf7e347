#include "widgets/alarm_history_timeline.h"

#include <algorithm>

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace dynadesk::ui {

namespace {

constexpr int kBarHeight = 22;
constexpr int kMargin = 8;
constexpr int kMinSegmentWidth = 6;

QString arrowText(const AlarmStateChange& c) {
  return QStringLiteral("%1 \u2192 %2").arg(alarmStateName(c.oldState), alarmStateName(c.newState));
}

// A short time for the axis: the date only when the range spans days.
QString axisTime(qint64 millis, bool withDate) {
  const QDateTime t = QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC);
  return t.toString(withDate ? QStringLiteral("MM-dd HH:mm") : QStringLiteral("HH:mm:ss"));
}

}  // namespace

// The painted strip; the owner keeps the data.
class TimelineStrip : public QWidget {
 public:
  explicit TimelineStrip(AlarmHistoryTimeline* owner) : QWidget(owner), owner_(owner) {
    setMouseTracking(true);
    setMinimumHeight(kBarHeight + fontMetrics().height() * 2 + 12);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setObjectName(QStringLiteral("alarmTimelineStrip"));
  }

  QSize sizeHint() const override { return {400, minimumHeight()}; }

  QRect barRect() const {
    return QRect(kMargin, fontMetrics().height() + 6, std::max(1, width() - 2 * kMargin), kBarHeight);
  }

  qint64 millisAt(int x) const {
    const QRect bar = barRect();
    const double f = std::clamp(static_cast<double>(x - bar.left()) / bar.width(), 0.0, 1.0);
    return owner_->from_ + static_cast<qint64>(f * static_cast<double>(owner_->to_ - owner_->from_));
  }

  int xAt(qint64 millis) const {
    const QRect bar = barRect();
    const qint64 span = std::max<qint64>(1, owner_->to_ - owner_->from_);
    return bar.left() + static_cast<int>(static_cast<double>(millis - owner_->from_) / span * bar.width());
  }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRect bar = barRect();
    const QPalette& pal = palette();
    // Legend, top right.
    int x = width() - kMargin;
    for (AlarmState s : {AlarmState::InsufficientData, AlarmState::Ok, AlarmState::Alarm}) {
      const QString label = alarmStateLabel(s);
      const int w = fontMetrics().horizontalAdvance(label);
      x -= w;
      p.setPen(pal.color(QPalette::WindowText));
      p.drawText(QRect(x, 0, w, fontMetrics().height()), Qt::AlignVCenter, label);
      x -= 14;
      p.fillRect(QRect(x, fontMetrics().height() / 2 - 5, 10, 10), alarmStateColor(s, pal));
      x -= 14;
    }
    QPainterPath clip;
    clip.addRoundedRect(bar, 4, 4);
    p.setClipPath(clip);
    p.fillRect(bar, pal.color(QPalette::AlternateBase));
    for (const auto& seg : owner_->segments_) {
      // A state that has just begun still shows a sliver of its colour.
      const int left = std::min(xAt(seg.fromMillis), bar.right() - kMinSegmentWidth);
      const int right = std::max(left + kMinSegmentWidth, xAt(seg.toMillis));
      p.fillRect(QRect(left, bar.top(), right - left, bar.height()), alarmStateColor(seg.state, pal));
    }
    p.setClipping(false);
    // A thin mark at each change so two periods of one colour stay apart.
    p.setPen(QPen(pal.color(QPalette::Base), 2));
    for (const auto& c : owner_->changes_) {
      const int cx = xAt(c.millis);
      p.drawLine(cx, bar.top(), cx, bar.bottom());
    }
    p.setPen(pal.color(QPalette::Mid));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(bar, 4, 4);
    // Axis: start and end times (UTC, as the list).
    if (owner_->to_ > owner_->from_) {
      const bool days = owner_->to_ - owner_->from_ > 86'400'000;
      p.setPen(pal.color(QPalette::PlaceholderText));
      const QRect axis(bar.left(), bar.bottom() + 4, bar.width(), fontMetrics().height());
      p.drawText(axis, Qt::AlignLeft | Qt::AlignTop, axisTime(owner_->from_, days));
      p.drawText(axis, Qt::AlignRight | Qt::AlignTop, axisTime(owner_->to_, days) + QStringLiteral(" UTC"));
    }
  }

  void mouseMoveEvent(QMouseEvent* e) override {
    const QString text = owner_->hoverText(millisAt(e->position().toPoint().x()));
    if (text.isEmpty()) {
      QToolTip::hideText();
    } else {
      QToolTip::showText(e->globalPosition().toPoint(), text, this);
    }
    emit owner_->hovered(text);
  }

 private:
  AlarmHistoryTimeline* owner_;
};

AlarmHistoryTimeline::AlarmHistoryTimeline(QWidget* parent) : QWidget(parent) {
  auto* v = new QVBoxLayout(this);
  v->setContentsMargins(0, 0, 0, 0);
  v->setSpacing(4);
  strip_ = new TimelineStrip(this);
  v->addWidget(strip_);
  empty_ = new QLabel(tr("No state changes in the history yet."));
  empty_->setObjectName(QStringLiteral("alarmTimelineEmpty"));
  empty_->setForegroundRole(QPalette::PlaceholderText);
  v->addWidget(empty_);
  list_ = new QTreeWidget;
  list_->setObjectName(QStringLiteral("alarmHistoryList"));
  list_->setRootIsDecorated(false);
  list_->setColumnCount(3);
  list_->setHeaderLabels({tr("Time"), tr("Change"), tr("Reason")});
  list_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  list_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  list_->header()->setStretchLastSection(true);
  list_->setWordWrap(false);
  list_->setTextElideMode(Qt::ElideRight);
  list_->setUniformRowHeights(true);
  v->addWidget(list_, 1);
}

void AlarmHistoryTimeline::clear() { setHistory({}, 0, 0, std::nullopt); }

void AlarmHistoryTimeline::setHistory(std::vector<AlarmStateChange> changes, qint64 fromMillis, qint64 toMillis,
                                      std::optional<AlarmState> current) {
  std::stable_sort(changes.begin(), changes.end(),
                   [](const AlarmStateChange& a, const AlarmStateChange& b) { return a.millis < b.millis; });
  changes_ = std::move(changes);
  from_ = fromMillis;
  to_ = std::max(fromMillis, toMillis);
  if (!changes_.empty()) {
    from_ = std::min(from_, changes_.front().millis);
    to_ = std::max(to_, changes_.back().millis);
  }
  buildSegments(current);
  fillList();
  strip_->update();
}

void AlarmHistoryTimeline::buildSegments(std::optional<AlarmState> current) {
  segments_.clear();
  if (to_ <= from_ && changes_.empty()) return;
  if (changes_.empty()) {
    if (current) segments_.push_back({from_, to_, *current, -1});
    return;
  }
  if (changes_.front().millis > from_) {
    segments_.push_back({from_, changes_.front().millis, changes_.front().oldState, -1});
  }
  for (std::size_t i = 0; i < changes_.size(); ++i) {
    const qint64 end = i + 1 < changes_.size() ? changes_[i + 1].millis : to_;
    segments_.push_back({changes_[i].millis, end, changes_[i].newState, static_cast<int>(i)});
  }
}

void AlarmHistoryTimeline::fillList() {
  list_->clear();
  empty_->setVisible(changes_.empty());
  const QPalette pal = palette();
  for (auto it = changes_.rbegin(); it != changes_.rend(); ++it) {
    auto* row = new QTreeWidgetItem({alarmTimeText(it->millis), arrowText(*it), it->reason});
    row->setForeground(1, alarmStateColor(it->newState, pal));
    row->setToolTip(2, it->reason);
    list_->addTopLevelItem(row);
  }
}

void AlarmHistoryTimeline::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) fillList();  // the state colours follow the theme
}

QString AlarmHistoryTimeline::hoverText(qint64 millis) const {
  if (segments_.empty() || millis < from_ || millis > to_) return QString();
  // The last segment that starts at or before `millis`.
  const Segment* hit = nullptr;
  for (const auto& s : segments_) {
    if (s.fromMillis <= millis) hit = &s;
  }
  if (!hit) return QString();
  if (hit->change < 0) {
    if (changes_.empty()) return alarmStateLabel(hit->state);
    return tr("%1 until %2").arg(alarmStateName(hit->state), alarmTimeText(hit->toMillis));
  }
  const AlarmStateChange& c = changes_[static_cast<std::size_t>(hit->change)];
  QString text = QStringLiteral("%1\n%2").arg(alarmTimeText(c.millis), arrowText(c));
  if (!c.reason.isEmpty()) text += QLatin1Char('\n') + c.reason;
  return text;
}

}  // namespace dynadesk::ui
