// ItemBrowserController: feeds an ItemTableModel for one table — describes
// the table for its key schema, answers the model's page requests with Scans
// (run off the GUI thread, decoded there too), and applies live item events.
//
// A table that is deleted empties the grid (tableGone); an ItemsResync (more
// changes than the engine could report one by one) reloads it from the start.
//
// Thread-safety: GUI thread only. Borrows the runner, bridge and model.
#pragma once

#include <string>

#include <QObject>

#include "bridge/engine_bridge.h"
#include "client/request_runner.h"
#include "models/item_table_model.h"

namespace dynadesk::ui {

class ItemBrowserController : public QObject {
  Q_OBJECT
 public:
  static constexpr int kPageSize = 500;

  ItemBrowserController(RequestRunner& runner, EngineBridge* bridge, ItemTableModel& model, QObject* parent = nullptr);

  // Shows a table ("" shows nothing). Loading starts at once.
  void open(const std::string& table);
  void reload();
  const std::string& table() const { return table_; }

 signals:
  // The key schema is known and the first page was asked for.
  void opened(const QString& table);
  void tableGone(const QString& table);
  void failed(const QString& message);

 private:
  void onPageRequested(std::uint64_t generation, std::optional<Item> startKey);

  RequestRunner& runner_;
  ItemTableModel& model_;
  std::string table_;
  std::uint64_t openTicket_ = 0;  // drops answers of an earlier open()
};

}  // namespace dynadesk::ui
