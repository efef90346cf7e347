// CapacityPanel: the Capacity tab of the open table, in three parts.
//  1. Billing and capacity: the table's billing mode and the provisioned read
//     and write units of the table and each global secondary index, with an
//     editor that switches the billing mode or changes units through one
//     UpdateTable. DynamoDB's rules (minimums, the number of switches allowed)
//     are the endpoint's business: its refusal is shown in its own words.
//  2. Calculator: item size, reads and writes per second, consistency and the
//     transactional shares give RCU, WCU and the monthly cost on-demand and
//     provisioned (format/capacity_estimate.h), recomputed as you type; the
//     cheaper mode is highlighted. The price table is editable, shows its
//     region and date, and can be reset to the defaults.
//  3. From recorded traffic: the table's ConsumedRead/WriteCapacityUnits over
//     the last hour, day or week (GetMetricStatistics through the Client) and
//     the estimate sentence (format/recorded_traffic.h). Re-read when the
//     table's items change (at most every two seconds) and on request.
// Every call goes through RequestRunner, never on the GUI thread.
//
// Time: "the last hour" is measured on the engine's clock, which tests and
// the --clock-offset-file option move away from the wall clock; setClock()
// supplies it (the wall clock by default, right for a remote endpoint).
//
// Thread-safety: GUI thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include <QWidget>
#include <nlohmann/json.hpp>

#include "bridge/engine_bridge.h"
#include "client/request_runner.h"
#include "format/capacity_estimate.h"
#include "format/recorded_traffic.h"

class QButtonGroup;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QTableWidget;
class QTimer;

namespace dynadesk::ui {

class CapacityPanel : public QWidget {
  Q_OBJECT
 public:
  CapacityPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent = nullptr);

  void openTable(const QString& table);
  // Milliseconds since the epoch on the endpoint's clock.
  void setClock(std::function<std::int64_t()> nowMillis);

  // What is shown (tests).
  const nlohmann::json& description() const { return description_; }
  const std::optional<CapacityEstimate>& calculatorEstimate() const { return calculator_; }
  const std::optional<TrafficEstimate>& trafficEstimate() const { return traffic_; }
  PriceTable prices() const { return prices_; }
  void setPrices(const PriceTable& prices);
  void setTrafficRange(TrafficRange range);
  void refreshTraffic();

 signals:
  void statusMessage(const QString& text);
  void described();           // DescribeTable answered and the billing part shows it
  void capacityUpdated();     // an UpdateTable succeeded
  void capacityRefused(const QString& message);
  void trafficEstimated();    // the recorded-traffic estimate is shown

 private:
  void describe();
  void showDescription();
  void applyCapacity();
  void billingModeToggled();
  void recompute();
  void pricesEdited();
  void showPrices();
  void resetPrices();

  QWidget* buildBillingGroup();
  QWidget* buildCalculatorGroup();
  QWidget* buildTrafficGroup();

  RequestRunner& runner_;
  QString table_;
  std::uint64_t ticket_ = 0;
  std::uint64_t trafficTicket_ = 0;
  nlohmann::json description_;
  std::function<std::int64_t()> now_;
  PriceTable prices_;
  std::optional<CapacityEstimate> calculator_;
  std::optional<TrafficEstimate> traffic_;
  TrafficRange range_ = TrafficRange::Hour;
  bool showingPrices_ = false;

  // Billing
  QLabel* billingSummary_;
  QRadioButton* onDemand_;
  QRadioButton* provisioned_;
  QTableWidget* throughput_;
  QPushButton* apply_;
  QLabel* billingError_;

  // Calculator
  QDoubleSpinBox* itemSize_;
  QDoubleSpinBox* reads_;
  QDoubleSpinBox* writes_;
  QComboBox* consistency_;
  QDoubleSpinBox* txReads_;
  QDoubleSpinBox* txWrites_;
  QDoubleSpinBox* storage_;
  QLabel* rcu_;
  QLabel* wcu_;
  QLabel* onDemandCost_;
  QLabel* provisionedCost_;
  QLabel* calcError_;
  QTableWidget* priceTable_;
  QLabel* priceDate_;

  // Recorded traffic
  QComboBox* rangeBox_;
  QLabel* trafficText_;
  QLabel* trafficDetail_;
  QTimer* trafficTimer_;
};

}  // namespace dynadesk::ui
