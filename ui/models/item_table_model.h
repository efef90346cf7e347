// ItemTableModel: the rows of the item browser — the items of one table as
// loaded page by page, kept live by engine events.
//
// It never calls the engine (STYLE.md 5): fetchMore() only asks for the next
// page through pageRequested(); whoever runs the Scan hands the answer back
// with appendPage(). Every reset() starts a new generation and answers for an
// older generation are dropped, so a page that arrives after the user moved to
// another table never lands in the wrong grid.
//
// Columns: the table's key attributes first (partition, then sort key), then
// every other attribute name in the order it was first seen in loaded rows.
// Live changes (applyItemEvents): a changed item is updated in place, a removed
// one disappears, a new one is appended; each is marked as recently changed
// (RecentlyChangedRole) for kChangeMarkMs. A page never adds an item that is
// already shown (it may have arrived live first).
//
// Thread-safety: GUI thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QStringList>
#include <QTimer>

#include "dynadesk/attribute_value.h"
#include "dynadesk/engine_events.h"

namespace dynadesk::ui {

struct ItemPage {
  std::vector<Item> items;
  std::optional<Item> lastEvaluatedKey;  // absent on the last page
};

class ItemTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Role {
    TypeCodeRole = Qt::UserRole + 1,  // QString "S", "N", ... ; empty when the item lacks the attribute
    RecentlyChangedRole,              // bool
    KeyColumnRole,                    // header: "HASH", "RANGE" or empty
  };
  static constexpr int kChangeMarkMs = 1500;

  explicit ItemTableModel(QObject* parent = nullptr);

  // Shows a new table (or nothing, when table is empty): clears the rows and
  // starts a new generation. keyAttributes: partition key, then sort key if any.
  void reset(const std::string& table, std::vector<std::string> keyAttributes);
  std::uint64_t generation() const { return generation_; }
  // Query builder results show every item DynamoDB returned, even when a
  // projection left out the keys that tell rows apart: no row is then merged
  // with another. Off by default (the browser merges live and paged copies).
  void setKeepEveryRow(bool keep) { keepEveryRow_ = keep; }
  const std::string& table() const { return table_; }
  const std::vector<std::string>& keyAttributes() const { return keyAttributes_; }

  // Paging (the view calls canFetchMore/fetchMore as the user scrolls).
  bool canFetchMore(const QModelIndex& parent) const override;
  void fetchMore(const QModelIndex& parent) override;
  // The answer to pageRequested(generation, ...); ignored when stale.
  void appendPage(std::uint64_t generation, ItemPage page);
  // The page could not be read; paging stops until retryFetch().
  void pageFailed(std::uint64_t generation, const QString& message);
  void retryFetch();
  bool loading() const { return loading_; }
  bool exhausted() const { return exhausted_; }
  QString lastError() const { return lastError_; }

  // Live changes from the EngineBridge; events of other tables are ignored.
  void applyItemEvents(const std::vector<ItemEvent>& events);

  // Rows and columns.
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  const Item& itemAt(int row) const { return rows_.at(static_cast<std::size_t>(row)).item; }
  // The value shown at (row, column), or null when the item lacks it.
  const AttributeValue* valueAt(int row, int column) const;
  const std::string& columnName(int column) const { return columns_.at(static_cast<std::size_t>(column)); }
  // The row of the item with this key, or -1.
  int rowOfKey(const Item& key) const;
  // Just the key attributes of an item of this table.
  Item keyOf(const Item& item) const;

 signals:
  void pageRequested(std::uint64_t generation, std::optional<dynadesk::Item> exclusiveStartKey);
  void loadingChanged(bool loading);
  void loadFailed(const QString& message);

 private:
  struct Row {
    Item item;
    qint64 changedAt = -1;  // changeClock_ ms of the last live change; -1 none
  };

  std::string keyString(const Item& item) const;
  void noteColumns(const Item& item, bool announce);
  void setLoading(bool loading);
  void markChanged(int row);
  void expireMarks();
  void removeRowAt(int row);

  std::string table_;
  std::vector<std::string> keyAttributes_;
  std::uint64_t generation_ = 0;
  std::vector<Row> rows_;
  std::unordered_map<std::string, int> rowByKey_;
  std::vector<std::string> columns_;
  std::unordered_map<std::string, int> columnByName_;
  std::optional<Item> nextStartKey_;
  bool exhausted_ = true;
  bool keepEveryRow_ = false;
  bool loading_ = false;
  bool failed_ = false;
  QString lastError_;

  QElapsedTimer changeClock_;
  QTimer markTimer_;
};

}  // namespace dynadesk::ui

Q_DECLARE_METATYPE(std::optional<dynadesk::Item>)
