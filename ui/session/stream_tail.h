// StreamTail: follows one table's DynamoDB stream the way a stream consumer
// does, entirely through the Client (RequestRunner, off the GUI thread), so it
// works the same against the embedded engine and any DynamoDB endpoint.
//
//   DescribeTable      is there an enabled stream? its ARN, view type, keys
//   DescribeStream     the shards (again every kDescribeEveryMs, and when a
//                      shard ends, to find new ones)
//   GetShardIterator   LATEST for the shards open when the tail starts (or
//                      TRIM_HORIZON when asked: everything still retained);
//                      TRIM_HORIZON for shards that appear later
//   GetRecords         each open shard about once a second (kIdlePollMs); after
//                      a read that returned records, again after kBusyPollMs
//                      (DynamoDB allows about five reads a second per shard).
//                      With the embedded engine, a write to the table (engine
//                      event) brings the next read forward, never closer than
//                      kBusyPollMs to the last one.
//
// Errors while following: ExpiredIteratorException (the engine's clock moved
// on more than 15 minutes, or the machine slept) re-acquires the iterator
// AFTER_SEQUENCE_NUMBER the last record read; TrimmedDataAccessException
// re-acquires at TRIM_HORIZON; ResourceNotFoundException asks DescribeTable
// whether the table was deleted or its stream turned off and stops with a
// message saying which. Other errors (throttling, a network failure) are
// reported with failed() and retried after a pause; the tail keeps going.
// A shard that ends (NextShardIterator absent) is done; when every shard has
// ended and the stream is DISABLED, the tail stops ("turned off").
//
// Pause: records keep being read while paused; they go into the buffer and
// are counted (heldBack()) but not delivered. Why: a paused consumer that
// stopped reading would lose its place once its iterator expired (15 minutes)
// and would miss records trimmed meanwhile; reading on keeps the tail exact,
// and resume() delivers the held-back records in one batch. Memory stays
// bounded: the buffer keeps only the newest capacity() records, so of a long
// pause only the newest capacity() records are delivered (droppedWhilePaused()
// counts the rest).
//
// Thread-safety: GUI thread only. Borrows the runner and bridge (which may be
// null: no live events, polling only).
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <nlohmann/json.hpp>

#include "bridge/engine_bridge.h"
#include "client/request_runner.h"
#include "models/stream_record_model.h"

namespace dynadesk::ui {

// GetRecords' answer decoded: the records of one shard and the next iterator
// (absent once a closed shard has been read to its end).
struct StreamRecordsPage {
  std::vector<StreamRecordEntry> records;
  std::optional<std::string> nextShardIterator;
};
// Decodes a GetRecords response; ValidationException when it is malformed.
Result<StreamRecordsPage> streamRecordsPageFrom(const nlohmann::json& response, const std::string& shardId);

class StreamTail : public QObject {
  Q_OBJECT
 public:
  enum class State {
    Idle,       // no table
    Starting,   // describing the table and stream, acquiring iterators
    NoStream,   // the table has no enabled stream (message())
    Following,  // reading; every open shard has an iterator
    Stopped,    // the table was deleted, the stream turned off, or it failed (message())
  };
  enum class StartPosition { Latest, TrimHorizon };

  static constexpr int kIdlePollMs = 1000;
  static constexpr int kBusyPollMs = 200;
  static constexpr int kRetryMs = 3000;
  static constexpr int kDescribeEveryMs = 10000;

  StreamTail(RequestRunner& runner, EngineBridge* bridge, QObject* parent = nullptr,
             int capacity = StreamRecordModel::kDefaultCapacity);

  // Follows `table` from `from` (the buffer and held-back count are cleared).
  // An empty name stops following.
  void start(const QString& table, StartPosition from = StartPosition::Latest);
  void stop();
  // Restarts on the same table and position (after the stream was enabled).
  void restart() { start(table_, from_); }

  // Enables the table's stream (UpdateTable StreamSpecification) with this
  // view type, then starts following. Refusals come back through failed().
  void enableStream(const QString& viewType);

  void setPaused(bool paused);
  bool paused() const { return paused_; }
  int heldBack() const { return heldBack_; }
  std::uint64_t droppedWhilePaused() const { return droppedWhilePaused_; }
  // Forgets buffered and held-back records (the view was cleared).
  void clearBuffer();

  State state() const { return state_; }
  QString message() const { return message_; }
  QString table() const { return table_; }
  StartPosition startPosition() const { return from_; }
  QString streamArn() const { return streamArn_; }
  QString viewType() const { return viewType_; }
  const std::vector<std::string>& keyAttributes() const { return keyAttributes_; }
  int capacity() const { return capacity_; }
  // The newest records read (at most capacity()), oldest first.
  const std::deque<StreamRecordEntry>& buffer() const { return buffer_; }
  int openShards() const;
  std::uint64_t recordsRead() const { return recordsRead_; }

 signals:
  void stateChanged(dynadesk::ui::StreamTail::State state);
  // A batch of new records in stream order (not while paused).
  void recordsArrived(const std::vector<dynadesk::ui::StreamRecordEntry>& records);
  void heldBackChanged(int count);
  // A transient problem (the tail retries) or a refused enableStream().
  void failed(const QString& message);

 private:
  struct Shard {
    std::string iterator;      // empty: needs one
    std::string iteratorType;  // used when there is no last sequence number
    std::string lastSequence;
    bool inFlight = false;
    bool ended = false;
    qint64 dueAt = 0;       // clock_ ms
    qint64 lastReadAt = -1000000;  // clock_ ms of the last GetRecords
  };

  void setState(State state, const QString& message = {});
  void describeTable(std::uint64_t ticket);
  void describeStream(std::uint64_t ticket, const std::string& exclusiveStartShardId,
                      std::vector<nlohmann::json> shardsSoFar);
  void onShards(std::uint64_t ticket, const std::vector<nlohmann::json>& shards, bool disabled);
  void pump();
  void requestIterator(const std::string& shardId);
  void readRecords(const std::string& shardId);
  void onPage(const std::string& shardId, StreamRecordsPage page);
  void onReadError(const std::string& shardId, const Status& status);
  void checkGone();
  void restartIfStreamChanged();
  void deliver(std::vector<StreamRecordEntry> records);
  void scheduleSoon(const std::string& shardId, int delayMs);
  void onItemsChanged(const std::vector<ItemEvent>& events);
  void onTableChanged(const QString& table, TableEventKind kind);

  RequestRunner& runner_;
  int capacity_;
  QString table_;
  StartPosition from_ = StartPosition::Latest;
  std::uint64_t ticket_ = 0;  // drops answers of an earlier start()
  State state_ = State::Idle;
  QString message_;
  QString streamArn_;
  QString viewType_;
  std::vector<std::string> keyAttributes_;
  bool firstDescribe_ = true;
  bool describing_ = false;
  std::map<std::string, Shard> shards_;

  bool paused_ = false;
  int heldBack_ = 0;
  std::uint64_t droppedWhilePaused_ = 0;
  std::uint64_t recordsRead_ = 0;
  std::deque<StreamRecordEntry> buffer_;

  QElapsedTimer clock_;
  QTimer pumpTimer_;
  QTimer describeTimer_;
};

}  // namespace dynadesk::ui

Q_DECLARE_METATYPE(dynadesk::ui::StreamTail::State)
Q_DECLARE_METATYPE(std::vector<dynadesk::ui::StreamRecordEntry>)
