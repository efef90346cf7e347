// EngineBridge: turns engine events (dynadesk/engine_events.h) into Qt signals
// on the GUI thread (DESIGN.md decision 6). Every panel that shows live data
// listens to it instead of polling.
//
// The engine's event thread only appends to a buffer under a short lock; the
// bridge drains it on the GUI thread at most kMaxFlushesPerSecond times a
// second, so a write storm from a user's script costs the GUI a few signals,
// not one per write. Events keep their order within a flush. Index backfill
// progress is coalesced too: of the IndexProgress events of one index in a
// flush only the latest is delivered (as tableChanged and indexProgress), at
// the place of that latest event.
//
// Throttle events are not forwarded: the charts read throttling from the
// metrics (Read/WriteThrottleEvents) on each metric tick, which already
// carries them at the rate a chart can use.
//
// Thread-safety: lives on the GUI thread; construct and destroy it there.
// Ownership: holds the subscription; the Client must outlive it.
#pragma once

#include <mutex>
#include <vector>

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include "client/client.h"
#include "dynadesk/engine_events.h"

namespace dynadesk::ui {

class EngineBridge : public QObject {
  Q_OBJECT
 public:
  static constexpr int kMaxFlushesPerSecond = 5;

  explicit EngineBridge(Client& client, QObject* parent = nullptr);
  ~EngineBridge() override;

  // False when the client offers no live events (a remote endpoint).
  bool live() const { return subscription_.active(); }

 signals:
  // Item changes of one flush, in commit order (any tables).
  void itemsChanged(const std::vector<dynadesk::ItemEvent>& events);
  // A table was created, updated or deleted; or must be reloaded (ItemsResync).
  void tableChanged(const QString& table, dynadesk::TableEventKind kind);
  // Calls finished since the last flush.
  void callsFinished(const std::vector<dynadesk::CallEvent>& calls);
  // A global secondary index being built read more of its table: the latest
  // numbers of the flush for that index (itemsTotal is the table's item count
  // when the build started; itemsDone may pass it). Emitted right after the
  // matching tableChanged(table, IndexProgress).
  void indexProgress(const QString& table, const QString& index, quint64 itemsDone, quint64 itemsTotal);
  // Alarm state changes since the last flush, in the order they happened.
  void alarmsChanged(const std::vector<dynadesk::AlarmEvent>& events);
  // The metrics completed a second (engine clock, millis): the newest of the
  // flush, emitted last so charts re-read once after the flush's other signals.
  // At most kMaxFlushesPerSecond a second; in practice about once a second.
  void metricTick(qint64 secondMillis);

 private:
  void onEvents(const EngineEvents& batch);  // engine's event thread
  void flush();                              // GUI thread

  std::mutex mu_;
  EngineEvents buffer_;
  bool flushPending_ = false;  // guarded by mu_

  QTimer flushTimer_;
  QElapsedTimer sinceFlush_;
  EventSubscription subscription_;
};

}  // namespace dynadesk::ui

Q_DECLARE_METATYPE(dynadesk::TableEventKind)
