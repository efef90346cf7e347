// AlarmWizard: creating or editing a CloudWatch metric alarm in CloudWatch's
// four steps.
//  1. Metric: namespace AWS/DynamoDB; the metric and its dimensions picked
//     from ListMetrics (table, global index, operation) or typed; the
//     statistic (Sum, Average, Minimum, Maximum, SampleCount or a percentile
//     such as p99) and the period.
//  2. Conditions: a static threshold, the comparison operator (CloudWatch's
//     four static ones), the threshold, "M out of N" datapoints and the
//     treatment of missing data; a preview chart of the metric's recent values
//     (GetMetricStatistics over the last kPreviewPeriods periods, at least N + 2, ending at the
//     engine's now) with the threshold line, re-read when the metric,
//     statistic or period changes and redrawn when the threshold does.
//  3. Actions: per state (ALARM, OK, INSUFFICIENT_DATA) a list of action ARNs,
//     one per line (the engine accepts any ARN and hands it to its action
//     runner, which logs it and can run a configured command), whether
//     actions are enabled, and "notify on this desktop" (a workbench choice,
//     not sent to the endpoint).
//  4. Name and description, and a review of the whole definition in words and
//     as the PutMetricAlarm request JSON.
// Finish sends PutMetricAlarm through the RequestRunner. The wizard closes
// only when the endpoint accepts; a refusal is shown on the review page in
// the endpoint's words and the wizard stays open. Editing (setExisting) fills
// every step from DescribeAlarms' definition and keeps the name, because a
// PutMetricAlarm under another name would create a second alarm.
//
// Time: "recent" is measured on the engine's clock, which tests move; set it
// with setClock() (the wall clock by default, right for a remote endpoint).
//
// Thread-safety: GUI thread only. The runner must outlive the wizard.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include <QStringList>
#include <QWizard>

#include "client/request_runner.h"
#include "format/alarm_text.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace dynadesk::ui {

class MetricChart;

class AlarmWizard : public QWizard {
  Q_OBJECT
 public:
  enum PageId { MetricPageId = 0, ConditionPageId = 1, ActionsPageId = 2, ReviewPageId = 3 };
  static constexpr int kPreviewPeriods = 20;

  explicit AlarmWizard(RequestRunner& runner, QWidget* parent = nullptr);

  void setClock(std::function<std::int64_t()> nowMillis);
  // Names already taken: creating an alarm under one of them is refused
  // before anything is sent (PutMetricAlarm would silently replace it).
  void setTakenNames(const QStringList& names) { takenNames_ = names; }

  // Edit mode: every step shows `existing`; the name is fixed.
  void setExisting(const AlarmSpec& existing, bool notifyOnDesktop);
  // Create mode with these values in the steps (e.g. a metric chosen elsewhere).
  void setSpec(const AlarmSpec& spec, bool notifyOnDesktop = true);
  bool editing() const { return editing_; }

  // The definition the steps describe now.
  AlarmSpec spec() const;
  bool notifyOnDesktop() const;

  // Re-reads ListMetrics (done once when the wizard is built).
  void reloadMetrics();
  // Re-reads the preview's datapoints.
  void refreshPreview();

  // The parts tests and the panel look at.
  QTableWidget* metricTable() const { return metricTable_; }
  MetricChart* preview() const { return preview_; }
  QLabel* errorLabel() const { return error_; }
  QPlainTextEdit* requestJson() const { return json_; }
  QLabel* reviewLabel() const { return review_; }
  // Picks the ListMetrics row with this metric and dimensions (name -> value;
  // an absent name means the row must not have it). False when none matches.
  bool selectMetric(const QString& metricName, const std::vector<AlarmDimension>& dimensions);

 signals:
  void metricsListed();                       // ListMetrics answered (the table is filled)
  void previewUpdated();                      // the preview shows the newest datapoints
  void saved(const QString& alarmName);       // PutMetricAlarm succeeded; the wizard closed
  void refused(const QString& message);       // the endpoint refused; the wizard stays open

 protected:
  void accept() override;
  bool validateCurrentPage() override;

 private:
  QWizardPage* buildMetricPage();
  QWizardPage* buildConditionPage();
  QWizardPage* buildActionsPage();
  QWizardPage* buildReviewPage();
  void fill(const AlarmSpec& spec, bool notifyOnDesktop);
  void metricRowPicked();
  void filterMetrics(const QString& text);
  void listMetricsPage(const std::string& nextToken, std::uint64_t ticket);
  void schedulePreview();
  void showThreshold();
  void updateCondition();
  void updateReview();
  void showError(const QString& text);

  RequestRunner& runner_;
  std::function<std::int64_t()> now_;
  QStringList takenNames_;
  bool editing_ = false;
  bool sending_ = false;
  std::uint64_t metricsTicket_ = 0;
  std::uint64_t previewTicket_ = 0;
  std::vector<std::pair<QString, std::vector<AlarmDimension>>> listed_;
  std::vector<AlarmDimension> extraDimensions_;  // an edited alarm's dimensions the fields do not cover
  QString unit_;                                 // kept from an edited alarm
  QString namespace_ = QStringLiteral("AWS/DynamoDB");  // kept from an edited alarm (another client's)

  // Step 1
  QLabel* namespaceLabel_;
  QLineEdit* metricFilter_;
  QTableWidget* metricTable_;
  QLabel* metricsStatus_;
  QComboBox* metricName_;
  QLineEdit* tableName_;
  QLineEdit* indexName_;
  QLineEdit* operation_;
  QComboBox* statistic_;
  QComboBox* period_;
  // Step 2
  QComboBox* comparison_;
  QDoubleSpinBox* threshold_;
  QSpinBox* datapoints_;
  QSpinBox* evaluationPeriods_;
  QComboBox* missingData_;
  QLabel* condition_;
  MetricChart* preview_;
  QLabel* previewStatus_;
  QTimer* previewTimer_;
  // Step 3
  QCheckBox* actionsEnabled_;
  QPlainTextEdit* alarmActions_;
  QPlainTextEdit* okActions_;
  QPlainTextEdit* insufficientActions_;
  QCheckBox* desktop_;
  // Step 4
  QLineEdit* name_;
  QPlainTextEdit* description_;
  QLabel* review_;
  QPlainTextEdit* json_;
  QLabel* error_;
};

}  // namespace dynadesk::ui
