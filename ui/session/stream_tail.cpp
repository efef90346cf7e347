#include "session/stream_tail.h"

#include <algorithm>

#include "dynadesk/attribute_json.h"

namespace dynadesk::ui {

namespace {

std::string str(const nlohmann::json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

Result<Item> itemMember(const nlohmann::json& j, const char* key) {
  if (!j.contains(key)) return Item{};
  return itemFromJson(j[key]);
}

}  // namespace

Result<StreamRecordsPage> streamRecordsPageFrom(const nlohmann::json& response, const std::string& shardId) {
  StreamRecordsPage page;
  if (!response.is_object()) return Status::validation("GetRecords answered something that is not an object");
  const std::string next = str(response, "NextShardIterator");
  if (!next.empty()) page.nextShardIterator = next;
  const auto records = response.value("Records", nlohmann::json::array());
  if (!records.is_array()) return Status::validation("GetRecords answered Records that are not a list");
  for (const auto& r : records) {
    if (!r.is_object()) return Status::validation("GetRecords answered a record that is not an object");
    StreamRecordEntry e;
    const auto type = streamEventFromName(str(r, "eventName"));
    if (!type) return Status::validation("Unknown stream event name \"" + str(r, "eventName") + "\"");
    e.type = *type;
    e.eventId = str(r, "eventID");
    e.shardId = shardId;
    const auto d = r.value("dynamodb", nlohmann::json::object());
    if (!d.is_object()) return Status::validation("GetRecords answered a record without its dynamodb member");
    e.sequenceNumber = str(d, "SequenceNumber");
    if (d.contains("ApproximateCreationDateTime") && d["ApproximateCreationDateTime"].is_number()) {
      e.approximateCreationSeconds = d["ApproximateCreationDateTime"].get<double>();
    }
    if (d.contains("SizeBytes") && d["SizeBytes"].is_number_integer()) e.sizeBytes = d["SizeBytes"].get<std::int64_t>();
    DYNADESK_ASSIGN_OR_RETURN(e.keys, itemMember(d, "Keys"));
    if (d.contains("NewImage")) {
      DYNADESK_ASSIGN_OR_RETURN(Item image, itemFromJson(d["NewImage"]));
      e.newImage = std::move(image);
    }
    if (d.contains("OldImage")) {
      DYNADESK_ASSIGN_OR_RETURN(Item image, itemFromJson(d["OldImage"]));
      e.oldImage = std::move(image);
    }
    const auto who = r.value("userIdentity", nlohmann::json::object());
    e.byTimeToLive = who.is_object() && str(who, "PrincipalId") == "dynamodb.amazonaws.com";
    page.records.push_back(std::move(e));
  }
  return page;
}

StreamTail::StreamTail(RequestRunner& runner, EngineBridge* bridge, QObject* parent, int capacity)
    : QObject(parent), runner_(runner), capacity_(std::max(1, capacity)) {
  qRegisterMetaType<StreamTail::State>();
  qRegisterMetaType<std::vector<StreamRecordEntry>>();
  clock_.start();
  pumpTimer_.setSingleShot(true);
  connect(&pumpTimer_, &QTimer::timeout, this, &StreamTail::pump);
  describeTimer_.setInterval(kDescribeEveryMs);
  connect(&describeTimer_, &QTimer::timeout, this, [this] {
    if (state_ == State::Following && !describing_) describeStream(ticket_, {}, {});
  });
  if (bridge) {
    connect(bridge, &EngineBridge::itemsChanged, this, &StreamTail::onItemsChanged);
    connect(bridge, &EngineBridge::tableChanged, this, &StreamTail::onTableChanged);
  }
}

void StreamTail::setState(State state, const QString& message) {
  message_ = message;
  if (state != State::Following && state != State::Starting) {
    pumpTimer_.stop();
    describeTimer_.stop();
  }
  state_ = state;
  emit stateChanged(state);
}

void StreamTail::start(const QString& table, StartPosition from) {
  ++ticket_;
  table_ = table;
  from_ = from;
  streamArn_.clear();
  viewType_.clear();
  keyAttributes_.clear();
  shards_.clear();
  firstDescribe_ = true;
  describing_ = false;
  clearBuffer();
  if (table.isEmpty()) {
    setState(State::Idle);
    return;
  }
  setState(State::Starting);
  describeTable(ticket_);
}

void StreamTail::stop() { start({}); }

void StreamTail::describeTable(std::uint64_t ticket) {
  runner_.run("DescribeTable", {{"TableName", table_.toStdString()}}, this,
              [this, ticket](Result<nlohmann::json> r) {
                if (ticket != ticket_) return;
                if (!r) {
                  if (r.status().type() == ErrorType::ResourceNotFoundException) {
                    setState(State::Stopped, tr("The table “%1” does not exist (it was deleted).").arg(table_));
                  } else {
                    setState(State::Stopped, QString::fromStdString(r.status().message()));
                  }
                  return;
                }
                const auto t = r->value("Table", nlohmann::json::object());
                keyAttributes_.clear();
                for (const auto& k : t.value("KeySchema", nlohmann::json::array())) {
                  const std::string name = str(k, "AttributeName");
                  if (str(k, "KeyType") == "HASH") keyAttributes_.insert(keyAttributes_.begin(), name);
                  else keyAttributes_.push_back(name);
                }
                const auto spec = t.value("StreamSpecification", nlohmann::json::object());
                const bool enabled = spec.is_object() && spec.value("StreamEnabled", false);
                if (!enabled || str(t, "LatestStreamArn").empty()) {
                  setState(State::NoStream,
                           tr("This table has no stream. Enable one to see every insert, change and removal "
                              "as it happens."));
                  return;
                }
                streamArn_ = QString::fromStdString(str(t, "LatestStreamArn"));
                viewType_ = QString::fromStdString(str(spec, "StreamViewType"));
                describeStream(ticket, {}, {});
              });
}

void StreamTail::describeStream(std::uint64_t ticket, const std::string& exclusiveStartShardId,
                                std::vector<nlohmann::json> shardsSoFar) {
  describing_ = true;
  nlohmann::json request{{"StreamArn", streamArn_.toStdString()}};
  if (!exclusiveStartShardId.empty()) request["ExclusiveStartShardId"] = exclusiveStartShardId;
  runner_.run("DynamoDBStreams_20120810.DescribeStream", std::move(request), this,
              [this, ticket, shardsSoFar = std::move(shardsSoFar)](Result<nlohmann::json> r) mutable {
                if (ticket != ticket_) return;
                describing_ = false;
                if (!r) {
                  if (r.status().type() == ErrorType::ResourceNotFoundException) {
                    checkGone();
                  } else if (state_ == State::Starting) {
                    setState(State::Stopped, QString::fromStdString(r.status().message()));
                  } else {
                    emit failed(QString::fromStdString(r.status().message()));
                  }
                  return;
                }
                const auto d = r->value("StreamDescription", nlohmann::json::object());
                for (const auto& s : d.value("Shards", nlohmann::json::array())) shardsSoFar.push_back(s);
                const std::string last = str(d, "LastEvaluatedShardId");
                if (!last.empty()) {
                  describeStream(ticket, last, std::move(shardsSoFar));
                  return;
                }
                onShards(ticket, shardsSoFar, str(d, "StreamStatus") == "DISABLED");
              });
}

void StreamTail::onShards(std::uint64_t ticket, const std::vector<nlohmann::json>& shards, bool disabled) {
  if (ticket != ticket_) return;
  for (const auto& s : shards) {
    const std::string id = str(s, "ShardId");
    if (id.empty() || shards_.count(id)) continue;
    const bool closed = s.value("SequenceNumberRange", nlohmann::json::object()).contains("EndingSequenceNumber");
    Shard shard;
    if (firstDescribe_) {
      // What was there before the tail started: only new records (LATEST),
      // unless everything retained was asked for.
      if (from_ == StartPosition::TrimHorizon) {
        shard.iteratorType = "TRIM_HORIZON";
      } else {
        shard.iteratorType = "LATEST";
        shard.ended = closed;  // a closed shard has nothing newer to give
      }
    } else {
      shard.iteratorType = "TRIM_HORIZON";  // a shard born while tailing: all of it is new
    }
    shards_.emplace(id, std::move(shard));
  }
  firstDescribe_ = false;
  if (openShards() == 0) {
    if (disabled) {
      setState(State::Stopped, tr("The stream of “%1” was turned off.").arg(table_));
    } else if (state_ == State::Starting) {
      setState(State::Stopped, tr("The stream of “%1” has no open shard.").arg(table_));
    }
    return;
  }
  if (state_ == State::Following && !describeTimer_.isActive()) describeTimer_.start();
  pump();
}

int StreamTail::openShards() const {
  return static_cast<int>(std::count_if(shards_.begin(), shards_.end(), [](const auto& s) { return !s.second.ended; }));
}

void StreamTail::pump() {
  if (state_ != State::Starting && state_ != State::Following) return;
  const qint64 now = clock_.elapsed();
  qint64 nextDue = -1;
  for (auto& [id, shard] : shards_) {
    if (shard.ended || shard.inFlight) continue;
    if (shard.iterator.empty()) {
      requestIterator(id);
    } else if (shard.dueAt <= now) {
      readRecords(id);
    } else if (nextDue < 0 || shard.dueAt < nextDue) {
      nextDue = shard.dueAt;
    }
  }
  if (nextDue >= 0) pumpTimer_.start(static_cast<int>(std::max<qint64>(0, nextDue - now)));
}

void StreamTail::requestIterator(const std::string& shardId) {
  Shard& shard = shards_[shardId];
  shard.inFlight = true;
  nlohmann::json request{{"StreamArn", streamArn_.toStdString()}, {"ShardId", shardId}};
  if (!shard.lastSequence.empty()) {
    request["ShardIteratorType"] = "AFTER_SEQUENCE_NUMBER";
    request["SequenceNumber"] = shard.lastSequence;
  } else {
    request["ShardIteratorType"] = shard.iteratorType;
  }
  const std::uint64_t ticket = ticket_;
  runner_.run("DynamoDBStreams_20120810.GetShardIterator", std::move(request), this,
              [this, ticket, shardId](Result<nlohmann::json> r) {
                if (ticket != ticket_) return;
                auto it = shards_.find(shardId);
                if (it == shards_.end()) return;
                Shard& shard = it->second;
                shard.inFlight = false;
                if (!r) {
                  onReadError(shardId, r.status());
                  return;
                }
                shard.iterator = str(*r, "ShardIterator");
                if (shard.iterator.empty()) {
                  shard.ended = true;
                } else {
                  shard.dueAt = clock_.elapsed();
                }
                if (state_ == State::Starting) {
                  const bool ready = std::all_of(shards_.begin(), shards_.end(), [](const auto& s) {
                    return s.second.ended || !s.second.iterator.empty();
                  });
                  if (ready) {
                    setState(State::Following);
                    describeTimer_.start();
                  }
                }
                pump();
              });
}

void StreamTail::readRecords(const std::string& shardId) {
  Shard& shard = shards_[shardId];
  shard.inFlight = true;
  shard.lastReadAt = clock_.elapsed();
  const std::uint64_t ticket = ticket_;
  runner_.runPrepared<StreamRecordsPage>(
      "DynamoDBStreams_20120810.GetRecords", {{"ShardIterator", shard.iterator}}, this,
      [shardId](const nlohmann::json& response) { return streamRecordsPageFrom(response, shardId); },
      [this, ticket, shardId](Result<StreamRecordsPage> page) {
        if (ticket != ticket_) return;
        auto it = shards_.find(shardId);
        if (it == shards_.end()) return;
        it->second.inFlight = false;
        if (!page) {
          onReadError(shardId, page.status());
          return;
        }
        onPage(shardId, std::move(*page));
      });
}

void StreamTail::onPage(const std::string& shardId, StreamRecordsPage page) {
  Shard& shard = shards_[shardId];
  const bool gotRecords = !page.records.empty();
  if (gotRecords) shard.lastSequence = page.records.back().sequenceNumber;
  if (page.nextShardIterator) {
    shard.iterator = *page.nextShardIterator;
    shard.dueAt = clock_.elapsed() + (gotRecords ? kBusyPollMs : kIdlePollMs);
  } else {
    shard.ended = true;
    shard.iterator.clear();
  }
  if (gotRecords) deliver(std::move(page.records));
  if (shard.ended && !describing_) {
    // Its children (or the news that the stream is off) are in DescribeStream.
    describeStream(ticket_, {}, {});
  }
  pump();
}

void StreamTail::onReadError(const std::string& shardId, const Status& status) {
  Shard& shard = shards_[shardId];
  switch (status.type()) {
    case ErrorType::ExpiredIteratorException:
      shard.iterator.clear();  // pump() asks again, AFTER_SEQUENCE_NUMBER the last record read
      pump();
      return;
    case ErrorType::TrimmedDataAccessException:
      shard.iterator.clear();
      shard.lastSequence.clear();
      shard.iteratorType = "TRIM_HORIZON";
      emit failed(tr("Some records were trimmed (older than 24 hours) before they could be read."));
      pump();
      return;
    case ErrorType::ResourceNotFoundException:
      checkGone();
      return;
    default:
      emit failed(QString::fromStdString(status.message()));
      shard.dueAt = clock_.elapsed() + kRetryMs;
      if (state_ == State::Starting && shard.iterator.empty()) {
        setState(State::Stopped, QString::fromStdString(status.message()));
        return;
      }
      pumpTimer_.start(kRetryMs);
      return;
  }
}

void StreamTail::checkGone() {
  const std::uint64_t ticket = ticket_;
  runner_.run("DescribeTable", {{"TableName", table_.toStdString()}}, this, [this, ticket](Result<nlohmann::json> r) {
    if (ticket != ticket_ || state_ == State::Stopped) return;
    if (!r) {
      if (r.status().type() == ErrorType::ResourceNotFoundException) {
        setState(State::Stopped, tr("The table “%1” was deleted.").arg(table_));
      } else {
        setState(State::Stopped, QString::fromStdString(r.status().message()));
      }
      return;
    }
    const auto t = r->value("Table", nlohmann::json::object());
    const auto spec = t.value("StreamSpecification", nlohmann::json::object());
    const bool enabled = spec.is_object() && spec.value("StreamEnabled", false);
    if (!enabled) {
      setState(State::Stopped, tr("The stream of “%1” was turned off.").arg(table_));
    } else if (QString::fromStdString(str(t, "LatestStreamArn")) != streamArn_) {
      setState(State::Stopped, tr("The stream of “%1” was replaced by a new one. Restart to follow it.").arg(table_));
    } else {
      setState(State::Stopped, tr("The stream of “%1” can no longer be read.").arg(table_));
    }
  });
}

void StreamTail::deliver(std::vector<StreamRecordEntry> records) {
  recordsRead_ += records.size();
  for (const auto& r : records) buffer_.push_back(r);
  while (buffer_.size() > static_cast<std::size_t>(capacity_)) buffer_.pop_front();
  if (paused_) {
    heldBack_ += static_cast<int>(records.size());
    if (heldBack_ > capacity_) {
      droppedWhilePaused_ += static_cast<std::uint64_t>(heldBack_ - capacity_);
      heldBack_ = capacity_;
    }
    emit heldBackChanged(heldBack_);
    return;
  }
  emit recordsArrived(records);
}

void StreamTail::setPaused(bool paused) {
  if (paused == paused_) return;
  paused_ = paused;
  if (paused) return;
  if (heldBack_ > 0) {
    const auto from = buffer_.end() - std::min<std::ptrdiff_t>(heldBack_, static_cast<std::ptrdiff_t>(buffer_.size()));
    std::vector<StreamRecordEntry> held(from, buffer_.end());
    heldBack_ = 0;
    emit heldBackChanged(0);
    emit recordsArrived(held);
  }
}

void StreamTail::clearBuffer() {
  buffer_.clear();
  droppedWhilePaused_ = 0;
  if (heldBack_ != 0) {
    heldBack_ = 0;
    emit heldBackChanged(0);
  }
}

void StreamTail::enableStream(const QString& viewType) {
  if (table_.isEmpty()) return;
  const std::uint64_t ticket = ticket_;
  nlohmann::json request{{"TableName", table_.toStdString()},
                         {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", viewType.toStdString()}}}};
  runner_.run("UpdateTable", std::move(request), this, [this, ticket](Result<nlohmann::json> r) {
    if (ticket != ticket_) return;
    if (!r) {
      emit failed(QString::fromStdString(r.status().message()));
      return;
    }
    restart();
  });
}

void StreamTail::scheduleSoon(const std::string& shardId, int delayMs) {
  auto it = shards_.find(shardId);
  if (it == shards_.end() || it->second.ended) return;
  const qint64 earliest = std::max(clock_.elapsed() + delayMs, it->second.lastReadAt + kBusyPollMs);
  if (earliest < it->second.dueAt) it->second.dueAt = earliest;
}

void StreamTail::onItemsChanged(const std::vector<ItemEvent>& events) {
  if (state_ != State::Following) return;
  const std::string table = table_.toStdString();
  if (std::none_of(events.begin(), events.end(), [&](const ItemEvent& e) { return e.table == table; })) return;
  for (const auto& [id, shard] : shards_) scheduleSoon(id, 0);
  if (!pumpTimer_.isActive() || pumpTimer_.remainingTime() > kBusyPollMs) pump();
}

void StreamTail::restartIfStreamChanged() {
  const std::uint64_t ticket = ticket_;
  runner_.run("DescribeTable", {{"TableName", table_.toStdString()}}, this, [this, ticket](Result<nlohmann::json> r) {
    if (ticket != ticket_ || !r) return;
    const auto t = r->value("Table", nlohmann::json::object());
    const auto spec = t.value("StreamSpecification", nlohmann::json::object());
    const bool enabled = spec.is_object() && spec.value("StreamEnabled", false);
    // Enabled anew (a new ARN): follow it. The stream that was followed and
    // turned off keeps its message.
    if (enabled && QString::fromStdString(str(t, "LatestStreamArn")) != streamArn_) restart();
  });
}

void StreamTail::onTableChanged(const QString& table, TableEventKind kind) {
  if (table != table_ || table_.isEmpty()) return;
  if (kind == TableEventKind::Deleted) {
    ++ticket_;  // answers still on their way are of a table that is gone
    shards_.clear();
    setState(State::Stopped, tr("The table “%1” was deleted.").arg(table_));
  } else if (kind == TableEventKind::Created) {
    restart();  // a table of this name again
  } else if (kind == TableEventKind::Updated && (state_ == State::NoStream || state_ == State::Stopped)) {
    restartIfStreamChanged();
  } else if (kind == TableEventKind::Updated && state_ == State::Following && !describing_) {
    describeStream(ticket_, {}, {});  // a stream turned off shows in its status
  }
}

}  // namespace dynadesk::ui
