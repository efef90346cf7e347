#include "widgets/partitions_panel.h"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QShowEvent>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "widgets/partition_heat_map.h"
#include "format/json_member.h"

namespace dynadesk::ui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString number(double v) {
  return QLocale().toString(v, 'f', v == std::floor(v) ? 0 : (std::fabs(v * 2 - std::round(v * 2)) < 1e-9 ? 1 : 2));
}

QString percent(double share) { return QLocale().toString(share * 100.0, 'f', 1) + QStringLiteral(" %"); }

QTableWidget* listTable() {
  auto* t = new QTableWidget;
  t->setEditTriggers(QAbstractItemView::NoEditTriggers);
  t->setSelectionBehavior(QAbstractItemView::SelectRows);
  t->setAlternatingRowColors(true);
  t->verticalHeader()->setVisible(false);
  t->horizontalHeader()->setStretchLastSection(false);
  t->setWordWrap(false);
  t->setMinimumHeight(120);
  return t;
}

QGroupBox* boxed(const QString& title, QTableWidget* table) {
  auto* box = new QGroupBox(title);
  auto* l = new QVBoxLayout(box);
  l->setContentsMargins(6, 6, 6, 6);
  l->addWidget(table);
  return box;
}

}  // namespace

PartitionsPanel::PartitionsPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent)
    : QWidget(parent), runner_(runner), now_([] { return QDateTime::currentMSecsSinceEpoch(); }) {
  targetBox_ = new QComboBox;
  targetBox_->addItem(QStringLiteral("Table"), QString());
  rangeBox_ = new QComboBox;
  rangeBox_->addItem(QStringLiteral("Last 15 minutes"), int(ActivityRange::Last15Minutes));
  rangeBox_->addItem(QStringLiteral("Last hour"), int(ActivityRange::LastHour));
  rangeBox_->setCurrentIndex(1);
  measureBox_ = new QComboBox;
  measureBox_->addItem(QStringLiteral("Read and write units"), int(HeatMeasure::ReadAndWrite));
  measureBox_->addItem(QStringLiteral("Read units"), int(HeatMeasure::Read));
  measureBox_->addItem(QStringLiteral("Write units"), int(HeatMeasure::Write));
  summary_ = new QLabel;
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  message_ = new QLabel;
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  message_->hide();
  heatMap_ = new PartitionHeatMap;

  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(QStringLiteral("Show")));
  bar->addWidget(targetBox_);
  bar->addSpacing(12);
  bar->addWidget(new QLabel(QStringLiteral("Range")));
  bar->addWidget(rangeBox_);
  bar->addSpacing(12);
  bar->addWidget(new QLabel(QStringLiteral("Colour by")));
  bar->addWidget(measureBox_);
  bar->addSpacing(16);
  bar->addWidget(summary_, 1);

  accessedKeys_ = listTable();
  throttledKeys_ = listTable();
  accessedItems_ = listTable();
  throttledItems_ = listTable();
  accessedKeysBox_ = boxed(QStringLiteral("Most accessed partition keys"), accessedKeys_);
  throttledKeysBox_ = boxed(QStringLiteral("Most throttled partition keys"), throttledKeys_);
  accessedItemsBox_ = boxed(QStringLiteral("Most accessed items"), accessedItems_);
  throttledItemsBox_ = boxed(QStringLiteral("Most throttled items"), throttledItems_);
  auto* lists = new QGridLayout;
  lists->setSpacing(8);
  lists->addWidget(accessedKeysBox_, 0, 0);
  lists->addWidget(throttledKeysBox_, 0, 1);
  lists->addWidget(accessedItemsBox_, 1, 0);
  lists->addWidget(throttledItemsBox_, 1, 1);
  accessedItemsBox_->hide();
  throttledItemsBox_->hide();

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(16, 12, 16, 12);
  layout->setSpacing(8);
  layout->addLayout(bar);
  layout->addWidget(message_);
  // The map is as tall as its partitions need; the key lists take the rest.
  layout->addWidget(heatMap_);
  layout->addLayout(lists, 1);

  connect(targetBox_, &QComboBox::currentIndexChanged, this, &PartitionsPanel::targetChosen);
  connect(rangeBox_, &QComboBox::currentIndexChanged, this, &PartitionsPanel::rangeChosen);
  connect(measureBox_, &QComboBox::currentIndexChanged, this, &PartitionsPanel::measureChosen);

  // Restarted by every read: it fires only after kPollMillis without one.
  pollTimer_ = new QTimer(this);
  pollTimer_->setSingleShot(true);
  pollTimer_->setInterval(kPollMillis);
  connect(pollTimer_, &QTimer::timeout, this, &PartitionsPanel::refresh);
  if (bridge) {
    connect(bridge, &EngineBridge::metricTick, this, [this](qint64) { refresh(); });
    connect(bridge, &EngineBridge::tableChanged, this, [this](const QString& table, TableEventKind kind) {
      if (table != table_) return;
      // A global index came or went: the target picker follows.
      if (kind == TableEventKind::Created || kind == TableEventKind::Updated) describe();
    });
  }
  heatMap_->setEmptyText(QStringLiteral("Open a table to see where its traffic lands."));
}

void PartitionsPanel::setClock(std::function<std::int64_t()> nowMillis) {
  if (nowMillis) now_ = std::move(nowMillis);
}

void PartitionsPanel::openTable(const QString& table) {
  table_ = table;
  index_.clear();
  indexes_.clear();
  fillingTargets_ = true;
  targetBox_->clear();
  targetBox_->addItem(QStringLiteral("Table"), QString());
  fillingTargets_ = false;
  restart();
  describe();
}

void PartitionsPanel::setTarget(const QString& index) {
  const int at = targetBox_->findData(index);
  if (at >= 0) {
    targetBox_->setCurrentIndex(at);  // targetChosen() restarts
  } else if (index_ != index) {
    index_ = index;
    restart();
  }
}

void PartitionsPanel::setRange(ActivityRange range) { rangeBox_->setCurrentIndex(rangeBox_->findData(int(range))); }

void PartitionsPanel::setMeasure(HeatMeasure measure) { measureBox_->setCurrentIndex(measureBox_->findData(int(measure))); }

void PartitionsPanel::targetChosen() {
  if (fillingTargets_) return;
  const QString index = targetBox_->currentData().toString();
  if (index == index_) return;
  index_ = index;
  restart();
}

void PartitionsPanel::rangeChosen() {
  range_ = static_cast<ActivityRange>(rangeBox_->currentData().toInt());
  restart();
}

void PartitionsPanel::measureChosen() {
  measure_ = static_cast<HeatMeasure>(measureBox_->currentData().toInt());
  heatMap_->setMeasure(measure_);
  showSummary();
}

void PartitionsPanel::restart() {
  // What is on screen belongs to the old table, target or range.
  ++generation_;
  report_.reset();
  heatMap_->setGrid({});
  heatMap_->setEmptyText(table_.isEmpty() ? QStringLiteral("Open a table to see where its traffic lands.")
                                          : QStringLiteral("Reading…"));
  for (QTableWidget* t : {accessedKeys_, throttledKeys_, accessedItems_, throttledItems_}) t->setRowCount(0);
  summary_->clear();
  message_->hide();
  refresh();
}

QString PartitionsPanel::rangeWords() const {
  return range_ == ActivityRange::Last15Minutes ? QStringLiteral("the last 15 minutes") : QStringLiteral("the last hour");
}

void PartitionsPanel::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  refresh();
}

void PartitionsPanel::refresh() {
  if (table_.isEmpty()) return;
  if (!isVisible()) return;  // showEvent() reads
  if (inFlight_) {
    again_ = true;
    return;
  }
  inFlight_ = true;
  again_ = false;
  pollTimer_->start();
  KeyActivityQuery q;
  q.table = table_.toStdString();
  q.index = index_.toStdString();
  q.window = activityWindow(range_, now_());
  q.maxContributors = kMaxContributors;
  const std::uint64_t generation = generation_;
  runner_.runPrepared<KeyActivityReport>(
      kDescribeKeyActivityOperation, keyActivityRequest(q), this,
      [](const nlohmann::json& response) { return parseKeyActivity(response); },
      [this, generation](Result<KeyActivityReport> result) {
        inFlight_ = false;
        if (generation == generation_) {
          if (result) {
            showReport(std::move(result).value());
          } else {
            showFailure(result.status());
          }
        }
        // A stale answer, or one asked for meanwhile: read what is wanted now.
        if (again_ || generation != generation_) refresh();
      });
}

void PartitionsPanel::describe() {
  if (table_.isEmpty()) return;
  const std::uint64_t ticket = ++describeTicket_;
  runner_.run("DescribeTable", {{"TableName", table_.toStdString()}}, this,
              [this, ticket](Result<nlohmann::json> r) {
                if (ticket != describeTicket_ || !r) return;  // the report names a missing table itself
                QStringList names;
                const auto& gsis = memberOf(memberOf(*r, "Table"), "GlobalSecondaryIndexes");
                if (gsis.is_array()) {
                  for (const auto& g : gsis) {
                    const auto& name = memberOf(g, "IndexName");
                    if (name.is_string()) names << qs(name.get<std::string>());
                  }
                }
                indexes_ = names;
                fillingTargets_ = true;
                targetBox_->clear();
                targetBox_->addItem(QStringLiteral("Table"), QString());
                for (const QString& n : names) targetBox_->addItem(QStringLiteral("Index: %1").arg(n), n);
                const int at = targetBox_->findData(index_);
                targetBox_->setCurrentIndex(at >= 0 ? at : 0);
                fillingTargets_ = false;
                // The index shown is gone: back to the table.
                if (at < 0) targetChosen();
                emit indexesListed();
              });
}

void PartitionsPanel::showReport(KeyActivityReport report) {
  message_->hide();
  report_ = std::move(report);
  heatMap_->setEmptyText(
      QStringLiteral("Nothing was read or written %1 (engine clock). The heat map fills in as traffic arrives; "
                     "Dynadesk keeps the last 60 minutes of it in memory.")
          .arg(index_.isEmpty() ? QStringLiteral("in ") + rangeWords()
                                : QStringLiteral("through index %1 in %2").arg(index_, rangeWords())));
  heatMap_->setGrid(heatGridOf(*report_));
  fillList(accessedKeys_, report_->mostAccessedKeys, false, false);
  fillList(throttledKeys_, report_->mostThrottledKeys, false, true);
  const bool items = report_->hasSortKey();
  accessedItemsBox_->setVisible(items);
  throttledItemsBox_->setVisible(items);
  if (items) {
    fillList(accessedItems_, report_->mostAccessedItems, true, false);
    fillList(throttledItems_, report_->mostThrottledItems, true, true);
  }
  showSummary();
  emit reportShown();
}

bool PartitionsPanel::showingItems() const { return report_ && report_->hasSortKey(); }

void PartitionsPanel::showFailure(const Status& status) {
  QString text;
  switch (status.type()) {
    case ErrorType::UnknownOperationException:
      text = QStringLiteral("This endpoint does not report partition activity. The heat map is a diagnostic of "
                            "Dynadesk's own engine (its DescribeKeyActivity operation); DynamoDB and other "
                            "endpoints offer per-key activity only through Contributor Insights.");
      break;
    case ErrorType::ResourceNotFoundException:
      report_.reset();
      heatMap_->setGrid({});
      heatMap_->setEmptyText(qs(status.message()));
      [[fallthrough]];
    default:
      text = qs(status.message());
      if (text.isEmpty()) text = qs(std::string(errorTypeName(status.type())));
  }
  message_->setText(text);
  message_->show();
  emit reportFailed(text);
}

void PartitionsPanel::showSummary() {
  if (!report_) {
    summary_->clear();
    return;
  }
  const HeatGrid& grid = heatMap_->grid();
  QString text = report_->partitionCount == 1 ? QStringLiteral("1 partition")
                                              : QStringLiteral("%1 partitions").arg(report_->partitionCount);
  const HeatCellRef hot = heatMap_->hottest();
  if (hot.valid()) {
    text += QStringLiteral(" · busiest: P%1 at %2 (%3 units)")
                .arg(hot.row)
                .arg(heatMap_->columnLabel(hot.column), number(hot.value));
  }
  std::uint64_t throttled = 0;
  for (const auto& cell : grid.cells) {
    if (cell) throttled += cell->throttled;
  }
  if (throttled > 0) text += QStringLiteral(" · %1 throttled").arg(throttled);
  summary_->setText(text);
}

void PartitionsPanel::fillList(QTableWidget* table, const ContributorList& list, bool items, bool throttled) {
  QStringList headers{qs(report_->partitionKeyName)};
  if (items) headers << qs(report_->sortKeyName);
  headers << (throttled ? QStringLiteral("Requests") : QStringLiteral("Units")) << QStringLiteral("Share");
  table->clear();
  table->clearSpans();
  table->setColumnCount(static_cast<int>(headers.size()));
  table->setHorizontalHeaderLabels(headers);
  table->setRowCount(static_cast<int>(list.entries.size()));
  const int keyColumns = items ? 2 : 1;
  for (int row = 0; row < table->rowCount(); ++row) {
    const KeyContributor& c = list.entries[static_cast<std::size_t>(row)];
    for (int k = 0; k < keyColumns; ++k) {
      const QString key = k < static_cast<int>(c.keys.size()) ? qs(c.keys[static_cast<std::size_t>(k)]) : QString();
      auto* cell = new QTableWidgetItem(key);
      cell->setToolTip(key);
      table->setItem(row, k, cell);
    }
    auto* value = new QTableWidgetItem(number(c.value));
    value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table->setItem(row, keyColumns, value);
    auto* share = new QTableWidgetItem(list.total > 0 ? percent(list.shareOf(c)) : QStringLiteral("—"));
    share->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table->setItem(row, keyColumns + 1, share);
  }
  auto* header = table->horizontalHeader();
  for (int col = 0; col < keyColumns; ++col) header->setSectionResizeMode(col, QHeaderView::Stretch);
  header->setSectionResizeMode(keyColumns, QHeaderView::ResizeToContents);
  header->setSectionResizeMode(keyColumns + 1, QHeaderView::ResizeToContents);
  if (list.entries.empty()) {
    table->setRowCount(1);
    auto* none = new QTableWidgetItem(throttled ? QStringLiteral("No request was throttled in this range.")
                                                : QStringLiteral("No reads or writes in this range."));
    none->setFlags(Qt::ItemIsEnabled);
    table->setItem(0, 0, none);
    table->setSpan(0, 0, 1, table->columnCount());
  }
}

}  // namespace dynadesk::ui
