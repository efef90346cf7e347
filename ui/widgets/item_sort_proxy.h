// ItemSortProxy: sorts the loaded rows of an ItemTableModel by a column in
// DynamoDB's value order (numbers numerically, strings bytewise), and filters
// them by a quick text filter matched against every cell's text.
//
// Sorting only reorders rows already loaded; it does not fetch the rest of the
// table. Thread-safety: GUI thread only.
#pragma once

#include <QSortFilterProxyModel>

namespace dynadesk::ui {

class ItemTableModel;

class ItemSortProxy : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  explicit ItemSortProxy(QObject* parent = nullptr);
  void setItemModel(ItemTableModel* model);
  void setQuickFilter(const QString& text);

 protected:
  bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  ItemTableModel* items_ = nullptr;
  QString filter_;
};

}  // namespace dynadesk::ui
