#include "widgets/item_browser_panel.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

#include "dynadesk/attribute_json.h"
#include "format/item_export.h"
#include "widgets/attribute_cell_delegate.h"

namespace dynadesk::ui {

namespace {
QToolButton* toolButton(const QString& icon, const QString& text, const QString& tip, QWidget* parent) {
  auto* b = new QToolButton(parent);
  b->setIcon(QIcon(icon));
  b->setText(text);
  b->setToolTip(tip);
  b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  b->setAutoRaise(true);
  return b;
}
}  // namespace

ItemBrowserPanel::ItemBrowserPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent)
    : QWidget(parent), runner_(runner), controller_(runner, bridge, model_) {
  proxy_.setItemModel(&model_);

  filter_ = new QLineEdit(this);
  filter_->setPlaceholderText(tr("Filter loaded items"));
  filter_->setClearButtonEnabled(true);
  filter_->setMaximumWidth(320);
  newButton_ = toolButton(":/icons/new-item", tr("New item"), tr("Add an item to this table (Ctrl+Shift+N)"), this);
  duplicateButton_ = toolButton(":/icons/duplicate", tr("Duplicate"), tr("Open a copy of the selected item in the editor (Ctrl+D)"), this);
  deleteButton_ = toolButton(":/icons/delete", tr("Delete"), tr("Delete the selected items (Del)"), this);
  exportButton_ = toolButton(":/icons/export", tr("Export"), tr("Save the selected or loaded items to a file"), this);

  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(6, 6, 6, 2);
  bar->addWidget(filter_);
  bar->addStretch(1);
  bar->addWidget(newButton_);
  bar->addWidget(duplicateButton_);
  bar->addWidget(deleteButton_);
  bar->addWidget(exportButton_);

  view_ = new QTableView(this);
  view_->setModel(&proxy_);
  view_->setItemDelegate(new AttributeCellDelegate(view_));
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  view_->setSortingEnabled(true);
  view_->sortByColumn(-1, Qt::AscendingOrder);  // load order until the user asks
  view_->setAlternatingRowColors(true);
  view_->setWordWrap(false);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->horizontalHeader()->setSectionsMovable(true);
  view_->horizontalHeader()->setDefaultSectionSize(160);
  view_->horizontalHeader()->setHighlightSections(false);
  view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 8);
  view_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  view_->verticalHeader()->setVisible(false);

  emptyState_ = new QLabel(this);
  emptyState_->setAlignment(Qt::AlignCenter);
  emptyState_->setWordWrap(true);
  emptyState_->setEnabled(false);
  emptyState_->hide();

  footer_ = new QLabel(this);
  footer_->setContentsMargins(8, 2, 8, 4);
  footer_->setTextFormat(Qt::RichText);
  connect(footer_, &QLabel::linkActivated, this, [this](const QString&) { model_.retryFetch(); });

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addLayout(bar);
  layout->addWidget(view_, 1);
  layout->addWidget(emptyState_, 1);
  layout->addWidget(footer_);

  connect(filter_, &QLineEdit::textChanged, &proxy_, &ItemSortProxy::setQuickFilter);
  connect(newButton_, &QToolButton::clicked, this, [this] { emit editItemRequested(table(), Item{}, true); });
  connect(duplicateButton_, &QToolButton::clicked, this, &ItemBrowserPanel::duplicateSelected);
  connect(deleteButton_, &QToolButton::clicked, this, &ItemBrowserPanel::deleteSelected);
  connect(exportButton_, &QToolButton::clicked, this, &ItemBrowserPanel::exportItems);
  connect(view_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
    const QModelIndex source = proxy_.mapToSource(index);
    if (source.isValid()) emit editItemRequested(table(), model_.itemAt(source.row()), false);
  });
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ItemBrowserPanel::updateActions);

  for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
    connect(&model_, signal, this, &ItemBrowserPanel::updateFooter);
  }
  connect(&model_, &QAbstractItemModel::modelReset, this, &ItemBrowserPanel::updateFooter);
  connect(&model_, &QAbstractItemModel::modelReset, this, &ItemBrowserPanel::updateActions);
  connect(&model_, &ItemTableModel::loadingChanged, this, &ItemBrowserPanel::updateFooter);
  connect(&model_, &ItemTableModel::loadFailed, this, &ItemBrowserPanel::updateFooter);
  connect(&controller_, &ItemBrowserController::failed, this, [this](const QString& message) {
    footer_->setText(tr("Could not open the table: %1").arg(message.toHtmlEscaped()));
  });
  connect(&controller_, &ItemBrowserController::tableGone, this, [this](const QString& table) {
    emptyState_->setText(tr("The table “%1” was deleted.").arg(table));
    updateFooter();
  });
  updateFooter();
  updateActions();
}

void ItemBrowserPanel::openTable(const QString& table) {
  filter_->clear();
  view_->sortByColumn(-1, Qt::AscendingOrder);
  emptyState_->setText(tr("This table has no items yet.\nAdd one with “New item”, or write to it from your own code."));
  controller_.open(table.toStdString());
  updateFooter();
  updateActions();
}

void ItemBrowserPanel::focusFilter() {
  filter_->setFocus();
  filter_->selectAll();
}

void ItemBrowserPanel::updateFooter() {
  const int rows = model_.rowCount();
  const QString count = QLocale().toString(rows);
  QString text;
  if (controller_.table().empty()) {
    text.clear();
  } else if (!model_.lastError().isEmpty()) {
    text = tr("Loading stopped: %1 <a href=\"retry\">Try again</a>").arg(model_.lastError().toHtmlEscaped());
  } else if (model_.loading()) {
    text = rows == 0 ? tr("Loading…") : tr("%1 items loaded · loading more…").arg(count);
  } else if (model_.exhausted()) {
    text = rows == 1 ? tr("1 item") : tr("%1 items").arg(count);
  } else {
    text = tr("%1 items loaded · scroll for more").arg(count);
  }
  footer_->setText(text);
  const bool empty = rows == 0 && model_.exhausted() && !model_.loading() && model_.lastError().isEmpty();
  emptyState_->setVisible(empty);
  view_->setVisible(!empty);
}

void ItemBrowserPanel::updateActions() {
  const bool open = !model_.table().empty();
  const int selected = static_cast<int>(view_->selectionModel()->selectedRows().size());
  newButton_->setEnabled(open);
  duplicateButton_->setEnabled(selected == 1);
  deleteButton_->setEnabled(selected > 0);
  exportButton_->setEnabled(open);
}

std::vector<Item> ItemBrowserPanel::selectedItems() const {
  QModelIndexList rows = view_->selectionModel()->selectedRows();
  std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
  std::vector<Item> items;
  for (const auto& r : rows) {
    const QModelIndex source = proxy_.mapToSource(r);
    if (source.isValid()) items.push_back(model_.itemAt(source.row()));
  }
  return items;
}

void ItemBrowserPanel::duplicateSelected() {
  auto items = selectedItems();
  if (items.size() == 1) emit editItemRequested(table(), items.front(), true);
}

void ItemBrowserPanel::deleteSelected() {
  const auto items = selectedItems();
  if (items.empty()) return;
  const QString question =
      items.size() == 1 ? tr("Delete this item from “%1”?").arg(table())
                        : tr("Delete %1 items from “%2”?").arg(QLocale().toString(qulonglong(items.size())), table());
  QMessageBox confirm(QMessageBox::Question, tr("Delete items"), question, QMessageBox::Cancel, this);
  confirm.setInformativeText(tr("This cannot be undone."));
  QPushButton* deleteButton = confirm.addButton(tr("Delete"), QMessageBox::DestructiveRole);
  confirm.setDefaultButton(QMessageBox::Cancel);
  confirm.exec();
  if (confirm.clickedButton() != deleteButton) return;
  // BatchWriteItem takes 25 requests at a time; unprocessed ones are sent again.
  const std::string tableName = table().toStdString();
  auto remaining = std::make_shared<std::vector<Item>>();
  for (const auto& item : items) remaining->push_back(model_.keyOf(item));
  auto total = items.size();
  auto sendNext = std::make_shared<std::function<void()>>();
  // The function holds itself weakly; the request in flight holds it strongly,
  // so it lives exactly as long as there is more to send.
  *sendNext = [this, tableName, remaining, total, weakSelf = std::weak_ptr<std::function<void()>>(sendNext)]() {
    auto sendNext = weakSelf.lock();
    if (!sendNext) return;
    if (remaining->empty()) {
      emit statusMessage(total == 1 ? tr("Deleted 1 item") : tr("Deleted %1 items").arg(total));
      return;
    }
    nlohmann::json writes = nlohmann::json::array();
    const std::size_t n = std::min<std::size_t>(25, remaining->size());
    for (std::size_t i = 0; i < n; ++i) writes.push_back({{"DeleteRequest", {{"Key", toJson((*remaining)[i])}}}});
    remaining->erase(remaining->begin(), remaining->begin() + static_cast<std::ptrdiff_t>(n));
    runner_.run("BatchWriteItem", {{"RequestItems", {{tableName, writes}}}}, this,
                [this, remaining, sendNext](Result<nlohmann::json> r) {
                  if (!r) {
                    QMessageBox::warning(this, tr("Delete items"),
                                         tr("Some items were not deleted: %1")
                                             .arg(QString::fromStdString(r.status().message())));
                    return;
                  }
                  const auto& unprocessed = (*r).value("UnprocessedItems", nlohmann::json::object());
                  for (const auto& [t, reqs] : unprocessed.items()) {
                    for (const auto& req : reqs) {
                      if (auto key = itemFromJson(req["DeleteRequest"]["Key"])) remaining->push_back(*key);
                    }
                  }
                  (*sendNext)();
                });
  };
  (*sendNext)();
}

void ItemBrowserPanel::exportItems() {
  auto selection = selectedItems();
  const bool onlySelected = selection.size() > 1;
  std::vector<Item> items;
  if (onlySelected) {
    items = std::move(selection);
  } else {
    for (int r = 0; r < proxy_.rowCount(); ++r) items.push_back(model_.itemAt(proxy_.mapToSource(proxy_.index(r, 0)).row()));
  }
  QString selectedFilter;
  const QString dynamoFilter = tr("DynamoDB JSON (*.json)");
  const QString plainFilter = tr("Plain JSON (*.json)");
  const QString csvFilter = tr("CSV (*.csv)");
  const QString path = QFileDialog::getSaveFileName(
      this, onlySelected ? tr("Export %1 selected items").arg(items.size()) : tr("Export %1 items").arg(items.size()),
      table() + ".json", dynamoFilter + ";;" + plainFilter + ";;" + csvFilter, &selectedFilter);
  if (path.isEmpty()) return;
  std::string text;
  if (selectedFilter == csvFilter || path.endsWith(".csv", Qt::CaseInsensitive)) {
    std::vector<std::string> columns;
    for (int c = 0; c < model_.columnCount(); ++c) columns.push_back(model_.columnName(c));
    text = exportCsv(items, columns);
  } else if (selectedFilter == plainFilter) {
    text = exportPlainJson(items);
  } else {
    text = exportDynamoJson(items);
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), static_cast<qint64>(text.size())) < 0 ||
      !file.commit()) {
    QMessageBox::warning(this, tr("Export"), tr("Could not write %1: %2").arg(path, file.errorString()));
    return;
  }
  emit statusMessage(tr("Exported %1 items to %2").arg(items.size()).arg(path));
}

}  // namespace dynadesk::ui
