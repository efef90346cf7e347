// The alarm history log in the 0x0F key space: append an item, read one page
// of DescribeAlarmHistory, trim items past the retention period.
//
// Callers bring the transaction: AlarmStore appends in the same write as the
// change the item records; AlarmActionRunner appends Action items in writes of
// its own.
//
// Thread-safety: as the transaction passed in (one thread at a time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "alarms/alarm_error.h"
#include "alarms/alarm_history.h"
#include "dynadesk/status.h"
#include "storage/ordered_keyspace.h"

namespace dynadesk::alarms {

// Appends `item` after every item of its alarm with the same timestamp.
// Errors: InternalServerError from storage.
Status appendHistoryItem(storage::WriteTxn& txn, const AlarmHistoryItem& item);

// Erases items with a timestamp before cutoffMillis (of every alarm, deleted
// ones included), at most `limit` of them; returns how many were erased.
Result<std::size_t> trimHistory(storage::WriteTxn& txn, std::int64_t cutoffMillis, std::size_t limit);

// One page of DescribeAlarmHistory: items matching the request, newest first
// (oldest first with request.oldestFirst); items of one millisecond in the
// order (alarm name, then the order they were written) reversed for newest
// first. Errors: ValidationError (maxRecords outside 1..100; start after end),
// InvalidNextToken (a token not issued by this function), InternalFailure.
AlarmResult<AlarmHistoryPage> readHistoryPage(const storage::Txn& txn, const DescribeHistoryRequest& request);

// Whether any item has a timestamp before cutoffMillis (a cheap read that
// spares trimming a write when there is nothing to trim).
Result<bool> hasHistoryBefore(const storage::Txn& txn, std::int64_t cutoffMillis);

// The names of every alarm that has history, in key order.
Result<std::vector<std::string>> alarmNamesWithHistory(const storage::Txn& txn);

}  // namespace dynadesk::alarms
