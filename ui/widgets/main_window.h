// MainWindow: the workbench — the connections sidebar on the left; on the
// right either the open table's Items, Query, Overview, Indexes, Capacity,
// Metrics, Partitions and Stream tabs, or (the connection chosen) its
// Dashboard and Alarms; the endpoint in the status bar. It wires panels to each other and to the menus; the panels do the work.
// It applies the remembered theme (View → Theme, app_palette.h) before it
// builds anything, and again whenever the user picks another.
//
// Thread-safety: GUI thread only. Borrows the runner, bridge and settings,
// which must outlive it.
#pragma once

#include <QActionGroup>
#include <QLabel>
#include <QMainWindow>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeView>

#include "bridge/engine_bridge.h"
#include "client/request_runner.h"
#include "models/connection_tree_model.h"
#include "session/catalog_controller.h"
#include "settings/workbench_settings.h"
#include "widgets/endpoint_status.h"
#include "widgets/capacity_panel.h"
#include "widgets/connection_page.h"
#include "widgets/metrics_panel.h"
#include "widgets/partitions_panel.h"
#include "widgets/index_designer_panel.h"
#include "widgets/stream_tail_panel.h"
#include "widgets/item_browser_panel.h"
#include "widgets/query_builder_panel.h"
#include "widgets/table_overview_panel.h"

namespace dynadesk::ui {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  MainWindow(RequestRunner& runner, EngineBridge* bridge, WorkbenchSettings& settings, QWidget* parent = nullptr);

  EndpointStatus* endpointStatus() const { return endpoint_; }
  ItemBrowserPanel* itemBrowser() const { return items_; }
  TableOverviewPanel* overview() const { return overview_; }
  QueryBuilderPanel* queryBuilder() const { return query_; }
  OperationLibrary& operationLibrary() { return library_; }
  IndexDesignerPanel* indexDesigner() const { return indexes_; }
  CapacityPanel* capacity() const { return capacity_; }
  StreamTailPanel* streamTail() const { return stream_; }
  MetricsPanel* metrics() const { return metrics_; }
  PartitionsPanel* partitions() const { return partitions_; }
  ConnectionPage* connectionPage() const { return connectionPage_; }
  QTabWidget* tableTabs() const { return tabs_; }
  ConnectionTreeModel& connections() { return tree_; }
  QTreeView* sidebar() const { return sidebar_; }
  CatalogController* catalog() const { return catalog_; }
  // View → Theme: System, Light and Dark, one checked (their data is the ThemeChoice as an int).
  QActionGroup* themeActions() const { return themes_; }

  // Opens a table of the local connection in the Items tab.
  void openTable(const QString& table);
  QString currentTable() const { return currentTable_; }

  // The endpoint's clock (milliseconds since the epoch) for every panel that
  // reads metrics over "the last N minutes": the embedded engine's clock,
  // which --clock-offset-file and tests move; the wall clock by default.
  void setEngineClock(std::function<std::int64_t()> nowMillis);

 public slots:
  void showCreateTable();
  void showDeleteTable();
  // Opens the item editor on `item` (isNew: create a new item, `item` is a template or empty).
  void showItemEditor(const QString& table, const dynadesk::Item& item, bool isNew);
  // The connection's page, on its Dashboard or Alarms tab.
  void showDashboard();
  void showAlarms();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void buildThemeMenu(QMenu* view);
  void onSidebarSelection();
  void showEmptyState();
  void showConnectionPage();

  RequestRunner& runner_;
  EngineBridge* bridge_;
  WorkbenchSettings& settings_;
  ConnectionTreeModel tree_;
  int localConnection_ = 0;
  CatalogController* catalog_;
  QString currentTable_;
  QString loadedTable_;  // the table the tabs show (kept while the connection page is up)
  bool restoredLastTable_ = false;

  QSplitter* splitter_;
  QTreeView* sidebar_;
  QStackedWidget* stack_;
  QWidget* emptyPage_;
  QLabel* tableTitle_;
  QTabWidget* tabs_;
  ItemBrowserPanel* items_;
  OperationLibrary library_;
  QueryBuilderPanel* query_;
  TableOverviewPanel* overview_;
  IndexDesignerPanel* indexes_;
  CapacityPanel* capacity_;
  StreamTailPanel* stream_;
  MetricsPanel* metrics_;
  PartitionsPanel* partitions_;
  ConnectionPage* connectionPage_;
  EndpointStatus* endpoint_;
  QActionGroup* themes_ = nullptr;
};

}  // namespace dynadesk::ui
