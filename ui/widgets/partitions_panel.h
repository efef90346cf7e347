// PartitionsPanel: the Partitions tab of the open table — where its traffic
// lands, so a hot key is visible at a glance.
//
//  - A target picker (the table, or one of its global secondary indexes), a
//    range (the last 15 minutes or the last hour) and what colours the cells
//    (read and write units, reads only, writes only).
//  - The partition heat map (partition_heat_map.h): minutes across,
//    partitions down, throttled minutes marked.
//  - The most accessed and most throttled partition keys, and when the target
//    has a sort key the most accessed and most throttled items, each with its
//    value (capacity units or refused requests) and share of the range's total.
//
// Data: Dynadesk's own DescribeKeyActivity operation through the Client
// (session/key_activity_report.h), run by RequestRunner off the GUI thread;
// DescribeTable names the global indexes. Another endpoint (DynamoDB itself)
// has no such operation: the panel says so in plain words.
//
// Live: re-read on every EngineBridge::metricTick (about once a second while
// the engine runs) and, when nothing was read for kPollMillis (no live
// events: a remote endpoint, a stopped test clock), on a timer. At most one request is in
// flight; a change of table, target or range bumps a generation token, so an
// answer for what was shown before is dropped and the newest asked for next.
// While hidden, nothing is read; showing the panel reads at once.
//
// Time: the window is measured on the engine's clock, which tests and
// --clock-offset-file move away from the wall clock; setClock() supplies it
// (the wall clock by default, right for a remote endpoint).
//
// Thread-safety: GUI thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include <QStringList>
#include <QWidget>

#include "bridge/engine_bridge.h"
#include "client/request_runner.h"
#include "session/key_activity_report.h"

class QComboBox;
class QGroupBox;
class QLabel;
class QTableWidget;
class QTimer;

namespace dynadesk::ui {

class PartitionHeatMap;

class PartitionsPanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kPollMillis = 5000;
  static constexpr int kMaxContributors = 10;

  PartitionsPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent = nullptr);

  void openTable(const QString& table);
  // Milliseconds since the epoch on the endpoint's clock.
  void setClock(std::function<std::int64_t()> nowMillis);
  // The global index to show; empty: the table.
  void setTarget(const QString& index);
  void setRange(ActivityRange range);
  void setMeasure(HeatMeasure measure);
  // Reads the report again now (or as soon as the request in flight answers).
  void refresh();

  // What is shown (tests).
  const QString& table() const { return table_; }
  const std::optional<KeyActivityReport>& report() const { return report_; }
  PartitionHeatMap* heatMap() const { return heatMap_; }
  QComboBox* targetBox() const { return targetBox_; }
  QComboBox* rangeBox() const { return rangeBox_; }
  QComboBox* measureBox() const { return measureBox_; }
  QTableWidget* accessedKeysTable() const { return accessedKeys_; }
  QTableWidget* throttledKeysTable() const { return throttledKeys_; }
  QTableWidget* accessedItemsTable() const { return accessedItems_; }
  QTableWidget* throttledItemsTable() const { return throttledItems_; }
  bool showingItems() const;
  QLabel* summaryLabel() const { return summary_; }
  QLabel* messageLabel() const { return message_; }
  bool requestInFlight() const { return inFlight_; }
  // Global indexes offered by the target picker.
  const QStringList& indexes() const { return indexes_; }

 signals:
  void reportShown();                        // a report for the current table and target is on screen
  void reportFailed(const QString& message);  // the endpoint refused; the message is shown too
  void indexesListed();                      // DescribeTable answered and the target picker lists the indexes

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void describe();
  void showReport(KeyActivityReport report);
  void showFailure(const Status& status);
  void showSummary();
  void fillList(QTableWidget* table, const ContributorList& list, bool items, bool throttled);
  void targetChosen();
  void rangeChosen();
  void measureChosen();
  void restart();
  QString rangeWords() const;

  RequestRunner& runner_;
  QString table_;
  QString index_;
  QStringList indexes_;
  std::function<std::int64_t()> now_;
  ActivityRange range_ = ActivityRange::LastHour;
  HeatMeasure measure_ = HeatMeasure::ReadAndWrite;
  std::optional<KeyActivityReport> report_;
  std::uint64_t generation_ = 0;
  std::uint64_t describeTicket_ = 0;
  bool inFlight_ = false;
  bool again_ = false;    // asked again while a request was in flight
  bool fillingTargets_ = false;

  QComboBox* targetBox_;
  QComboBox* rangeBox_;
  QComboBox* measureBox_;
  QLabel* summary_;
  QLabel* message_;
  PartitionHeatMap* heatMap_;
  QGroupBox* accessedKeysBox_;
  QGroupBox* throttledKeysBox_;
  QGroupBox* accessedItemsBox_;
  QGroupBox* throttledItemsBox_;
  QTableWidget* accessedKeys_;
  QTableWidget* throttledKeys_;
  QTableWidget* accessedItems_;
  QTableWidget* throttledItems_;
  QTimer* pollTimer_;
};

}  // namespace dynadesk::ui
