#include "models/connection_tree_model.h"

#include <algorithm>

#include <QLocale>

namespace dynadesk::ui {

struct ConnectionTreeModel::Node {
  enum class Kind { Connection, Table, Index } kind;
  Node* parent = nullptr;
  std::vector<std::unique_ptr<Node>> children;
  // Connection
  QString name;
  QString location;
  QString error;
  // Table
  TableSummary table;
  // Index
  IndexSummary index;

  int row() const {
    if (!parent) return -1;
    for (std::size_t i = 0; i < parent->children.size(); ++i) {
      if (parent->children[i].get() == this) return static_cast<int>(i);
    }
    return -1;
  }
  int connectionRow(const std::vector<std::unique_ptr<Node>>& roots) const {
    const Node* n = this;
    while (n->parent) n = n->parent;
    for (std::size_t i = 0; i < roots.size(); ++i) {
      if (roots[i].get() == n) return static_cast<int>(i);
    }
    return -1;
  }
};

ConnectionTreeModel::ConnectionTreeModel(QObject* parent) : QAbstractItemModel(parent) {}
ConnectionTreeModel::~ConnectionTreeModel() = default;

int ConnectionTreeModel::addConnection(const QString& name, const QString& location) {
  const int row = static_cast<int>(connections_.size());
  beginInsertRows({}, row, row);
  auto node = std::make_unique<Node>();
  node->kind = Node::Kind::Connection;
  node->name = name;
  node->location = location;
  connections_.push_back(std::move(node));
  endInsertRows();
  return row;
}

void ConnectionTreeModel::setTables(int connection, std::vector<TableSummary> tables) {
  Node* conn = connections_.at(static_cast<std::size_t>(connection)).get();
  std::sort(tables.begin(), tables.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  // Remove what is gone, then update or add the rest, so the selection of a
  // table that stays is kept.
  for (int i = static_cast<int>(conn->children.size()) - 1; i >= 0; --i) {
    const auto& name = conn->children[static_cast<std::size_t>(i)]->table.name;
    const bool keep = std::any_of(tables.begin(), tables.end(), [&](const auto& t) { return t.name == name; });
    if (!keep) removeTable(connection, name);
  }
  for (auto& t : tables) updateTable(connection, std::move(t));
  setConnectionError(connection, {});
}

void ConnectionTreeModel::updateTable(int connection, TableSummary table) {
  Node* conn = connections_.at(static_cast<std::size_t>(connection)).get();
  auto& kids = conn->children;
  auto pos = std::lower_bound(kids.begin(), kids.end(), table.name,
                              [](const std::unique_ptr<Node>& n, const std::string& name) { return n->table.name < name; });
  const int row = static_cast<int>(pos - kids.begin());
  if (pos != kids.end() && (*pos)->table.name == table.name) {
    Node* node = pos->get();
    std::vector<IndexSummary> indexes = table.indexes;
    node->table = std::move(table);
    const QModelIndex idx = indexOf(node);
    emit dataChanged(idx, idx);
    setIndexes(node, indexes);
    return;
  }
  beginInsertRows(indexOf(conn), row, row);
  auto node = std::make_unique<Node>();
  node->kind = Node::Kind::Table;
  node->parent = conn;
  Node* raw = node.get();
  std::vector<IndexSummary> indexes = table.indexes;
  node->table = std::move(table);
  kids.insert(kids.begin() + row, std::move(node));
  endInsertRows();
  setIndexes(raw, indexes);
}

void ConnectionTreeModel::setIndexes(Node* table, const std::vector<IndexSummary>& indexes) {
  const QModelIndex parentIdx = indexOf(table);
  if (!table->children.empty()) {
    bool same = table->children.size() == indexes.size();
    for (std::size_t i = 0; same && i < indexes.size(); ++i) {
      same = table->children[i]->index.name == indexes[i].name && table->children[i]->index.kind == indexes[i].kind;
    }
    if (same) {
      for (std::size_t i = 0; i < indexes.size(); ++i) table->children[i]->index = indexes[i];
      emit dataChanged(index(0, 0, parentIdx), index(static_cast<int>(indexes.size()) - 1, 0, parentIdx));
      return;
    }
    beginRemoveRows(parentIdx, 0, static_cast<int>(table->children.size()) - 1);
    table->children.clear();
    endRemoveRows();
  }
  if (indexes.empty()) return;
  beginInsertRows(parentIdx, 0, static_cast<int>(indexes.size()) - 1);
  for (const auto& ix : indexes) {
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::Index;
    node->parent = table;
    node->index = ix;
    table->children.push_back(std::move(node));
  }
  endInsertRows();
}

void ConnectionTreeModel::removeTable(int connection, const std::string& name) {
  Node* conn = connections_.at(static_cast<std::size_t>(connection)).get();
  auto& kids = conn->children;
  for (std::size_t i = 0; i < kids.size(); ++i) {
    if (kids[i]->table.name != name) continue;
    beginRemoveRows(indexOf(conn), static_cast<int>(i), static_cast<int>(i));
    kids.erase(kids.begin() + static_cast<std::ptrdiff_t>(i));
    endRemoveRows();
    return;
  }
}

void ConnectionTreeModel::setConnectionError(int connection, const QString& message) {
  Node* conn = connections_.at(static_cast<std::size_t>(connection)).get();
  if (conn->error == message) return;
  conn->error = message;
  const QModelIndex idx = indexOf(conn);
  emit dataChanged(idx, idx);
}

QModelIndex ConnectionTreeModel::connectionIndex(int connection) const {
  return index(connection, 0, {});
}

QModelIndex ConnectionTreeModel::tableIndex(int connection, const std::string& name) const {
  if (connection < 0 || connection >= static_cast<int>(connections_.size())) return {};
  const Node* conn = connections_[static_cast<std::size_t>(connection)].get();
  for (std::size_t i = 0; i < conn->children.size(); ++i) {
    if (conn->children[i]->table.name == name) return indexOf(conn->children[i].get());
  }
  return {};
}

const TableSummary* ConnectionTreeModel::tableAt(const QModelIndex& index) const {
  Node* node = nodeOf(index);
  if (!node) return nullptr;
  if (node->kind == Node::Kind::Index) node = node->parent;
  return node->kind == Node::Kind::Table ? &node->table : nullptr;
}

ConnectionTreeModel::Node* ConnectionTreeModel::nodeOf(const QModelIndex& index) const {
  return index.isValid() ? static_cast<Node*>(index.internalPointer()) : nullptr;
}

QModelIndex ConnectionTreeModel::indexOf(Node* node) const {
  if (!node) return {};
  if (!node->parent) {
    for (std::size_t i = 0; i < connections_.size(); ++i) {
      if (connections_[i].get() == node) return createIndex(static_cast<int>(i), 0, node);
    }
    return {};
  }
  return createIndex(node->row(), 0, node);
}

QModelIndex ConnectionTreeModel::index(int row, int column, const QModelIndex& parent) const {
  if (column != 0 || row < 0) return {};
  if (!parent.isValid()) {
    if (row >= static_cast<int>(connections_.size())) return {};
    return createIndex(row, 0, connections_[static_cast<std::size_t>(row)].get());
  }
  Node* p = nodeOf(parent);
  if (!p || row >= static_cast<int>(p->children.size())) return {};
  return createIndex(row, 0, p->children[static_cast<std::size_t>(row)].get());
}

QModelIndex ConnectionTreeModel::parent(const QModelIndex& child) const {
  Node* node = nodeOf(child);
  if (!node || !node->parent) return {};
  return indexOf(node->parent);
}

int ConnectionTreeModel::rowCount(const QModelIndex& parent) const {
  if (!parent.isValid()) return static_cast<int>(connections_.size());
  if (parent.column() != 0) return 0;
  Node* p = nodeOf(parent);
  return p ? static_cast<int>(p->children.size()) : 0;
}

int ConnectionTreeModel::columnCount(const QModelIndex&) const { return 1; }

QVariant ConnectionTreeModel::data(const QModelIndex& index, int role) const {
  Node* node = nodeOf(index);
  if (!node) return {};
  switch (node->kind) {
    case Node::Kind::Connection:
      switch (role) {
        case Qt::DisplayRole: return node->name;
        case Qt::ToolTipRole:
          return node->error.isEmpty() ? node->location : node->location + "\n" + node->error;
        case NodeKindRole: return QStringLiteral("connection");
        case StatusRole: return node->error;
        case ConnectionRole: return index.row();
        default: return {};
      }
    case Node::Kind::Table: {
      const auto& t = node->table;
      switch (role) {
        case Qt::DisplayRole: return QString::fromStdString(t.name);
        case Qt::ToolTipRole:
          return tr("%1\n%2 items · %3 · %4")
              .arg(QString::fromStdString(t.name))
              .arg(QLocale().toString(static_cast<qulonglong>(t.itemCount)))
              .arg(QLocale().formattedDataSize(static_cast<qint64>(t.sizeBytes)))
              .arg(QString::fromStdString(t.status));
        case NodeKindRole: return QStringLiteral("table");
        case ItemCountRole: return static_cast<qulonglong>(t.itemCount);
        case StatusRole: return QString::fromStdString(t.status);
        case TableNameRole: return QString::fromStdString(t.name);
        case ConnectionRole: return node->connectionRow(connections_);
        default: return {};
      }
    }
    case Node::Kind::Index: {
      const auto& ix = node->index;
      switch (role) {
        case Qt::DisplayRole: return QString::fromStdString(ix.name);
        case Qt::ToolTipRole:
          return tr("%1 (%2)").arg(QString::fromStdString(ix.name),
                                   ix.kind == "GSI" ? tr("global secondary index") : tr("local secondary index"));
        case NodeKindRole: return QStringLiteral("index");
        case StatusRole: return QString::fromStdString(ix.kind);
        case TableNameRole: return QString::fromStdString(node->parent->table.name);
        case ConnectionRole: return node->connectionRow(connections_);
        default: return {};
      }
    }
  }
  return {};
}

}  // namespace dynadesk::ui
