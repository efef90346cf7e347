#include "widgets/item_sort_proxy.h"

#include "format/attribute_text.h"
#include "models/item_table_model.h"

namespace dynadesk::ui {

ItemSortProxy::ItemSortProxy(QObject* parent) : QSortFilterProxyModel(parent) {
  // Live rows should land in their sorted place as they arrive.
  setDynamicSortFilter(true);
}

void ItemSortProxy::setItemModel(ItemTableModel* model) {
  items_ = model;
  setSourceModel(model);
}

void ItemSortProxy::setQuickFilter(const QString& text) {
  filter_ = text.trimmed();
  invalidateFilter();
}

bool ItemSortProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
  const AttributeValue* a = items_ ? items_->valueAt(left.row(), left.column()) : nullptr;
  const AttributeValue* b = items_ ? items_->valueAt(right.row(), right.column()) : nullptr;
  if (!a || !b) return a == nullptr && b != nullptr;  // missing values first
  return compareForSort(*a, *b) < 0;
}

bool ItemSortProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  if (filter_.isEmpty() || !items_) return true;
  for (int c = 0; c < items_->columnCount(); ++c) {
    const QString text = items_->data(items_->index(sourceRow, c, sourceParent)).toString();
    if (text.contains(filter_, Qt::CaseInsensitive)) return true;
  }
  return false;
}

}  // namespace dynadesk::ui
