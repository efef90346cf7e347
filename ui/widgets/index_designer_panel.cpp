#include "widgets/index_designer_panel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include "client/response_decoding.h"
#include "format/index_preview.h"
#include "widgets/theme.h"

namespace dynadesk::ui {

namespace {

QString str(const nlohmann::json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? QString::fromStdString(j[key].get<std::string>())
                                                                : QString();
}

QString keyText(const std::optional<KeyDesign>& k) {
  if (!k || k->name.empty()) return QStringLiteral("—");
  return QStringLiteral("%1 (%2)").arg(QString::fromStdString(k->name), QString::fromStdString(k->type));
}

QString projectionText(const IndexDesign& ix) {
  if (ix.projection != "INCLUDE") return QString::fromStdString(ix.projection);
  QStringList names;
  for (const auto& n : ix.nonKeyAttributes) names << QString::fromStdString(n);
  return QStringLiteral("INCLUDE: %1").arg(names.join(", "));
}

std::int64_t jsonInt(const nlohmann::json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_number()) return 0;
  return j[key].is_number_integer() ? j[key].get<std::int64_t>() : static_cast<std::int64_t>(j[key].get<double>());
}

// The index entries of a description: of one kind, or global then local as
// indexesOf() lists them.
std::vector<nlohmann::json> indexEntries(const nlohmann::json& t, const char* only = nullptr) {
  std::vector<nlohmann::json> out;
  for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    if (only && std::string_view(only) != kind) continue;
    if (!t.is_object() || !t.contains(kind) || !t[kind].is_array()) continue;
    for (const auto& i : t[kind]) {
      if (i.is_object()) out.push_back(i);
    }
  }
  return out;
}

QTableWidgetItem* cell(const QString& text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter) {
  auto* item = new QTableWidgetItem(text);
  item->setTextAlignment(align);
  item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
  return item;
}

}  // namespace

IndexDesignerPanel::IndexDesignerPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent)
    : QWidget(parent), runner_(runner), bridge_(bridge) {
  setObjectName("indexDesigner");
  summary_ = new QLabel;
  summary_->setTextFormat(Qt::RichText);
  summary_->setWordWrap(true);
  add_ = new QPushButton(QIcon(":/icons/new-table"), tr("Add global index…"));
  add_->setObjectName("addIndex");
  delete_ = new QPushButton(QIcon(":/icons/delete"), tr("Delete index…"));
  delete_->setObjectName("deleteIndex");
  message_ = new QLabel;
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  message_->hide();

  list_ = new QTableWidget(0, ColumnCount);
  list_->setObjectName("indexList");
  list_->setHorizontalHeaderLabels({tr("Index"), tr("Kind"), tr("Partition key"), tr("Sort key"), tr("Projection"),
                                    tr("Status"), tr("Size"), tr("Items")});
  list_->verticalHeader()->hide();
  list_->setSelectionBehavior(QAbstractItemView::SelectRows);
  list_->setSelectionMode(QAbstractItemView::SingleSelection);
  list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  list_->setAlternatingRowColors(true);
  list_->setWordWrap(false);
  list_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  list_->horizontalHeader()->setStretchLastSection(false);
  list_->horizontalHeader()->setSectionResizeMode(ProjectionColumn, QHeaderView::Stretch);
  list_->verticalHeader()->setDefaultSectionSize(list_->fontMetrics().height() + 12);
  // Room for a few indexes before the list scrolls.
  list_->setMinimumHeight(list_->horizontalHeader()->sizeHint().height() + 4 * (list_->fontMetrics().height() + 12) + 4);
  list_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);

  empty_ = new QLabel(tr("<p><b>No secondary indexes yet.</b></p><p>A global index lets you query the same items by "
                         "other attributes. Add one to preview which items it would hold before creating it.</p>"));
  empty_->setWordWrap(true);
  empty_->setAlignment(Qt::AlignCenter);
  empty_->hide();

  diagram_ = new KeyLayoutDiagram;
  auto* scroll = new QScrollArea;
  scroll->setWidget(diagram_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);

  auto* head = new QHBoxLayout;
  head->addWidget(summary_, 1);
  head->addWidget(add_);
  head->addWidget(delete_);
  auto* upper = new QWidget;
  auto* upperLayout = new QVBoxLayout(upper);
  upperLayout->setContentsMargins(12, 10, 12, 6);
  upperLayout->addLayout(head);
  upperLayout->addWidget(message_);
  upperLayout->addWidget(list_, 1);
  upperLayout->addWidget(empty_, 1);
  auto* lower = new QWidget;
  auto* lowerLayout = new QVBoxLayout(lower);
  lowerLayout->setContentsMargins(12, 0, 12, 6);
  auto* diagramTitle = new QLabel(tr("<b>How the keys organise the items</b>"));
  lowerLayout->addWidget(diagramTitle);
  lowerLayout->addWidget(scroll, 1);
  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(upper);
  split->addWidget(lower);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 5);
  split->setChildrenCollapsible(false);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);

  refreshTimer_.setSingleShot(true);
  refreshTimer_.setInterval(250);
  connect(&refreshTimer_, &QTimer::timeout, this, &IndexDesignerPanel::refresh);
  sampleTimer_.setSingleShot(true);
  sampleTimer_.setInterval(1000);
  connect(&sampleTimer_, &QTimer::timeout, this, &IndexDesignerPanel::loadSample);
  pollTimer_.setInterval(kPollIntervalMs);
  connect(&pollTimer_, &QTimer::timeout, this, &IndexDesignerPanel::refresh);

  connect(add_, &QPushButton::clicked, this, [this] { showAddIndex(); });
  connect(delete_, &QPushButton::clicked, this, [this] {
    const QString index = selectedIndex();
    if (!index.isEmpty()) requestDelete(index);
  });
  connect(list_, &QTableWidget::itemSelectionChanged, this, [this] {
    updateButtons();
    updateDiagram();
  });
  if (bridge_) {
    connect(bridge_, &EngineBridge::tableChanged, this, [this](const QString& table, TableEventKind) {
      if (table == table_ && !refreshTimer_.isActive()) refreshTimer_.start();
    });
    connect(bridge_, &EngineBridge::itemsChanged, this, [this](const std::vector<ItemEvent>& events) {
      for (const auto& e : events) {
        if (QString::fromStdString(e.table) != table_) continue;
        if (!refreshTimer_.isActive()) refreshTimer_.start();
        if (!sampleTimer_.isActive()) sampleTimer_.start();
        return;
      }
    });
    connect(bridge_, &EngineBridge::indexProgress, this, &IndexDesignerPanel::onProgress);
  }
  updateButtons();
}

void IndexDesignerPanel::openTable(const QString& table) {
  table_ = table;
  description_ = nlohmann::json();
  sample_.clear();
  progress_.clear();
  creatingHere_.clear();
  pollTimer_.stop();
  list_->setRowCount(0);
  message_->hide();
  summary_->setText(tr("Loading…"));
  diagram_->clear();
  refresh();
  loadSample();
}

void IndexDesignerPanel::refresh() {
  if (table_.isEmpty()) return;
  const std::uint64_t ticket = ++ticket_;
  runner_.run("DescribeTable", {{"TableName", table_.toStdString()}}, this, [this, ticket](Result<nlohmann::json> r) {
    if (ticket != ticket_) return;
    if (!r) {
      pollTimer_.stop();
      showMessage(tr("Could not read the table: %1").arg(QString::fromStdString(r.status().message())), true);
      return;
    }
    const nlohmann::json& response = *r;
    if (!response.is_object() || !response.contains("Table") || !response["Table"].is_object()) {
      showMessage(tr("The endpoint's DescribeTable answer has no table description."), true);
      return;
    }
    showDescription(response["Table"]);
    emit described();
  });
}

void IndexDesignerPanel::loadSample() {
  if (table_.isEmpty()) return;
  const std::uint64_t ticket = ++sampleTicket_;
  nlohmann::json request{{"TableName", table_.toStdString()}, {"Limit", kSampleScanLimit}};
  runner_.runPrepared<ItemPage>(
      "Scan", std::move(request), this, [](const nlohmann::json& r) { return itemPageFrom(r); },
      [this, ticket](Result<ItemPage> page) {
        if (ticket != sampleTicket_ || !page) return;
        sample_ = std::move(page->items);
        updateDiagram();
      });
}

void IndexDesignerPanel::showDescription(const nlohmann::json& t) {
  const QString selected = selectedIndex();
  description_ = t;
  const TableKeys keys = tableKeysOf(t);
  const std::vector<IndexDesign> indexes = indexesOf(t);

  int globals = 0, locals = 0;
  for (const auto& ix : indexes) (ix.global ? globals : locals)++;
  QString keyLine = QStringLiteral("<b>%1</b>").arg(keyText(keys.partitionKey).toHtmlEscaped());
  if (keys.sortKey) keyLine += QStringLiteral(" · <b>%1</b>").arg(keyText(keys.sortKey).toHtmlEscaped());
  summary_->setText(tr("Table key: %1<br>%2 of at most 20 global indexes · %3 of at most 5 local indexes (fixed "
                       "when the table was created)")
                        .arg(keyLine)
                        .arg(globals)
                        .arg(locals));

  QLocale locale;
  bool creating = false;
  const std::vector<nlohmann::json> raw = indexEntries(t);
  list_->setRowCount(static_cast<int>(indexes.size()));
  for (int r = 0; r < static_cast<int>(indexes.size()); ++r) {
    const IndexDesign& ix = indexes[static_cast<std::size_t>(r)];
    const nlohmann::json& j = raw[static_cast<std::size_t>(r)];
    const QString name = QString::fromStdString(ix.name);
    auto* nameCell = cell(name);
    QFont f = list_->font();
    f.setBold(true);
    nameCell->setFont(f);
    list_->setItem(r, NameColumn, nameCell);
    auto* kind = cell(ix.global ? tr("Global") : tr("Local · fixed"));
    kind->setToolTip(ix.global ? tr("Global secondary index: any partition key; added and deleted at any time")
                               : tr("Local secondary index: the table's partition key with another sort key. "
                                    "DynamoDB defines local indexes only when a table is created; they cannot be "
                                    "added or deleted later."));
    list_->setItem(r, KindColumn, kind);
    list_->setItem(r, PartitionKeyColumn, cell(keyText(ix.partitionKey)));
    list_->setItem(r, SortKeyColumn, cell(keyText(ix.sortKey)));
    auto* projection = cell(projectionText(ix));
    projection->setToolTip(projectionText(ix));
    list_->setItem(r, ProjectionColumn, projection);
    const QString status = ix.global ? str(j, "IndexStatus") : QStringLiteral("ACTIVE");
    list_->setItem(r, StatusColumn, cell(status.isEmpty() ? tr("ACTIVE") : status));
    const qint64 bytes = jsonInt(j, "IndexSizeBytes");
    const qulonglong count = static_cast<qulonglong>(jsonInt(j, "ItemCount"));
    auto* size = cell(locale.formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat), Qt::AlignRight | Qt::AlignVCenter);
    size->setToolTip(tr("%1 bytes (IndexSizeBytes)").arg(locale.toString(bytes)));
    list_->setItem(r, SizeColumn, size);
    list_->setItem(r, ItemsColumn, cell(locale.toString(count), Qt::AlignRight | Qt::AlignVCenter));
    if (status == "CREATING") {
      creating = true;
      auto* bar = qobject_cast<QProgressBar*>(list_->cellWidget(r, StatusColumn));
      if (!bar || bar->property("index").toString() != name) {
        bar = new QProgressBar;
        bar->setProperty("index", name);
        bar->setTextVisible(true);
        list_->setCellWidget(r, StatusColumn, bar);
      }
      setProgress(bar, name);
    } else {
      list_->removeCellWidget(r, StatusColumn);
      progress_.erase(name);
    }
  }
  // A progress bar needs more room than the status word the column is sized for.
  if (creating) {
    list_->horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::Interactive);
    list_->setColumnWidth(StatusColumn, 240);
  } else {
    list_->horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::ResizeToContents);
  }
  // Say so once an index created here is ready.
  if (!creatingHere_.isEmpty() && statusOf(creatingHere_) == "ACTIVE") {
    showMessage(tr("The index “%1” is ACTIVE: it holds the table's items and can be queried.").arg(creatingHere_), false);
    creatingHere_.clear();
  }
  list_->setVisible(!indexes.empty());
  empty_->setVisible(indexes.empty());

  // Keep the selection on the same index; else the first one.
  int select = selected.isEmpty() ? -1 : rowOf(selected);
  if (select < 0 && !indexes.empty()) select = 0;
  if (select >= 0) list_->selectRow(select);

  // Without events there is no other way to see a build finish; with them, no need to poll.
  const bool live = bridge_ && bridge_->live();
  if (creating && !live) {
    if (!pollTimer_.isActive()) pollTimer_.start();
  } else {
    pollTimer_.stop();
  }
  updateButtons();
  updateDiagram();
}

void IndexDesignerPanel::onProgress(const QString& table, const QString& index, quint64 done, quint64 total) {
  if (table != table_) return;
  progress_[index] = {done, total};
  if (QProgressBar* bar = progressBar(index)) setProgress(bar, index);
  emit backfillProgress(index, done, total);
}

void IndexDesignerPanel::setProgress(QProgressBar* bar, const QString& index) {
  auto it = progress_.find(index);
  if (it == progress_.end()) {
    // No numbers (yet, or ever from a remote endpoint): a busy bar.
    bar->setRange(0, 0);
    bar->setFormat(tr("Creating…"));
    bar->setToolTip(bridge_ && bridge_->live() ? tr("The backfill is starting") : tr("Checked every second"));
    return;
  }
  const auto [done, total] = it->second;
  // Items written meanwhile can take done past the count taken at the start.
  const quint64 of = std::max(done, total);
  bar->setRange(0, 1000);
  bar->setValue(of == 0 ? 1000 : static_cast<int>(done * 1000 / of));
  bar->setFormat(tr("Backfilling %1 of %2").arg(QLocale().toString(done), QLocale().toString(of)));
  bar->setToolTip(tr("Read %1 of the table's %2 items").arg(QLocale().toString(done), QLocale().toString(of)));
}

int IndexDesignerPanel::rowOf(const QString& index) const {
  for (int r = 0; r < list_->rowCount(); ++r) {
    if (list_->item(r, NameColumn) && list_->item(r, NameColumn)->text() == index) return r;
  }
  return -1;
}

QString IndexDesignerPanel::statusOf(const QString& index) const {
  const int r = rowOf(index);
  return r < 0 || !list_->item(r, StatusColumn) ? QString() : list_->item(r, StatusColumn)->text();
}

QProgressBar* IndexDesignerPanel::progressBar(const QString& index) const {
  const int r = rowOf(index);
  return r < 0 ? nullptr : qobject_cast<QProgressBar*>(list_->cellWidget(r, StatusColumn));
}

QString IndexDesignerPanel::selectedIndex() const {
  const auto rows = list_->selectionModel()->selectedRows();
  if (rows.isEmpty()) return {};
  const auto* item = list_->item(rows.first().row(), NameColumn);
  return item ? item->text() : QString();
}

void IndexDesignerPanel::updateDiagram() {
  if (description_.is_null()) {
    diagram_->clear();
    return;
  }
  std::optional<IndexDesign> index;
  const std::string selected = selectedIndex().toStdString();
  for (const auto& ix : indexesOf(description_)) {
    if (ix.name == selected) index = ix;
  }
  diagram_->setSample(sample_, tableKeysOf(description_), index);
}

void IndexDesignerPanel::updateButtons() {
  const bool loaded = description_.is_object();
  int globals = 0;
  QString busy;
  for (const auto& i : indexEntries(description_, "GlobalSecondaryIndexes")) {
    ++globals;
    const QString status = str(i, "IndexStatus");
    if (!status.isEmpty() && status != "ACTIVE") busy = str(i, "IndexName");
  }
  add_->setEnabled(loaded && globals < 20 && busy.isEmpty());
  add_->setToolTip(!busy.isEmpty()    ? tr("Wait for “%1”: DynamoDB creates or deletes one index at a time").arg(busy)
                   : globals >= 20    ? tr("A table has at most 20 global indexes")
                                      : tr("Design a global index and preview it before creating it"));
  const QString selected = selectedIndex();
  const int row = rowOf(selected);
  const bool local = row >= 0 && list_->item(row, KindColumn)->text() != tr("Global");
  const bool active = statusOf(selected) == "ACTIVE";
  delete_->setEnabled(row >= 0 && !local && active && busy.isEmpty());
  delete_->setToolTip(row < 0   ? tr("Select an index to delete")
                      : local   ? tr("Local indexes are fixed when the table is created and cannot be deleted")
                      : !active ? tr("Only an ACTIVE index can be deleted")
                                : tr("Delete the index “%1” (asks first)").arg(selected));
}

void IndexDesignerPanel::showMessage(const QString& text, bool problem) {
  message_->setStyleSheet(problem ? (isDark(palette()) ? "color: #ff8a80;" : "color: #c0392b;") : QString());
  message_->setText(text);
  message_->setVisible(!text.isEmpty());
}

AddIndexDialog* IndexDesignerPanel::showAddIndex() {
  if (!description_.is_object()) return nullptr;
  if (addDialog_) return addDialog_;
  auto* dialog = new AddIndexDialog(runner_, description_, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &AddIndexDialog::indexCreated, this, [this](const QString& index) {
    showMessage(tr("Creating the index “%1”. DynamoDB builds it in the background from the table's items; it can "
                   "be queried once it is ACTIVE.")
                    .arg(index),
                false);
    emit statusMessage(tr("Creating the index “%1”").arg(index));
    creatingHere_ = index;
    progress_.erase(index);
    refresh();
    // Select the new index once it is listed.
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = connect(this, &IndexDesignerPanel::described, this, [this, index, once] {
      const int r = rowOf(index);
      if (r >= 0) list_->selectRow(r);
      disconnect(*once);
    });
  });
  addDialog_ = dialog;
  dialog->open();
  return dialog;
}

void IndexDesignerPanel::requestDelete(const QString& index) {
  if (confirm_) return;
  auto* box = new QMessageBox(QMessageBox::Warning, tr("Delete index"),
                              tr("Delete the global index “%1” of “%2”?").arg(index, table_),
                              QMessageBox::Cancel, this);
  box->setInformativeText(tr("Queries and scans that use it will fail. The table's items are not touched, and the "
                             "index can be created again later (it is rebuilt from the items)."));
  QPushButton* yes = box->addButton(tr("Delete index"), QMessageBox::DestructiveRole);
  box->setDefaultButton(QMessageBox::Cancel);
  box->setAttribute(Qt::WA_DeleteOnClose);
  const QString table = table_;
  connect(box, &QMessageBox::finished, this, [this, box, yes, index, table] {
    if (box->clickedButton() != yes || table != table_) return;
    runner_.run("UpdateTable", deleteIndexRequest(table.toStdString(), index.toStdString()), this,
                [this, index](Result<nlohmann::json> r) {
                  if (!r) {
                    showMessage(tr("The index “%1” was not deleted: %2")
                                    .arg(index, QString::fromStdString(r.status().message())),
                                true);
                    return;
                  }
                  showMessage(tr("Deleting the index “%1”.").arg(index), false);
                  emit indexDeleteSent(index);
                  emit statusMessage(tr("Deleting the index “%1”").arg(index));
                  refresh();
                });
  });
  confirm_ = box;
  box->open();
}

}  // namespace dynadesk::ui
