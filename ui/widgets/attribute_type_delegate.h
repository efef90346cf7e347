// AttributeTypeDelegate: edits the Type column of the item editor's form with
// a drop-down of DynamoDB's ten types; other columns edit as text.
#pragma once

#include <QStyledItemDelegate>

namespace dynadesk::ui {

class AttributeTypeDelegate : public QStyledItemDelegate {
  Q_OBJECT
 public:
  using QStyledItemDelegate::QStyledItemDelegate;
  QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  void setEditorData(QWidget* editor, const QModelIndex& index) const override;
  void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

}  // namespace dynadesk::ui
