#include "widgets/attribute_type_delegate.h"

#include <QComboBox>

#include "models/attribute_tree_model.h"

namespace dynadesk::ui {

QWidget* AttributeTypeDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                             const QModelIndex& index) const {
  if (index.column() != AttributeTreeModel::TypeColumn) return QStyledItemDelegate::createEditor(parent, option, index);
  auto* combo = new QComboBox(parent);
  combo->addItems(AttributeTreeModel::typeCodes());
  // Commit as soon as a type is picked, like a menu.
  connect(combo, &QComboBox::activated, this, [this, combo] {
    emit const_cast<AttributeTypeDelegate*>(this)->commitData(combo);
    emit const_cast<AttributeTypeDelegate*>(this)->closeEditor(combo);
  });
  return combo;
}

void AttributeTypeDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
  if (auto* combo = qobject_cast<QComboBox*>(editor)) {
    combo->setCurrentText(index.data(Qt::EditRole).toString());
    return;
  }
  QStyledItemDelegate::setEditorData(editor, index);
}

void AttributeTypeDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const {
  if (auto* combo = qobject_cast<QComboBox*>(editor)) {
    model->setData(index, combo->currentText());
    return;
  }
  QStyledItemDelegate::setModelData(editor, model, index);
}

}  // namespace dynadesk::ui
