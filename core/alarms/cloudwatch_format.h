// How CloudWatch writes numbers and times in alarm reasons and history:
//   - datapoint values and thresholds as Java prints a double ("512.0",
//     "0.01", "3.4666088898518357", "1.0E7");
//   - times in a StateReason as "dd/MM/yy HH:mm:ss" in UTC ("21/11/26 10:15:00");
//   - times in StateReasonData and HistoryData as
//     "yyyy-MM-ddTHH:mm:ss.SSS+0000" ("2026-11-21T10:15:00.000+0000").
// All of it is independent of the C locale (a Qt application sets it from the
// environment, and a German one would otherwise print "512,0").
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

namespace dynadesk::alarms {

std::string formatCloudWatchNumber(double value);
std::string formatReasonTime(std::int64_t millis);
std::string formatIsoTime(std::int64_t millis);

}  // namespace dynadesk::alarms
