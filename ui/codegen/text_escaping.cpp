#include "codegen/text_escaping.h"

#include "dynadesk/base64.h"

namespace dynadesk::ui::codegen {

namespace detail {
std::pair<std::size_t, char32_t> decodeOne(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return {1, lead};
  std::size_t length;
  char32_t codePoint;
  char32_t minimum;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, codePoint = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, codePoint = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, codePoint = lead & 0x07, minimum = 0x10000;
  } else {
    return {0, 0};
  }
  if (i + length > text.size()) return {0, 0};
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {0, 0};
    codePoint = (codePoint << 6) | (byte(i + k) & 0x3F);
  }
  if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) return {0, 0};
  return {length, codePoint};
}
}  // namespace detail

bool mustEscape(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c <= 0xA0)) return true;
  if (c == 0xAD || c == 0x034F || c == 0x061C || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 ||
      c == 0x180E || c == 0x3164 || c == 0xFEFF || c == 0xFFA0)
    return true;
  if (c >= 0x2000 && c <= 0x200F) return true;  // unusual spaces, zero-width, LRM/RLM
  if (c >= 0x2028 && c <= 0x202F) return true;  // separators, embeddings and overrides
  if (c >= 0x205F && c <= 0x206F) return true;  // invisible operators, isolates
  if (c >= 0xFE00 && c <= 0xFE0F) return true;  // variation selectors
  if (c >= 0xFFF0 && c <= 0xFFFB) return true;  // interlinear annotation
  if ((c & 0xFFFE) == 0xFFFE) return true;      // noncharacters U+xxFFFE/F
  if (c >= 0xE0000 && c <= 0xE0FFF) return true;  // tags, variation selectors supplement
  return false;
}

bool isValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto length = detail::decodeOne(text, i).first;
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string hex(unsigned value, int width) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[value & 0xF]);
    value >>= 4;
  } while (value != 0);
  while (static_cast<int>(out.size()) < width) out.insert(out.begin(), '0');
  return out;
}

std::string doubleQuoted(std::string_view text, std::string (*escape)(char32_t)) {
  std::string out = "\"";
  forEachCodePoint(text, [&](char32_t c, std::string_view bytes) {
    switch (c) {
      case '"': out += "\\\""; return;
      case '\\': out += "\\\\"; return;
      case '\n': out += "\\n"; return;
      case '\r': out += "\\r"; return;
      case '\t': out += "\\t"; return;
      default: break;
    }
    if (!mustEscape(c)) {
      out += bytes;
    } else {
      out += escape(c);
    }
  });
  return out + "\"";
}

std::string jsonString(std::string_view text) {
  return doubleQuoted(text, [](char32_t c) {
    if (c <= 0xFFFF) return "\\u" + hex(c, 4);
    const char32_t v = c - 0x10000;
    return "\\u" + hex(0xD800 + (v >> 10), 4) + "\\u" + hex(0xDC00 + (v & 0x3FF), 4);
  });
}

namespace {
std::string stringArray(const std::vector<std::string>& members, bool base64) {
  std::string out = "[";
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i) out += ",";
    out += jsonString(base64 ? base64Encode(members[i]) : members[i]);
  }
  return out + "]";
}
}  // namespace

std::string dynamoJson(const AttributeValue& v) {
  switch (v.type()) {
    case AttrType::S: return "{\"S\":" + jsonString(v.asString()) + "}";
    case AttrType::N: return "{\"N\":\"" + v.asNumber().toString() + "\"}";
    case AttrType::B: return "{\"B\":" + jsonString(base64Encode(v.asBinary())) + "}";
    case AttrType::BOOL: return std::string("{\"BOOL\":") + (v.asBool() ? "true" : "false") + "}";
    case AttrType::NUL: return "{\"NULL\":true}";
    case AttrType::SS: return "{\"SS\":" + stringArray(v.asStringSet(), false) + "}";
    case AttrType::BS: return "{\"BS\":" + stringArray(v.asBinarySet(), true) + "}";
    case AttrType::NS: {
      std::vector<std::string> texts;
      for (const Number& n : v.asNumberSet()) texts.push_back(n.toString());
      return "{\"NS\":" + stringArray(texts, false) + "}";
    }
    case AttrType::L: {
      std::string out = "{\"L\":[";
      bool first = true;
      for (const AttributeValue& e : v.asList()) {
        if (!first) out += ",";
        first = false;
        out += dynamoJson(e);
      }
      return out + "]}";
    }
    case AttrType::M: {
      std::string out = "{\"M\":{";
      bool first = true;
      for (const auto& [name, e] : v.asMap()) {
        if (!first) out += ",";
        first = false;
        out += jsonString(name) + ":" + dynamoJson(e);
      }
      return out + "}}";
    }
  }
  return "{}";
}

std::string dynamoJsonMap(const std::vector<std::pair<std::string, AttributeValue>>& entries) {
  std::string out = "{";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i) out += ",";
    out += jsonString(entries[i].first) + ":" + dynamoJson(entries[i].second);
  }
  return out + "}";
}

std::string stringMapJson(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out = "{";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i) out += ",";
    out += jsonString(entries[i].first) + ":" + jsonString(entries[i].second);
  }
  return out + "}";
}

bool naturalLess(std::string_view a, std::string_view b) {
  const auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (isDigit(a[i]) && isDigit(b[j])) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && isDigit(a[ie])) ++ie;
      while (je < b.size() && isDigit(b[je])) ++je;
      std::string_view da = a.substr(i, ie - i), db = b.substr(j, je - j);
      while (da.size() > 1 && da.front() == '0') da.remove_prefix(1);
      while (db.size() > 1 && db.front() == '0') db.remove_prefix(1);
      if (da.size() != db.size()) return da.size() < db.size();
      if (da != db) return da < db;
      i = ie, j = je;
    } else {
      if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
      ++i, ++j;
    }
  }
  if ((a.size() - i) != (b.size() - j)) return (a.size() - i) < (b.size() - j);
  return a < b;  // equal by runs ("v01" vs "v1"): fall back to bytes for a strict order
}

}  // namespace dynadesk::ui::codegen
