#include "widgets/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QIcon>
#include <QKeySequence>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>

#include "dynadesk/engine.h"
#include "widgets/app_palette.h"
#include "widgets/create_table_dialog.h"
#include "widgets/delete_table_dialog.h"
#include "widgets/item_editor_dialog.h"
#include "widgets/sidebar_delegate.h"

// Resources compiled into a static library must be registered by hand.
static void registerDynadeskResources() { Q_INIT_RESOURCE(dynadesk); }

namespace dynadesk::ui {

MainWindow::MainWindow(RequestRunner& runner, EngineBridge* bridge, WorkbenchSettings& settings, QWidget* parent)
    : QMainWindow(parent), runner_(runner), bridge_(bridge), settings_(settings), library_(settings.operationsFile()) {
  registerDynadeskResources();
  // Before any widget exists, so the first paint already has the chosen look.
  applyTheme(settings_.theme());
  setWindowTitle(tr("Dynadesk"));
  setObjectName("mainWindow");
  setWindowIcon(QIcon(":/icons/app"));

  localConnection_ = tree_.addConnection(QString::fromStdString(runner.client().displayName()),
                                         QString::fromStdString(runner.client().location()));
  catalog_ = new CatalogController(runner, bridge, tree_, localConnection_, this);

  sidebar_ = new QTreeView;
  sidebar_->setObjectName("sidebar");
  sidebar_->setModel(&tree_);
  sidebar_->setHeaderHidden(true);
  sidebar_->setItemDelegate(new SidebarDelegate(sidebar_));
  sidebar_->setUniformRowHeights(true);
  sidebar_->setContextMenuPolicy(Qt::ActionsContextMenu);
  sidebar_->setMinimumWidth(200);
  sidebar_->expand(tree_.connectionIndex(localConnection_));

  // Right side: an empty state until a table is chosen, then the table's tabs.
  emptyPage_ = new QWidget;
  auto* emptyLayout = new QVBoxLayout(emptyPage_);
  auto* emptyText = new QLabel(tr("<h2>No table open</h2>"
                                  "<p>Choose a table on the left, or create one.</p>"
                                  "<p>Your own programs can use this engine too: copy a snippet from the status bar."
                                  "</p>"));
  emptyText->setAlignment(Qt::AlignCenter);
  emptyText->setWordWrap(true);
  auto* createButton = new QPushButton(tr("Create table…"));
  createButton->setObjectName("emptyCreateTable");
  emptyLayout->addStretch(1);
  emptyLayout->addWidget(emptyText);
  emptyLayout->addWidget(createButton, 0, Qt::AlignHCenter);
  emptyLayout->addStretch(2);

  items_ = new ItemBrowserPanel(runner, bridge);
  overview_ = new TableOverviewPanel(runner, bridge);
  tabs_ = new QTabWidget;
  tabs_->setDocumentMode(true);
  tabs_->addTab(items_, tr("Items"));
  query_ = new QueryBuilderPanel(runner, library_);
  query_->setConnectionName(QString::fromStdString(runner.client().displayName()));
  tabs_->addTab(query_, tr("Query"));
  tabs_->addTab(overview_, tr("Overview"));
  indexes_ = new IndexDesignerPanel(runner, bridge);
  tabs_->addTab(indexes_, tr("Indexes"));
  capacity_ = new CapacityPanel(runner, bridge);
  tabs_->addTab(capacity_, tr("Capacity"));
  metrics_ = new MetricsPanel(runner, bridge);
  tabs_->addTab(metrics_, tr("Metrics"));
  partitions_ = new PartitionsPanel(runner, bridge);
  tabs_->addTab(partitions_, tr("Partitions"));
  stream_ = new StreamTailPanel(runner, bridge);
  tabs_->addTab(stream_, tr("Stream"));
  tableTitle_ = new QLabel;
  QFont tf = tableTitle_->font();
  tf.setPointSizeF(tf.pointSizeF() * 1.25);
  tf.setBold(true);
  tableTitle_->setFont(tf);
  tableTitle_->setContentsMargins(10, 8, 10, 4);
  auto* tablePage = new QWidget;
  auto* tableLayout = new QVBoxLayout(tablePage);
  tableLayout->setContentsMargins(0, 0, 0, 0);
  tableLayout->setSpacing(0);
  tableLayout->addWidget(tableTitle_);
  tableLayout->addWidget(tabs_, 1);

  stack_ = new QStackedWidget;
  stack_->addWidget(emptyPage_);
  stack_->addWidget(tablePage);
  connectionPage_ = new ConnectionPage(runner, bridge);
  connectionPage_->setConnectionName(QString::fromStdString(runner.client().displayName()));
  stack_->addWidget(connectionPage_);

  splitter_ = new QSplitter;
  splitter_->addWidget(sidebar_);
  splitter_->addWidget(stack_);
  splitter_->setStretchFactor(0, 0);
  splitter_->setStretchFactor(1, 1);
  splitter_->setSizes({240, 900});
  setCentralWidget(splitter_);

  endpoint_ = new EndpointStatus(bridge);
  statusBar()->addPermanentWidget(endpoint_);
  connect(endpoint_, &EndpointStatus::copied, this,
          [this](const QString& what) { statusBar()->showMessage(tr("Copied the %1 snippet").arg(what), 4000); });
  connect(items_, &ItemBrowserPanel::statusMessage, this,
          [this](const QString& m) { statusBar()->showMessage(m, 5000); });
  connect(query_, &QueryBuilderPanel::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 5000); });
  connect(query_, &QueryBuilderPanel::editItemRequested, this, &MainWindow::showItemEditor);
  connect(query_, &QueryBuilderPanel::tableRequested, this, &MainWindow::openTable);
  connect(endpoint_, &EndpointStatus::endpointChanged, query_, &QueryBuilderPanel::setEndpointUrl);
  if (Status s = library_.loadStatus(); !s.isOk()) {
    statusBar()->showMessage(tr("Saved operations: %1").arg(QString::fromStdString(s.message())), 10000);
  }
  connect(indexes_, &IndexDesignerPanel::statusMessage, this,
          [this](const QString& m) { statusBar()->showMessage(m, 5000); });
  connect(capacity_, &CapacityPanel::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 5000); });
  connect(stream_, &StreamTailPanel::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 5000); });
  connect(metrics_, &MetricsPanel::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 5000); });
  connect(connectionPage_, &ConnectionPage::statusMessage, this,
          [this](const QString& m) { statusBar()->showMessage(m, 5000); });
  connect(connectionPage_, &ConnectionPage::openTableRequested, this, &MainWindow::openTable);

  buildMenus();
  connect(createButton, &QPushButton::clicked, this, &MainWindow::showCreateTable);
  connect(sidebar_->selectionModel(), &QItemSelectionModel::currentChanged, this,
          [this](const QModelIndex&, const QModelIndex& previous) {
            // A view that gains focus with no current row makes its first row
            // (the connection) current by itself; only a move by the user
            // (from another row, or a click below) leaves the open table.
            if (previous.isValid() || sidebar_->currentIndex().data(ConnectionTreeModel::NodeKindRole) != "connection") {
              onSidebarSelection();
            }
          });
  connect(sidebar_, &QTreeView::clicked, this, &MainWindow::onSidebarSelection);
  connect(&tree_, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex& parent) {
    if (!parent.isValid()) return;
    sidebar_->expand(tree_.connectionIndex(localConnection_));
  });
  connect(catalog_, &CatalogController::listed, this, [this] {
    if (restoredLastTable_) return;
    restoredLastTable_ = true;
    const QString last = settings_.lastTable();
    if (!last.isEmpty() && tree_.tableIndex(localConnection_, last.toStdString()).isValid()) openTable(last);
  });
  connect(items_, &ItemBrowserPanel::editItemRequested, this, &MainWindow::showItemEditor);
  if (bridge) {
    connect(bridge, &EngineBridge::tableChanged, this, [this](const QString& table, TableEventKind kind) {
      if (kind != TableEventKind::Deleted) return;
      if (table == currentTable_) {
        statusBar()->showMessage(tr("The table “%1” was deleted.").arg(table), 6000);
        showEmptyState();
      } else if (table == loadedTable_) {
        loadedTable_.clear();  // a new table of that name must be read afresh
      }
    });
  }

  restoreGeometry(settings_.windowGeometry());
  restoreState(settings_.windowState());
  if (!settings_.splitterState().isEmpty()) splitter_->restoreState(settings_.splitterState());
  if (settings_.windowGeometry().isEmpty()) resize(1280, 800);
  showEmptyState();
  catalog_->refresh();
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* create = file->addAction(QIcon(":/icons/new-table"), tr("&New table…"), this, &MainWindow::showCreateTable);
  create->setShortcut(QKeySequence::New);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* table = menuBar()->addMenu(tr("&Table"));
  QAction* reload = table->addAction(tr("&Reload items"), this, [this] {
    if (!currentTable_.isEmpty()) items_->openTable(currentTable_);
  });
  reload->setShortcut(QKeySequence::Refresh);
  QAction* find = table->addAction(tr("&Filter items"), items_, &ItemBrowserPanel::focusFilter);
  find->setShortcut(QKeySequence::Find);
  table->addSeparator();
  QAction* del = table->addAction(QIcon(":/icons/delete"), tr("&Delete table…"), this, &MainWindow::showDeleteTable);
  del->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete));

  QMenu* item = menuBar()->addMenu(tr("&Item"));
  QAction* newItem = item->addAction(QIcon(":/icons/new-item"), tr("&New item…"), this, [this] {
    if (!currentTable_.isEmpty()) emit items_->editItemRequested(currentTable_, Item{}, true);
  });
  newItem->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
  QAction* dup = item->addAction(QIcon(":/icons/duplicate"), tr("D&uplicate"), items_, &ItemBrowserPanel::duplicateSelected);
  dup->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
  QAction* delItems = item->addAction(QIcon(":/icons/delete"), tr("&Delete selected"), items_, &ItemBrowserPanel::deleteSelected);
  delItems->setShortcut(QKeySequence::Delete);
  delItems->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  items_->addAction(delItems);
  QAction* exp = item->addAction(QIcon(":/icons/export"), tr("&Export…"), items_, &ItemBrowserPanel::exportItems);
  exp->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));

  QMenu* view = menuBar()->addMenu(tr("&View"));
  QAction* dashboard = view->addAction(tr("&Dashboard"), this, &MainWindow::showDashboard);
  dashboard->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
  QAction* alarms = view->addAction(tr("&Alarms"), this, &MainWindow::showAlarms);
  alarms->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
  view->addSeparator();
  buildThemeMenu(view);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Dynadesk"), this, [this] {
    QMessageBox::about(this, tr("About Dynadesk"),
                       tr("<h3>Dynadesk %1</h3><p>A desktop workbench for Amazon DynamoDB, with its own embedded "
                          "engine.</p><p>Data folder: %2</p>")
                           .arg(QString::fromUtf8(dynadesk::version().data(), static_cast<int>(dynadesk::version().size())),
                                QString::fromStdString(runner_.client().location()).toHtmlEscaped()));
  });

  // The sidebar's context menu.
  sidebar_->addAction(create);
  sidebar_->addAction(del);
}

void MainWindow::buildThemeMenu(QMenu* view) {
  QMenu* theme = view->addMenu(tr("&Theme"));
  themes_ = new QActionGroup(this);
  themes_->setExclusive(true);
  const std::pair<ThemeChoice, QString> choices[] = {
      {ThemeChoice::System, tr("&System")}, {ThemeChoice::Light, tr("&Light")}, {ThemeChoice::Dark, tr("&Dark")}};
  for (const auto& [choice, label] : choices) {
    QAction* a = theme->addAction(label);
    a->setCheckable(true);
    a->setData(static_cast<int>(choice));
    a->setChecked(choice == settings_.theme());
    themes_->addAction(a);
  }
  connect(themes_, &QActionGroup::triggered, this, [this](QAction* a) {
    const auto choice = static_cast<ThemeChoice>(a->data().toInt());
    settings_.setTheme(choice);
    applyTheme(choice);
  });
}

void MainWindow::onSidebarSelection() {
  const QModelIndex current = sidebar_->currentIndex();
  if (current.data(ConnectionTreeModel::NodeKindRole).toString() == "connection") {
    showConnectionPage();
    return;
  }
  const QString table = current.data(ConnectionTreeModel::TableNameRole).toString();
  if (!table.isEmpty() && (table != currentTable_ || stack_->currentIndex() != 1)) openTable(table);
}

void MainWindow::setEngineClock(std::function<std::int64_t()> nowMillis) {
  capacity_->setClock(nowMillis);
  metrics_->setClock(nowMillis);
  partitions_->setClock(nowMillis);
  connectionPage_->setClock(std::move(nowMillis));
}

void MainWindow::showConnectionPage() {
  currentTable_.clear();
  stack_->setCurrentWidget(connectionPage_);
  setWindowTitle(tr("%1 — Dynadesk").arg(QString::fromStdString(runner_.client().displayName())));
  const QModelIndex connection = tree_.connectionIndex(localConnection_);
  if (sidebar_->currentIndex() != connection) sidebar_->setCurrentIndex(connection);
}

void MainWindow::showDashboard() {
  showConnectionPage();
  connectionPage_->showDashboard();
}

void MainWindow::showAlarms() {
  showConnectionPage();
  connectionPage_->showAlarms();
}

void MainWindow::openTable(const QString& table) {
  currentTable_ = table;
  settings_.setLastTable(table);
  tableTitle_->setText(table);
  stack_->setCurrentIndex(1);
  // Back from the connection's page to the table the tabs still show: they
  // followed it live meanwhile, so nothing is read again (the grid keeps its
  // rows and scroll position, the stream tail its place).
  if (table != loadedTable_) {
    loadedTable_ = table;
    items_->openTable(table);
    query_->openTable(table);
    overview_->openTable(table);
    indexes_->openTable(table);
    capacity_->openTable(table);
    metrics_->openTable(table);
    partitions_->openTable(table);
    stream_->openTable(table);
  }
  const QModelIndex idx = tree_.tableIndex(localConnection_, table.toStdString());
  if (idx.isValid() && sidebar_->currentIndex().data(ConnectionTreeModel::TableNameRole).toString() != table) {
    sidebar_->setCurrentIndex(idx);
  }
  setWindowTitle(tr("%1 — Dynadesk").arg(table));
}

void MainWindow::showEmptyState() {
  currentTable_.clear();
  loadedTable_.clear();
  stack_->setCurrentIndex(0);
  setWindowTitle(tr("Dynadesk"));
}

void MainWindow::showCreateTable() {
  auto* dialog = new CreateTableDialog(runner_, endpoint_->url(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &CreateTableDialog::tableCreated, this, [this](const QString& table) {
    catalog_->describe(table.toStdString());
    statusBar()->showMessage(tr("Created the table “%1”").arg(table), 5000);
    openTable(table);
  });
  dialog->open();
}

void MainWindow::showItemEditor(const QString& table, const Item& item, bool isNew) {
  if (table.isEmpty()) return;
  auto* editor = new ItemEditorDialog(runner_, table, item, isNew, this);
  editor->setAttribute(Qt::WA_DeleteOnClose);
  connect(editor, &ItemEditorDialog::saved, this, [this](const QString& t, const Item&) {
    statusBar()->showMessage(tr("Saved the item in “%1”").arg(t), 4000);
  });
  editor->open();
}

void MainWindow::showDeleteTable() {
  QString table = sidebar_->currentIndex().data(ConnectionTreeModel::TableNameRole).toString();
  if (table.isEmpty()) table = currentTable_;
  if (table.isEmpty()) return;
  auto* dialog = new DeleteTableDialog(runner_, table, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &DeleteTableDialog::tableDeleted, this, [this](const QString& t) {
    catalog_->refresh();
    statusBar()->showMessage(tr("Deleted the table “%1”").arg(t), 5000);
    if (t == currentTable_) showEmptyState();
  });
  dialog->open();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  settings_.setWindowGeometry(saveGeometry());
  settings_.setWindowState(saveState());
  settings_.setSplitterState(splitter_->saveState());
  QMainWindow::closeEvent(event);
}

}  // namespace dynadesk::ui
