#include "alarms/alarm_history_log.h"

#include <limits>
#include <optional>
#include <tuple>

#include "alarms/alarm_codec.h"
#include "alarms/alarm_keys.h"
#include "dynadesk/base64.h"
#include "storage/key_codec.h"

namespace dynadesk::alarms {

namespace {

constexpr std::int64_t kLatest = std::numeric_limits<std::int64_t>::max();
constexpr std::uint32_t kLastSequence = std::numeric_limits<std::uint32_t>::max();
constexpr char kTokenTag = 'h';

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

auto order(const HistoryKey& k) { return std::tie(k.millis, k.name, k.sequence); }

// The token is the position of the last item returned: tag | millis | sequence | name.
std::string encodeToken(const HistoryKey& last) {
  std::string raw(1, kTokenTag);
  storage::appendBigEndian64(raw, static_cast<std::uint64_t>(last.millis));
  storage::appendBigEndian32(raw, last.sequence);
  raw += last.name;
  return base64Encode(raw);
}

std::optional<HistoryKey> decodeToken(const std::string& token) {
  auto raw = base64Decode(token);
  if (!raw || raw->size() < 13 || (*raw)[0] != kTokenTag) return std::nullopt;
  HistoryKey k;
  k.millis = static_cast<std::int64_t>(storage::readBigEndian64(std::string_view(*raw).substr(1, 8)));
  k.sequence = storage::readBigEndian32(std::string_view(*raw).substr(9, 4));
  k.name = raw->substr(13);
  return k;
}

AlarmError internal(const Status& s) { return fromStorage(s); }

// One alarm's items, walked in the page's direction.
struct Walk {
  storage::Cursor cursor;
  std::string namePrefix;
  std::optional<HistoryKey> head;  // parsed key under the cursor; nullopt: done
};

}  // namespace

Status appendHistoryItem(storage::WriteTxn& txn, const AlarmHistoryItem& item) {
  const std::string first = historyKey(item.alarmName, item.timestampMillis, 0);
  const std::string_view samePrefix = std::string_view(first).substr(0, first.size() - 4);
  std::uint32_t sequence = 0;
  auto cursor = txn.cursor();
  DYNADESK_RETURN_IF_ERROR(cursor.seekForPrev(historyKey(item.alarmName, item.timestampMillis, kLastSequence)));
  if (cursor.valid() && startsWith(cursor.key(), samePrefix)) {
    const auto last = parseHistoryKey(cursor.key());
    if (!last || last->sequence == kLastSequence) return Status::internal("alarm history key space is corrupt");
    sequence = last->sequence + 1;
  }
  return txn.put(historyKey(item.alarmName, item.timestampMillis, sequence), encodeHistoryValue(item));
}

Result<std::vector<std::string>> alarmNamesWithHistory(const storage::Txn& txn) {
  std::vector<std::string> names;
  auto cursor = txn.cursor();
  const std::string prefix = historyPrefix();
  DYNADESK_RETURN_IF_ERROR(cursor.seek(prefix));
  while (cursor.valid() && startsWith(cursor.key(), prefix)) {
    const auto parsed = parseHistoryKey(cursor.key());
    if (!parsed) return Status::internal("alarm history key space is corrupt");
    names.push_back(parsed->name);
    const std::string next = storage::prefixSuccessor(historyNamePrefix(parsed->name));
    DYNADESK_RETURN_IF_ERROR(cursor.seek(next));
  }
  return names;
}

Result<bool> hasHistoryBefore(const storage::Txn& txn, std::int64_t cutoffMillis) {
  DYNADESK_ASSIGN_OR_RETURN(std::vector<std::string> names, alarmNamesWithHistory(txn));
  for (const auto& name : names) {
    // An alarm's oldest item is its first key.
    auto cursor = txn.cursor();
    DYNADESK_RETURN_IF_ERROR(cursor.seek(historyNamePrefix(name)));
    if (!cursor.valid()) continue;
    const auto parsed = parseHistoryKey(cursor.key());
    if (parsed && parsed->name == name && parsed->millis < cutoffMillis) return true;
  }
  return false;
}

Result<std::size_t> trimHistory(storage::WriteTxn& txn, std::int64_t cutoffMillis, std::size_t limit) {
  DYNADESK_ASSIGN_OR_RETURN(std::vector<std::string> names, alarmNamesWithHistory(txn));
  std::size_t erased = 0;
  for (const auto& name : names) {
    const std::string prefix = historyNamePrefix(name);
    auto cursor = txn.cursor();
    DYNADESK_RETURN_IF_ERROR(cursor.seek(prefix));
    while (erased < limit && cursor.valid() && startsWith(cursor.key(), prefix)) {
      const auto parsed = parseHistoryKey(cursor.key());
      if (!parsed) return Status::internal("alarm history key space is corrupt");
      if (parsed->millis >= cutoffMillis) break;  // the rest of this alarm is newer
      const std::string key(cursor.key());
      DYNADESK_ASSIGN_OR_RETURN(bool existed, txn.erase(key));
      (void)existed;
      ++erased;
      DYNADESK_RETURN_IF_ERROR(cursor.next());
    }
    if (erased >= limit) break;
  }
  return erased;
}

AlarmResult<AlarmHistoryPage> readHistoryPage(const storage::Txn& txn, const DescribeHistoryRequest& request) {
  if (request.maxRecords < 1 || request.maxRecords > 100) {
    const bool low = request.maxRecords < 1;
    return AlarmError{AlarmErrorCode::ValidationError,
                      "1 validation error detected: Value '" + std::to_string(request.maxRecords) +
                          "' at 'maxRecords' failed to satisfy constraint: Member must have value " +
                          (low ? "greater than or equal to 1" : "less than or equal to 100")};
  }
  const std::int64_t start = request.startMillis.value_or(std::numeric_limits<std::int64_t>::min());
  const std::int64_t end = request.endMillis.value_or(kLatest);
  if (start > end) {
    return AlarmError{AlarmErrorCode::ValidationError, "The parameter StartDate must not be later than EndDate."};
  }
  std::optional<HistoryKey> after;
  if (request.nextToken) {
    after = decodeToken(*request.nextToken);
    if (!after) return AlarmError{AlarmErrorCode::InvalidNextToken, "The NextToken is not valid."};
  }
  const bool newestFirst = !request.oldestFirst;
  // Whether an item comes after the token in the page order.
  auto pastToken = [&](const HistoryKey& k) {
    if (!after) return true;
    return newestFirst ? order(k) < order(*after) : order(k) > order(*after);
  };
  auto inRange = [&](const HistoryKey& k) { return k.millis >= start && k.millis <= end; };

  std::vector<std::string> names;
  if (request.alarmName) {
    names.push_back(*request.alarmName);
  } else {
    auto all = alarmNamesWithHistory(txn);
    if (!all) return internal(all.status());
    names = std::move(all).value();
  }

  // Position one walk per alarm at its first item of the page, then merge.
  std::vector<Walk> walks;
  walks.reserve(names.size());
  for (const auto& name : names) {
    Walk w{txn.cursor(), historyNamePrefix(name), std::nullopt};
    Status st;
    if (newestFirst) {
      std::int64_t upper = end;
      if (after && after->millis < upper) upper = after->millis;
      st = w.cursor.seekForPrev(historyKey(name, upper, kLastSequence));
    } else {
      std::int64_t lower = std::max<std::int64_t>(start, 0);
      if (after && after->millis > lower) lower = after->millis;
      st = w.cursor.seek(historyKey(name, lower, 0));
    }
    if (!st.isOk()) return internal(st);
    for (;;) {
      if (!w.cursor.valid() || !startsWith(w.cursor.key(), w.namePrefix)) break;
      auto parsed = parseHistoryKey(w.cursor.key());
      if (!parsed) return AlarmError{AlarmErrorCode::InternalFailure, "alarm history key space is corrupt"};
      if (pastToken(*parsed)) {
        w.head = std::move(parsed);
        break;
      }
      st = newestFirst ? w.cursor.prev() : w.cursor.next();
      if (!st.isOk()) return internal(st);
    }
    walks.push_back(std::move(w));
  }

  auto advance = [&](Walk& w) -> Status {
    DYNADESK_RETURN_IF_ERROR(newestFirst ? w.cursor.prev() : w.cursor.next());
    w.head.reset();
    if (w.cursor.valid() && startsWith(w.cursor.key(), w.namePrefix)) {
      w.head = parseHistoryKey(w.cursor.key());
      if (!w.head) return Status::internal("alarm history key space is corrupt");
    }
    return Status::ok();
  };

  AlarmHistoryPage page;
  HistoryKey lastReturned;
  const auto limit = static_cast<std::size_t>(request.maxRecords);
  for (;;) {
    Walk* best = nullptr;
    for (auto& w : walks) {
      if (!w.head || !inRange(*w.head)) continue;  // each walk is monotonic: out of range means done
      if (!best || (newestFirst ? order(*w.head) > order(*best->head) : order(*w.head) < order(*best->head))) {
        best = &w;
      }
    }
    if (!best) break;
    AlarmHistoryItem item;
    item.alarmName = best->head->name;
    item.timestampMillis = best->head->millis;
    if (!decodeHistoryValue(best->cursor.value(), item)) {
      return AlarmError{AlarmErrorCode::InternalFailure, "alarm history item of " + item.alarmName + " is corrupt"};
    }
    if (!request.type || item.type == *request.type) {
      if (page.items.size() == limit) {
        // One more matching item exists: the page ends here.
        page.nextToken = encodeToken(lastReturned);
        break;
      }
      lastReturned = *best->head;
      page.items.push_back(std::move(item));
    }
    const Status st = advance(*best);
    if (!st.isOk()) return internal(st);
  }
  return page;
}

}  // namespace dynadesk::alarms
