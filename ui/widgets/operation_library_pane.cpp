#include "widgets/operation_library_pane.h"

#include <QInputDialog>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QVBoxLayout>

namespace dynadesk::ui {

namespace {
constexpr int kIndexRole = Qt::UserRole + 1;
}

QString OperationLibraryPane::title(const OperationSpec& spec) {
  QString text = (spec.kind == OperationKind::Query ? tr("Query %1") : tr("Scan %1")).arg(QString::fromStdString(spec.table));
  if (!spec.index.empty()) text += QStringLiteral(" · ") + QString::fromStdString(spec.index);
  return text;
}

OperationLibraryPane::OperationLibraryPane(OperationLibrary& library, QWidget* parent)
    : QWidget(parent), library_(library) {
  tabs_ = new QTabWidget(this);
  tabs_->setDocumentMode(true);

  saved_ = new QListWidget(this);
  saved_->setContextMenuPolicy(Qt::CustomContextMenu);
  saved_->setSpacing(2);
  saved_->setToolTip(tr("Double-click to load; right-click to rename or delete"));
  tabs_->addTab(saved_, tr("Saved"));

  auto* historyPage = new QWidget(this);
  search_ = new QLineEdit(historyPage);
  search_->setPlaceholderText(tr("Search history"));
  search_->setClearButtonEnabled(true);
  history_ = new QListWidget(historyPage);
  history_->setToolTip(tr("Double-click to load an operation you ran"));
  history_->setAlternatingRowColors(true);
  history_->setSpacing(2);
  clearHistory_ = new QPushButton(tr("Clear history"), historyPage);
  clearHistory_->setAutoDefault(false);
  auto* historyLayout = new QVBoxLayout(historyPage);
  historyLayout->setContentsMargins(0, 4, 0, 0);
  historyLayout->setSpacing(4);
  historyLayout->addWidget(search_);
  historyLayout->addWidget(history_, 1);
  historyLayout->addWidget(clearHistory_, 0, Qt::AlignRight);
  tabs_->addTab(historyPage, tr("History"));

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 0, 6);
  layout->addWidget(tabs_);

  auto chooseSaved = [this](QListWidgetItem* item) {
    const int i = item->data(kIndexRole).toInt();
    const auto& saved = library_.saved();
    if (i >= 0 && i < static_cast<int>(saved.size())) emit chosen(saved[static_cast<std::size_t>(i)].spec, saved[static_cast<std::size_t>(i)].name);
  };
  connect(saved_, &QListWidget::itemActivated, this, chooseSaved);
  connect(history_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    const int i = item->data(kIndexRole).toInt();
    if (i >= 0 && i < static_cast<int>(shownHistory_.size())) emit chosen(shownHistory_[static_cast<std::size_t>(i)].spec, QString());
  });
  connect(saved_, &QListWidget::customContextMenuRequested, this, [this](const QPoint& at) {
    QListWidgetItem* item = saved_->itemAt(at);
    if (!item) return;
    const QString name = item->data(Qt::UserRole).toString();
    QMenu menu(this);
    QAction* rename = menu.addAction(tr("Rename…"));
    QAction* remove = menu.addAction(tr("Delete"));
    QAction* picked = menu.exec(saved_->viewport()->mapToGlobal(at));
    if (picked == rename) renameSaved(name);
    if (picked == remove) deleteSaved(name);
  });
  connect(search_, &QLineEdit::textChanged, this, &OperationLibraryPane::fillHistory);
  connect(clearHistory_, &QPushButton::clicked, this, [this] {
    if (QMessageBox::question(this, tr("Clear history"), tr("Forget every operation in the history? Saved operations stay.")) !=
        QMessageBox::Yes) {
      return;
    }
    if (Status s = library_.clearHistory(); !s.isOk()) emit message(QString::fromStdString(s.message()));
    refresh();
  });
  refresh();
}

void OperationLibraryPane::refresh() {
  saved_->clear();
  const auto& saved = library_.saved();
  for (std::size_t i = 0; i < saved.size(); ++i) {
    auto* item = new QListWidgetItem(saved[i].name, saved_);
    item->setData(Qt::UserRole, saved[i].name);
    item->setData(kIndexRole, static_cast<int>(i));
    item->setToolTip(tr("%1\nsaved %2").arg(title(saved[i].spec), QLocale().toString(saved[i].savedAt.toLocalTime(), QLocale::ShortFormat)));
  }
  if (saved.empty()) {
    auto* hint = new QListWidgetItem(tr("No saved operations yet.\nBuild one and press Save."), saved_);
    hint->setFlags(Qt::NoItemFlags);
    hint->setData(kIndexRole, -1);
  }
  fillHistory();
}

void OperationLibraryPane::fillHistory() {
  history_->clear();
  const QString text = search_->text().trimmed();
  shownHistory_ = text.isEmpty() ? library_.history() : library_.searchHistory(text);
  for (std::size_t i = 0; i < shownHistory_.size(); ++i) {
    const HistoryEntry& entry = shownHistory_[i];
    auto* item = new QListWidgetItem(QStringLiteral("%1\n%2 · %3").arg(title(entry.spec), QLocale().toString(entry.ranAt.toLocalTime().time(), QLocale::ShortFormat), entry.summary), history_);
    item->setData(kIndexRole, static_cast<int>(i));
    item->setToolTip(QLocale().toString(entry.ranAt.toLocalTime(), QLocale::LongFormat));
    if (!entry.ok) item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
  }
  if (shownHistory_.empty()) {
    auto* hint = new QListWidgetItem(text.isEmpty() ? tr("Operations you run appear here.") : tr("Nothing in the history matches."), history_);
    hint->setFlags(Qt::NoItemFlags);
    hint->setData(kIndexRole, -1);
  }
  clearHistory_->setEnabled(!library_.history().empty());
}

void OperationLibraryPane::renameSaved(const QString& name) {
  bool ok = false;
  const QString to = QInputDialog::getText(this, tr("Rename saved operation"), tr("New name:"), QLineEdit::Normal, name, &ok).trimmed();
  if (!ok || to.isEmpty() || to == name) return;
  if (Status s = library_.rename(name, to); !s.isOk()) emit message(QString::fromStdString(s.message()));
  refresh();
}

void OperationLibraryPane::deleteSaved(const QString& name) {
  if (QMessageBox::question(this, tr("Delete saved operation"), tr("Delete the saved operation “%1”?").arg(name)) != QMessageBox::Yes) return;
  if (Status s = library_.remove(name); !s.isOk()) emit message(QString::fromStdString(s.message()));
  refresh();
}

}  // namespace dynadesk::ui
