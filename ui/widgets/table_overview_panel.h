// TableOverviewPanel: the Overview tab — what DescribeTable says about a
// table, laid out for reading: key schema, status, item count and size,
// indexes, stream, time to live (from DescribeTimeToLive), billing and
// capacity, table class, ARN and creation time.
// Refreshed when the table changes (engine events), never by polling.
//
// Thread-safety: GUI thread only.
#pragma once

#include <QFormLayout>
#include <QLabel>
#include <QTimer>
#include <QWidget>

#include "bridge/engine_bridge.h"
#include "client/request_runner.h"

namespace dynadesk::ui {

class TableOverviewPanel : public QWidget {
  Q_OBJECT
 public:
  TableOverviewPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent = nullptr);
  void openTable(const QString& table);
  // The last description shown (tests).
  const nlohmann::json& description() const { return description_; }

 signals:
  void described();

 private:
  void refresh();
  void show(const nlohmann::json& table);
  QLabel* addRow(const QString& label);

  RequestRunner& runner_;
  QString table_;
  std::uint64_t ticket_ = 0;
  nlohmann::json description_;
  QTimer refreshTimer_;

  QFormLayout* form_;
  QLabel* status_;
  QLabel* keys_;
  QLabel* items_;
  QLabel* size_;
  QLabel* billing_;
  QLabel* capacity_;
  QLabel* tableClass_;
  QLabel* indexes_;
  QLabel* stream_;
  QLabel* ttl_;
  QLabel* protection_;
  QLabel* created_;
  QLabel* arn_;
};

}  // namespace dynadesk::ui
