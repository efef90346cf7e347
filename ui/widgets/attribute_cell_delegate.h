// AttributeCellDelegate: paints an item-grid cell — a small type badge, then
// the value's compact text — and the brief highlight of a live change.
// Presentation only; the text and type come from ItemTableModel's roles.
#pragma once

#include <QStyledItemDelegate>

namespace dynadesk::ui {

class AttributeCellDelegate : public QStyledItemDelegate {
  Q_OBJECT
 public:
  using QStyledItemDelegate::QStyledItemDelegate;
  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace dynadesk::ui
