#include "bridge/engine_bridge.h"

#include <algorithm>
#include <map>
#include <utility>

#include <QMetaObject>
#include <QPointer>

namespace dynadesk::ui {

EngineBridge::EngineBridge(Client& client, QObject* parent) : QObject(parent) {
  qRegisterMetaType<dynadesk::TableEventKind>();
  flushTimer_.setSingleShot(true);
  connect(&flushTimer_, &QTimer::timeout, this, &EngineBridge::flush);
  sinceFlush_.start();
  subscription_ = client.subscribe([this](const EngineEvents& batch) { onEvents(batch); });
}

EngineBridge::~EngineBridge() {
  // Unsubscribe first: afterwards the event thread never touches this object.
  subscription_.reset();
}

void EngineBridge::onEvents(const EngineEvents& batch) {
  bool schedule = false;
  {
    std::lock_guard lock(mu_);
    buffer_.changes.insert(buffer_.changes.end(), batch.changes.begin(), batch.changes.end());
    buffer_.calls.insert(buffer_.calls.end(), batch.calls.begin(), batch.calls.end());
    buffer_.droppedCalls += batch.droppedCalls;
    buffer_.metricTickMillis = std::max(buffer_.metricTickMillis, batch.metricTickMillis);
    buffer_.alarms.insert(buffer_.alarms.end(), batch.alarms.begin(), batch.alarms.end());
    // Nothing a listener would see: no wake-up for the GUI thread.
    if (buffer_.changes.empty() && buffer_.calls.empty() && buffer_.metricTickMillis == 0 && buffer_.alarms.empty()) {
      return;
    }
    if (!flushPending_) {
      flushPending_ = true;
      schedule = true;
    }
  }
  if (!schedule) return;
  // Hop to the GUI thread; the subscription is reset before this object dies,
  // and the queued call is dropped by Qt if it dies before delivery.
  QMetaObject::invokeMethod(
      this,
      [this] {
        const qint64 minGap = 1000 / kMaxFlushesPerSecond;
        const qint64 elapsed = sinceFlush_.elapsed();
        if (elapsed >= minGap) {
          flush();
        } else if (!flushTimer_.isActive()) {
          flushTimer_.start(static_cast<int>(minGap - elapsed));
        }
      },
      Qt::QueuedConnection);
}

void EngineBridge::flush() {
  EngineEvents batch;
  {
    std::lock_guard lock(mu_);
    batch = std::move(buffer_);
    buffer_ = EngineEvents{};
    flushPending_ = false;
  }
  sinceFlush_.restart();

  // The last IndexProgress event of each index: only those are delivered.
  std::map<std::pair<std::string, std::string>, std::size_t> lastProgress;
  for (std::size_t i = 0; i < batch.changes.size(); ++i) {
    const auto* table = std::get_if<TableEvent>(&batch.changes[i]);
    if (table && table->kind == TableEventKind::IndexProgress) lastProgress[{table->table, table->index}] = i;
  }

  std::vector<ItemEvent> items;
  for (std::size_t i = 0; i < batch.changes.size(); ++i) {
    auto& change = batch.changes[i];
    if (auto* item = std::get_if<ItemEvent>(&change)) {
      items.push_back(std::move(*item));
      continue;
    }
    const auto& table = std::get<TableEvent>(change);
    const bool progress = table.kind == TableEventKind::IndexProgress;
    if (progress && lastProgress[{table.table, table.index}] != i) continue;  // superseded in this flush
    // Item events before a table event are delivered first, so listeners see
    // them in order relative to the table's lifecycle.
    if (!items.empty()) {
      emit itemsChanged(items);
      items.clear();
    }
    emit tableChanged(QString::fromStdString(table.table), table.kind);
    if (progress) {
      emit indexProgress(QString::fromStdString(table.table), QString::fromStdString(table.index),
                         static_cast<quint64>(table.itemsDone), static_cast<quint64>(table.itemsTotal));
    }
  }
  if (!items.empty()) emit itemsChanged(items);
  if (!batch.calls.empty()) emit callsFinished(batch.calls);
  if (!batch.alarms.empty()) emit alarmsChanged(batch.alarms);
  if (batch.metricTickMillis > 0) emit metricTick(batch.metricTickMillis);
}

}  // namespace dynadesk::ui
