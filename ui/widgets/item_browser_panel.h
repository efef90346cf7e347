// ItemBrowserPanel: the Items tab — a live grid of one table's items with a
// quick filter, sorting within loaded rows, delete, duplicate and export.
//
// Rows load page by page as the user scrolls (the view's fetchMore); writes by
// anyone appear within a second (ItemBrowserController + EngineBridge). Every
// engine call runs off the GUI thread.
//
// Thread-safety: GUI thread only. Borrows the runner and bridge.
#pragma once

#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QToolButton>
#include <QWidget>

#include "bridge/engine_bridge.h"
#include "client/request_runner.h"
#include "models/item_table_model.h"
#include "session/item_browser_controller.h"
#include "widgets/item_sort_proxy.h"

namespace dynadesk::ui {

class ItemBrowserPanel : public QWidget {
  Q_OBJECT
 public:
  ItemBrowserPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent = nullptr);

  void openTable(const QString& table);
  QString table() const { return QString::fromStdString(controller_.table()); }
  ItemTableModel& model() { return model_; }
  QTableView* view() { return view_; }

  // Items of the selected rows, in view order.
  std::vector<Item> selectedItems() const;

 public slots:
  void deleteSelected();
  void duplicateSelected();
  void exportItems();
  void focusFilter();

 signals:
  // Asks the window to open the item editor (item empty: a new item).
  void editItemRequested(const QString& table, const dynadesk::Item& item, bool isNew);
  void statusMessage(const QString& message);

 private:
  void updateFooter();
  void updateActions();

  RequestRunner& runner_;
  ItemTableModel model_;
  ItemSortProxy proxy_;
  ItemBrowserController controller_;

  QLineEdit* filter_;
  QToolButton* newButton_;
  QToolButton* duplicateButton_;
  QToolButton* deleteButton_;
  QToolButton* exportButton_;
  QTableView* view_;
  QLabel* emptyState_;
  QLabel* footer_;
};

}  // namespace dynadesk::ui
