#include "widgets/query_builder_panel.h"

#include <functional>
#include <set>

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLocale>
#include <QMessageBox>
#include <QScrollArea>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

#include "client/response_decoding.h"
#include "codegen/code_generator.h"
#include "dynadesk/attribute_json.h"
#include "widgets/attribute_cell_delegate.h"

namespace dynadesk::ui {

namespace {

// Attribute paths seen in a sample of items, for the path fields' completion:
// top-level names and the keys of maps one level down (info.rating).
Result<QStringList> samplePaths(const nlohmann::json& response) {
  std::set<QString> paths;
  DYNADESK_ASSIGN_OR_RETURN(ItemPage page, itemPageFrom(response));
  for (const Item& item : page.items) {
    for (const auto& [name, value] : item) {
      const QString top = QString::fromStdString(name);
      paths.insert(top);
      if (value.is(AttrType::M)) {
        for (const auto& [inner, unused] : value.asMap()) paths.insert(top + QLatin1Char('.') + QString::fromStdString(inner));
      }
    }
  }
  return QStringList(paths.begin(), paths.end());
}

QString number(long long n) { return QLocale().toString(n); }

}  // namespace

QueryBuilderPanel::QueryBuilderPanel(RequestRunner& runner, OperationLibrary& library, QWidget* parent)
    : QWidget(parent), runner_(runner), library_(library), run_(runner, model_) {
  libraryPane_ = new OperationLibraryPane(library_, this);

  form_ = new QueryForm(this);
  formScroll_ = new QScrollArea(this);
  formScroll_->setWidget(form_);
  formScroll_->setWidgetResizable(true);
  formScroll_->setFrameShape(QFrame::NoFrame);

  runButton_ = new QPushButton(QIcon(QStringLiteral(":/icons/run")), tr("Run"), this);
  runButton_->setToolTip(tr("Run the operation (Ctrl+Return)"));
  runButton_->setDefault(true);
  saveButton_ = new QPushButton(tr("Save…"), this);
  saveButton_->setToolTip(tr("Keep this operation under a name in the Saved list"));
  clearButton_ = new QPushButton(tr("Clear"), this);
  clearButton_->setToolTip(tr("Start again from a plain Scan of the table"));
  for (QPushButton* b : {saveButton_, clearButton_}) b->setAutoDefault(false);
  plan_ = new QLabel(this);
  plan_->setWordWrap(true);
  plan_->setEnabled(false);
  formError_ = new QLabel(this);
  formError_->setWordWrap(true);
  formError_->setStyleSheet(QStringLiteral("color: #c9302c;"));
  formError_->hide();
  auto* actions = new QHBoxLayout;
  actions->setContentsMargins(10, 6, 10, 4);
  actions->addWidget(runButton_);
  actions->addWidget(saveButton_);
  actions->addWidget(clearButton_);
  actions->addStretch(1);

  auto* top = new QWidget(this);
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  topLayout->setSpacing(2);
  topLayout->addWidget(formScroll_, 1);
  topLayout->addLayout(actions);
  // What the operation will do, and what is wrong with it, each on its own
  // full-width line so long sentences wrap instead of crowding the buttons.
  auto* notes = new QVBoxLayout;
  notes->setContentsMargins(12, 0, 12, 6);
  notes->setSpacing(2);
  notes->addWidget(plan_);
  notes->addWidget(formError_);
  topLayout->addLayout(notes);

  // Results: the grid with its figures, the request, the code.
  view_ = new QTableView(this);
  view_->setModel(&model_);
  view_->setItemDelegate(new AttributeCellDelegate(view_));
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setAlternatingRowColors(true);
  view_->setWordWrap(false);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->horizontalHeader()->setDefaultSectionSize(150);
  view_->horizontalHeader()->setHighlightSections(false);
  view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 8);
  view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  view_->verticalHeader()->setVisible(false);
  emptyState_ = new QLabel(tr("Build an operation above and press Run.\nIts items appear here."), this);
  emptyState_->setAlignment(Qt::AlignCenter);
  emptyState_->setEnabled(false);
  summary_ = new QLabel(this);
  summary_->setTextFormat(Qt::RichText);
  summary_->setTextInteractionFlags(Qt::TextBrowserInteraction);
  explanation_ = new QLabel(this);
  explanation_->setWordWrap(true);
  explanation_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* resultsPage = new QWidget(this);
  auto* resultsLayout = new QVBoxLayout(resultsPage);
  resultsLayout->setContentsMargins(0, 0, 0, 0);
  resultsLayout->setSpacing(2);
  resultsLayout->addWidget(view_, 1);
  resultsLayout->addWidget(emptyState_, 1);
  auto* figures = new QVBoxLayout;
  figures->setContentsMargins(8, 2, 8, 4);
  figures->setSpacing(2);
  figures->addWidget(summary_);
  figures->addWidget(explanation_);
  resultsLayout->addLayout(figures);

  const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  requestText_ = new QPlainTextEdit(this);
  requestText_->setReadOnly(true);
  requestText_->setFont(mono);
  requestText_->setLineWrapMode(QPlainTextEdit::NoWrap);

  codeTarget_ = new QComboBox(this);
  for (CodeTarget target : allCodeTargets()) codeTarget_->addItem(codeTargetLabel(target), static_cast<int>(target));
  copyCode_ = new QPushButton(QIcon(QStringLiteral(":/icons/copy-code")), tr("Copy"), this);
  copyCode_->setAutoDefault(false);
  codeText_ = new QPlainTextEdit(this);
  codeText_->setReadOnly(true);
  codeText_->setFont(mono);
  codeText_->setLineWrapMode(QPlainTextEdit::NoWrap);
  auto* codePage = new QWidget(this);
  auto* codeBar = new QHBoxLayout;
  codeBar->setContentsMargins(6, 6, 6, 2);
  codeBar->addWidget(new QLabel(tr("Language"), codePage));
  codeBar->addWidget(codeTarget_);
  codeBar->addStretch(1);
  codeBar->addWidget(copyCode_);
  auto* codeLayout = new QVBoxLayout(codePage);
  codeLayout->setContentsMargins(0, 0, 0, 0);
  codeLayout->addLayout(codeBar);
  codeLayout->addWidget(codeText_, 1);

  results_ = new QTabWidget(this);
  results_->setDocumentMode(true);
  results_->addTab(resultsPage, tr("Results"));
  results_->addTab(requestText_, tr("Request"));
  results_->addTab(codePage, tr("Code"));

  auto* right = new QSplitter(Qt::Vertical, this);
  right->addWidget(top);
  right->addWidget(results_);
  right->setStretchFactor(0, 0);
  right->setStretchFactor(1, 1);
  right->setChildrenCollapsible(false);
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(libraryPane_);
  split->addWidget(right);
  split->setStretchFactor(0, 0);
  split->setStretchFactor(1, 1);
  split->setSizes({230, 900});

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(split);

  connect(form_, &QueryForm::changed, this, &QueryBuilderPanel::onFormChanged);
  connect(form_, &QueryForm::submitted, this, &QueryBuilderPanel::runOperation);
  connect(runButton_, &QPushButton::clicked, this, &QueryBuilderPanel::runOperation);
  connect(saveButton_, &QPushButton::clicked, this, &QueryBuilderPanel::saveOperation);
  connect(clearButton_, &QPushButton::clicked, form_, &QueryForm::clear);
  auto* runShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
  runShortcut->setContext(Qt::WidgetWithChildrenShortcut);
  connect(runShortcut, &QShortcut::activated, this, &QueryBuilderPanel::runOperation);
  connect(codeTarget_, &QComboBox::currentIndexChanged, this, &QueryBuilderPanel::updateCode);
  connect(copyCode_, &QPushButton::clicked, this, [this] {
    QApplication::clipboard()->setText(codeText_->toPlainText());
    emit statusMessage(tr("Copied the %1 code").arg(codeTarget_->currentText()));
  });
  connect(summary_, &QLabel::linkActivated, this, [this](const QString&) { run_.fetchNext(); });
  connect(view_, &QTableView::doubleClicked, this, &QueryBuilderPanel::openItemAt);
  connect(libraryPane_, &OperationLibraryPane::chosen, this, [this](const OperationSpec& spec, const QString&) { loadSpec(spec); });
  connect(libraryPane_, &OperationLibraryPane::message, this, &QueryBuilderPanel::statusMessage);

  connect(&run_, &QueryRun::pageLoaded, this, &QueryBuilderPanel::updateSummary);
  connect(&run_, &QueryRun::idle, this, [this](bool complete) {
    updateSummary();
    const RunTotals& t = run_.totals();
    QString summary = t.count == 1 ? tr("1 item") : tr("%1 items").arg(number(t.count));
    if (t.scannedCount != t.count) summary += tr(" of %1 read").arg(number(t.scannedCount));
    if (!complete) summary += tr(", more pages");
    recordHistory(true, summary);
  });
  connect(&run_, &QueryRun::failed, this, [this](const QString& message) {
    lastError_ = message;
    updateSummary();
    recordHistory(false, message);
  });
  updateSummary();
  onFormChanged();
}

void QueryBuilderPanel::openTable(const QString& table) {
  const std::uint64_t ticket = ++openTicket_;
  run_.cancel();
  model_.reset("", {});
  lastError_.clear();
  updateSummary();
  if (table.isEmpty()) return;
  runner_.runPrepared<TableShape>(
      "DescribeTable", {{"TableName", table.toStdString()}}, this,
      [](const nlohmann::json& response) -> Result<TableShape> {
        auto it = response.find("Table");
        if (it == response.end()) return Status::validation("The DescribeTable answer has no Table.");
        return tableShapeFromDescription(*it);
      },
      [this, ticket](Result<TableShape> shape) {
        if (ticket != openTicket_) return;
        if (!shape) {
          formError_->setText(tr("Could not describe the table: %1").arg(QString::fromStdString(shape.status().message())));
          formError_->show();
          return;
        }
        form_->setTable(*shape);
        if (pendingSpec_ && pendingSpec_->table == shape->name) {
          form_->setSpec(*pendingSpec_);
          pendingSpec_.reset();
        }
        onFormChanged();
      });
  // A sample of items for path completion; the form works without it.
  runner_.runPrepared<QStringList>("Scan", {{"TableName", table.toStdString()}, {"Limit", 100}}, this, samplePaths,
                                   [this, ticket](Result<QStringList> paths) {
                                     if (ticket == openTicket_ && paths) form_->setKnownAttributes(*paths);
                                   });
}

void QueryBuilderPanel::setEndpointUrl(const QString& url) {
  endpointUrl_ = url;
  updateCode();
}

void QueryBuilderPanel::loadSpec(const OperationSpec& spec) {
  if (spec.table != form_->table().name) {
    pendingSpec_ = spec;
    emit tableRequested(QString::fromStdString(spec.table));
    return;
  }
  form_->setSpec(spec);
}

void QueryBuilderPanel::onFormChanged() {
  // The form shows whole as it grows (filter rows), up to a height that still
  // leaves the results most of the panel; beyond that it scrolls.
  // Measured on the next turn of the event loop, once the form's layout has
  // taken in a row just added or removed.
  QTimer::singleShot(0, this, [this] { formScroll_->setMinimumHeight(std::min(form_->sizeHint().height() + 2, 380)); });
  auto spec = form_->spec();
  Result<BuiltRequest> built = spec ? buildRequest(*spec, form_->table(), 0) : Result<BuiltRequest>(spec.status());
  if (form_->table().name.empty()) {
    plan_->clear();
    requestText_->setPlainText(tr("Open a table to build an operation on it."));
  } else if (!built) {
    plan_->setText(QString::fromStdString(built.status().message()));
    requestText_->setPlainText(tr("The operation is not complete yet:\n%1").arg(QString::fromStdString(built.status().message())));
  } else {
    plan_->setText(describePlan(*spec, form_->table()));
    requestText_->setPlainText(QStringLiteral("// %1\n%2").arg(QString::fromStdString(built->operation),
                                                              QString::fromStdString(built->request.dump(2))));
  }
  formError_->hide();
  updateCode();
}

void QueryBuilderPanel::updateCode() {
  auto spec = form_->spec();
  if (!spec || form_->table().name.empty()) {
    codeText_->setPlainText(tr("# Complete the operation to see its code."));
    return;
  }
  auto built = buildRequest(*spec, form_->table(), 0);
  if (!built) {
    codeText_->setPlainText(tr("# Complete the operation to see its code:\n# %1").arg(QString::fromStdString(built.status().message())));
    return;
  }
  // Segments: the generated code loops over every segment itself, so it is
  // given the request of segment 0 with the total.
  CodeOptions options;
  options.endpointUrl = endpointUrl_.toStdString();
  options.fetchAllPages = spec->fetchAllPages;
  const auto target = static_cast<CodeTarget>(codeTarget_->currentData().toInt());
  auto code = generateCode(target, built->operation, built->request, options);
  codeText_->setPlainText(code ? QString::fromStdString(*code) : tr("# %1").arg(QString::fromStdString(code.status().message())));
}

void QueryBuilderPanel::runOperation() {
  if (form_->table().name.empty()) return;
  auto spec = form_->spec();
  Status status = spec ? run_.start(*spec, form_->table()) : spec.status();
  if (!status.isOk()) {
    formError_->setText(QString::fromStdString(status.message()));
    formError_->show();
    emit statusMessage(QString::fromStdString(status.message()));
    return;
  }
  formError_->hide();
  lastError_.clear();
  recorded_ = false;
  results_->setCurrentIndex(0);
  updateSummary();
}

void QueryBuilderPanel::updateSummary() {
  const bool started = !model_.table().empty();
  view_->setVisible(started);
  emptyState_->setVisible(!started);
  if (!started) {
    summary_->clear();
    explanation_->clear();
    return;
  }
  const RunTotals& t = run_.totals();
  QStringList parts;
  parts << tr("Count %1").arg(number(t.count)) << tr("ScannedCount %1").arg(number(t.scannedCount))
        << tr("%1 capacity units").arg(QLocale().toString(t.capacityUnits, 'g', 6))
        << (t.pages == 1 ? tr("1 page") : tr("%1 pages").arg(number(t.pages)));
  QString text = parts.join(QStringLiteral(" · ")).toHtmlEscaped();
  if (run_.running()) {
    text += tr(" · reading…");
  } else if (!lastError_.isEmpty()) {
    text = tr("<span style='color:#c9302c'>%1</span>").arg(lastError_.toHtmlEscaped());
  } else if (run_.hasMore()) {
    text += tr(" · <a href='more'>load the next page</a>");
  }
  summary_->setText(text);
  explanation_->setText(lastError_.isEmpty() ? explainRun(run_.spec(), form_->table(), t) : QString());
}

void QueryBuilderPanel::recordHistory(bool ok, const QString& summary) {
  if (recorded_) return;
  recorded_ = true;
  HistoryEntry entry;
  entry.spec = run_.spec();
  entry.ranAt = QDateTime::currentDateTimeUtc();
  entry.connection = connectionName_;
  entry.summary = summary;
  entry.ok = ok;
  if (Status s = library_.record(entry); !s.isOk()) emit statusMessage(tr("History not saved: %1").arg(QString::fromStdString(s.message())));
  libraryPane_->refresh();
}

void QueryBuilderPanel::saveOperation() {
  auto spec = form_->spec();
  if (!spec) {
    formError_->setText(QString::fromStdString(spec.status().message()));
    formError_->show();
    return;
  }
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("Save operation"), tr("Name:"), QLineEdit::Normal,
                                             OperationLibraryPane::title(*spec), &ok).trimmed();
  if (!ok || name.isEmpty()) return;
  for (const SavedOperation& saved : library_.saved()) {
    if (saved.name == name &&
        QMessageBox::question(this, tr("Save operation"), tr("Replace the saved operation “%1”?").arg(name)) != QMessageBox::Yes) {
      return;
    }
  }
  if (Status s = library_.save(name, *spec); !s.isOk()) {
    QMessageBox::warning(this, tr("Save operation"), QString::fromStdString(s.message()));
    return;
  }
  libraryPane_->refresh();
  emit statusMessage(tr("Saved “%1”").arg(name));
}

void QueryBuilderPanel::openItemAt(const QModelIndex& index) {
  if (!index.isValid()) return;
  // Results may be projections or index entries: read the whole item by its
  // key before editing, so saving never drops attributes the grid did not show.
  const Item key = model_.keyOf(model_.itemAt(index.row()));
  if (key.size() != model_.keyAttributes().size()) {
    emit statusMessage(tr("This row has no table key (a projection left it out), so it cannot be opened."));
    return;
  }
  const QString table = QString::fromStdString(model_.table());
  runner_.run("GetItem", {{"TableName", model_.table()}, {"Key", toJson(key)}, {"ConsistentRead", true}}, this,
              [this, table](Result<nlohmann::json> answer) {
                if (!answer) {
                  emit statusMessage(QString::fromStdString(answer.status().message()));
                  return;
                }
                auto it = answer->find("Item");
                if (it == answer->end()) {
                  emit statusMessage(tr("The item no longer exists."));
                  return;
                }
                auto item = itemFromJson(*it);
                if (item) emit editItemRequested(table, *item, false);
              });
}

}  // namespace dynadesk::ui
