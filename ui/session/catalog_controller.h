// CatalogController: keeps one connection's row of the sidebar true — its
// tables, their status, item counts and indexes.
//
// It lists the tables (ListTables, every page) and describes each, then
// follows the EngineBridge: a created or updated table is described again, a
// deleted one disappears, and tables whose items changed are re-described at
// most twice a second, so counts stay live without polling. Without live
// events (a remote endpoint) refresh() is the way to update.
//
// Thread-safety: GUI thread only. Borrows the runner, bridge and model.
#pragma once

#include <set>
#include <string>

#include <QObject>
#include <QTimer>

#include "bridge/engine_bridge.h"
#include "client/request_runner.h"
#include "models/connection_tree_model.h"

namespace dynadesk::ui {

class CatalogController : public QObject {
  Q_OBJECT
 public:
  CatalogController(RequestRunner& runner, EngineBridge* bridge, ConnectionTreeModel& model, int connectionRow,
                    QObject* parent = nullptr);

  // Lists every table again.
  void refresh();
  // Describes one table again (after the workbench itself changed it).
  void describe(const std::string& table);

 signals:
  // The first full listing arrived (tests and the window's restore of the last table).
  void listed();
  void failed(const QString& message);

 private:
  void listPage(std::optional<std::string> startTable, std::shared_ptr<std::vector<std::string>> names);
  void onItemsChanged(const std::vector<ItemEvent>& events);
  void onTableChanged(const QString& table, TableEventKind kind);

  RequestRunner& runner_;
  ConnectionTreeModel& model_;
  int connection_;
  std::set<std::string> staleCounts_;
  QTimer countTimer_;
};

}  // namespace dynadesk::ui
