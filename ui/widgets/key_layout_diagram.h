// KeyLayoutDiagram: a painted picture of how a table's key and one of its
// indexes' keys organise the same items. On the left, a sample of the table's
// items grouped into partitions by the table's partition key and ordered
// within each by its sort key; on the right, the same items grouped and
// ordered by the index's keys, with the items the index leaves out (sparse)
// in a box of their own. A line joins each item's two places; an item keeps
// its table partition's colour on both sides, so the regrouping shows.
//
// Partitions are drawn in key-value order for reading; DynamoDB places them
// by a hash of the value (the caption says so). Sort keys order items in
// DynamoDB's order (numbers by value, strings and binary bytewise).
//
// Colours come from the widget's palette at paint time, so the light and dark
// themes both read. Thread-safety: GUI thread only.
#pragma once

#include <optional>
#include <vector>

#include <QString>
#include <QWidget>

#include "dynadesk/attribute_value.h"
#include "format/index_preview.h"

namespace dynadesk::ui {

class KeyLayoutDiagram : public QWidget {
  Q_OBJECT
 public:
  // At most this many items are drawn: enough to show grouping, few enough to read.
  static constexpr std::size_t kMaxItems = 24;
  // Drawn from at most this many table partitions, this many items each.
  static constexpr std::size_t kMaxPartitions = 6;
  static constexpr std::size_t kMaxItemsPerPartition = 4;

  explicit KeyLayoutDiagram(QWidget* parent = nullptr);

  // The items to draw (from `items`, kMaxItemsPerPartition of each of the
  // first kMaxPartitions partitions, favouring items the index holds), the
  // table's key, and the index
  // to compare with (none: the table alone). `index.name` titles its side.
  void setSample(std::vector<Item> items, TableKeys table, std::optional<IndexDesign> index);
  void clear();

  // What is drawn (tests): each group's label and its items, as positions in
  // the sample, in drawing order.
  struct Group {
    QString label;
    std::vector<std::size_t> items;
  };
  const std::vector<Group>& tableGroups() const { return tableGroups_; }
  const std::vector<Group>& indexGroups() const { return indexGroups_; }
  const std::vector<std::size_t>& leftOut() const { return leftOut_; }
  std::size_t sampleSize() const { return items_.size(); }

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  void regroup();
  int columnHeight(const std::vector<Group>& groups, std::size_t extraRows) const;
  QString tableChipText(std::size_t item) const;
  QString indexChipText(std::size_t item) const;

  std::vector<Item> items_;
  TableKeys table_;
  std::optional<IndexDesign> index_;
  std::vector<Group> tableGroups_;
  std::vector<Group> indexGroups_;
  std::vector<std::size_t> leftOut_;
  std::vector<int> colourOf_;  // per item: its table group's position
};

}  // namespace dynadesk::ui
