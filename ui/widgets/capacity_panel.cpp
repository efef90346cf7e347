#include "widgets/capacity_panel.h"
#include "format/json_member.h"

#include <cmath>
#include <memory>

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace dynadesk::ui {

namespace {

constexpr int kMaxUnits = 1'000'000'000;  // the endpoint decides what it allows
constexpr int kDefaultNewUnits = 5;       // the console's default when switching to provisioned

QString qs(const std::string& s) { return QString::fromStdString(s); }
QString dollars(double v) { return qs(formatDollars(v)); }

QString units(double v) {
  // Consumed units can be fractional (eventually consistent reads).
  return QLocale().toString(v, 'f', v == std::floor(v) ? 0 : 2);
}

// The member `key` of `j` when both are objects; null otherwise. An answer
// of another shape (a remote endpoint's surprise) must not throw.
std::string billingModeOf(const nlohmann::json& table) {
  const auto& mode = memberOf(memberOf(table, "BillingModeSummary"), "BillingMode");
  // DynamoDB leaves BillingModeSummary out for tables that were always provisioned.
  return mode.is_string() ? mode.get<std::string>() : std::string("PROVISIONED");
}

long long throughputOf(const nlohmann::json& owner, const char* key) {
  const auto& v = memberOf(memberOf(owner, "ProvisionedThroughput"), key);
  return v.is_number_integer() ? v.get<long long>() : 0;
}

double tableSizeBytes(const nlohmann::json& table) {
  const auto& v = memberOf(table, "TableSizeBytes");
  return v.is_number() ? v.get<double>() : 0.0;
}

QSpinBox* unitsBox() {
  auto* box = new QSpinBox;
  box->setRange(1, kMaxUnits);
  box->setGroupSeparatorShown(true);
  box->setFrame(false);
  box->setAlignment(Qt::AlignRight);
  return box;
}

QDoubleSpinBox* numberBox(double max, int decimals, const QString& suffix, double value) {
  auto* box = new QDoubleSpinBox;
  box->setRange(0, max);
  box->setDecimals(decimals);
  box->setSuffix(suffix);
  box->setGroupSeparatorShown(true);
  box->setAlignment(Qt::AlignRight);
  box->setValue(value);
  box->setMinimumWidth(170);
  return box;
}

// The price table's rows: label, member, decimals.
struct PriceRow {
  const char* label;
  double PriceTable::*member;
  int decimals;
};
const PriceRow kPriceRows[] = {
    {"On-demand, per million read request units", &PriceTable::onDemandPerMillionReadUnits, 4},
    {"On-demand, per million write request units", &PriceTable::onDemandPerMillionWriteUnits, 4},
    {"Provisioned, per RCU-hour", &PriceTable::provisionedPerReadUnitHour, 6},
    {"Provisioned, per WCU-hour", &PriceTable::provisionedPerWriteUnitHour, 6},
    {"Storage, per GB-month", &PriceTable::storagePerGbMonth, 4},
};

// Rows of one line each, and the table exactly as tall as its rows: a short
// list needs neither a scroll bar nor an empty area under it.
void fitToRows(QTableWidget* table) {
  auto* rows = table->verticalHeader();
  rows->setSectionResizeMode(QHeaderView::Fixed);
  rows->setDefaultSectionSize(table->fontMetrics().height() + 12);
  int h = table->frameWidth() * 2 + rows->defaultSectionSize() * table->rowCount();
  if (!table->horizontalHeader()->isHidden()) {
    h += table->horizontalHeader()->sizeHint().height();
  }
  table->setFixedHeight(h);
}

void markCheaper(QLabel* label, bool cheaper) {
  // Palette roles keep the highlight readable in the light and dark themes.
  label->setStyleSheet(cheaper ? "QLabel { border: 2px solid palette(highlight); border-radius: 4px; padding: 6px; "
                                 "font-weight: bold; }"
                               : "QLabel { border: 1px solid palette(mid); border-radius: 4px; padding: 7px; }");
}

}  // namespace

CapacityPanel::CapacityPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent)
    : QWidget(parent), runner_(runner), now_([] { return QDateTime::currentMSecsSinceEpoch(); }),
      prices_(defaultPriceTable()) {
  // Two columns, each as tall as its content: what the table is and costs
  // on the left, what a workload would cost on the right.
  auto* content = new QWidget;
  auto* columns = new QHBoxLayout(content);
  columns->setContentsMargins(16, 12, 16, 12);
  columns->setSpacing(16);
  auto* left = new QVBoxLayout;
  left->setSpacing(12);
  left->addWidget(buildBillingGroup());
  left->addWidget(buildTrafficGroup());
  left->addStretch(1);
  auto* right = new QVBoxLayout;
  right->addWidget(buildCalculatorGroup());
  right->addStretch(1);
  columns->addLayout(left, 1);
  columns->addLayout(right, 1);

  auto* scroll = new QScrollArea(this);
  scroll->setWidget(content);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(scroll);

  trafficTimer_ = new QTimer(this);
  trafficTimer_->setSingleShot(true);
  trafficTimer_->setInterval(2000);
  connect(trafficTimer_, &QTimer::timeout, this, &CapacityPanel::refreshTraffic);
  if (bridge) {
    connect(bridge, &EngineBridge::tableChanged, this, [this](const QString& table, TableEventKind) {
      if (table == table_) describe();
    });
    connect(bridge, &EngineBridge::itemsChanged, this, [this](const std::vector<ItemEvent>& events) {
      for (const auto& e : events) {
        if (qs(e.table) == table_) {
          if (!trafficTimer_->isActive()) trafficTimer_->start();
          return;
        }
      }
    });
  }
  showPrices();
  recompute();
}

QWidget* CapacityPanel::buildBillingGroup() {
  auto* group = new QGroupBox(tr("Billing and capacity"));
  auto* v = new QVBoxLayout(group);
  v->setSpacing(8);
  billingSummary_ = new QLabel(tr("No table open."));
  billingSummary_->setWordWrap(true);
  v->addWidget(billingSummary_);

  auto* modes = new QHBoxLayout;
  onDemand_ = new QRadioButton(tr("On-demand"));
  onDemand_->setObjectName("onDemandMode");
  provisioned_ = new QRadioButton(tr("Provisioned"));
  provisioned_->setObjectName("provisionedMode");
  auto* modeButtons = new QButtonGroup(group);
  modeButtons->addButton(onDemand_);
  modeButtons->addButton(provisioned_);
  modes->addWidget(new QLabel(tr("Billing mode:")));
  modes->addWidget(onDemand_);
  modes->addWidget(provisioned_);
  modes->addStretch(1);
  v->addLayout(modes);
  connect(provisioned_, &QRadioButton::toggled, this, &CapacityPanel::billingModeToggled);

  throughput_ = new QTableWidget(0, 3);
  throughput_->setObjectName("throughputTable");
  throughput_->setHorizontalHeaderLabels({tr("Table or index"), tr("Read units (RCU)"), tr("Write units (WCU)")});
  throughput_->verticalHeader()->hide();
  throughput_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  throughput_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  throughput_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  throughput_->setSelectionMode(QAbstractItemView::NoSelection);
  throughput_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  throughput_->setWordWrap(false);
  throughput_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  throughput_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  fitToRows(throughput_);
  v->addWidget(throughput_);

  auto* buttons = new QHBoxLayout;
  apply_ = new QPushButton(tr("Apply"));
  apply_->setObjectName("applyCapacity");
  apply_->setEnabled(false);
  buttons->addStretch(1);
  buttons->addWidget(apply_);
  v->addLayout(buttons);
  connect(apply_, &QPushButton::clicked, this, &CapacityPanel::applyCapacity);

  billingError_ = new QLabel;
  billingError_->setObjectName("billingError");
  billingError_->setWordWrap(true);
  billingError_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  billingError_->hide();
  v->addWidget(billingError_);
  return group;
}

QWidget* CapacityPanel::buildCalculatorGroup() {
  auto* group = new QGroupBox(tr("Capacity calculator"));
  auto* v = new QVBoxLayout(group);
  v->setSpacing(10);
  auto* form = new QFormLayout;
  form->setLabelAlignment(Qt::AlignRight);
  form->setHorizontalSpacing(12);
  form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
  itemSize_ = numberBox(400, 2, tr(" KB"), 1);
  itemSize_->setObjectName("itemSize");
  itemSize_->setToolTip(tr("The size of one item as DynamoDB counts it: attribute names and values. At most 400 KB."));
  reads_ = numberBox(1e9, 2, tr(" /s"), 100);
  reads_->setObjectName("readsPerSecond");
  writes_ = numberBox(1e9, 2, tr(" /s"), 10);
  writes_->setObjectName("writesPerSecond");
  consistency_ = new QComboBox;
  consistency_->setObjectName("consistency");
  consistency_->addItem(tr("Eventually consistent"));
  consistency_->addItem(tr("Strongly consistent"));
  consistency_->setMinimumWidth(170);
  txReads_ = numberBox(100, 0, tr(" %"), 0);
  txReads_->setObjectName("transactionalReads");
  txReads_->setToolTip(tr("Transactional reads cost twice a strongly consistent read."));
  txWrites_ = numberBox(100, 0, tr(" %"), 0);
  txWrites_->setObjectName("transactionalWrites");
  txWrites_->setToolTip(tr("Transactional writes cost twice a standard write."));
  storage_ = numberBox(1e9, 2, tr(" GB"), 0);
  storage_->setObjectName("tableSize");
  form->addRow(tr("Item size:"), itemSize_);
  form->addRow(tr("Reads:"), reads_);
  form->addRow(tr("Read consistency:"), consistency_);
  form->addRow(tr("Reads in transactions:"), txReads_);
  form->addRow(tr("Writes:"), writes_);
  form->addRow(tr("Writes in transactions:"), txWrites_);
  form->addRow(tr("Table size:"), storage_);
  v->addLayout(form);
  for (QDoubleSpinBox* box : {itemSize_, reads_, writes_, txReads_, txWrites_, storage_}) {
    connect(box, &QDoubleSpinBox::valueChanged, this, &CapacityPanel::recompute);
  }
  connect(consistency_, &QComboBox::currentIndexChanged, this, &CapacityPanel::recompute);

  auto* results = new QGridLayout;
  results->setHorizontalSpacing(12);
  results->setVerticalSpacing(6);
  rcu_ = new QLabel;
  rcu_->setObjectName("rcuResult");
  wcu_ = new QLabel;
  wcu_->setObjectName("wcuResult");
  results->addWidget(new QLabel(tr("Read capacity:")), 0, 0, Qt::AlignRight);
  results->addWidget(rcu_, 0, 1);
  results->addWidget(new QLabel(tr("Write capacity:")), 1, 0, Qt::AlignRight);
  results->addWidget(wcu_, 1, 1);
  onDemandCost_ = new QLabel;
  onDemandCost_->setObjectName("onDemandCost");
  onDemandCost_->setWordWrap(true);
  provisionedCost_ = new QLabel;
  provisionedCost_->setObjectName("provisionedCost");
  provisionedCost_->setWordWrap(true);
  results->addWidget(onDemandCost_, 2, 0, 1, 2);
  results->addWidget(provisionedCost_, 3, 0, 1, 2);
  results->setColumnStretch(1, 1);
  v->addLayout(results);
  calcError_ = new QLabel;
  calcError_->setObjectName("calculatorError");
  calcError_->setWordWrap(true);
  calcError_->hide();
  v->addWidget(calcError_);

  auto* prices = new QLabel(tr("<b>Prices</b> (US dollars)"));
  v->addSpacing(4);
  v->addWidget(prices);
  priceTable_ = new QTableWidget(static_cast<int>(std::size(kPriceRows)), 2);
  priceTable_->setObjectName("priceTable");
  priceTable_->horizontalHeader()->hide();
  priceTable_->verticalHeader()->hide();
  priceTable_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  priceTable_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  priceTable_->setSelectionMode(QAbstractItemView::NoSelection);
  priceTable_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  for (int r = 0; r < static_cast<int>(std::size(kPriceRows)); ++r) {
    priceTable_->setItem(r, 0, new QTableWidgetItem(tr(kPriceRows[r].label)));
    auto* box = numberBox(1e6, kPriceRows[r].decimals, QString(), 0);
    box->setPrefix("$");
    box->setFrame(false);
    priceTable_->setCellWidget(r, 1, box);
    connect(box, &QDoubleSpinBox::valueChanged, this, &CapacityPanel::pricesEdited);
  }
  priceTable_->setWordWrap(false);
  priceTable_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  fitToRows(priceTable_);
  v->addWidget(priceTable_);
  auto* priceFoot = new QHBoxLayout;
  priceDate_ = new QLabel;
  priceDate_->setObjectName("priceDate");
  priceDate_->setWordWrap(true);
  auto* reset = new QPushButton(tr("Reset to defaults"));
  reset->setObjectName("resetPrices");
  connect(reset, &QPushButton::clicked, this, &CapacityPanel::resetPrices);
  priceFoot->addWidget(priceDate_, 1);
  priceFoot->addWidget(reset, 0, Qt::AlignTop);
  v->addLayout(priceFoot);
  auto* note = new QLabel(tr("A month is 730 hours. Provisioned capacity is the consumption rounded up to whole "
                             "units, without headroom; the free tier is not subtracted."));
  note->setWordWrap(true);
  note->setForegroundRole(QPalette::PlaceholderText);
  v->addWidget(note);
  v->addStretch(1);
  return group;
}

QWidget* CapacityPanel::buildTrafficGroup() {
  auto* group = new QGroupBox(tr("From recorded traffic"));
  auto* v = new QVBoxLayout(group);
  v->setSpacing(8);
  auto* row = new QHBoxLayout;
  rangeBox_ = new QComboBox;
  rangeBox_->setObjectName("trafficRange");
  rangeBox_->addItem(tr("Last hour"));
  rangeBox_->addItem(tr("Last day"));
  rangeBox_->addItem(tr("Last week"));
  auto* refresh = new QPushButton(tr("Refresh"));
  refresh->setObjectName("refreshTraffic");
  row->addWidget(new QLabel(tr("Traffic of:")));
  row->addWidget(rangeBox_);
  row->addStretch(1);
  row->addWidget(refresh);
  v->addLayout(row);
  connect(rangeBox_, &QComboBox::currentIndexChanged, this, [this](int i) {
    range_ = static_cast<TrafficRange>(i);
    refreshTraffic();
  });
  connect(refresh, &QPushButton::clicked, this, &CapacityPanel::refreshTraffic);
  trafficText_ = new QLabel(tr("Open a table to see what its traffic would cost."));
  trafficText_->setObjectName("trafficEstimate");
  trafficText_->setWordWrap(true);
  trafficText_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addWidget(trafficText_);
  trafficDetail_ = new QLabel;
  trafficDetail_->setObjectName("trafficDetail");
  trafficDetail_->setWordWrap(true);
  trafficDetail_->setForegroundRole(QPalette::PlaceholderText);
  v->addWidget(trafficDetail_);
  return group;
}

void CapacityPanel::setClock(std::function<std::int64_t()> nowMillis) {
  if (nowMillis) now_ = std::move(nowMillis);
}

void CapacityPanel::openTable(const QString& table) {
  table_ = table;
  description_ = nlohmann::json();
  traffic_.reset();
  billingError_->hide();
  throughput_->setRowCount(0);
  apply_->setEnabled(false);
  describe();
  refreshTraffic();
}

void CapacityPanel::describe() {
  if (table_.isEmpty()) return;
  const std::uint64_t ticket = ++ticket_;
  runner_.run("DescribeTable", {{"TableName", table_.toStdString()}}, this, [this, ticket](Result<nlohmann::json> r) {
    if (ticket != ticket_) return;
    if (!r) {
      billingSummary_->setText(tr("Unavailable: %1").arg(qs(r.status().message())));
      return;
    }
    const auto& table = memberOf(*r, "Table");
    if (!table.is_object()) {
      billingSummary_->setText(tr("Unavailable: DescribeTable answered without a table."));
      return;
    }
    description_ = table;
    showDescription();
    emit described();
  });
}

void CapacityPanel::showDescription() {
  const auto& t = description_;
  const bool provisioned = billingModeOf(t) == "PROVISIONED";
  if (provisioned) {
    billingSummary_->setText(tr("<b>%1</b> is provisioned: %2 read and %3 write capacity units on the table.")
                                 .arg(table_.toHtmlEscaped())
                                 .arg(throughputOf(t, "ReadCapacityUnits"))
                                 .arg(throughputOf(t, "WriteCapacityUnits")));
  } else {
    billingSummary_->setText(
        tr("<b>%1</b> is on-demand: it pays per request and scales with traffic.").arg(table_.toHtmlEscaped()));
  }
  const QSignalBlocker block(provisioned_);
  (provisioned ? provisioned_ : onDemand_)->setChecked(true);

  // Rows: the table, then each global index (local indexes share the table's).
  std::vector<std::pair<QString, const nlohmann::json*>> owners{{table_, &t}};
  if (const auto& gsis = memberOf(t, "GlobalSecondaryIndexes"); gsis.is_array()) {
    for (const auto& g : gsis) {
      const auto& name = memberOf(g, "IndexName");
      if (name.is_string()) owners.emplace_back(qs(name.get<std::string>()), &g);
    }
  }
  throughput_->setRowCount(static_cast<int>(owners.size()));
  for (int r = 0; r < static_cast<int>(owners.size()); ++r) {
    auto* name = new QTableWidgetItem(r == 0 ? tr("%1 (table)").arg(owners[r].first)
                                             : tr("%1 (global index)").arg(owners[r].first));
    name->setData(Qt::UserRole, r == 0 ? QString() : owners[r].first);
    throughput_->setItem(r, 0, name);
    for (int c = 0; c < 2; ++c) {
      const long long current = throughputOf(*owners[r].second, c == 0 ? "ReadCapacityUnits" : "WriteCapacityUnits");
      auto* box = unitsBox();
      box->setObjectName(QStringLiteral("%1Units%2").arg(c == 0 ? "read" : "write").arg(r));
      box->setValue(current > 0 ? static_cast<int>(std::min<long long>(current, kMaxUnits)) : kDefaultNewUnits);
      box->setProperty("current", QVariant::fromValue(current));
      throughput_->setCellWidget(r, c + 1, box);
    }
  }
  fitToRows(throughput_);
  billingModeToggled();
}

void CapacityPanel::billingModeToggled() {
  const bool provisioned = provisioned_->isChecked();
  for (int r = 0; r < throughput_->rowCount(); ++r) {
    for (int c = 1; c <= 2; ++c) {
      if (auto* w = throughput_->cellWidget(r, c)) w->setEnabled(provisioned);
    }
  }
  apply_->setEnabled(!description_.is_null());
  // Say what Apply will do: a switch of billing mode is not a mere edit.
  const bool wasProvisioned = !description_.is_null() && billingModeOf(description_) == "PROVISIONED";
  if (description_.is_null() || provisioned == wasProvisioned) {
    apply_->setText(tr("Apply"));
  } else {
    apply_->setText(provisioned ? tr("Switch to provisioned") : tr("Switch to on-demand"));
  }
}

void CapacityPanel::applyCapacity() {
  if (description_.is_null()) return;
  const bool wasProvisioned = billingModeOf(description_) == "PROVISIONED";
  const bool wantProvisioned = provisioned_->isChecked();
  nlohmann::json request{{"TableName", table_.toStdString()}};
  QString what;
  if (!wantProvisioned) {
    if (!wasProvisioned) {
      emit statusMessage(tr("%1 is already on-demand; nothing to change.").arg(table_));
      return;
    }
    request["BillingMode"] = "PAY_PER_REQUEST";
    what = tr("%1 switched to on-demand.").arg(table_);
  } else {
    auto valueAt = [this](int r, int c) { return static_cast<QSpinBox*>(throughput_->cellWidget(r, c)); };
    nlohmann::json gsiUpdates = nlohmann::json::array();
    for (int r = 0; r < throughput_->rowCount(); ++r) {
      QSpinBox* rcu = valueAt(r, 1);
      QSpinBox* wcu = valueAt(r, 2);
      if (!rcu || !wcu) continue;
      // DynamoDB refuses an update to the values a table already has, so a
      // provisioned table sends only what changed; a switch sends everything.
      const bool changed = rcu->value() != rcu->property("current").toLongLong() ||
                           wcu->value() != wcu->property("current").toLongLong();
      if (wasProvisioned && !changed) continue;
      const nlohmann::json throughput{{"ReadCapacityUnits", rcu->value()}, {"WriteCapacityUnits", wcu->value()}};
      if (r == 0) {
        request["ProvisionedThroughput"] = throughput;
      } else {
        const QString index = throughput_->item(r, 0)->data(Qt::UserRole).toString();
        gsiUpdates.push_back(
            {{"Update", {{"IndexName", index.toStdString()}, {"ProvisionedThroughput", throughput}}}});
      }
    }
    if (!wasProvisioned) request["BillingMode"] = "PROVISIONED";
    if (!gsiUpdates.empty()) request["GlobalSecondaryIndexUpdates"] = gsiUpdates;
    if (wasProvisioned && !request.contains("ProvisionedThroughput") && gsiUpdates.empty()) {
      emit statusMessage(tr("The capacity of %1 is unchanged; nothing to apply.").arg(table_));
      return;
    }
    what = wasProvisioned ? tr("Capacity of %1 updated.").arg(table_)
                          : tr("%1 switched to provisioned capacity.").arg(table_);
  }
  apply_->setEnabled(false);
  billingError_->hide();
  // Compared by table, not by ticket: the update's own table event re-reads
  // the description (a new ticket) before this answer may arrive.
  const QString table = table_;
  runner_.run("UpdateTable", request, this, [this, table, what](Result<nlohmann::json> r) {
    apply_->setEnabled(true);
    if (table != table_) return;
    if (!r) {
      const QString message = qs(r.status().message());
      billingError_->setText(tr("DynamoDB refused the change: %1").arg(message.toHtmlEscaped()));
      billingError_->setStyleSheet("QLabel { color: palette(link); }");
      billingError_->show();
      emit capacityRefused(message);
      emit statusMessage(tr("UpdateTable refused: %1").arg(message));
      return;
    }
    emit statusMessage(what);
    emit capacityUpdated();
    describe();
  });
}

void CapacityPanel::recompute() {
  CapacityWorkload w;
  w.itemSizeBytes = itemSize_->value() * 1024.0;
  w.readsPerSecond = reads_->value();
  w.writesPerSecond = writes_->value();
  w.consistency = consistency_->currentIndex() == 1 ? ReadConsistency::Strong : ReadConsistency::Eventual;
  w.transactionalReadShare = txReads_->value() / 100.0;
  w.transactionalWriteShare = txWrites_->value() / 100.0;
  w.tableSizeBytes = storage_->value() * kBytesPerGb;
  auto e = estimateCapacity(w, prices_);
  if (!e) {
    calculator_.reset();
    calcError_->setText(qs(e.status().message()));
    calcError_->show();
    for (QLabel* l : {rcu_, wcu_, onDemandCost_, provisionedCost_}) l->setText("-");
    return;
  }
  calcError_->hide();
  calculator_ = *e;
  rcu_->setText(tr("<b>%1 RCU</b> &nbsp;(%2 read units a second consumed)")
                    .arg(QLocale().toString(e->provisionedReadUnits))
                    .arg(units(e->readUnitsPerSecond)));
  wcu_->setText(tr("<b>%1 WCU</b> &nbsp;(%2 write units a second consumed)")
                    .arg(QLocale().toString(e->provisionedWriteUnits))
                    .arg(units(e->writeUnitsPerSecond)));
  const MonthlyCost& c = e->cost;
  const bool onDemandCheaper = c.onDemandIsCheaper();
  const QString storage = c.storage > 0 ? tr(", storage %1").arg(dollars(c.storage)) : QString();
  onDemandCost_->setText(tr("On-demand: %1 a month%2<br><small>reads %3, writes %4%5</small>")
                             .arg(dollars(c.onDemand()), onDemandCheaper ? tr(" — cheaper") : QString(),
                                  dollars(c.onDemandReads), dollars(c.onDemandWrites), storage));
  provisionedCost_->setText(tr("Provisioned: %1 a month%2<br><small>reads %3, writes %4%5</small>")
                                .arg(dollars(c.provisioned()), onDemandCheaper ? QString() : tr(" — cheaper"),
                                     dollars(c.provisionedReads), dollars(c.provisionedWrites), storage));
  markCheaper(onDemandCost_, onDemandCheaper);
  markCheaper(provisionedCost_, !onDemandCheaper);
}

void CapacityPanel::setPrices(const PriceTable& prices) {
  prices_ = prices;
  showPrices();
  recompute();
  if (traffic_) refreshTraffic();
}

void CapacityPanel::showPrices() {
  showingPrices_ = true;
  for (int r = 0; r < static_cast<int>(std::size(kPriceRows)); ++r) {
    static_cast<QDoubleSpinBox*>(priceTable_->cellWidget(r, 1))->setValue(prices_.*kPriceRows[r].member);
  }
  showingPrices_ = false;
  const bool edited = prices_ != defaultPriceTable();
  priceDate_->setText(tr("%1 prices in effect from %2%3.<br><small>Source: %4</small>")
                          .arg(qs(prices_.region), qs(prices_.effectiveDate),
                               edited ? tr(", edited") : QString(), qs(prices_.source).toHtmlEscaped()));
}

void CapacityPanel::pricesEdited() {
  if (showingPrices_) return;
  for (int r = 0; r < static_cast<int>(std::size(kPriceRows)); ++r) {
    prices_.*kPriceRows[r].member = static_cast<QDoubleSpinBox*>(priceTable_->cellWidget(r, 1))->value();
  }
  showPrices();
  recompute();
  if (traffic_) {
    traffic_ = estimateFromTraffic(traffic_->traffic, prices_, trafficRangeName(range_), traffic_->targetUtilization,
                                   tableSizeBytes(description_));
    trafficText_->setText(qs(traffic_->sentence));
  }
}

void CapacityPanel::resetPrices() { setPrices(defaultPriceTable()); }

void CapacityPanel::setTrafficRange(TrafficRange range) { rangeBox_->setCurrentIndex(static_cast<int>(range)); }

void CapacityPanel::refreshTraffic() {
  if (table_.isEmpty()) return;
  const std::uint64_t ticket = ++trafficTicket_;
  const TrafficWindow window = trafficWindow(range_, now_());
  const TrafficRange range = range_;
  struct Pending {
    std::optional<std::vector<PeriodSum>> reads, writes;
    std::optional<Status> error;
  };
  auto pending = std::make_shared<Pending>();
  auto finish = [this, ticket, window, range, pending]() {
    if (ticket != trafficTicket_) return;
    if (pending->error) {
      trafficText_->setText(tr("The table's metrics could not be read: %1").arg(qs(pending->error->message())));
      trafficDetail_->clear();
      traffic_.reset();
      return;
    }
    if (!pending->reads || !pending->writes) return;
    const RecordedTraffic t = summarizeTraffic(*pending->reads, *pending->writes, window);
    const std::string rangeName = trafficRangeName(range);
    traffic_ = estimateFromTraffic(t, prices_, rangeName, kDefaultTargetUtilization,
                                   tableSizeBytes(description_));
    trafficText_->setText(qs(traffic_->sentence));
    const QString per = t.periodSeconds == 60 ? tr("minute") : t.periodSeconds == 3600 ? tr("hour") : tr("5 minutes");
    trafficDetail_->setText(tr("Consumed in %1: %2 read units and %3 write units; on average %4 and %5 a second; "
                               "in the busiest %6, %7 and %8 a second.")
                                .arg(qs(rangeName), units(t.totalReadUnits), units(t.totalWriteUnits))
                                .arg(QLocale().toString(t.averageReadUnitsPerSecond, 'g', 3))
                                .arg(QLocale().toString(t.averageWriteUnitsPerSecond, 'g', 3))
                                .arg(per)
                                .arg(QLocale().toString(t.peakReadUnitsPerSecond, 'g', 3))
                                .arg(QLocale().toString(t.peakWriteUnitsPerSecond, 'g', 3)));
    emit trafficEstimated();
  };
  const std::string table = table_.toStdString();
  for (const bool read : {true, false}) {
    const auto request =
        consumedCapacityRequest(table, read ? "ConsumedReadCapacityUnits" : "ConsumedWriteCapacityUnits", window);
    runner_.runPrepared<std::vector<PeriodSum>>(
        "GraniteServiceVersion20100801.GetMetricStatistics", request, this,
        [](const nlohmann::json& response) { return parseConsumedSums(response); },
        [pending, finish, read](Result<std::vector<PeriodSum>> r) {
          if (!r) {
            pending->error = r.status();
          } else if (read) {
            pending->reads = std::move(r).value();
          } else {
            pending->writes = std::move(r).value();
          }
          finish();
        });
  }
}

}  // namespace dynadesk::ui
