// AttributeTreeModel: the item editor's form — an item as a tree of typed
// attributes that can be added, removed, renamed and retyped, with maps and
// lists edited in place and sets edited as sets (their members are children).
//
// Columns: Name, Type, Value. Names are editable for top-level attributes and
// map entries; list elements show their position and set members have none.
// Types are editable everywhere except on set members (a set's members share
// its type). Values are editable for scalars and set members; numbers are
// kept as typed text until item() turns the tree into an Item, so no digit is
// ever lost. Retyping keeps what can be kept (a scalar's text; a set's members
// as a list, and back).
//
// item() checks the whole tree with DynamoDB's rules and words (the attribute
// codec): a number that is not one, an empty or duplicated set, bad base64.
//
// Thread-safety: GUI thread only.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <QAbstractItemModel>
#include <QStringList>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"

namespace dynadesk::ui {

class AttributeTreeModel : public QAbstractItemModel {
  Q_OBJECT
 public:
  enum Column { NameColumn, TypeColumn, ValueColumn, ColumnCount };

  explicit AttributeTreeModel(QObject* parent = nullptr);
  ~AttributeTreeModel() override;

  void setItem(const Item& item);
  // The table's key attribute names: their top-level rows show in bold.
  void setKeyNames(std::vector<std::string> names);
  // The edited item, or DynamoDB's error for what is wrong with it.
  Result<Item> item() const;
  // The type codes offered for retyping.
  static QStringList typeCodes();

  // One attribute of the tree (internal; public only so the file's helpers can
  // build and read nodes).
  struct Node;

  // Adds an attribute (top level when `parent` is invalid; else to the map,
  // list or set at `parent`). Returns its index (the name column).
  QModelIndex addChild(const QModelIndex& parent);
  bool removeAt(const QModelIndex& index);
  // True when the tree differs from what setItem() was given.
  bool modified() const { return modified_; }

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 signals:
  // A name clash or another edit that was refused, in plain words.
  void editRefused(const QString& message);

 private:
  Node* nodeOf(const QModelIndex& index) const;
  QModelIndex indexOf(Node* node, int column = 0) const;
  void retype(Node* node, AttrType type);
  void markModified();

  std::unique_ptr<Node> root_;
  std::vector<std::string> keyNames_;
  bool modified_ = false;
};

}  // namespace dynadesk::ui
