// SidebarDelegate: draws a sidebar row with the table's item count, right
// aligned in a quieter colour, and the connection row's error in red.
#pragma once

#include <QStyledItemDelegate>

namespace dynadesk::ui {

class SidebarDelegate : public QStyledItemDelegate {
  Q_OBJECT
 public:
  using QStyledItemDelegate::QStyledItemDelegate;
  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace dynadesk::ui
