#include "alarms/cloudwatch_format.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace dynadesk::alarms {

namespace {

std::string twoDigits(unsigned v) {
  std::string s(2, '0');
  s[0] = static_cast<char>('0' + (v / 10) % 10);
  s[1] = static_cast<char>('0' + v % 10);
  return s;
}

struct Civil {
  int year;
  unsigned month, day, hour, minute, second, millisecond;
};

Civil toCivil(std::int64_t millis) {
  using namespace std::chrono;
  const sys_time<milliseconds> tp{milliseconds{millis}};
  const auto day = floor<days>(tp);
  const year_month_day ymd{day};
  const auto inDay = tp - day;
  const auto h = duration_cast<hours>(inDay);
  const auto m = duration_cast<minutes>(inDay - h);
  const auto s = duration_cast<seconds>(inDay - h - m);
  const auto ms = duration_cast<milliseconds>(inDay - h - m - s);
  return Civil{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
               static_cast<unsigned>(h.count()), static_cast<unsigned>(m.count()),
               static_cast<unsigned>(s.count()), static_cast<unsigned>(ms.count())};
}

}  // namespace

std::string formatCloudWatchNumber(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  const bool negative = std::signbit(value);
  if (value == 0) return negative ? "-0.0" : "0.0";

  // Shortest digits that read back as the same double, in scientific form
  // ("5.12e+02"), then laid out the way Java's Double.toString does.
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::scientific);
  const std::string text(buf, res.ptr);
  const std::size_t e = text.find('e');
  std::string digits;
  for (std::size_t i = 0; i < e; ++i) {
    if (text[i] != '.') digits += text[i];
  }
  const int exponent = std::atoi(text.c_str() + e + 1);

  std::string out = negative ? "-" : "";
  const double magnitude = std::fabs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const std::size_t integerDigits = static_cast<std::size_t>(exponent) + 1;
      std::string integer = digits.substr(0, std::min(integerDigits, digits.size()));
      integer.append(integerDigits > digits.size() ? integerDigits - digits.size() : 0, '0');
      std::string fraction = integerDigits < digits.size() ? digits.substr(integerDigits) : "0";
      out += integer + "." + fraction;
    } else {
      out += "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    }
    return out;
  }
  out += digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0") + "E" + std::to_string(exponent);
  return out;
}

std::string formatReasonTime(std::int64_t millis) {
  const Civil c = toCivil(millis);
  const unsigned yy = static_cast<unsigned>(((c.year % 100) + 100) % 100);
  return twoDigits(c.day) + "/" + twoDigits(c.month) + "/" + twoDigits(yy) + " " + twoDigits(c.hour) + ":" +
         twoDigits(c.minute) + ":" + twoDigits(c.second);
}

std::string formatIsoTime(std::int64_t millis) {
  const Civil c = toCivil(millis);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02u.%03u+0000", c.year, c.month, c.day, c.hour, c.minute,
                c.second, c.millisecond);
  return buf;
}

}  // namespace dynadesk::alarms
