// ConnectionTreeModel: the sidebar — connections, their tables, and each
// table's secondary indexes, with live item counts and status.
//
// Snapshots in, never calls out (STYLE.md 5): the controller reads
// ListTables/DescribeTable and hands summaries to setTables()/updateTable()/
// removeTable(). Items are nodes with stable addresses, so persistent indexes
// (the selection) survive tables coming and going around them.
//
// Thread-safety: GUI thread only.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <QAbstractItemModel>

namespace dynadesk::ui {

struct IndexSummary {
  std::string name;
  std::string kind;  // "GSI" or "LSI"
  std::string status;
};

struct TableSummary {
  std::string name;
  std::string status;  // "ACTIVE", "CREATING", ...
  std::uint64_t itemCount = 0;
  std::uint64_t sizeBytes = 0;
  std::vector<IndexSummary> indexes;
};

class ConnectionTreeModel : public QAbstractItemModel {
  Q_OBJECT
 public:
  enum Role {
    NodeKindRole = Qt::UserRole + 1,  // "connection", "table" or "index"
    ItemCountRole,                    // tables: quint64
    StatusRole,                       // tables and indexes: QString
    TableNameRole,                    // tables and indexes: the table's name
    ConnectionRole,                   // every node: the connection's row
  };

  explicit ConnectionTreeModel(QObject* parent = nullptr);
  ~ConnectionTreeModel() override;

  // Returns the new connection's row.
  int addConnection(const QString& name, const QString& location);
  // Replaces the connection's tables (sorted by name, as ListTables orders them).
  void setTables(int connection, std::vector<TableSummary> tables);
  // Adds or refreshes one table.
  void updateTable(int connection, TableSummary table);
  void removeTable(int connection, const std::string& name);
  // Shows that listing the connection failed (empty message clears it).
  void setConnectionError(int connection, const QString& message);

  QModelIndex connectionIndex(int connection) const;
  QModelIndex tableIndex(int connection, const std::string& name) const;
  const TableSummary* tableAt(const QModelIndex& index) const;

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

 private:
  struct Node;
  Node* nodeOf(const QModelIndex& index) const;
  QModelIndex indexOf(Node* node) const;
  void setIndexes(Node* table, const std::vector<IndexSummary>& indexes);

  std::vector<std::unique_ptr<Node>> connections_;
};

}  // namespace dynadesk::ui
