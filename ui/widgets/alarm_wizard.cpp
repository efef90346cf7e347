#include "widgets/alarm_wizard.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "charts/metric_chart.h"
#include "format/json_member.h"

namespace dynadesk::ui {

namespace {

using Json = nlohmann::json;

constexpr const char* kCloudWatch = "GraniteServiceVersion20100801.";
constexpr int kMaxMetricPages = 20;  // 10,000 metrics: more than one engine records

std::string cloudWatchOp(const char* op) { return std::string(kCloudWatch) + op; }

const QString kTableDim = QStringLiteral("TableName");
const QString kIndexDim = QStringLiteral("GlobalSecondaryIndexName");
const QString kOperationDim = QStringLiteral("Operation");

// The metrics DynamoDB publishes, offered while nothing is recorded yet.
const QStringList kDynamoDbMetrics = {
    "ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits", "ProvisionedReadCapacityUnits",
    "ProvisionedWriteCapacityUnits", "ReadThrottleEvents", "WriteThrottleEvents", "ThrottledRequests",
    "SuccessfulRequestLatency", "ReturnedItemCount", "UserErrors", "SystemErrors",
    "ConditionalCheckFailedRequests", "ItemCount", "TableSizeBytes", "TimeToLiveDeletedItemCount"};

const QStringList kStatistics = {"Sum", "Average", "Minimum", "Maximum", "SampleCount",
                                 "p50", "p90", "p95", "p99", "p99.9"};

struct PeriodChoice {
  const char* label;
  int seconds;
};
const PeriodChoice kPeriods[] = {{"10 seconds", 10}, {"30 seconds", 30}, {"1 minute", 60},   {"5 minutes", 300},
                                 {"15 minutes", 900}, {"1 hour", 3600},   {"6 hours", 21600}, {"1 day", 86400}};

// A wizard page whose completeness is a function of the wizard's widgets.
class StepPage : public QWizardPage {
 public:
  std::function<bool()> complete;
  bool isComplete() const override { return !complete || complete(); }
  void recheck() { emit completeChanged(); }
};

QString qs(const std::string& s) { return QString::fromStdString(s); }

bool validStatistic(const QString& s) {
  if (kStatistics.mid(0, 5).contains(s)) return true;
  if (!isPercentileStatistic(s)) return false;
  const double p = s.mid(1).toDouble();
  return p > 0 && p <= 100;
}

QStringList arnLines(const QPlainTextEdit* edit) {
  QStringList out;
  for (const QString& line : edit->toPlainText().split(QLatin1Char('\n'))) {
    const QString t = line.trimmed();
    if (!t.isEmpty()) out << t;
  }
  return out;
}

QPlainTextEdit* arnEditor(const QString& objectName) {
  auto* edit = new QPlainTextEdit;
  edit->setObjectName(objectName);
  edit->setPlaceholderText(QStringLiteral("arn:aws:sns:us-east-1:123456789012:my-topic"));
  edit->setTabChangesFocus(true);
  edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 14);
  return edit;
}

QString dimensionValue(const std::vector<AlarmDimension>& dims, const QString& name) {
  for (const auto& d : dims) {
    if (d.name == name) return d.value;
  }
  return QString();
}

}  // namespace

AlarmWizard::AlarmWizard(RequestRunner& runner, QWidget* parent)
    : QWizard(parent), runner_(runner), now_([] { return QDateTime::currentMSecsSinceEpoch(); }) {
  setWindowTitle(tr("Create alarm"));
  setOption(QWizard::NoBackButtonOnStartPage);
  setPage(MetricPageId, buildMetricPage());
  setPage(ConditionPageId, buildConditionPage());
  setPage(ActionsPageId, buildActionsPage());
  setPage(ReviewPageId, buildReviewPage());
  resize(960, 700);

  previewTimer_ = new QTimer(this);
  previewTimer_->setSingleShot(true);
  previewTimer_->setInterval(250);
  connect(previewTimer_, &QTimer::timeout, this, &AlarmWizard::refreshPreview);
  connect(this, &QWizard::currentIdChanged, this, [this](int id) {
    if (id == ConditionPageId) refreshPreview();
    if (id == ReviewPageId) updateReview();
  });
  updateCondition();
  reloadMetrics();
}

QWizardPage* AlarmWizard::buildMetricPage() {
  auto* page = new StepPage;
  page->setTitle(tr("Step 1 of 4: Specify metric"));
  page->setSubTitle(tr("Choose the DynamoDB metric the alarm watches, the statistic and the period."));
  auto* v = new QVBoxLayout(page);

  auto* top = new QHBoxLayout;
  namespaceLabel_ = new QLabel(tr("Namespace: <b>%1</b>").arg(namespace_));
  top->addWidget(namespaceLabel_);
  top->addStretch(1);
  metricFilter_ = new QLineEdit;
  metricFilter_->setObjectName(QStringLiteral("metricFilter"));
  metricFilter_->setPlaceholderText(tr("Filter metrics by name, table, index or operation"));
  metricFilter_->setClearButtonEnabled(true);
  metricFilter_->setMinimumWidth(320);
  top->addWidget(metricFilter_);
  auto* reload = new QPushButton(tr("Reload"));
  reload->setObjectName(QStringLiteral("reloadMetrics"));
  top->addWidget(reload);
  v->addLayout(top);
  connect(metricFilter_, &QLineEdit::textChanged, this, &AlarmWizard::filterMetrics);
  connect(reload, &QPushButton::clicked, this, &AlarmWizard::reloadMetrics);

  metricTable_ = new QTableWidget(0, 4);
  metricTable_->setObjectName(QStringLiteral("metricTable"));
  metricTable_->setHorizontalHeaderLabels({tr("Metric"), tr("Table"), tr("Global index"), tr("Operation")});
  metricTable_->verticalHeader()->hide();
  metricTable_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  metricTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
  metricTable_->setSelectionMode(QAbstractItemView::SingleSelection);
  metricTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  metricTable_->setSortingEnabled(true);
  v->addWidget(metricTable_, 1);
  connect(metricTable_, &QTableWidget::itemSelectionChanged, this, &AlarmWizard::metricRowPicked);
  metricsStatus_ = new QLabel;
  metricsStatus_->setObjectName(QStringLiteral("metricsStatus"));
  metricsStatus_->setForegroundRole(QPalette::PlaceholderText);
  metricsStatus_->setWordWrap(true);
  v->addWidget(metricsStatus_);

  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
  metricName_ = new QComboBox;
  metricName_->setObjectName(QStringLiteral("metricName"));
  metricName_->setEditable(true);
  metricName_->addItems(kDynamoDbMetrics);
  metricName_->setCurrentIndex(-1);
  metricName_->setToolTip(tr("Pick a row above, or type a metric DynamoDB publishes."));
  tableName_ = new QLineEdit;
  tableName_->setObjectName(QStringLiteral("tableDimension"));
  tableName_->setPlaceholderText(tr("TableName dimension (empty: none)"));
  indexName_ = new QLineEdit;
  indexName_->setObjectName(QStringLiteral("indexDimension"));
  indexName_->setPlaceholderText(tr("GlobalSecondaryIndexName dimension (empty: none)"));
  operation_ = new QLineEdit;
  operation_->setObjectName(QStringLiteral("operationDimension"));
  operation_->setPlaceholderText(tr("Operation dimension, e.g. PutItem (empty: none)"));
  statistic_ = new QComboBox;
  statistic_->setObjectName(QStringLiteral("statistic"));
  statistic_->setEditable(true);
  statistic_->addItems(kStatistics);
  statistic_->setToolTip(tr("Sum, Average, Minimum, Maximum, SampleCount, or a percentile such as p99 or p99.9."));
  period_ = new QComboBox;
  period_->setObjectName(QStringLiteral("period"));
  for (const auto& p : kPeriods) period_->addItem(tr(p.label), p.seconds);
  period_->setCurrentIndex(2);
  form->addRow(tr("Metric name:"), metricName_);
  form->addRow(tr("Table:"), tableName_);
  form->addRow(tr("Global index:"), indexName_);
  form->addRow(tr("Operation:"), operation_);
  auto* statRow = new QHBoxLayout;
  statRow->addWidget(statistic_, 1);
  statRow->addSpacing(16);
  statRow->addWidget(new QLabel(tr("Period:")));
  statRow->addWidget(period_, 1);
  form->addRow(tr("Statistic:"), statRow);
  v->addLayout(form);

  page->complete = [this] {
    return !metricName_->currentText().trimmed().isEmpty() && validStatistic(statistic_->currentText().trimmed());
  };
  auto changed = [this, page] {
    page->recheck();
    updateCondition();
    schedulePreview();
  };
  connect(metricName_, &QComboBox::currentTextChanged, this, changed);
  connect(statistic_, &QComboBox::currentTextChanged, this, changed);
  connect(period_, &QComboBox::currentIndexChanged, this, changed);
  for (QLineEdit* e : {tableName_, indexName_, operation_}) connect(e, &QLineEdit::textChanged, this, changed);
  return page;
}

QWizardPage* AlarmWizard::buildConditionPage() {
  auto* page = new StepPage;
  page->setTitle(tr("Step 2 of 4: Specify conditions"));
  page->setSubTitle(tr("A static threshold: the alarm goes to ALARM when enough datapoints cross it."));
  auto* v = new QVBoxLayout(page);
  auto* form = new QFormLayout;
  comparison_ = new QComboBox;
  comparison_->setObjectName(QStringLiteral("comparison"));
  for (const QString& op : kComparisonOperators) {
    QString words = comparisonWords(op);
    words[0] = words[0].toUpper();
    comparison_->addItem(QStringLiteral("%1 (%2)").arg(words, comparisonSymbol(op)), op);
  }
  comparison_->setCurrentIndex(1);  // GreaterThanThreshold, the console's default
  threshold_ = new QDoubleSpinBox;
  threshold_->setObjectName(QStringLiteral("threshold"));
  threshold_->setRange(-1e15, 1e15);
  threshold_->setDecimals(4);
  threshold_->setGroupSeparatorShown(true);
  threshold_->setMinimumWidth(180);
  auto* compareRow = new QHBoxLayout;
  compareRow->addWidget(comparison_);
  compareRow->addWidget(threshold_);
  compareRow->addStretch(1);
  form->addRow(tr("Whenever the metric is:"), compareRow);

  datapoints_ = new QSpinBox;
  datapoints_->setObjectName(QStringLiteral("datapointsToAlarm"));
  datapoints_->setRange(1, 1440);
  evaluationPeriods_ = new QSpinBox;
  evaluationPeriods_->setObjectName(QStringLiteral("evaluationPeriods"));
  evaluationPeriods_->setRange(1, 1440);
  auto* mOfN = new QHBoxLayout;
  mOfN->addWidget(datapoints_);
  mOfN->addWidget(new QLabel(tr("out of")));
  mOfN->addWidget(evaluationPeriods_);
  mOfN->addWidget(new QLabel(tr("evaluation periods")));
  mOfN->addStretch(1);
  form->addRow(tr("Datapoints to alarm:"), mOfN);
  missingData_ = new QComboBox;
  missingData_->setObjectName(QStringLiteral("missingData"));
  for (const QString& t : kMissingDataTreatments) missingData_->addItem(missingDataText(t), t);
  form->addRow(tr("Missing data:"), missingData_);
  v->addLayout(form);

  condition_ = new QLabel;
  condition_->setObjectName(QStringLiteral("conditionText"));
  condition_->setWordWrap(true);
  condition_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addWidget(condition_);

  preview_ = new MetricChart(tr("Preview"), tr("Value"));
  preview_->setObjectName(QStringLiteral("alarmPreview"));
  preview_->setMinimumHeight(240);
  v->addWidget(preview_, 1);
  auto* previewRow = new QHBoxLayout;
  previewStatus_ = new QLabel;
  previewStatus_->setObjectName(QStringLiteral("previewStatus"));
  previewStatus_->setForegroundRole(QPalette::PlaceholderText);
  previewStatus_->setWordWrap(true);
  previewRow->addWidget(previewStatus_, 1);
  auto* refresh = new QPushButton(tr("Refresh preview"));
  refresh->setObjectName(QStringLiteral("refreshPreview"));
  previewRow->addWidget(refresh);
  v->addLayout(previewRow);
  connect(refresh, &QPushButton::clicked, this, &AlarmWizard::refreshPreview);

  page->complete = [this] { return datapoints_->value() <= evaluationPeriods_->value(); };
  auto conditionChanged = [this, page] {
    page->recheck();
    updateCondition();
    showThreshold();
  };
  connect(comparison_, &QComboBox::currentIndexChanged, this, conditionChanged);
  connect(threshold_, &QDoubleSpinBox::valueChanged, this, conditionChanged);
  connect(datapoints_, &QSpinBox::valueChanged, this, conditionChanged);
  connect(missingData_, &QComboBox::currentIndexChanged, this, conditionChanged);
  connect(evaluationPeriods_, &QSpinBox::valueChanged, this, [this, conditionChanged] {
    conditionChanged();
    schedulePreview();  // the range shown covers the evaluation periods
  });
  return page;
}

QWizardPage* AlarmWizard::buildActionsPage() {
  auto* page = new StepPage;
  page->setTitle(tr("Step 3 of 4: Configure actions"));
  page->setSubTitle(tr("What happens when the alarm changes state."));
  auto* v = new QVBoxLayout(page);
  actionsEnabled_ = new QCheckBox(tr("Actions enabled"));
  actionsEnabled_->setObjectName(QStringLiteral("actionsEnabled"));
  actionsEnabled_->setChecked(true);
  v->addWidget(actionsEnabled_);
  auto* note = new QLabel(
      tr("One ARN per line, at most five per state (for example an SNS topic ARN). Dynadesk has no SNS: the engine "
         "logs each action it runs and, when the server was started with --alarm-command, runs that command with "
         "the alarm's name, states, reason and the ARN in its environment."));
  note->setWordWrap(true);
  note->setForegroundRole(QPalette::PlaceholderText);
  v->addWidget(note);
  struct Box {
    QString title;
    QPlainTextEdit** edit;
    const char* name;
  };
  for (const Box& b : {Box{tr("When the alarm goes to ALARM"), &alarmActions_, "alarmActions"},
                       Box{tr("When the alarm goes to OK"), &okActions_, "okActions"},
                       Box{tr("When the alarm goes to INSUFFICIENT_DATA"), &insufficientActions_,
                           "insufficientDataActions"}}) {
    auto* group = new QGroupBox(b.title);
    auto* gv = new QVBoxLayout(group);
    *b.edit = arnEditor(QString::fromLatin1(b.name));
    gv->addWidget(*b.edit);
    v->addWidget(group);
  }
  desktop_ = new QCheckBox(tr("Notify on this desktop when the alarm goes to ALARM"));
  desktop_->setObjectName(QStringLiteral("notifyOnDesktop"));
  desktop_->setChecked(true);
  desktop_->setToolTip(tr("A workbench setting: shown in the system tray while Dynadesk runs and the alarm's "
                          "actions are enabled. Not sent to the endpoint."));
  v->addWidget(desktop_);
  v->addStretch(1);
  return page;
}

QWizardPage* AlarmWizard::buildReviewPage() {
  auto* page = new StepPage;
  page->setTitle(tr("Step 4 of 4: Name and review"));
  page->setSubTitle(tr("Name the alarm, then check the whole definition before creating it."));
  auto* v = new QVBoxLayout(page);
  auto* form = new QFormLayout;
  name_ = new QLineEdit;
  name_->setObjectName(QStringLiteral("alarmName"));
  name_->setMaxLength(255);
  name_->setPlaceholderText(tr("e.g. Orders-high-write-capacity"));
  description_ = new QPlainTextEdit;
  description_->setObjectName(QStringLiteral("alarmDescription"));
  description_->setTabChangesFocus(true);
  description_->setFixedHeight(description_->fontMetrics().lineSpacing() * 2 + 14);
  form->addRow(tr("Alarm name:"), name_);
  form->addRow(tr("Description:"), description_);
  v->addLayout(form);
  review_ = new QLabel;
  review_->setObjectName(QStringLiteral("reviewText"));
  review_->setWordWrap(true);
  review_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addWidget(review_);
  v->addWidget(new QLabel(tr("PutMetricAlarm request:")));
  json_ = new QPlainTextEdit;
  json_->setObjectName(QStringLiteral("requestJson"));
  json_->setReadOnly(true);
  json_->setLineWrapMode(QPlainTextEdit::NoWrap);
  QFont mono(QStringLiteral("monospace"));
  mono.setStyleHint(QFont::Monospace);
  json_->setFont(mono);
  v->addWidget(json_, 1);
  error_ = new QLabel;
  error_->setObjectName(QStringLiteral("alarmError"));
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->hide();
  v->addWidget(error_);
  page->complete = [this] { return !name_->text().trimmed().isEmpty() && !sending_; };
  connect(name_, &QLineEdit::textChanged, this, [this, page] {
    page->recheck();
    updateReview();
  });
  connect(description_, &QPlainTextEdit::textChanged, this, &AlarmWizard::updateReview);
  return page;
}

void AlarmWizard::setClock(std::function<std::int64_t()> nowMillis) {
  if (nowMillis) now_ = std::move(nowMillis);
}

void AlarmWizard::setExisting(const AlarmSpec& existing, bool notifyOnDesktop) {
  editing_ = true;
  setWindowTitle(tr("Edit alarm %1").arg(existing.name));
  setOption(QWizard::HaveFinishButtonOnEarlyPages, true);
  // An edit may change one field: Finish is enabled on every step.
  for (int id : pageIds()) page(id)->setFinalPage(true);
  setButtonText(QWizard::FinishButton, tr("Update alarm"));
  fill(existing, notifyOnDesktop);
  name_->setReadOnly(true);
  name_->setToolTip(tr("An alarm's name cannot change: saving under another name would create a second alarm."));
}

void AlarmWizard::setSpec(const AlarmSpec& spec, bool notifyOnDesktop) {
  editing_ = false;
  fill(spec, notifyOnDesktop);
}

void AlarmWizard::fill(const AlarmSpec& s, bool notifyOnDesktop) {
  metricName_->setCurrentText(s.metricName);
  tableName_->setText(dimensionValue(s.dimensions, kTableDim));
  indexName_->setText(dimensionValue(s.dimensions, kIndexDim));
  operation_->setText(dimensionValue(s.dimensions, kOperationDim));
  extraDimensions_.clear();
  for (const auto& d : s.dimensions) {
    if (d.name != kTableDim && d.name != kIndexDim && d.name != kOperationDim) extraDimensions_.push_back(d);
  }
  unit_ = s.unit;
  namespace_ = s.metricNamespace.isEmpty() ? QStringLiteral("AWS/DynamoDB") : s.metricNamespace;
  namespaceLabel_->setText(tr("Namespace: <b>%1</b>").arg(namespace_.toHtmlEscaped()));
  statistic_->setCurrentText(s.statistic);
  int periodIndex = period_->findData(s.periodSeconds);
  if (periodIndex < 0) {
    // A period the list does not offer (another client's alarm): keep it.
    period_->addItem(periodText(s.periodSeconds), s.periodSeconds);
    periodIndex = period_->count() - 1;
  }
  period_->setCurrentIndex(periodIndex);
  const int op = comparison_->findData(s.comparison);
  comparison_->setCurrentIndex(op < 0 ? 1 : op);
  threshold_->setValue(s.threshold);
  evaluationPeriods_->setValue(s.evaluationPeriods);
  datapoints_->setValue(s.datapointsToAlarm);
  const int treat = missingData_->findData(s.treatMissingData);
  missingData_->setCurrentIndex(treat < 0 ? 0 : treat);
  actionsEnabled_->setChecked(s.actionsEnabled);
  alarmActions_->setPlainText(s.alarmActions.join(QLatin1Char('\n')));
  okActions_->setPlainText(s.okActions.join(QLatin1Char('\n')));
  insufficientActions_->setPlainText(s.insufficientDataActions.join(QLatin1Char('\n')));
  desktop_->setChecked(notifyOnDesktop);
  name_->setText(s.name);
  description_->setPlainText(s.description);
  selectMetric(s.metricName, s.dimensions);
  updateCondition();
  updateReview();
}

AlarmSpec AlarmWizard::spec() const {
  AlarmSpec s;
  s.name = name_->text().trimmed();
  s.description = description_->toPlainText().trimmed();
  s.metricNamespace = namespace_;
  s.metricName = metricName_->currentText().trimmed();
  if (const QString t = tableName_->text().trimmed(); !t.isEmpty()) s.dimensions.push_back({kTableDim, t});
  if (const QString i = indexName_->text().trimmed(); !i.isEmpty()) s.dimensions.push_back({kIndexDim, i});
  if (const QString o = operation_->text().trimmed(); !o.isEmpty()) s.dimensions.push_back({kOperationDim, o});
  s.dimensions.insert(s.dimensions.end(), extraDimensions_.begin(), extraDimensions_.end());
  // In name order, as CloudWatch keys a metric and DescribeAlarms returns them.
  std::sort(s.dimensions.begin(), s.dimensions.end(),
            [](const AlarmDimension& a, const AlarmDimension& b) { return a.name < b.name; });
  s.statistic = statistic_->currentText().trimmed();
  s.periodSeconds = period_->currentData().toInt();
  s.evaluationPeriods = evaluationPeriods_->value();
  s.datapointsToAlarm = datapoints_->value();
  s.threshold = threshold_->value();
  s.comparison = comparison_->currentData().toString();
  s.treatMissingData = missingData_->currentData().toString();
  s.unit = unit_;
  s.actionsEnabled = actionsEnabled_->isChecked();
  s.alarmActions = arnLines(alarmActions_);
  s.okActions = arnLines(okActions_);
  s.insufficientDataActions = arnLines(insufficientActions_);
  return s;
}

bool AlarmWizard::notifyOnDesktop() const { return desktop_->isChecked(); }

void AlarmWizard::reloadMetrics() {
  listed_.clear();
  metricsStatus_->setText(tr("Reading the metrics the endpoint has recorded…"));
  listMetricsPage({}, ++metricsTicket_);
}

void AlarmWizard::listMetricsPage(const std::string& nextToken, std::uint64_t ticket) {
  Json request{{"Namespace", "AWS/DynamoDB"}};
  if (!nextToken.empty()) request["NextToken"] = nextToken;
  runner_.run(cloudWatchOp("ListMetrics"), request, this, [this, ticket](Result<Json> r) {
    if (ticket != metricsTicket_) return;
    if (!r) {
      metricsStatus_->setText(tr("The metrics could not be listed: %1. Type the metric name and its dimensions below.")
                                  .arg(qs(r.status().message())));
      emit metricsListed();
      return;
    }
    if (const Json& metrics = memberOf(*r, "Metrics"); metrics.is_array()) {
      for (const auto& m : metrics) {
        const Json& name = memberOf(m, "MetricName");
        if (!name.is_string()) continue;
        std::vector<AlarmDimension> dims;
        if (const Json& d = memberOf(m, "Dimensions"); d.is_array()) {
          for (const auto& dim : d) {
            const Json& n = memberOf(dim, "Name");
            const Json& val = memberOf(dim, "Value");
            if (n.is_string()) dims.push_back({qs(n.get<std::string>()), val.is_string() ? qs(val.get<std::string>()) : QString()});
          }
        }
        listed_.emplace_back(qs(name.get<std::string>()), std::move(dims));
      }
    }
    const Json& next = memberOf(*r, "NextToken");
    if (next.is_string() && !next.get<std::string>().empty() &&
        listed_.size() < static_cast<std::size_t>(kMaxMetricPages) * 500) {
      listMetricsPage(next.get<std::string>(), ticket);
      return;
    }
    // Grouped by table, then by metric: the header's sort is stable, so this
    // order survives the table's sort by the Table column.
    std::stable_sort(listed_.begin(), listed_.end(), [](const auto& a, const auto& b) {
      const QString ta = dimensionValue(a.second, kTableDim), tb = dimensionValue(b.second, kTableDim);
      if (ta != tb) return ta < tb;
      if (a.first != b.first) return a.first < b.first;
      return dimensionsText(a.second) < dimensionsText(b.second);
    });
    // Refill the table, keeping the metric the fields name selected.
    const QSignalBlocker block(metricTable_);
    metricTable_->setSortingEnabled(false);
    metricTable_->setRowCount(static_cast<int>(listed_.size()));
    for (int row = 0; row < static_cast<int>(listed_.size()); ++row) {
      const auto& [name, dims] = listed_[static_cast<std::size_t>(row)];
      auto* nameItem = new QTableWidgetItem(name);
      nameItem->setData(Qt::UserRole, row);
      metricTable_->setItem(row, 0, nameItem);
      metricTable_->setItem(row, 1, new QTableWidgetItem(dimensionValue(dims, kTableDim)));
      metricTable_->setItem(row, 2, new QTableWidgetItem(dimensionValue(dims, kIndexDim)));
      metricTable_->setItem(row, 3, new QTableWidgetItem(dimensionValue(dims, kOperationDim)));
    }
    metricTable_->setSortingEnabled(true);
    metricTable_->sortByColumn(1, Qt::AscendingOrder);
    filterMetrics(metricFilter_->text());
    metricsStatus_->setText(listed_.empty()
                                ? tr("No metrics recorded yet: type the metric name and its dimensions below, or "
                                     "send some traffic and press Reload.")
                                : listed_.size() == 1
                                      ? tr("1 metric recorded. Pick it, or type the metric below.")
                                      : tr("%1 metrics recorded. Pick one, or type the metric below.")
                                            .arg(listed_.size()));
    const AlarmSpec s = spec();
    if (!s.metricName.isEmpty()) selectMetric(s.metricName, s.dimensions);
    emit metricsListed();
  });
}

void AlarmWizard::filterMetrics(const QString& text) {
  const QString needle = text.trimmed();
  for (int row = 0; row < metricTable_->rowCount(); ++row) {
    bool match = needle.isEmpty();
    for (int c = 0; c < metricTable_->columnCount() && !match; ++c) {
      const auto* item = metricTable_->item(row, c);
      match = item && item->text().contains(needle, Qt::CaseInsensitive);
    }
    metricTable_->setRowHidden(row, !match);
  }
}

bool AlarmWizard::selectMetric(const QString& metricName, const std::vector<AlarmDimension>& dimensions) {
  for (int row = 0; row < metricTable_->rowCount(); ++row) {
    const auto* item = metricTable_->item(row, 0);
    if (!item) continue;
    const int i = item->data(Qt::UserRole).toInt();
    if (i < 0 || i >= static_cast<int>(listed_.size())) continue;
    const auto& [name, dims] = listed_[static_cast<std::size_t>(i)];
    if (name != metricName || dims.size() != dimensions.size()) continue;
    const bool same = std::all_of(dimensions.begin(), dimensions.end(), [&dims](const AlarmDimension& d) {
      return std::find(dims.begin(), dims.end(), d) != dims.end();
    });
    if (!same) continue;
    metricTable_->selectRow(row);
    metricTable_->scrollToItem(metricTable_->item(row, 0));
    return true;
  }
  return false;
}

void AlarmWizard::metricRowPicked() {
  const auto rows = metricTable_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return;
  const auto* item = metricTable_->item(rows.first().row(), 0);
  if (!item) return;
  const int i = item->data(Qt::UserRole).toInt();
  if (i < 0 || i >= static_cast<int>(listed_.size())) return;
  const auto& [name, dims] = listed_[static_cast<std::size_t>(i)];
  metricName_->setCurrentText(name);
  tableName_->setText(dimensionValue(dims, kTableDim));
  indexName_->setText(dimensionValue(dims, kIndexDim));
  operation_->setText(dimensionValue(dims, kOperationDim));
  extraDimensions_.clear();
  for (const auto& d : dims) {
    if (d.name != kTableDim && d.name != kIndexDim && d.name != kOperationDim) extraDimensions_.push_back(d);
  }
}

void AlarmWizard::schedulePreview() {
  if (currentId() == ConditionPageId) previewTimer_->start();
}

void AlarmWizard::refreshPreview() {
  previewTimer_->stop();
  const AlarmSpec s = spec();
  showThreshold();
  if (s.metricName.isEmpty() || !validStatistic(s.statistic) || s.periodSeconds <= 0) {
    preview_->setSeries({});
    previewStatus_->setText(tr("Choose a metric and a statistic to see its recent values."));
    return;
  }
  const std::int64_t periodMillis = static_cast<std::int64_t>(s.periodSeconds) * 1000;
  const int periods = std::max(kPreviewPeriods, s.evaluationPeriods + 2);
  const std::int64_t now = now_();
  // Whole periods, the current (unfinished) one included, as the alarm sees them.
  const std::int64_t end = (now / periodMillis + 1) * periodMillis;
  const std::int64_t start = end - periods * periodMillis;
  Json request{{"Namespace", s.metricNamespace.toStdString()},
               {"MetricName", s.metricName.toStdString()},
               {"StartTime", static_cast<double>(start) / 1000.0},
               {"EndTime", static_cast<double>(end) / 1000.0},
               {"Period", s.periodSeconds}};
  Json dims = Json::array();
  for (const auto& d : s.dimensions) dims.push_back({{"Name", d.name.toStdString()}, {"Value", d.value.toStdString()}});
  request["Dimensions"] = dims;
  const bool percentile = isPercentileStatistic(s.statistic);
  request[percentile ? "ExtendedStatistics" : "Statistics"] = Json::array({s.statistic.toStdString()});
  const std::uint64_t ticket = ++previewTicket_;
  const QString seriesName = QStringLiteral("%1 %2").arg(s.metricName, s.statistic);
  const std::string stat = s.statistic.toStdString();
  const QString caption = tr("%1 of %2 per %3, the last %4 periods on the endpoint's clock.")
                              .arg(s.statistic, s.metricName, periodText(s.periodSeconds))
                              .arg(periods);
  previewStatus_->setText(tr("Reading %1…").arg(s.metricName));
  runner_.run(cloudWatchOp("GetMetricStatistics"), request, this,
              [this, ticket, start, end, seriesName, stat, percentile, caption](Result<Json> r) {
                if (ticket != previewTicket_) return;
                preview_->setTimeRange(start, end);
                if (!r) {
                  preview_->setSeries({});
                  previewStatus_->setText(tr("The metric could not be read: %1").arg(qs(r.status().message())));
                  emit previewUpdated();
                  return;
                }
                ChartSeriesData series;
                series.name = seriesName;
                if (const Json& points = memberOf(*r, "Datapoints"); points.is_array()) {
                  for (const auto& p : points) {
                    const Json& ts = memberOf(p, "Timestamp");
                    const Json& v = percentile ? memberOf(memberOf(p, "ExtendedStatistics"), stat.c_str())
                                               : memberOf(p, stat.c_str());
                    if (!ts.is_number() || !v.is_number()) continue;
                    series.points.push_back({static_cast<qint64>(std::llround(ts.get<double>() * 1000.0)), v.get<double>()});
                  }
                }
                std::sort(series.points.begin(), series.points.end(),
                          [](const ChartPoint& a, const ChartPoint& b) { return a.millis < b.millis; });
                const bool empty = series.points.empty();
                preview_->setSeries({std::move(series)});
                showThreshold();
                previewStatus_->setText(empty ? caption + QLatin1Char(' ') + tr("No datapoints in this range yet.")
                                              : caption);
                emit previewUpdated();
              });
}

void AlarmWizard::showThreshold() {
  preview_->setThreshold(threshold_->value(),
                         tr("Threshold %1 %2").arg(comparisonSymbol(comparison_->currentData().toString()),
                                                   numberText(threshold_->value())));
}

void AlarmWizard::updateCondition() {
  const AlarmSpec s = spec();
  if (s.metricName.isEmpty()) {
    condition_->setText(tr("Choose a metric in step 1."));
    return;
  }
  if (s.datapointsToAlarm > s.evaluationPeriods) {
    condition_->setText(tr("Datapoints to alarm (%1) cannot be more than the evaluation periods (%2).")
                            .arg(s.datapointsToAlarm)
                            .arg(s.evaluationPeriods));
    return;
  }
  condition_->setText(tr("Goes to ALARM when %1.").arg(conditionText(s)));
}

void AlarmWizard::updateReview() {
  const AlarmSpec s = spec();
  review_->setText(reviewText(s));
  json_->setPlainText(qs(putMetricAlarmRequest(s).dump(2)));
}

void AlarmWizard::showError(const QString& text) {
  error_->setText(text);
  error_->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: bold; }")
                            .arg(alarmStateColor(AlarmState::Alarm, palette()).name()));
  error_->setVisible(!text.isEmpty());
}

bool AlarmWizard::validateCurrentPage() {
  if (currentId() == ReviewPageId && !editing_) {
    const QString name = name_->text().trimmed();
    if (takenNames_.contains(name)) {
      showError(tr("An alarm named %1 already exists. Choose another name, or edit that alarm instead.").arg(name));
      return false;
    }
  }
  return QWizard::validateCurrentPage();
}

void AlarmWizard::accept() {
  if (sending_) return;
  const AlarmSpec s = spec();
  if (s.name.isEmpty()) {
    setCurrentId(ReviewPageId);  // only reachable from an early page in edit mode, where the name is set
    showError(tr("Give the alarm a name."));
    return;
  }
  if (!editing_ && takenNames_.contains(s.name)) {
    showError(tr("An alarm named %1 already exists. Choose another name, or edit that alarm instead.").arg(s.name));
    return;
  }
  sending_ = true;
  showError(QString());
  if (auto* review = static_cast<StepPage*>(page(ReviewPageId))) review->recheck();
  button(QWizard::FinishButton)->setEnabled(false);
  runner_.run(cloudWatchOp("PutMetricAlarm"), putMetricAlarmRequest(s), this, [this, name = s.name](Result<Json> r) {
    sending_ = false;
    if (auto* review = static_cast<StepPage*>(page(ReviewPageId))) review->recheck();
    button(QWizard::FinishButton)->setEnabled(true);
    if (!r) {
      const QString message = qs(r.status().message());
      if (currentId() != ReviewPageId) setCurrentId(ReviewPageId);
      showError(tr("The endpoint refused the alarm: %1").arg(message));
      emit refused(message);
      return;
    }
    emit saved(name);
    QWizard::accept();
  });
}

}  // namespace dynadesk::ui
