#include "models/item_table_model.h"

#include <QFont>

#include "dynadesk/attribute_json.h"
#include "format/attribute_text.h"

namespace dynadesk::ui {

ItemTableModel::ItemTableModel(QObject* parent) : QAbstractTableModel(parent) {
  qRegisterMetaType<std::optional<dynadesk::Item>>();
  changeClock_.start();
  markTimer_.setSingleShot(true);
  connect(&markTimer_, &QTimer::timeout, this, &ItemTableModel::expireMarks);
}

void ItemTableModel::reset(const std::string& table, std::vector<std::string> keyAttributes) {
  beginResetModel();
  ++generation_;
  table_ = table;
  keyAttributes_ = std::move(keyAttributes);
  rows_.clear();
  rowByKey_.clear();
  columns_.clear();
  columnByName_.clear();
  for (const auto& k : keyAttributes_) {
    columnByName_[k] = static_cast<int>(columns_.size());
    columns_.push_back(k);
  }
  nextStartKey_.reset();
  exhausted_ = table_.empty();
  failed_ = false;
  lastError_.clear();
  loading_ = false;
  endResetModel();
}

bool ItemTableModel::canFetchMore(const QModelIndex& parent) const {
  return !parent.isValid() && !exhausted_ && !loading_ && !failed_;
}

void ItemTableModel::fetchMore(const QModelIndex& parent) {
  if (!canFetchMore(parent)) return;
  setLoading(true);
  emit pageRequested(generation_, nextStartKey_);
}

void ItemTableModel::retryFetch() {
  if (!failed_) return;
  failed_ = false;
  lastError_.clear();
  fetchMore({});
}

void ItemTableModel::appendPage(std::uint64_t generation, ItemPage page) {
  if (generation != generation_) return;  // the user moved on
  std::vector<Item> fresh;
  fresh.reserve(page.items.size());
  for (auto& item : page.items) {
    if (keepEveryRow_ || rowByKey_.count(keyString(item)) == 0) fresh.push_back(std::move(item));
  }
  for (const auto& item : fresh) noteColumns(item, true);
  if (!fresh.empty()) {
    const int first = static_cast<int>(rows_.size());
    beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
    for (auto& item : fresh) {
      rowByKey_[keyString(item)] = static_cast<int>(rows_.size());
      rows_.push_back(Row{std::move(item), -1});
    }
    endInsertRows();
  }
  nextStartKey_ = std::move(page.lastEvaluatedKey);
  exhausted_ = !nextStartKey_.has_value();
  setLoading(false);
}

void ItemTableModel::pageFailed(std::uint64_t generation, const QString& message) {
  if (generation != generation_) return;
  failed_ = true;
  lastError_ = message;
  setLoading(false);
  emit loadFailed(message);
}

void ItemTableModel::applyItemEvents(const std::vector<ItemEvent>& events) {
  if (table_.empty()) return;
  for (const auto& e : events) {
    if (e.table != table_) continue;
    const std::string key = keyString(e.key);
    auto it = rowByKey_.find(key);
    if (e.kind == ItemEventKind::Removed) {
      if (it != rowByKey_.end()) removeRowAt(it->second);
      continue;
    }
    if (!e.newImage) continue;
    noteColumns(*e.newImage, true);
    if (it != rowByKey_.end()) {
      rows_[static_cast<std::size_t>(it->second)].item = *e.newImage;
      markChanged(it->second);
      emit dataChanged(index(it->second, 0), index(it->second, columnCount() - 1));
    } else {
      const int row = static_cast<int>(rows_.size());
      beginInsertRows({}, row, row);
      rowByKey_[key] = row;
      rows_.push_back(Row{*e.newImage, -1});
      endInsertRows();
      markChanged(row);
    }
  }
}

void ItemTableModel::removeRowAt(int row) {
  beginRemoveRows({}, row, row);
  rowByKey_.erase(keyString(rows_[static_cast<std::size_t>(row)].item));
  rows_.erase(rows_.begin() + row);
  // Rows after it moved up by one.
  for (std::size_t i = static_cast<std::size_t>(row); i < rows_.size(); ++i) {
    rowByKey_[keyString(rows_[i].item)] = static_cast<int>(i);
  }
  endRemoveRows();
}

void ItemTableModel::markChanged(int row) {
  rows_[static_cast<std::size_t>(row)].changedAt = changeClock_.elapsed();
  if (!markTimer_.isActive()) markTimer_.start(kChangeMarkMs);
}

void ItemTableModel::expireMarks() {
  const qint64 now = changeClock_.elapsed();
  qint64 nextExpiry = -1;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    auto& row = rows_[i];
    if (row.changedAt < 0) continue;
    if (now - row.changedAt >= kChangeMarkMs) {
      row.changedAt = -1;
      const int r = static_cast<int>(i);
      emit dataChanged(index(r, 0), index(r, columnCount() - 1), {RecentlyChangedRole, Qt::BackgroundRole});
    } else {
      const qint64 left = kChangeMarkMs - (now - row.changedAt);
      if (nextExpiry < 0 || left < nextExpiry) nextExpiry = left;
    }
  }
  if (nextExpiry >= 0) markTimer_.start(static_cast<int>(nextExpiry));
}

int ItemTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ItemTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(columns_.size());
}

const AttributeValue* ItemTableModel::valueAt(int row, int column) const {
  if (row < 0 || column < 0 || row >= rowCount() || column >= columnCount()) return nullptr;
  const Item& item = rows_[static_cast<std::size_t>(row)].item;
  auto it = item.find(columns_[static_cast<std::size_t>(column)]);
  return it == item.end() ? nullptr : &it->second;
}

QVariant ItemTableModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const AttributeValue* value = valueAt(index.row(), index.column());
  switch (role) {
    case Qt::DisplayRole: return value ? compactText(*value) : QVariant();
    case Qt::ToolTipRole: return value ? tooltipText(*value) : QVariant();
    case TypeCodeRole: return value ? typeCode(value->type()) : QString();
    case RecentlyChangedRole: return rows_[static_cast<std::size_t>(index.row())].changedAt >= 0;
    default: return {};
  }
}

QVariant ItemTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation == Qt::Vertical) {
    if (role == Qt::DisplayRole) return section + 1;
    return {};
  }
  if (section < 0 || section >= columnCount()) return {};
  const std::string& name = columns_[static_cast<std::size_t>(section)];
  const bool isHash = !keyAttributes_.empty() && keyAttributes_[0] == name;
  const bool isRange = keyAttributes_.size() > 1 && keyAttributes_[1] == name;
  switch (role) {
    case Qt::DisplayRole: return QString::fromStdString(name);
    case Qt::ToolTipRole:
      if (isHash) return tr("Partition key");
      if (isRange) return tr("Sort key");
      return {};
    case Qt::FontRole:
      if (isHash || isRange) {
        QFont f;
        f.setBold(true);
        return f;
      }
      return {};
    case KeyColumnRole: return isHash ? QStringLiteral("HASH") : isRange ? QStringLiteral("RANGE") : QString();
    default: return {};
  }
}

int ItemTableModel::rowOfKey(const Item& key) const {
  auto it = rowByKey_.find(keyString(key));
  return it == rowByKey_.end() ? -1 : it->second;
}

Item ItemTableModel::keyOf(const Item& item) const {
  Item key;
  for (const auto& k : keyAttributes_) {
    auto it = item.find(k);
    if (it != item.end()) key.emplace(k, it->second);
  }
  return key;
}

std::string ItemTableModel::keyString(const Item& item) const {
  // The JSON of just the key attributes: a map is kept sorted by name, so equal
  // keys always give equal text.
  return toJson(keyOf(item)).dump();
}

void ItemTableModel::noteColumns(const Item& item, bool announce) {
  for (const auto& [name, value] : item) {
    if (columnByName_.count(name)) continue;
    const int column = static_cast<int>(columns_.size());
    if (announce) beginInsertColumns({}, column, column);
    columnByName_[name] = column;
    columns_.push_back(name);
    if (announce) endInsertColumns();
  }
}

void ItemTableModel::setLoading(bool loading) {
  if (loading_ == loading) return;
  loading_ = loading;
  emit loadingChanged(loading);
}

}  // namespace dynadesk::ui
