#include "widgets/dashboard_panel.h"

#include <QDateTime>
#include <QFrame>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QShowEvent>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <chrono>
#include <cmath>

#include "charts/metric_chart.h"
#include "format/alarm_text.h"

namespace dynadesk::ui {

namespace {

constexpr int kRemoteRefreshMs = 5000;

QString count(double v) { return QLocale().toString(static_cast<qlonglong>(std::llround(v))); }

QString units(double v) {
  const bool whole = v == std::floor(v);
  return QLocale().toString(v, 'f', whole ? 0 : 1);
}

QString bytes(double v) {
  return QLocale().formattedDataSize(static_cast<qint64>(std::llround(v)), 1, QLocale::DataSizeTraditionalFormat);
}

QTableWidgetItem* cell(const QString& text, bool number) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
  if (number) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

QLabel* sectionTitle(const QString& text) {
  auto* label = new QLabel(text);
  QFont f = label->font();
  f.setBold(true);
  label->setFont(f);
  return label;
}

QLabel* emptyNote(const QString& text) {
  auto* label = new QLabel(text);
  label->setAlignment(Qt::AlignCenter);
  label->setWordWrap(true);
  label->setEnabled(false);  // the palette's placeholder colour
  return label;
}

}  // namespace

DashboardPanel::DashboardPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent)
    : QWidget(parent), runner_(runner), bridge_(bridge), now_([] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
      }) {
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(16, 12, 16, 12);
  outer->setSpacing(10);

  auto* head = new QHBoxLayout;
  heading_ = new QLabel(tr("All tables"));
  QFont hf = heading_->font();
    hf.setBold(true);
  heading_->setFont(hf);
  asOf_ = new QLabel;
  asOf_->setEnabled(false);
  auto* refreshButton = new QPushButton(tr("Refresh"));
  connect(refreshButton, &QPushButton::clicked, this, &DashboardPanel::refresh);
  head->addWidget(heading_);
  head->addSpacing(12);
  head->addWidget(asOf_, 1);
  head->addWidget(refreshButton);
  outer->addLayout(head);

  error_ = new QLabel;
  error_->setWordWrap(true);
  error_->setStyleSheet("color: #c0392b;");
  error_->hide();
  outer->addWidget(error_);

  auto* tiles = new QGridLayout;
  tiles->setHorizontalSpacing(10);
  tiles->setVerticalSpacing(10);
  int i = 0;
  addTile(tiles, i++, tr("Tables"), tr("Tables on this connection"));
  addTile(tiles, i++, tr("Items"), tr("Items in every table, as the ItemCount metric last counted them"));
  addTile(tiles, i++, tr("Storage"), tr("TableSizeBytes of every table"));
  addTile(tiles, i++, tr("Read units"), tr("Read capacity units consumed by every table in the last 5 minutes"));
  addTile(tiles, i++, tr("Write units"), tr("Write capacity units consumed by every table in the last 5 minutes"));
  addTile(tiles, i++, tr("Throttled"), tr("Read and write throttle events of every table in the last 5 minutes"));
  addTile(tiles, i++, tr("User errors"), tr("Requests refused for bad input (UserErrors) in the last 5 minutes"));
  addTile(tiles, i++, tr("In alarm"), tr("Alarms whose state is ALARM"));
  outer->addLayout(tiles);

  chart_ = new MetricChart(tr("Consumed capacity, all tables (last 15 minutes)"), tr("Units per 10 s"));
  chart_->setMinimumHeight(220);
  outer->addWidget(chart_, 3);

  auto* lower = new QHBoxLayout;
  lower->setSpacing(16);
  auto* left = new QVBoxLayout;
  left->addWidget(sectionTitle(tr("Busiest tables (last 5 minutes)")));
  busiest_ = new QTableWidget(0, 6);
  busiest_->setHorizontalHeaderLabels(
      {tr("Table"), tr("Read units"), tr("Write units"), tr("Throttled"), tr("Items"), tr("Size")});
  busiest_->verticalHeader()->hide();
  busiest_->setSelectionBehavior(QAbstractItemView::SelectRows);
  busiest_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  busiest_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  for (int c = 1; c < 6; ++c) busiest_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
  busiest_->setToolTip(tr("Double-click a table to open it"));
  connect(busiest_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
    if (auto* item = busiest_->item(row, 0)) emit openTableRequested(item->text());
  });
  busiestEmpty_ = emptyNote(tr("No table has had traffic in the last 5 minutes."));
  left->addWidget(busiest_, 1);
  left->addWidget(busiestEmpty_, 1);
  lower->addLayout(left, 3);

  auto* right = new QVBoxLayout;
  auto* alarmHead = new QHBoxLayout;
  alarmHead->addWidget(sectionTitle(tr("Alarms in ALARM")), 1);
  auto* allAlarms = new QPushButton(tr("All alarms…"));
  connect(allAlarms, &QPushButton::clicked, this, &DashboardPanel::openAlarmsRequested);
  alarmHead->addWidget(allAlarms);
  right->addLayout(alarmHead);
  alarmTable_ = new QTableWidget(0, 3);
  alarmTable_->setHorizontalHeaderLabels({tr("Alarm"), tr("Since"), tr("Reason")});
  alarmTable_->verticalHeader()->hide();
  alarmTable_->setSelectionBehavior(QAbstractItemView::SelectRows);
  alarmTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  alarmTable_->setWordWrap(false);
  alarmTable_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  alarmTable_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  alarmTable_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
  connect(alarmTable_, &QTableWidget::cellDoubleClicked, this, [this] { emit openAlarmsRequested(); });
  alarmsEmpty_ = emptyNote(tr("No alarm is in ALARM."));
  right->addWidget(alarmTable_, 1);
  right->addWidget(alarmsEmpty_, 1);
  lower->addLayout(right, 2);
  outer->addLayout(lower, 2);

  busiest_->hide();
  alarmTable_->hide();

  remoteTimer_ = new QTimer(this);
  remoteTimer_->setInterval(kRemoteRefreshMs);
  connect(remoteTimer_, &QTimer::timeout, this, &DashboardPanel::trigger);
  if (bridge_ && bridge_->live()) {
    connect(bridge_, &EngineBridge::metricTick, this, &DashboardPanel::trigger);
    connect(bridge_, &EngineBridge::alarmsChanged, this, &DashboardPanel::trigger);
    connect(bridge_, &EngineBridge::tableChanged, this, [this](const QString&, TableEventKind kind) {
      if (kind == TableEventKind::Created || kind == TableEventKind::Deleted) trigger();
    });
  } else {
    remoteTimer_->start();
  }
}

QLabel* DashboardPanel::addTile(QGridLayout* grid, int index, const QString& name, const QString& tip) {
  auto* frame = new QFrame;
  frame->setFrameShape(QFrame::StyledPanel);
  frame->setToolTip(tip);
  auto* v = new QVBoxLayout(frame);
  v->setContentsMargins(12, 8, 12, 8);
  v->setSpacing(2);
  auto* title = new QLabel(name);
  title->setEnabled(false);
  auto* value = new QLabel(QStringLiteral("–"));
  QFont f = value->font();
  f.setPointSizeF(f.pointSizeF() * 1.5);
  f.setBold(true);
  value->setFont(f);
  v->addWidget(title);
  v->addWidget(value);
  grid->addWidget(frame, index / 4, index % 4);
  tiles_.emplace_back(name, value);
  return value;
}

QString DashboardPanel::tileText(const QString& tileName) const {
  for (const auto& [name, label] : tiles_) {
    if (name == tileName) return label->text();
  }
  return {};
}

void DashboardPanel::setClock(std::function<std::int64_t()> nowMillis) {
  if (nowMillis) now_ = std::move(nowMillis);
}

void DashboardPanel::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (!event->spontaneous()) trigger();
}

void DashboardPanel::trigger() {
  if (!isVisible()) return;
  refresh();
}

void DashboardPanel::refresh() {
  if (inFlight_) {
    again_ = true;
    return;
  }
  inFlight_ = true;
  again_ = false;
  ++generation_;
  partsPending_ = 2;  // the tables' metrics, the alarms
  listTables(std::nullopt, std::make_shared<std::vector<std::string>>());
  readAlarms();
}

void DashboardPanel::listTables(std::optional<std::string> start, std::shared_ptr<std::vector<std::string>> names) {
  nlohmann::json request = nlohmann::json::object();
  if (start) request["ExclusiveStartTableName"] = *start;
  const std::uint64_t gen = generation_;
  runner_.run("ListTables", request, this, [this, gen, names](Result<nlohmann::json> r) {
    if (gen != generation_) return;
    if (!r) {
      showError(tr("Could not list the tables: %1").arg(QString::fromStdString(r.status().message())));
      partDone();
      return;
    }
    for (const auto& n : r->value("TableNames", nlohmann::json::array())) {
      if (n.is_string()) names->push_back(n.get<std::string>());
    }
    if (r->contains("LastEvaluatedTableName") && (*r)["LastEvaluatedTableName"].is_string()) {
      listTables((*r)["LastEvaluatedTableName"].get<std::string>(), names);
      return;
    }
    tableCount_ = names->size();
    readMetrics(std::move(*names));
  });
}

void DashboardPanel::readMetrics(std::vector<std::string> tables) {
  const std::uint64_t gen = generation_;
  const std::int64_t now = now_();
  auto shared = std::make_shared<std::vector<std::string>>(std::move(tables));
  runner_.runPrepared<DashboardSummary>(
      "GraniteServiceVersion20100801.GetMetricData", dashboardRequest(*shared, now), this,
      [shared, now](const nlohmann::json& response) { return decodeDashboard(response, *shared, now); },
      [this, gen](Result<DashboardSummary> r) {
        if (gen != generation_) return;
        if (!r) {
          showError(tr("Could not read the metrics: %1").arg(QString::fromStdString(r.status().message())));
        } else {
          error_->hide();
          summary_ = std::move(*r);
          showSummary();
        }
        partDone();
      });
}

void DashboardPanel::readAlarms() {
  const std::uint64_t gen = generation_;
  runner_.run("GraniteServiceVersion20100801.DescribeAlarms", {{"StateValue", "ALARM"}, {"MaxRecords", 100}}, this,
              [this, gen](Result<nlohmann::json> r) {
                if (gen != generation_) return;
                if (!r) {
                  showError(tr("Could not read the alarms: %1").arg(QString::fromStdString(r.status().message())));
                } else {
                  alarms_.clear();
                  for (const auto& a : r->value("MetricAlarms", nlohmann::json::array())) {
                    if (!a.is_object()) continue;
                    AlarmInAlarm row;
                    row.name = QString::fromStdString(a.value("AlarmName", std::string()));
                    row.reason = QString::fromStdString(a.value("StateReason", std::string()));
                    if (a.contains("StateUpdatedTimestamp") && a["StateUpdatedTimestamp"].is_number()) {
                      const auto millis =
                          static_cast<qint64>(std::llround(a["StateUpdatedTimestamp"].get<double>() * 1000.0));
                      row.since = alarmTimeText(millis);  // as the Alarms tab writes it
                    }
                    alarms_.push_back(std::move(row));
                  }
                  showAlarms();
                }
                partDone();
              });
}

void DashboardPanel::partDone() {
  if (--partsPending_ > 0) return;
  inFlight_ = false;
  emit refreshed();
  if (again_) refresh();
}

void DashboardPanel::showError(const QString& message) {
  error_->setText(message);
  error_->show();
  emit statusMessage(message);
}

void DashboardPanel::showSummary() {
  const DashboardSummary& s = *summary_;
  asOf_->setText(tr("as of %1").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(s.nowMillis).time(),
                                                          QLocale::LongFormat)));
  QString tablesText = count(static_cast<double>(tableCount_));
  for (auto& [name, label] : tiles_) {
    if (name == tr("Tables")) label->setText(tablesText);
    else if (name == tr("Items")) label->setText(count(s.totalItems()));
    else if (name == tr("Storage")) label->setText(bytes(s.totalBytes()));
    else if (name == tr("Read units")) label->setText(units(s.totalReadUnits()));
    else if (name == tr("Write units")) label->setText(units(s.totalWriteUnits()));
    else if (name == tr("Throttled")) {
      label->setText(count(s.totalThrottles()));
      label->setStyleSheet(s.totalThrottles() > 0 ? "color: #c0392b;" : QString());
    } else if (name == tr("User errors")) label->setText(count(s.userErrors));
  }

  std::vector<ChartPoint> reads, writes;
  reads.reserve(s.chart.size());
  writes.reserve(s.chart.size());
  for (const auto& p : s.chart) {
    reads.push_back({p.millis, p.readUnits});
    writes.push_back({p.millis, p.writeUnits});
  }
  std::vector<ChartSeriesData> series;
  series.push_back({tr("Read units"), std::move(reads), false});
  series.push_back({tr("Write units"), std::move(writes), false});
  chart_->setSeries(std::move(series));
  if (!s.chart.empty()) {
    chart_->setTimeRange(s.chart.front().millis, s.chart.back().millis + kDashboardPeriodSeconds * 1000);
  }

  // Tables with any activity, busiest first; the rest are not "busy".
  std::vector<const TableActivity*> busy;
  for (const auto& t : s.tables) {
    if (t.units() > 0 || t.throttles() > 0) busy.push_back(&t);
  }
  busiest_->setRowCount(static_cast<int>(busy.size()));
  for (int row = 0; row < static_cast<int>(busy.size()); ++row) {
    const TableActivity& t = *busy[row];
    busiest_->setItem(row, 0, cell(QString::fromStdString(t.table), false));
    busiest_->setItem(row, 1, cell(units(t.readUnits), true));
    busiest_->setItem(row, 2, cell(units(t.writeUnits), true));
    auto* throttled = cell(count(t.throttles()), true);
    if (t.throttles() > 0) throttled->setForeground(QColor(0xc0, 0x39, 0x2b));
    busiest_->setItem(row, 3, throttled);
    busiest_->setItem(row, 4, cell(count(t.itemCount), true));
    busiest_->setItem(row, 5, cell(bytes(t.sizeBytes), true));
  }
  busiest_->setVisible(!busy.empty());
  busiestEmpty_->setVisible(busy.empty());
  if (s.omittedTables > 0) {
    busiestEmpty_->setText(tr("Only the first %1 tables are summarised (%2 more).")
                               .arg(kDashboardMaxTables)
                               .arg(s.omittedTables));
    busiestEmpty_->show();
  } else {
    busiestEmpty_->setText(tr("No table has had traffic in the last 5 minutes."));
  }
}

void DashboardPanel::showAlarms() {
  for (auto& [name, label] : tiles_) {
    if (name != tr("In alarm")) continue;
    label->setText(count(static_cast<double>(alarms_.size())));
    label->setStyleSheet(alarms_.empty() ? QString() : "color: #c0392b;");
  }
  alarmTable_->setRowCount(static_cast<int>(alarms_.size()));
  for (int row = 0; row < static_cast<int>(alarms_.size()); ++row) {
    const AlarmInAlarm& a = alarms_[row];
    auto* name = cell(a.name, false);
    name->setForeground(QColor(0xc0, 0x39, 0x2b));
    alarmTable_->setItem(row, 0, name);
    alarmTable_->setItem(row, 1, cell(a.since, false));
    auto* reason = cell(a.reason, false);
    reason->setToolTip(a.reason);
    alarmTable_->setItem(row, 2, reason);
  }
  alarmTable_->setVisible(!alarms_.empty());
  alarmsEmpty_->setVisible(alarms_.empty());
}

}  // namespace dynadesk::ui
