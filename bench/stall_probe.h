// StallProbe: measures how long the GUI thread is kept from its event loop.
// A precise timer fires every `intervalMs`; each time it records how much later
// than due it ran. Any time the GUI thread spends blocked (a slow slot, a
// synchronous call, a long layout) shows up as lateness of the next tick.
// Shared by the GUI benchmarks (bench/README.md).
//
// Thread-safety: create, start and read it on the GUI thread.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <algorithm>
#include <vector>

class StallProbe : public QObject {
 public:
  explicit StallProbe(int intervalMs) : interval_(intervalMs) {
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(intervalMs);
    connect(&timer_, &QTimer::timeout, this, [this] {
      const qint64 now = clock_.nsecsElapsed();
      if (last_ >= 0) {
        const qint64 late = std::max<qint64>(0, now - last_ - interval_ * 1'000'000LL);
        worstNs_ = std::max(worstNs_, late);
        sinceTakeNs_ = std::max(sinceTakeNs_, late);
        lateness_.push_back(late);
      }
      last_ = now;
    });
  }
  void start() {
    worstNs_ = 0;
    sinceTakeNs_ = 0;
    last_ = -1;
    lateness_.clear();
    clock_.start();
    timer_.start();
  }
  void stop() { timer_.stop(); }
  double worstMs() const { return static_cast<double>(worstNs_) / 1e6; }
  // The worst lateness since the last call (or start), then starts over:
  // for attributing stalls to phases of a run.
  double takeWorstMs() {
    const double worst = static_cast<double>(sinceTakeNs_) / 1e6;
    sinceTakeNs_ = 0;
    return worst;
  }
  // The lateness below which `fraction` (0..1) of the ticks ran.
  double percentileMs(double fraction) const {
    if (lateness_.empty()) return 0;
    std::vector<qint64> sorted = lateness_;
    const std::size_t k = std::min(sorted.size() - 1, static_cast<std::size_t>(fraction * static_cast<double>(sorted.size())));
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(k), sorted.end());
    return static_cast<double>(sorted[k]) / 1e6;
  }
  std::size_t ticks() const { return lateness_.size(); }

 private:
  int interval_;
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 last_ = -1;
  qint64 worstNs_ = 0;
  qint64 sinceTakeNs_ = 0;
  std::vector<qint64> lateness_;
};
