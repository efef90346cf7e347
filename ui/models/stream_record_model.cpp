#include "models/stream_record_model.h"

#include <QDateTime>
#include <QFont>
#include <QGuiApplication>

#include "format/attribute_text.h"
#include "format/image_diff.h"

namespace dynadesk::ui {

QString streamEventName(StreamEventType type) {
  switch (type) {
    case StreamEventType::Insert: return QStringLiteral("INSERT");
    case StreamEventType::Modify: return QStringLiteral("MODIFY");
    case StreamEventType::Remove: return QStringLiteral("REMOVE");
  }
  return {};
}

std::optional<StreamEventType> streamEventFromName(std::string_view name) {
  if (name == "INSERT") return StreamEventType::Insert;
  if (name == "MODIFY") return StreamEventType::Modify;
  if (name == "REMOVE") return StreamEventType::Remove;
  return std::nullopt;
}

StreamRecordModel::StreamRecordModel(int capacity, QObject* parent)
    : QAbstractTableModel(parent), capacity_(std::max(1, capacity)) {}

void StreamRecordModel::setKeyAttributes(std::vector<std::string> keyAttributes) {
  keyAttributes_ = std::move(keyAttributes);
  for (auto& row : rows_) row.keys = keysText(row.record.keys, keyAttributes_);
  if (!rows_.empty()) emit dataChanged(index(0, KeysColumn), index(rowCount() - 1, KeysColumn));
}

void StreamRecordModel::appendRecords(const std::vector<StreamRecordEntry>& records) {
  if (records.empty()) return;
  const std::size_t cap = static_cast<std::size_t>(capacity_);
  const std::size_t take = std::min(records.size(), cap);
  const std::size_t overflow = rows_.size() + take > cap ? rows_.size() + take - cap : 0;
  if (overflow > 0) {
    beginRemoveRows({}, 0, static_cast<int>(overflow) - 1);
    rows_.erase(rows_.begin(), rows_.begin() + static_cast<std::ptrdiff_t>(overflow));
    endRemoveRows();
  }
  const int first = static_cast<int>(rows_.size());
  beginInsertRows({}, first, first + static_cast<int>(take) - 1);
  for (std::size_t i = records.size() - take; i < records.size(); ++i) {
    Row row{records[i], keysText(records[i].keys, keyAttributes_), changeSummary(records[i])};
    rows_.push_back(std::move(row));
  }
  endInsertRows();
}

void StreamRecordModel::clear() {
  if (rows_.empty()) return;
  beginResetModel();
  rows_.clear();
  endResetModel();
}

int StreamRecordModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int StreamRecordModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant StreamRecordModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
  const Row& row = rows_[static_cast<std::size_t>(index.row())];
  const StreamRecordEntry& r = row.record;
  switch (role) {
    case EventTypeRole: return static_cast<int>(r.type);
    case EventColorRole: return eventColor(r.type, QGuiApplication::palette());
    case SequenceNumberRole: return QString::fromStdString(r.sequenceNumber);
    default: break;
  }
  const QDateTime when =
      QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(r.approximateCreationSeconds * 1000.0), Qt::UTC);
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case TimeColumn: return when.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
      case EventColumn: return streamEventName(r.type);
      case KeysColumn: return row.keys;
      case ChangeColumn: return row.summary;
    }
  }
  if (role == Qt::ToolTipRole) {
    switch (index.column()) {
      case TimeColumn:
        return tr("%1 (%2 UTC)\nSequence number %3")
            .arg(when.toLocalTime().toString(Qt::ISODate), when.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                 QString::fromStdString(r.sequenceNumber));
      case EventColumn:
        return r.byTimeToLive ? tr("Deleted by Time to Live (the DynamoDB service)") : QVariant();
      case KeysColumn: return row.keys;
      case ChangeColumn: return row.summary;
    }
  }
  if (index.column() == EventColumn) {
    if (role == Qt::ForegroundRole) return eventColor(r.type, QGuiApplication::palette());
    if (role == Qt::FontRole) {
      QFont f;
      f.setBold(true);
      return f;
    }
  }
  return {};
}

QVariant StreamRecordModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case TimeColumn: return tr("Time");
    case EventColumn: return tr("Event");
    case KeysColumn: return tr("Keys");
    case ChangeColumn: return tr("Change");
  }
  return {};
}

QColor StreamRecordModel::eventColor(StreamEventType type, const QPalette& palette) {
  // Green, amber and red families; lighter on a dark window so the text stays legible.
  const bool dark = palette.color(QPalette::Window).lightnessF() < 0.5;
  int hue = 130;
  if (type == StreamEventType::Modify) hue = 35;
  if (type == StreamEventType::Remove) hue = 0;
  return QColor::fromHsl(hue, dark ? 170 : 200, dark ? 165 : 80);
}

QString StreamRecordModel::changeSummary(const StreamRecordEntry& r) {
  auto count = [](const Item& item) {
    return item.size() == 1 ? tr("1 attribute") : tr("%1 attributes").arg(item.size());
  };
  switch (r.type) {
    case StreamEventType::Insert:
      return r.newImage ? tr("new item, %1").arg(count(*r.newImage)) : tr("new item (keys only)");
    case StreamEventType::Remove: {
      const QString by = r.byTimeToLive ? tr("expired by Time to Live") : tr("item removed");
      return r.oldImage ? tr("%1, %2").arg(by, count(*r.oldImage)) : tr("%1 (keys only)").arg(by);
    }
    case StreamEventType::Modify:
      if (r.oldImage && r.newImage) return diffSummaryText(summarizeDiff(diffImages(*r.oldImage, *r.newImage)));
      if (r.newImage) return tr("modified; now %1 (no old image in this view type)").arg(count(*r.newImage));
      if (r.oldImage) return tr("modified; was %1 (no new image in this view type)").arg(count(*r.oldImage));
      return tr("modified (keys only)");
  }
  return {};
}

QString StreamRecordModel::keysText(const Item& keys, const std::vector<std::string>& keyAttributes) {
  QStringList parts;
  auto add = [&](const std::string& name, const AttributeValue& v) {
    parts << QStringLiteral("%1 = %2").arg(QString::fromStdString(name), compactText(v, 60));
  };
  for (const auto& name : keyAttributes) {
    auto it = keys.find(name);
    if (it != keys.end()) add(name, it->second);
  }
  for (const auto& [name, value] : keys) {
    if (std::find(keyAttributes.begin(), keyAttributes.end(), name) == keyAttributes.end()) add(name, value);
  }
  return parts.join(QStringLiteral(", "));
}

StreamEventFilter::StreamEventFilter(QObject* parent) : QSortFilterProxyModel(parent) {}

void StreamEventFilter::setShown(StreamEventType type, bool shown) {
  if (shown_[static_cast<int>(type)] == shown) return;
  shown_[static_cast<int>(type)] = shown;
  invalidateRowsFilter();
}

bool StreamEventFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
  const int type = i.data(StreamRecordModel::EventTypeRole).toInt();
  return type >= 0 && type < 3 && shown_[type];
}

}  // namespace dynadesk::ui
