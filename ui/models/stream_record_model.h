// StreamRecordModel: the rows of the stream live tail — DynamoDB Streams
// records of one table, oldest first, newest appended at the bottom, at most
// capacity() of them (the oldest go first when more arrive).
//
// Columns: time (the record's ApproximateCreationDateTime, local time),
// event (INSERT, MODIFY, REMOVE), keys, and a one-line summary of the change
// (which attributes were added, changed or removed; for INSERT and REMOVE the
// size of the image). Summaries are worked out once, when records arrive.
// The event column carries a colour (Qt::ForegroundRole and EventColorRole)
// picked for the application palette when asked, so it reads in light and
// dark themes alike.
//
// StreamEventFilter is the proxy that shows only the chosen event types.
//
// Like every model here it never calls the engine (STYLE.md 5): StreamTail
// reads the stream and hands records over with appendRecords().
// Thread-safety: GUI thread only.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <QAbstractTableModel>
#include <QColor>
#include <QPalette>
#include <QSortFilterProxyModel>

#include "dynadesk/attribute_value.h"

namespace dynadesk::ui {

enum class StreamEventType { Insert = 0, Modify = 1, Remove = 2 };

// "INSERT", "MODIFY", "REMOVE".
QString streamEventName(StreamEventType type);
std::optional<StreamEventType> streamEventFromName(std::string_view name);

// One record as GetRecords returned it.
struct StreamRecordEntry {
  StreamEventType type = StreamEventType::Insert;
  std::string eventId;
  std::string shardId;
  std::string sequenceNumber;
  double approximateCreationSeconds = 0;  // epoch seconds
  std::int64_t sizeBytes = 0;
  bool byTimeToLive = false;  // a deletion by Time to Live (userIdentity: the DynamoDB service)
  Item keys;
  std::optional<Item> oldImage;
  std::optional<Item> newImage;
};

class StreamRecordModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { TimeColumn, EventColumn, KeysColumn, ChangeColumn, ColumnCount };
  enum Role {
    EventTypeRole = Qt::UserRole + 1,  // int: StreamEventType
    EventColorRole,                    // QColor of the event type for the application palette
    SequenceNumberRole,                // QString
  };
  static constexpr int kDefaultCapacity = 5000;

  explicit StreamRecordModel(int capacity = kDefaultCapacity, QObject* parent = nullptr);

  int capacity() const { return capacity_; }
  // The table's key attributes (partition, then sort), so keys read in that order.
  void setKeyAttributes(std::vector<std::string> keyAttributes);
  // Appends a batch (in stream order), dropping the oldest rows beyond capacity.
  void appendRecords(const std::vector<StreamRecordEntry>& records);
  void clear();

  const StreamRecordEntry& recordAt(int row) const { return rows_.at(static_cast<std::size_t>(row)).record; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  // The colour an event type is shown in on this palette.
  static QColor eventColor(StreamEventType type, const QPalette& palette);
  // "changed info.rating · added tags[2]" for MODIFY; "new item, 4 attributes"
  // for INSERT; "item removed, 4 attributes" for REMOVE; keys-only records say so.
  static QString changeSummary(const StreamRecordEntry& record);
  // "Artist = Acme, SongTitle = Hello" in keyAttributes order (then the rest).
  static QString keysText(const Item& keys, const std::vector<std::string>& keyAttributes);

 private:
  struct Row {
    StreamRecordEntry record;
    QString keys;
    QString summary;
  };

  int capacity_;
  std::vector<std::string> keyAttributes_;
  std::deque<Row> rows_;
};

// Shows only the rows of the event types switched on (all are, at first).
class StreamEventFilter : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  explicit StreamEventFilter(QObject* parent = nullptr);
  void setShown(StreamEventType type, bool shown);
  bool shown(StreamEventType type) const { return shown_[static_cast<int>(type)]; }

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  bool shown_[3] = {true, true, true};
};

}  // namespace dynadesk::ui

Q_DECLARE_METATYPE(dynadesk::ui::StreamRecordEntry)
