#include "widgets/query_form.h"

#include <QGridLayout>
#include <QHBoxLayout>

namespace dynadesk::ui {

namespace {

QString keyText(const TableShape& shape, const std::string& name) {
  auto it = shape.attributeTypes.find(name);
  const QString type = it == shape.attributeTypes.end() ? QString() : QString::fromStdString(it->second);
  return type.isEmpty() ? QString::fromStdString(name) : QStringLiteral("%1 (%2)").arg(QString::fromStdString(name), type);
}

QString keyTypeOf(const TableShape& shape, const std::string& name) {
  auto it = shape.attributeTypes.find(name);
  return it == shape.attributeTypes.end() ? QStringLiteral("S") : QString::fromStdString(it->second);
}

QLabel* fieldLabel(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return label;
}

}  // namespace

QueryForm::QueryForm(QWidget* parent) : QWidget(parent) {
  scan_ = new QPushButton(tr("Scan"), this);
  query_ = new QPushButton(tr("Query"), this);
  scan_->setToolTip(tr("Read every item of the table or index, then apply the filter"));
  query_->setToolTip(tr("Read only the items of one partition key value, optionally narrowed by the sort key"));
  for (QPushButton* b : {scan_, query_}) {
    b->setCheckable(true);
    b->setAutoDefault(false);
  }
  kind_ = new QButtonGroup(this);
  kind_->setExclusive(true);
  kind_->addButton(scan_);
  kind_->addButton(query_);
  scan_->setChecked(true);
  index_ = new QComboBox(this);
  index_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  index_->setToolTip(tr("Read the table itself or one of its secondary indexes"));

  auto* kindRow = new QHBoxLayout;
  kindRow->setSpacing(0);
  kindRow->addWidget(scan_);
  kindRow->addWidget(query_);
  kindRow->addSpacing(10);
  kindRow->addWidget(new QLabel(tr("on"), this));
  kindRow->addSpacing(6);
  kindRow->addWidget(index_);
  kindRow->addStretch(1);

  keyBox_ = new QWidget(this);
  partitionLabel_ = new QLabel(keyBox_);
  partitionValue_ = new TypedValueEditor(keyBox_);
  partitionValue_->setTypeLocked(true);
  sortLabel_ = new QLabel(keyBox_);
  sortOperator_ = new QComboBox(keyBox_);
  sortOperator_->addItem(tr("any value"), -1);
  sortOperator_->addItem(QStringLiteral("="), static_cast<int>(KeyOperator::Equal));
  sortOperator_->addItem(QStringLiteral("<"), static_cast<int>(KeyOperator::Less));
  sortOperator_->addItem(QStringLiteral("≤"), static_cast<int>(KeyOperator::LessOrEqual));
  sortOperator_->addItem(QStringLiteral(">"), static_cast<int>(KeyOperator::Greater));
  sortOperator_->addItem(QStringLiteral("≥"), static_cast<int>(KeyOperator::GreaterOrEqual));
  sortOperator_->addItem(tr("between"), static_cast<int>(KeyOperator::Between));
  sortOperator_->addItem(tr("begins with"), static_cast<int>(KeyOperator::BeginsWith));
  sortValue_ = new TypedValueEditor(keyBox_);
  sortValue_->setTypeLocked(true);
  sortAnd_ = new QLabel(tr("and"), keyBox_);
  sortValueHigh_ = new TypedValueEditor(keyBox_);
  sortValueHigh_->setTypeLocked(true);
  auto* keyGrid = new QGridLayout(keyBox_);
  keyGrid->setContentsMargins(0, 0, 0, 0);
  keyGrid->setHorizontalSpacing(6);
  keyGrid->addWidget(partitionLabel_, 0, 0);
  keyGrid->addWidget(new QLabel(QStringLiteral("="), keyBox_), 0, 1, Qt::AlignCenter);
  keyGrid->addWidget(partitionValue_, 0, 2, 1, 3);
  keyGrid->addWidget(sortLabel_, 1, 0);
  keyGrid->addWidget(sortOperator_, 1, 1);
  keyGrid->addWidget(sortValue_, 1, 2);
  keyGrid->addWidget(sortAnd_, 1, 3);
  keyGrid->addWidget(sortValueHigh_, 1, 4);
  keyGrid->setColumnStretch(2, 1);
  keyGrid->setColumnStretch(4, 1);

  auto* rowsBox = new QWidget(this);
  rowsLayout_ = new QVBoxLayout(rowsBox);
  rowsLayout_->setContentsMargins(0, 0, 0, 0);
  rowsLayout_->setSpacing(4);
  noFilters_ = new QLabel(tr("No filter: every item the read reaches is returned."), rowsBox);
  noFilters_->setEnabled(false);
  rowsLayout_->addWidget(noFilters_);
  addFilter_ = new QPushButton(tr("Add filter"), this);
  addFilter_->setAutoDefault(false);
  addFilter_->setToolTip(tr("Add a condition on any attribute; a filter runs after the read, so it saves no capacity"));
  match_ = new QComboBox(this);
  match_->addItem(tr("Match all filters (AND)"), false);
  match_->addItem(tr("Match any filter (OR)"), true);
  match_->setVisible(false);  // shown once there are two filters to join
  auto* filterButtons = new QHBoxLayout;
  filterButtons->addWidget(addFilter_);
  filterButtons->addWidget(match_);
  filterButtons->addStretch(1);
  auto* filterColumn = new QVBoxLayout;
  filterColumn->setSpacing(4);
  filterColumn->addWidget(rowsBox);
  filterColumn->addLayout(filterButtons);

  projection_ = new QLineEdit(this);
  projection_->setPlaceholderText(tr("all attributes (or list them: title, info.rating, tags[0])"));
  projection_->setClearButtonEnabled(true);
  projection_->setToolTip(tr("ProjectionExpression: the attribute paths to return, separated by commas"));

  orderLabel_ = new QLabel(tr("Order"), this);
  order_ = new QComboBox(this);
  order_->addItem(tr("Ascending"), true);
  order_->addItem(tr("Descending"), false);
  order_->setToolTip(tr("Sort key order of a Query's results (ScanIndexForward)"));
  pageSize_ = new QSpinBox(this);
  pageSize_->setRange(0, 1000000);
  pageSize_->setSpecialValueText(tr("no limit"));
  pageSize_->setToolTip(tr("Limit: the most items each request reads (before the filter); 0 for no limit"));
  fetchAll_ = new QCheckBox(tr("Fetch all pages"), this);
  fetchAll_->setToolTip(tr("Keep reading until DynamoDB returns no LastEvaluatedKey; otherwise the next page loads as you scroll"));
  consistent_ = new QCheckBox(tr("Consistent read"), this);
  segmentsLabel_ = new QLabel(tr("Segments"), this);
  segments_ = new QSpinBox(this);
  segments_->setRange(1, 1000);
  segments_->setToolTip(tr("Parallel scan: TotalSegments; each segment is read by its own request"));
  auto* options = new QHBoxLayout;
  options->setSpacing(6);
  options->addWidget(orderLabel_);
  options->addWidget(order_);
  options->addSpacing(12);
  options->addWidget(new QLabel(tr("Page size"), this));
  options->addWidget(pageSize_);
  options->addSpacing(12);
  options->addWidget(fetchAll_);
  options->addSpacing(12);
  options->addWidget(consistent_);
  options->addSpacing(12);
  options->addWidget(segmentsLabel_);
  options->addWidget(segments_);
  options->addStretch(1);

  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(10, 8, 10, 8);
  grid->setHorizontalSpacing(10);
  grid->setVerticalSpacing(8);
  grid->addWidget(fieldLabel(tr("Operation"), this), 0, 0);
  grid->addLayout(kindRow, 0, 1);
  grid->addWidget(fieldLabel(tr("Key"), this), 1, 0, Qt::AlignRight | Qt::AlignTop);
  grid->addWidget(keyBox_, 1, 1);
  grid->addWidget(fieldLabel(tr("Filter"), this), 2, 0, Qt::AlignRight | Qt::AlignTop);
  grid->addLayout(filterColumn, 2, 1);
  grid->addWidget(fieldLabel(tr("Return"), this), 3, 0);
  grid->addWidget(projection_, 3, 1);
  grid->addWidget(fieldLabel(tr("Options"), this), 4, 0);
  grid->addLayout(options, 4, 1);
  grid->setColumnStretch(1, 1);
  keyLabel_ = qobject_cast<QLabel*>(grid->itemAtPosition(1, 0)->widget());

  connect(kind_, &QButtonGroup::buttonToggled, this, [this](QAbstractButton*, bool checked) {
    if (!checked) return;
    updateKindFields();
    emit changed();
  });
  connect(index_, &QComboBox::currentIndexChanged, this, [this] {
    updateKeyFields();
    emit changed();
  });
  connect(sortOperator_, &QComboBox::currentIndexChanged, this, [this] {
    updateKeyFields();
    emit changed();
  });
  for (TypedValueEditor* e : {partitionValue_, sortValue_, sortValueHigh_}) {
    connect(e, &TypedValueEditor::changed, this, &QueryForm::changed);
    connect(e, &TypedValueEditor::submitted, this, &QueryForm::submitted);
  }
  connect(addFilter_, &QPushButton::clicked, this, [this] { addFilterRow()->pathEdit()->setFocus(); });
  connect(match_, &QComboBox::currentIndexChanged, this, &QueryForm::changed);
  connect(projection_, &QLineEdit::textChanged, this, &QueryForm::changed);
  connect(projection_, &QLineEdit::returnPressed, this, &QueryForm::submitted);
  connect(order_, &QComboBox::currentIndexChanged, this, &QueryForm::changed);
  connect(pageSize_, &QSpinBox::valueChanged, this, &QueryForm::changed);
  connect(fetchAll_, &QCheckBox::toggled, this, &QueryForm::changed);
  connect(consistent_, &QCheckBox::toggled, this, &QueryForm::changed);
  connect(segments_, &QSpinBox::valueChanged, this, &QueryForm::changed);
  updateKindFields();
}

bool QueryForm::isQuery() const { return query_->isChecked(); }

std::string QueryForm::currentIndex() const { return index_->currentData().toString().toStdString(); }

void QueryForm::setTable(const TableShape& shape) {
  const bool sameTable = shape.name == shape_.name;
  const std::string keepIndex = currentIndex();
  shape_ = shape;
  rebuildIndexBox();
  if (sameTable) {
    const int i = index_->findData(QString::fromStdString(keepIndex));
    if (i >= 0) index_->setCurrentIndex(i);
  } else {
    clear();
  }
  updateKeyFields();
}

void QueryForm::setKnownAttributes(const QStringList& names) {
  knownAttributes_ = names;
  for (FilterRowEditor* row : rows_) row->setKnownAttributes(names);
}

void QueryForm::rebuildIndexBox() {
  const QSignalBlocker block(index_);
  index_->clear();
  QString tableKeys = QString::fromStdString(shape_.partitionKey);
  if (!shape_.sortKey.empty()) tableKeys += QStringLiteral(", ") + QString::fromStdString(shape_.sortKey);
  index_->addItem(tr("table %1 (%2)").arg(QString::fromStdString(shape_.name), tableKeys), QString());
  for (const IndexShape& index : shape_.indexes) {
    QString keys = QString::fromStdString(index.partitionKey);
    if (!index.sortKey.empty()) keys += QStringLiteral(", ") + QString::fromStdString(index.sortKey);
    index_->addItem(tr("%1 %2 (%3)").arg(index.global ? tr("global index") : tr("local index"),
                                         QString::fromStdString(index.name), keys),
                    QString::fromStdString(index.name));
  }
}

void QueryForm::updateKindFields() {
  const bool query = isQuery();
  keyBox_->setVisible(query);
  if (keyLabel_) keyLabel_->setVisible(query);
  orderLabel_->setVisible(query);
  order_->setVisible(query);
  segmentsLabel_->setVisible(!query);
  segments_->setVisible(!query);
  updateKeyFields();
}

void QueryForm::updateKeyFields() {
  const IndexShape* index = findIndex(shape_, currentIndex());
  const std::string pk = index ? index->partitionKey : shape_.partitionKey;
  const std::string sk = index ? index->sortKey : shape_.sortKey;
  partitionLabel_->setText(keyText(shape_, pk));
  partitionValue_->setTypeCode(keyTypeOf(shape_, pk));
  partitionValue_->setPlaceholderText(tr("the partition key value (required)"));
  const bool hasSort = !sk.empty();
  sortLabel_->setText(keyText(shape_, sk));
  for (QWidget* w : std::initializer_list<QWidget*>{sortLabel_, sortOperator_}) w->setVisible(hasSort);
  const int op = sortOperator_->currentData().toInt();
  sortValue_->setVisible(hasSort && op >= 0);
  const bool between = op == static_cast<int>(KeyOperator::Between);
  sortAnd_->setVisible(hasSort && between);
  sortValueHigh_->setVisible(hasSort && between);
  sortValue_->setTypeCode(keyTypeOf(shape_, sk));
  sortValueHigh_->setTypeCode(keyTypeOf(shape_, sk));

  std::string reason;
  const bool consistentOk = consistentReadAllowed(shape_, currentIndex(), &reason);
  consistent_->setEnabled(consistentOk);
  if (!consistentOk) consistent_->setChecked(false);
  consistent_->setToolTip(consistentOk ? tr("Read the latest committed data (costs twice the read capacity)")
                                       : QString::fromStdString(reason));
}

FilterRowEditor* QueryForm::addFilterRow() {
  auto* row = new FilterRowEditor(this);
  row->setKnownAttributes(knownAttributes_);
  rows_.push_back(row);
  rowsLayout_->addWidget(row);
  noFilters_->setVisible(false);
  match_->setVisible(rows_.size() > 1);
  connect(row, &FilterRowEditor::changed, this, &QueryForm::changed);
  connect(row, &FilterRowEditor::submitted, this, &QueryForm::submitted);
  connect(row, &FilterRowEditor::removeRequested, this, [this, row] { removeFilterRow(row); });
  emit changed();
  return row;
}

void QueryForm::removeFilterRow(FilterRowEditor* row) {
  rows_.erase(std::remove(rows_.begin(), rows_.end(), row), rows_.end());
  row->hide();
  row->deleteLater();
  noFilters_->setVisible(rows_.empty());
  match_->setVisible(rows_.size() > 1);
  emit changed();
}

Result<OperationSpec> QueryForm::spec() const {
  OperationSpec spec;
  spec.kind = isQuery() ? OperationKind::Query : OperationKind::Scan;
  spec.table = shape_.name;
  spec.index = currentIndex();
  if (spec.kind == OperationKind::Query) {
    // An empty field means no value yet; buildRequest() names the missing key.
    if (!partitionValue_->text().isEmpty()) {
      auto pv = partitionValue_->value();
      if (!pv) return Status::validation(tr("Partition key %1: %2").arg(partitionLabel_->text(),
                                                                         QString::fromStdString(pv.status().message())).toStdString());
      spec.partitionValue = std::move(*pv);
    }
    const int op = sortOperator_->currentData().toInt();
    if (!sortLabel_->isHidden() && op >= 0) {
      spec.sortOperator = static_cast<KeyOperator>(op);
      auto low = sortValue_->value();
      if (!low) return Status::validation(tr("Sort key %1: %2").arg(sortLabel_->text(),
                                                                     QString::fromStdString(low.status().message())).toStdString());
      spec.sortValues.push_back(std::move(*low));
      if (spec.sortOperator == KeyOperator::Between) {
        auto high = sortValueHigh_->value();
        if (!high) return Status::validation(tr("Sort key %1: %2").arg(sortLabel_->text(),
                                                                        QString::fromStdString(high.status().message())).toStdString());
        spec.sortValues.push_back(std::move(*high));
      }
    }
    spec.ascending = order_->currentData().toBool();
  } else {
    spec.totalSegments = segments_->value();
  }
  for (const FilterRowEditor* row : rows_) {
    DYNADESK_ASSIGN_OR_RETURN(FilterRow filter, row->row());
    spec.filters.push_back(std::move(filter));
  }
  spec.matchAny = match_->currentData().toBool();
  for (const QString& path : projection_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    if (!path.trimmed().isEmpty()) spec.projection.push_back(path.trimmed().toStdString());
  }
  spec.pageSize = pageSize_->value();
  spec.fetchAllPages = fetchAll_->isChecked();
  spec.consistentRead = consistent_->isEnabled() && consistent_->isChecked();
  return spec;
}

void QueryForm::setSpec(const OperationSpec& spec) {
  (spec.kind == OperationKind::Query ? query_ : scan_)->setChecked(true);
  const int i = index_->findData(QString::fromStdString(spec.index));
  index_->setCurrentIndex(i >= 0 ? i : 0);
  updateKindFields();
  partitionValue_->setText(QString());
  if (spec.partitionValue) partitionValue_->setValue(*spec.partitionValue);
  const int op = spec.sortOperator ? sortOperator_->findData(static_cast<int>(*spec.sortOperator)) : 0;
  sortOperator_->setCurrentIndex(op >= 0 ? op : 0);
  sortValue_->setText(QString());
  sortValueHigh_->setText(QString());
  if (!spec.sortValues.empty()) sortValue_->setValue(spec.sortValues[0]);
  if (spec.sortValues.size() > 1) sortValueHigh_->setValue(spec.sortValues[1]);
  updateKeyFields();
  while (!rows_.empty()) removeFilterRow(rows_.back());
  for (const FilterRow& filter : spec.filters) addFilterRow()->setRow(filter);
  match_->setCurrentIndex(spec.matchAny ? 1 : 0);
  QStringList paths;
  for (const std::string& p : spec.projection) paths << QString::fromStdString(p);
  projection_->setText(paths.join(QStringLiteral(", ")));
  order_->setCurrentIndex(spec.ascending ? 0 : 1);
  pageSize_->setValue(spec.pageSize);
  fetchAll_->setChecked(spec.fetchAllPages);
  consistent_->setChecked(spec.consistentRead && consistent_->isEnabled());
  segments_->setValue(std::max(1, spec.totalSegments));
  emit changed();
}

void QueryForm::clear() {
  OperationSpec plain;
  plain.table = shape_.name;
  setSpec(plain);
}

}  // namespace dynadesk::ui
