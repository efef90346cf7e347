// Shared text handling for the code generators: walking UTF-8 by code point,
// deciding which characters a string literal must spell as an escape (controls
// and invisible or direction-changing characters, so what a user reads in the
// generated code is what gets sent), JSON string and document text, and the
// natural order placeholders are listed in (":v2" before ":v10").
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dynadesk/attribute_value.h"

namespace dynadesk::ui::codegen {

// Calls f(codePoint, bytes) for each UTF-8 sequence in text. A byte that does
// not start a valid sequence is reported alone as U+FFFD (callers validate
// UTF-8 up front, so this only keeps malformed input from going unnoticed).
template <class F>
void forEachCodePoint(std::string_view text, F&& f);

// Controls (C0, DEL, C1) and characters that render invisibly or reorder text
// (zero-width and bidirectional marks and overrides, unusual spaces, line and
// paragraph separators, the byte order mark, tag characters, noncharacters).
bool mustEscape(char32_t codePoint);

// True when every byte sequence in text is valid UTF-8 (no surrogates, no
// overlong forms).
bool isValidUtf8(std::string_view text);

// A double-quoted literal as JSON, Python and JavaScript share it: quote,
// backslash, newline, carriage return and tab as backslash escapes, other
// mustEscape characters as `escape` writes them (each language its own way),
// every other character as its UTF-8.
std::string doubleQuoted(std::string_view text, std::string (*escape)(char32_t));

// A JSON string literal: quotes, backslash and controls escaped as JSON
// requires, mustEscape characters as \uXXXX (surrogate pairs above U+FFFF),
// every other character as its UTF-8.
std::string jsonString(std::string_view text);

// Compact DynamoDB JSON of one value (B and BS as base64), names and members
// in their stored order.
std::string dynamoJson(const AttributeValue& value);
// {"name": <DynamoDB JSON>, ...} in the given order.
std::string dynamoJsonMap(const std::vector<std::pair<std::string, AttributeValue>>& entries);
// {"#n0": "name", ...} in the given order.
std::string stringMapJson(const std::vector<std::pair<std::string, std::string>>& entries);

// Orders text by runs: digit runs by their value, other runs by bytes.
bool naturalLess(std::string_view a, std::string_view b);

// "\\u200b"-style hex for a code point: at least `width` upper-case hex digits.
std::string hex(unsigned value, int width);

// ---- implementation of the template ----
namespace detail {
// Length of the valid UTF-8 sequence starting at text[i] and its code point, or
// {0, 0} when none starts there.
std::pair<std::size_t, char32_t> decodeOne(std::string_view text, std::size_t i);
}  // namespace detail

template <class F>
void forEachCodePoint(std::string_view text, F&& f) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto [length, codePoint] = detail::decodeOne(text, i);
    if (length == 0) {
      f(char32_t{0xFFFD}, text.substr(i, 1));
      ++i;
    } else {
      f(codePoint, text.substr(i, length));
      i += length;
    }
  }
}

}  // namespace dynadesk::ui::codegen
