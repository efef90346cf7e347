#include "widgets/create_table_dialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "widgets/side_by_side.h"

namespace dynadesk::ui {

namespace {

// Index table columns.
enum IndexColumn { kKind, kName, kPk, kPkType, kSk, kSkType, kProjection, kInclude, kIndexColumns };

QString cellText(QTableWidget* t, int row, int col) {
  if (auto* item = t->item(row, col)) return item->text().trimmed();
  return {};
}

QString comboText(QTableWidget* t, int row, int col) {
  if (auto* combo = qobject_cast<QComboBox*>(t->cellWidget(row, col))) return combo->currentText();
  return {};
}

}  // namespace

QComboBox* CreateTableDialog::typeCombo(const QString& current) const {
  auto* c = new QComboBox;
  c->addItem("S");
  c->addItem("N");
  c->addItem("B");
  c->setItemData(0, tr("String"), Qt::ToolTipRole);
  c->setItemData(1, tr("Number"), Qt::ToolTipRole);
  c->setItemData(2, tr("Binary"), Qt::ToolTipRole);
  c->setCurrentText(current);
  connect(c, &QComboBox::currentTextChanged, this, &CreateTableDialog::refresh);
  return c;
}

CreateTableDialog::CreateTableDialog(RequestRunner& runner, const QString& endpointUrl, QWidget* parent)
    : QDialog(parent), runner_(runner), endpointUrl_(endpointUrl) {
  setWindowTitle(tr("Create table"));
  setObjectName("createTableDialog");

  // --- Table and keys
  name_ = new QLineEdit;
  name_->setPlaceholderText(tr("e.g. Music"));
  name_->setMaxLength(255);
  nameHint_ = new QLabel;
  nameHint_->setWordWrap(true);
  pkName_ = new QLineEdit;
  pkName_->setPlaceholderText(tr("e.g. Artist"));
  pkType_ = typeCombo();
  hasSort_ = new QCheckBox(tr("Sort key"));
  skName_ = new QLineEdit;
  skName_->setPlaceholderText(tr("e.g. SongTitle"));
  skType_ = typeCombo();
  auto* keys = new QGroupBox(tr("Table"));
  auto* keysForm = new QFormLayout(keys);
  keysForm->addRow(tr("Name:"), name_);
  keysForm->addRow(QString(), nameHint_);
  keysForm->addRow(tr("Partition key:"), sideBySide(pkName_, pkType_));
  keysForm->addRow(hasSort_, sideBySide(skName_, skType_));

  // --- Capacity
  onDemand_ = new QRadioButton(tr("On-demand"));
  provisioned_ = new QRadioButton(tr("Provisioned"));
  onDemand_->setChecked(true);
  rcu_ = new QSpinBox;
  wcu_ = new QSpinBox;
  for (QSpinBox* s : {rcu_, wcu_}) {
    s->setRange(1, 40000);
    s->setValue(5);
  }
  rcu_->setSuffix(tr(" read units"));
  wcu_->setSuffix(tr(" write units"));
  tableClass_ = new QComboBox;
  tableClass_->addItem(tr("Standard"), "STANDARD");
  tableClass_->addItem(tr("Standard-Infrequent Access"), "STANDARD_INFREQUENT_ACCESS");
  auto* capacity = new QGroupBox(tr("Capacity"));
  auto* capForm = new QFormLayout(capacity);
  auto* modes = new QWidget;
  auto* modesLayout = new QHBoxLayout(modes);
  modesLayout->setContentsMargins(0, 0, 0, 0);
  modesLayout->addWidget(onDemand_);
  modesLayout->addWidget(provisioned_);
  modesLayout->addStretch(1);
  capForm->addRow(tr("Billing mode:"), modes);
  capForm->addRow(tr("Capacity:"), sideBySide(rcu_, wcu_));
  capForm->addRow(tr("Table class:"), tableClass_);

  // --- Indexes
  indexes_ = new QTableWidget(0, kIndexColumns);
  indexes_->setHorizontalHeaderLabels(
      {tr("Kind"), tr("Index name"), tr("Partition key"), tr("Type"), tr("Sort key"), tr("Type"), tr("Projection"),
       tr("Included attributes")});
  indexes_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  indexes_->horizontalHeader()->setStretchLastSection(true);
  indexes_->verticalHeader()->hide();
  indexes_->setMinimumHeight(90);
  auto* addGsi = new QToolButton;
  addGsi->setText(tr("Add global index"));
  auto* addLsi = new QToolButton;
  addLsi->setText(tr("Add local index"));
  auto* removeIndex = new QToolButton;
  removeIndex->setText(tr("Remove"));
  auto* indexBox = new QGroupBox(tr("Secondary indexes"));
  auto* indexLayout = new QVBoxLayout(indexBox);
  auto* indexButtons = new QHBoxLayout;
  indexButtons->addWidget(addGsi);
  indexButtons->addWidget(addLsi);
  indexButtons->addWidget(removeIndex);
  indexButtons->addStretch(1);
  indexLayout->addWidget(indexes_);
  indexLayout->addLayout(indexButtons);

  // --- More
  stream_ = new QComboBox;
  stream_->addItem(tr("Off"), "");
  for (const char* v : {"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"}) stream_->addItem(v, v);
  ttl_ = new QLineEdit;
  ttl_->setPlaceholderText(tr("e.g. expiresAt (epoch seconds); empty for none"));
  tags_ = new QTableWidget(0, 2);
  tags_->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
  tags_->horizontalHeader()->setStretchLastSection(true);
  tags_->verticalHeader()->hide();
  tags_->setMinimumHeight(70);
  auto* addTag = new QToolButton;
  addTag->setText(tr("Add tag"));
  protection_ = new QCheckBox(tr("Protect against deletion"));
  auto* more = new QGroupBox(tr("Stream, expiry and tags"));
  auto* moreForm = new QFormLayout(more);
  moreForm->addRow(tr("Stream:"), stream_);
  moreForm->addRow(tr("TTL attribute:"), ttl_);
  moreForm->addRow(tr("Tags:"), tags_);
  moreForm->addRow(QString(), addTag);
  moreForm->addRow(QString(), protection_);

  // --- Preview
  json_ = new QPlainTextEdit;
  cli_ = new QPlainTextEdit;
  const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  for (QPlainTextEdit* p : {json_, cli_}) {
    p->setReadOnly(true);
    p->setFont(mono);
    p->setLineWrapMode(QPlainTextEdit::NoWrap);
  }
  auto* preview = new QTabWidget;
  preview->addTab(json_, tr("CreateTable JSON"));
  preview->addTab(cli_, tr("AWS CLI"));

  problems_ = new QLabel;
  problems_->setWordWrap(true);
  problems_->setObjectName("problems");
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
  create_ = buttons->addButton(tr("Create table"), QDialogButtonBox::AcceptRole);
  create_->setDefault(true);
  // Return in a field must never throw the design away: Cancel is not a
  // default candidate, so while Create is disabled Return does nothing.
  buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);

  auto* left = new QWidget;
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(keys);
  leftLayout->addWidget(capacity);
  leftLayout->addWidget(indexBox, 1);
  leftLayout->addWidget(more);
  auto* split = new QSplitter;
  split->addWidget(left);
  split->addWidget(preview);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(split, 1);
  layout->addWidget(problems_);
  layout->addWidget(buttons);
  resize(1060, 760);

  for (QLineEdit* e : {name_, pkName_, skName_, ttl_}) connect(e, &QLineEdit::textChanged, this, &CreateTableDialog::refresh);
  for (QAbstractButton* b : std::initializer_list<QAbstractButton*>{hasSort_, onDemand_, provisioned_, protection_}) {
    connect(b, &QAbstractButton::toggled, this, &CreateTableDialog::refresh);
  }
  for (QSpinBox* s : {rcu_, wcu_}) connect(s, &QSpinBox::valueChanged, this, &CreateTableDialog::refresh);
  for (QComboBox* c : {tableClass_, stream_}) connect(c, &QComboBox::currentIndexChanged, this, &CreateTableDialog::refresh);
  connect(indexes_, &QTableWidget::itemChanged, this, &CreateTableDialog::refresh);
  connect(tags_, &QTableWidget::itemChanged, this, &CreateTableDialog::refresh);
  connect(addGsi, &QToolButton::clicked, this, [this] {
    IndexDesign ix;
    ix.global = true;
    addIndexRow(ix);
  });
  connect(addLsi, &QToolButton::clicked, this, [this] {
    IndexDesign ix;
    ix.global = false;
    ix.partitionKey = {pkName_->text().trimmed().toStdString(), pkType_->currentText().toStdString()};
    ix.sortKey = KeyDesign{};
    addIndexRow(ix);
  });
  connect(removeIndex, &QToolButton::clicked, this, [this] {
    const int r = indexes_->currentRow();
    if (r >= 0) indexes_->removeRow(r);
    refresh();
  });
  connect(addTag, &QToolButton::clicked, this, [this] { addTagRow({}, {}); });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(create_, &QPushButton::clicked, this, &CreateTableDialog::submit);
  refresh();
}

void CreateTableDialog::addIndexRow(const IndexDesign& ix) {
  const int r = indexes_->rowCount();
  indexes_->blockSignals(true);
  indexes_->insertRow(r);
  auto* kind = new QTableWidgetItem(ix.global ? "GSI" : "LSI");
  kind->setFlags(kind->flags() & ~Qt::ItemIsEditable);
  kind->setToolTip(ix.global ? tr("Global secondary index: any partition key") : tr("Local secondary index: the table's partition key, another sort key"));
  indexes_->setItem(r, kKind, kind);
  indexes_->setItem(r, kName, new QTableWidgetItem(QString::fromStdString(ix.name)));
  indexes_->setItem(r, kPk, new QTableWidgetItem(QString::fromStdString(ix.partitionKey.name)));
  indexes_->setCellWidget(r, kPkType, typeCombo(QString::fromStdString(ix.partitionKey.type)));
  indexes_->setItem(r, kSk, new QTableWidgetItem(ix.sortKey ? QString::fromStdString(ix.sortKey->name) : QString()));
  indexes_->setCellWidget(r, kSkType, typeCombo(ix.sortKey ? QString::fromStdString(ix.sortKey->type) : "S"));
  auto* projection = new QComboBox;
  projection->addItems({"ALL", "KEYS_ONLY", "INCLUDE"});
  projection->setCurrentText(QString::fromStdString(ix.projection));
  connect(projection, &QComboBox::currentTextChanged, this, &CreateTableDialog::refresh);
  indexes_->setCellWidget(r, kProjection, projection);
  QStringList include;
  for (const auto& a : ix.nonKeyAttributes) include << QString::fromStdString(a);
  auto* picker = new AttributePicker;
  picker->setChosen(include);
  connect(picker, &AttributePicker::chosenChanged, this, &CreateTableDialog::refresh);
  indexes_->setCellWidget(r, kInclude, picker);
  indexes_->blockSignals(false);
  indexes_->setCurrentCell(r, kName);
  refresh();
}

QComboBox* CreateTableDialog::projectionCombo(int row) const {
  return qobject_cast<QComboBox*>(indexes_->cellWidget(row, kProjection));
}

AttributePicker* CreateTableDialog::attributePicker(int row) const {
  return qobject_cast<AttributePicker*>(indexes_->cellWidget(row, kInclude));
}

void CreateTableDialog::addTagRow(const QString& key, const QString& value) {
  const int r = tags_->rowCount();
  tags_->blockSignals(true);
  tags_->insertRow(r);
  tags_->setItem(r, 0, new QTableWidgetItem(key));
  tags_->setItem(r, 1, new QTableWidgetItem(value));
  tags_->blockSignals(false);
  tags_->setCurrentCell(r, 0);
  refresh();
}

TableDesign CreateTableDialog::design() const {
  TableDesign d;
  d.name = name_->text().trimmed().toStdString();
  d.partitionKey = {pkName_->text().trimmed().toStdString(), pkType_->currentText().toStdString()};
  if (hasSort_->isChecked()) d.sortKey = KeyDesign{skName_->text().trimmed().toStdString(), skType_->currentText().toStdString()};
  d.onDemand = onDemand_->isChecked();
  d.readCapacity = rcu_->value();
  d.writeCapacity = wcu_->value();
  d.tableClass = tableClass_->currentData().toString().toStdString();
  for (int r = 0; r < indexes_->rowCount(); ++r) {
    IndexDesign ix;
    ix.global = cellText(indexes_, r, kKind) == "GSI";
    ix.name = cellText(indexes_, r, kName).toStdString();
    ix.partitionKey = {cellText(indexes_, r, kPk).toStdString(), comboText(indexes_, r, kPkType).toStdString()};
    const QString sk = cellText(indexes_, r, kSk);
    if (!sk.isEmpty() || !ix.global) ix.sortKey = KeyDesign{sk.toStdString(), comboText(indexes_, r, kSkType).toStdString()};
    ix.projection = comboText(indexes_, r, kProjection).toStdString();
    // The picker keeps its names while another projection is chosen, for
    // when INCLUDE comes back; only INCLUDE sends them.
    if (ix.projection == "INCLUDE") {
      if (AttributePicker* picker = attributePicker(r)) {
        for (const QString& a : picker->chosen()) ix.nonKeyAttributes.push_back(a.toStdString());
      }
    }
    ix.readCapacity = d.readCapacity;
    ix.writeCapacity = d.writeCapacity;
    d.indexes.push_back(std::move(ix));
  }
  d.streamViewType = stream_->currentData().toString().toStdString();
  d.ttlAttribute = ttl_->text().trimmed().toStdString();
  for (int r = 0; r < tags_->rowCount(); ++r) {
    const QString k = cellText(tags_, r, 0);
    const QString v = cellText(tags_, r, 1);
    if (k.isEmpty() && v.isEmpty()) continue;
    d.tags.emplace_back(k.toStdString(), v.toStdString());
  }
  d.deletionProtection = protection_->isChecked();
  return d;
}

void CreateTableDialog::setDesign(const TableDesign& d) {
  name_->setText(QString::fromStdString(d.name));
  pkName_->setText(QString::fromStdString(d.partitionKey.name));
  pkType_->setCurrentText(QString::fromStdString(d.partitionKey.type));
  hasSort_->setChecked(d.sortKey.has_value());
  if (d.sortKey) {
    skName_->setText(QString::fromStdString(d.sortKey->name));
    skType_->setCurrentText(QString::fromStdString(d.sortKey->type));
  }
  (d.onDemand ? onDemand_ : provisioned_)->setChecked(true);
  rcu_->setValue(static_cast<int>(d.readCapacity));
  wcu_->setValue(static_cast<int>(d.writeCapacity));
  tableClass_->setCurrentIndex(tableClass_->findData(QString::fromStdString(d.tableClass)));
  indexes_->setRowCount(0);
  for (const auto& ix : d.indexes) addIndexRow(ix);
  stream_->setCurrentIndex(stream_->findData(QString::fromStdString(d.streamViewType)));
  ttl_->setText(QString::fromStdString(d.ttlAttribute));
  tags_->setRowCount(0);
  for (const auto& [k, v] : d.tags) addTagRow(QString::fromStdString(k), QString::fromStdString(v));
  protection_->setChecked(d.deletionProtection);
  refresh();
}

void CreateTableDialog::refresh() {
  skName_->setEnabled(hasSort_->isChecked());
  skType_->setEnabled(hasSort_->isChecked());
  rcu_->setEnabled(provisioned_->isChecked());
  wcu_->setEnabled(provisioned_->isChecked());
  const TableDesign d = design();
  const QString nameProblem = name_->text().isEmpty() ? QString() : tableNameProblem(d.name);
  nameHint_->setText(nameProblem.isEmpty() ? tr("3–255 letters, digits, _ - or .") : nameProblem);
  nameHint_->setStyleSheet(nameProblem.isEmpty() ? "color: palette(mid);" : "color: #c0392b;");
  // Each picker offers every name the design knows but the ones its index
  // holds anyway (its own choice it keeps itself, so names typed there stay
  // removable), and is live only for an INCLUDE projection.
  for (int r = 0; r < indexes_->rowCount() && r < static_cast<int>(d.indexes.size()); ++r) {
    AttributePicker* picker = attributePicker(r);
    if (!picker) continue;
    picker->setAlwaysProjected(alwaysProjectedAttributes(d, d.indexes[r]));
    picker->setCandidates(knownAttributeNames(d, static_cast<std::size_t>(r)));
    picker->setEnabled(d.indexes[r].projection == "INCLUDE");
  }
  const QStringList problems = validate(d);
  json_->setPlainText(QString::fromStdString(createTableRequest(d).dump(2)));
  cli_->setPlainText(awsCliCommand(d, endpointUrl_));
  if (!sending_) {
    problems_->setStyleSheet("color: palette(mid);");
    problems_->setText(problems.isEmpty() ? tr("Ready to create.") : problems.first());
  }
  create_->setEnabled(problems.isEmpty() && !sending_);
}

void CreateTableDialog::submit() {
  const TableDesign d = design();
  if (!validate(d).isEmpty()) return;
  sending_ = true;
  create_->setEnabled(false);
  problems_->setStyleSheet({});
  problems_->setText(tr("Creating…"));
  runner_.run("CreateTable", createTableRequest(d), this, [this, d](Result<nlohmann::json> r) {
    sending_ = false;
    if (!r) {
      problems_->setStyleSheet("color: #c0392b;");
      problems_->setText(tr("The table was not created: %1").arg(QString::fromStdString(r.status().message())));
      create_->setEnabled(true);
      return;
    }
    const QString name = QString::fromStdString(d.name);
    if (d.ttlAttribute.empty()) {
      emit tableCreated(name);
      accept();
      return;
    }
    runner_.run("UpdateTimeToLive",
                {{"TableName", d.name}, {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", d.ttlAttribute}}}},
                this, [this, name](Result<nlohmann::json> ttl) {
                  emit tableCreated(name);
                  if (!ttl) {
                    problems_->setStyleSheet("color: #c0392b;");
                    problems_->setText(tr("The table was created, but its expiry (TTL) could not be turned on: %1")
                                           .arg(QString::fromStdString(ttl.status().message())));
                    create_->setText(tr("Close"));
                    create_->setEnabled(true);
                    disconnect(create_, nullptr, this, nullptr);
                    connect(create_, &QPushButton::clicked, this, &QDialog::accept);
                    return;
                  }
                  accept();
                });
  });
}

}  // namespace dynadesk::ui
