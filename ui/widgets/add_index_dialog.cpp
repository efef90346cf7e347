#include "widgets/add_index_dialog.h"

#include <algorithm>
#include <cmath>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLocale>
#include <QSplitter>
#include <QVBoxLayout>

#include "client/response_decoding.h"
#include "dynadesk/attribute_json.h"
#include "format/attribute_text.h"
#include "models/item_table_model.h"
#include "widgets/attribute_cell_delegate.h"
#include "widgets/side_by_side.h"
#include "widgets/theme.h"

namespace dynadesk::ui {

namespace {

QString problemStyle(const QPalette& palette) {
  return isDark(palette) ? QStringLiteral("color: #ff8a80;") : QStringLiteral("color: #c0392b;");
}

QString plural(std::size_t n, const QString& one, const QString& many) {
  return n == 1 ? one : many.arg(QLocale().toString(static_cast<qulonglong>(n)));
}

std::string jsonString(const nlohmann::json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

qulonglong jsonCount(const nlohmann::json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_number_unsigned() ? j[key].get<qulonglong>() : 0;
}

QString bytesText(double bytes) {
  return QLocale().formattedDataSize(static_cast<qint64>(bytes + 0.5), 1, QLocale::DataSizeTraditionalFormat);
}

QString unitsText(double units) {
  return QLocale().toString(units, 'f', units == std::floor(units) ? 0 : 2);
}

}  // namespace

QComboBox* AddIndexDialog::typeCombo() {
  auto* c = new QComboBox;
  c->addItem("S");
  c->addItem("N");
  c->addItem("B");
  c->setItemData(0, tr("String"), Qt::ToolTipRole);
  c->setItemData(1, tr("Number"), Qt::ToolTipRole);
  c->setItemData(2, tr("Binary"), Qt::ToolTipRole);
  connect(c, &QComboBox::currentTextChanged, this, &AddIndexDialog::refresh);
  return c;
}

QComboBox* AddIndexDialog::attributeCombo() {
  auto* c = new QComboBox;
  c->setEditable(true);
  c->setInsertPolicy(QComboBox::NoInsert);
  c->setMinimumContentsLength(16);
  c->lineEdit()->setPlaceholderText(tr("pick or type an attribute"));
  return c;
}

AddIndexDialog::AddIndexDialog(RequestRunner& runner, nlohmann::json table, QWidget* parent)
    : QDialog(parent), runner_(runner), table_(std::move(table)), keys_(tableKeysOf(table_)) {
  const QString tableName = QString::fromStdString(jsonString(table_, "TableName"));
  setWindowTitle(tr("Add a global index to %1").arg(tableName));
  setObjectName("addIndexDialog");

  // --- The index
  name_ = new QLineEdit;
  name_->setMaxLength(255);
  name_->setPlaceholderText(tr("e.g. GenreIndex"));
  nameHint_ = new QLabel;
  nameHint_->setWordWrap(true);
  pkName_ = attributeCombo();
  pkType_ = typeCombo();
  hasSort_ = new QCheckBox(tr("Sort key:"));
  skName_ = attributeCombo();
  skType_ = typeCombo();
  projection_ = new QComboBox;
  projection_->addItem(tr("ALL — every attribute"), "ALL");
  projection_->addItem(tr("KEYS_ONLY — the table's and the index's keys"), "KEYS_ONLY");
  projection_->addItem(tr("INCLUDE — the keys and chosen attributes"), "INCLUDE");
  picker_ = new AttributePicker;
  auto* indexBox = new QGroupBox(tr("Index"));
  auto* form = new QFormLayout(indexBox);
  form->addRow(tr("Name:"), name_);
  form->addRow(QString(), nameHint_);
  form->addRow(tr("Partition key:"), sideBySide(pkName_, pkType_));
  form->addRow(hasSort_, sideBySide(skName_, skType_));
  form->addRow(tr("Projection:"), projection_);
  form->addRow(tr("Included attributes:"), picker_);
  const TableDesign current = tableDesignOf(table_);
  if (!current.onDemand) {
    rcu_ = new QSpinBox;
    wcu_ = new QSpinBox;
    for (QSpinBox* s : {rcu_, wcu_}) s->setRange(1, 40000);
    rcu_->setValue(static_cast<int>(std::max<std::int64_t>(1, current.readCapacity)));
    wcu_->setValue(static_cast<int>(std::max<std::int64_t>(1, current.writeCapacity)));
    rcu_->setSuffix(tr(" read units"));
    wcu_->setSuffix(tr(" write units"));
    form->addRow(tr("Capacity:"), sideBySide(rcu_, wcu_));
    for (QSpinBox* s : {rcu_, wcu_}) connect(s, &QSpinBox::valueChanged, this, &AddIndexDialog::refresh);
  } else {
    auto* onDemand = new QLabel(tr("On-demand, like the table"));
    onDemand->setEnabled(false);
    form->addRow(tr("Capacity:"), onDemand);
  }

  // --- The preview's figures
  scanStatus_ = new QLabel;
  counts_ = new QLabel;
  size_ = new QLabel;
  writes_ = new QLabel;
  for (QLabel* l : {scanStatus_, counts_, size_, writes_}) {
    l->setWordWrap(true);
    l->setTextFormat(Qt::RichText);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
  }
  scanStatus_->setObjectName("scanStatus");
  auto* figuresBox = new QGroupBox(tr("Preview"));
  auto* figures = new QVBoxLayout(figuresBox);
  figures->addWidget(scanStatus_);
  figures->addWidget(counts_);
  figures->addWidget(size_);
  figures->addWidget(writes_);
  figures->addStretch(1);

  // --- The included items and the write costs
  sample_ = new QTableView;
  sample_->setModel(&sampleModel_);
  sample_->setItemDelegate(new AttributeCellDelegate(sample_));
  sample_->verticalHeader()->hide();
  sample_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  sample_->setSelectionBehavior(QAbstractItemView::SelectRows);
  sample_->horizontalHeader()->setStretchLastSection(true);
  sample_->setAlternatingRowColors(true);
  auto* sampleBox = new QGroupBox(tr("Items in the index (as it would store them)"));
  auto* sampleLayout = new QVBoxLayout(sampleBox);
  sampleEmpty_ = new QLabel;
  sampleEmpty_->setAlignment(Qt::AlignCenter);
  sampleEmpty_->setWordWrap(true);
  sampleEmpty_->setEnabled(false);
  sampleStack_ = new QStackedWidget;
  sampleStack_->addWidget(sampleEmpty_);
  sampleStack_->addWidget(sample_);
  sampleLayout->addWidget(sampleStack_);

  amplification_ = new QTableWidget(0, 3);
  amplification_->setHorizontalHeaderLabels({tr("Table write"), tr("Index writes"), tr("Extra write units")});
  amplification_->verticalHeader()->hide();
  amplification_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  amplification_->setSelectionMode(QAbstractItemView::NoSelection);
  amplification_->setWordWrap(true);
  amplification_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  amplification_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  amplification_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  auto* writesBox = new QGroupBox(tr("Write amplification"));
  auto* writesLayout = new QVBoxLayout(writesBox);
  writesEmpty_ = new QLabel(tr("Once a partition key is chosen, this shows the index writes each kind of table "
                               "write adds, and what they cost."));
  writesEmpty_->setAlignment(Qt::AlignCenter);
  writesEmpty_->setWordWrap(true);
  writesEmpty_->setEnabled(false);
  writesStack_ = new QStackedWidget;
  writesStack_->addWidget(writesEmpty_);
  writesStack_->addWidget(amplification_);
  writesLayout->addWidget(writesStack_);

  problems_ = new QLabel;
  problems_->setObjectName("problems");
  problems_->setWordWrap(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
  create_ = buttons->addButton(tr("Create index"), QDialogButtonBox::AcceptRole);
  create_->setDefault(true);
  buttons->button(QDialogButtonBox::Cancel)->setAutoDefault(false);

  auto* top = new QHBoxLayout;
  top->addWidget(indexBox, 3);
  top->addWidget(figuresBox, 2);
  auto* split = new QSplitter;
  split->addWidget(sampleBox);
  split->addWidget(writesBox);
  split->setStretchFactor(0, 5);
  split->setStretchFactor(1, 4);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(split, 1);
  layout->addWidget(problems_);
  layout->addWidget(buttons);
  resize(1180, 760);

  // The table's own keys and the keys of its indexes are attributes too, even
  // before a single item has been scanned.
  const nlohmann::json defs = table_.is_object() ? table_.value("AttributeDefinitions", nlohmann::json()) : nlohmann::json();
  for (const auto& d : defs.is_array() ? defs : nlohmann::json::array()) {
    const std::string n = jsonString(d, "AttributeName");
    if (!n.empty()) scalarTypes_[n];
  }

  previewTimer_.setSingleShot(true);
  previewTimer_.setInterval(150);
  connect(&previewTimer_, &QTimer::timeout, this, &AddIndexDialog::updatePreview);
  connect(name_, &QLineEdit::textChanged, this, &AddIndexDialog::refresh);
  connect(pkName_, &QComboBox::currentTextChanged, this, [this] { noteKeyChoice(pkName_, pkType_); });
  connect(skName_, &QComboBox::currentTextChanged, this, [this] { noteKeyChoice(skName_, skType_); });
  connect(hasSort_, &QCheckBox::toggled, this, &AddIndexDialog::refresh);
  connect(projection_, &QComboBox::currentIndexChanged, this, &AddIndexDialog::refresh);
  connect(picker_, &AttributePicker::chosenChanged, this, &AddIndexDialog::refresh);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(create_, &QPushButton::clicked, this, &AddIndexDialog::submit);

  pkName_->setCurrentText(QString());
  skName_->setCurrentText(QString());
  refresh();
  scanning_ = true;
  scanFrom(std::nullopt);
}

void AddIndexDialog::scanFrom(std::optional<Item> startKey) {
  nlohmann::json request{{"TableName", jsonString(table_, "TableName")}};
  if (startKey) request["ExclusiveStartKey"] = toJson(*startKey);
  runner_.runPrepared<ItemPage>(
      "Scan", std::move(request), this, [](const nlohmann::json& r) { return itemPageFrom(r); },
      [this](Result<ItemPage> page) {
        if (!page) {
          scanning_ = false;
          scanError_ = QString::fromStdString(page.status().message());
          refresh();
          updatePreview();
          emit scanFinished();
          return;
        }
        for (auto& item : page->items) {
          if (items_.size() >= kPreviewItemCap) {
            capped_ = true;
            break;
          }
          for (const auto& [name, value] : item) {
            if (value.is(AttrType::S) || value.is(AttrType::N) || value.is(AttrType::B)) {
              ++scalarTypes_[name][std::string(attrTypeName(value.type()))];
            } else {
              scalarTypes_[name];
            }
          }
          items_.push_back(std::move(item));
        }
        if (page->lastEvaluatedKey && items_.size() >= kPreviewItemCap) capped_ = true;
        // The attribute lists follow what has been seen so far.
        for (QComboBox* combo : {pkName_, skName_}) {
          const QString typed = combo->currentText();
          QSignalBlocker block(combo);
          combo->clear();
          for (const auto& [name, types] : scalarTypes_) {
            combo->addItem(QString::fromStdString(name));
            QStringList seen;
            for (const auto& [type, count] : types) seen << tr("%1 in %2 items").arg(QString::fromStdString(type)).arg(count);
            combo->setItemData(combo->count() - 1, seen.isEmpty() ? tr("Not a string, number or binary in the items scanned")
                                                                   : seen.join(", "),
                               Qt::ToolTipRole);
          }
          combo->setCurrentText(typed);
        }
        if (page->lastEvaluatedKey && !capped_) {
          refresh();
          scanFrom(std::move(page->lastEvaluatedKey));
          return;
        }
        scanning_ = false;
        refresh();
        updatePreview();
        emit scanFinished();
      });
}

void AddIndexDialog::noteKeyChoice(QComboBox* name, QComboBox* type) {
  const std::string n = name->currentText().trimmed().toStdString();
  const std::string defined = definedType(table_, n);
  QSignalBlocker block(type);
  if (!defined.empty()) {
    // The table already keys on it: DynamoDB keeps one type per attribute.
    type->setCurrentText(QString::fromStdString(defined));
    type->setEnabled(false);
    type->setToolTip(tr("The table defines %1 as %2").arg(QString::fromStdString(n), QString::fromStdString(defined)));
  } else {
    type->setEnabled(true);
    type->setToolTip(QString());
    auto it = scalarTypes_.find(n);
    if (it != scalarTypes_.end() && !it->second.empty()) {
      auto most = std::max_element(it->second.begin(), it->second.end(),
                                   [](const auto& a, const auto& b) { return a.second < b.second; });
      type->setCurrentText(QString::fromStdString(most->first));
    }
  }
  refresh();
}

IndexDesign AddIndexDialog::design() const {
  IndexDesign d;
  d.global = true;
  d.name = name_->text().trimmed().toStdString();
  d.partitionKey = {pkName_->currentText().trimmed().toStdString(), pkType_->currentText().toStdString()};
  if (hasSort_->isChecked()) d.sortKey = KeyDesign{skName_->currentText().trimmed().toStdString(), skType_->currentText().toStdString()};
  d.projection = projection_->currentData().toString().toStdString();
  if (d.projection == "INCLUDE") {
    for (const QString& a : picker_->chosen()) d.nonKeyAttributes.push_back(a.toStdString());
  }
  if (rcu_) {
    d.readCapacity = rcu_->value();
    d.writeCapacity = wcu_->value();
  }
  return d;
}

void AddIndexDialog::setDesign(const IndexDesign& d) {
  name_->setText(QString::fromStdString(d.name));
  pkName_->setCurrentText(QString::fromStdString(d.partitionKey.name));
  if (pkType_->isEnabled()) pkType_->setCurrentText(QString::fromStdString(d.partitionKey.type));
  hasSort_->setChecked(d.sortKey.has_value());
  skName_->setCurrentText(d.sortKey ? QString::fromStdString(d.sortKey->name) : QString());
  if (d.sortKey && skType_->isEnabled()) skType_->setCurrentText(QString::fromStdString(d.sortKey->type));
  projection_->setCurrentIndex(projection_->findData(QString::fromStdString(d.projection)));
  QStringList include;
  for (const auto& a : d.nonKeyAttributes) include << QString::fromStdString(a);
  picker_->setChosen(include);
  if (rcu_) {
    rcu_->setValue(static_cast<int>(d.readCapacity));
    wcu_->setValue(static_cast<int>(d.writeCapacity));
  }
  refresh();
}

QStringList AddIndexDialog::problems() const { return newIndexProblems(table_, design()); }

void AddIndexDialog::refresh() {
  skName_->setEnabled(hasSort_->isChecked());
  skType_->setEnabled(hasSort_->isChecked() && definedType(table_, skName_->currentText().trimmed().toStdString()).empty());
  const IndexDesign d = design();
  const QString name = name_->text();
  const QString nameProblem = name.isEmpty() ? QString()
                              : name.size() < 3 || name.size() > 255 ? tr("Index names are 3 to 255 characters long.")
                              : tableNameProblem(d.name);
  nameHint_->setText(nameProblem.isEmpty() ? tr("3–255 letters, digits, _ - or .") : nameProblem);
  nameHint_->setStyleSheet(nameProblem.isEmpty() ? "color: palette(mid);" : problemStyle(palette()));

  // The picker offers every attribute seen, except the ones the index holds anyway.
  QStringList always;
  const std::initializer_list<const std::string*> alwaysNames = {
      &keys_.partitionKey.name, keys_.sortKey ? &keys_.sortKey->name : nullptr, &d.partitionKey.name,
      d.sortKey ? &d.sortKey->name : nullptr};
  for (const std::string* n : alwaysNames) {
    if (n && !n->empty() && !always.contains(QString::fromStdString(*n))) always << QString::fromStdString(*n);
  }
  QStringList candidates;
  for (const auto& [n, types] : scalarTypes_) candidates << QString::fromStdString(n);
  picker_->setAlwaysProjected(always);
  picker_->setCandidates(candidates);
  picker_->setEnabled(d.projection == "INCLUDE");

  QString scan;
  const QString count = QLocale().toString(static_cast<qulonglong>(items_.size()));
  if (!scanError_.isEmpty()) {
    scan = tr("<span style='%1'>The table could not be read (%2); the preview covers the %3 items read before.</span>")
               .arg(problemStyle(palette()), scanError_.toHtmlEscaped(), count);
  } else if (scanning_) {
    scan = tr("Reading the table… %1 items so far.").arg(count);
  } else if (capped_) {
    scan = tr("<b>Preview of the first %1 items only.</b> The table has more (about %2); the figures below are for "
              "those %1, so expect the real index to be larger.")
               .arg(count, QLocale().toString(jsonCount(table_, "ItemCount")));
  } else {
    scan = tr("Read the whole table: %1.").arg(plural(items_.size(), tr("1 item"), tr("%1 items")));
  }
  scanStatus_->setText(scan);

  const QStringList problems = newIndexProblems(table_, d);
  if (!sending_) {
    // An unfinished form is guidance, not an error.
    const bool unfinished = d.name.empty() || d.partitionKey.name.empty() || (d.sortKey && d.sortKey->name.empty());
    problems_->setStyleSheet(problems.isEmpty() ? QString()
                             : unfinished       ? QStringLiteral("color: palette(mid);")
                                                : problemStyle(palette()));
    problems_->setText(problems.isEmpty() ? tr("Ready to create. Creating builds the index in the background; you "
                                               "can keep working meanwhile.")
                                          : problems.first());
  }
  create_->setEnabled(problems.isEmpty() && !sending_);
  previewTimer_.start();
}

void AddIndexDialog::updatePreview() {
  previewTimer_.stop();
  previewed_ = design();
  preview_ = previewIndex(items_, keys_, previewed_);
  const IndexPreview& p = preview_;
  if (previewed_.partitionKey.name.empty()) {
    counts_->setText(tr("Choose a partition key to see which items the index would hold."));
    size_->clear();
    writes_->clear();
  } else {
    QStringList why;
    const QString keyNames = QString::fromStdString(previewed_.partitionKey.name) +
                             (previewed_.sortKey ? tr(" or ") + QString::fromStdString(previewed_.sortKey->name) : QString());
    if (p.missingKey) why << tr("%1 lack %2").arg(QLocale().toString(qulonglong(p.missingKey)), keyNames.toHtmlEscaped());
    if (p.wrongType) why << tr("%1 have it with another type").arg(QLocale().toString(qulonglong(p.wrongType)));
    if (p.invalidValue) {
      why << tr("%1 have an empty or over-long key value").arg(QLocale().toString(qulonglong(p.invalidValue)));
    }
    QString text = tr("<b>%1</b> in the index · <b>%2</b> left out")
                       .arg(QLocale().toString(qulonglong(p.itemsIn)), QLocale().toString(qulonglong(p.itemsLeftOut())));
    if (!why.isEmpty()) text += " (" + why.join(", ") + ")";
    counts_->setText(text);
    size_->setText(p.itemsIn == 0 ? tr("Estimated size: empty.")
                                  : tr("Estimated size (IndexSizeBytes): <b>%1</b> (%2 bytes), %3 per item on average.")
                                        .arg(bytesText(double(p.sizeBytes)), QLocale().toString(qulonglong(p.sizeBytes)),
                                             bytesText(p.averageEntryBytes)));
    if (p.itemsIn == 0) {
      writes_->setText(tr("Backfill: nothing to write."));
    } else {
      auto units = [](double u) {
        return u == 1.0 ? tr("1 write unit") : tr("%1 write units").arg(unitsText(u));
      };
      writes_->setText(tr("Backfill writes %1 (%2 in all). A write of an indexed item costs on average %3 in the "
                          "table plus %4 in this index.")
                           .arg(plural(p.itemsIn, tr("1 entry"), tr("%1 entries")),
                                units(double(p.backfillUnits)), units(p.averageTableUnits), units(p.averageEntryUnits)));
    }
  }
  showSample();
  showAmplification();
  emit previewUpdated();
}

void AddIndexDialog::showSample() {
  sampleModel_.clear();
  const IndexDesign& d = previewed_;
  if (d.partitionKey.name.empty() || preview_.itemsIn == 0) {
    sampleEmpty_->setText(d.partitionKey.name.empty()
                              ? tr("Choose a partition key to see the items the index would hold.")
                          : scanning_ ? tr("No item read so far would be in the index.")
                                      : tr("No item would be in the index: none has %1 as a non-empty %2%3.")
                                            .arg(QString::fromStdString(d.partitionKey.name),
                                                 QString::fromStdString(d.partitionKey.type),
                                                 d.sortKey ? tr(" together with %1 as %2")
                                                                 .arg(QString::fromStdString(d.sortKey->name),
                                                                      QString::fromStdString(d.sortKey->type))
                                                           : QString()));
    sampleStack_->setCurrentWidget(sampleEmpty_);
    return;
  }
  sampleStack_->setCurrentWidget(sample_);
  // Columns: the index's keys, the table's keys, then other attributes in the order first seen.
  std::vector<std::string> columns;
  auto addColumn = [&](const std::string& n) {
    if (!n.empty() && std::find(columns.begin(), columns.end(), n) == columns.end()) columns.push_back(n);
  };
  addColumn(d.partitionKey.name);
  if (d.sortKey) addColumn(d.sortKey->name);
  const std::size_t keyColumns = columns.size();
  addColumn(keys_.partitionKey.name);
  if (keys_.sortKey) addColumn(keys_.sortKey->name);
  std::vector<Item> rows;
  for (std::size_t i = 0; i < preview_.included.size() && rows.size() < std::size_t(kSampleRows); ++i) {
    rows.push_back(projectForIndex(items_[preview_.included[i]], keys_, d));
    for (const auto& [n, v] : rows.back()) addColumn(n);
  }
  sampleModel_.setColumnCount(static_cast<int>(columns.size()));
  for (std::size_t c = 0; c < columns.size(); ++c) {
    auto* header = new QStandardItem(QString::fromStdString(columns[c]));
    if (c < keyColumns) {
      QFont f = font();
      f.setBold(true);
      header->setFont(f);
      header->setToolTip(c == 0 ? tr("The index's partition key") : tr("The index's sort key"));
    }
    sampleModel_.setHorizontalHeaderItem(static_cast<int>(c), header);
  }
  // Column widths from the text shown (with room for the type badge), so
  // short values are not cut and one long value does not take the grid.
  const QFontMetrics fm(sample_->font());
  std::vector<int> widths(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    QFont f = sample_->font();
    f.setBold(true);
    widths[c] = QFontMetrics(f).horizontalAdvance(QString::fromStdString(columns[c])) + 24;
  }
  for (const Item& item : rows) {
    QList<QStandardItem*> cells;
    for (const auto& n : columns) {
      auto* cell = new QStandardItem;
      auto it = item.find(n);
      if (it != item.end()) {
        cell->setText(compactText(it->second));
        cell->setData(typeCode(it->second.type()), ItemTableModel::TypeCodeRole);
        cell->setToolTip(tooltipText(it->second));
        const std::size_t c = static_cast<std::size_t>(cells.size());
        widths[c] = std::max(widths[c], fm.horizontalAdvance(cell->text()) + fm.horizontalAdvance("BOOL") + 26);
      }
      cells << cell;
    }
    sampleModel_.appendRow(cells);
  }
  for (std::size_t c = 0; c < columns.size(); ++c) sample_->setColumnWidth(static_cast<int>(c), std::min(widths[c], 260));
}

void AddIndexDialog::showAmplification() {
  const auto& rows = preview_.amplification;
  const bool hasKey = !previewed_.partitionKey.name.empty();
  amplification_->setRowCount(hasKey ? static_cast<int>(rows.size()) : 0);
  writesStack_->setCurrentWidget(hasKey ? static_cast<QWidget*>(amplification_) : writesEmpty_);
  if (!hasKey) return;
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    const WriteKindCost& w = rows[static_cast<std::size_t>(r)];
    auto* what = new QTableWidgetItem(w.write);
    what->setToolTip(w.write);
    auto* writes = new QTableWidgetItem(w.indexWrites == 0 ? tr("none") : QString::number(w.indexWrites));
    auto* units = new QTableWidgetItem(w.indexWrites == 0 ? QStringLiteral("0") : tr("+%1").arg(unitsText(w.units)));
    writes->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    units->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    amplification_->setItem(r, 0, what);
    amplification_->setItem(r, 1, writes);
    amplification_->setItem(r, 2, units);
  }
  amplification_->resizeRowsToContents();
}

void AddIndexDialog::submit() {
  const IndexDesign d = design();
  if (!newIndexProblems(table_, d).isEmpty()) return;
  sending_ = true;
  create_->setEnabled(false);
  problems_->setStyleSheet({});
  problems_->setText(tr("Creating…"));
  runner_.run("UpdateTable", createIndexRequest(table_, d), this, [this, d](Result<nlohmann::json> r) {
    sending_ = false;
    if (!r) {
      problems_->setStyleSheet(problemStyle(palette()));
      problems_->setText(tr("The index was not created: %1").arg(QString::fromStdString(r.status().message())));
      create_->setEnabled(true);
      return;
    }
    emit indexCreated(QString::fromStdString(d.name));
    accept();
  });
}

}  // namespace dynadesk::ui
