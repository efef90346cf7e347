#include "codegen/javascript_literals.h"

#include <algorithm>

#include "codegen/text_escaping.h"
#include "dynadesk/base64.h"

namespace dynadesk::ui::codegen {

std::string javascriptString(std::string_view text) {
  return doubleQuoted(text, [](char32_t c) {
    if (c <= 0xFF) return "\\x" + hex(c, 2);
    return "\\u{" + hex(c, 4) + "}";
  });
}

std::string javascriptKey(std::string_view name) {
  const auto identifierStart = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
  };
  const bool plain = !name.empty() && identifierStart(name.front()) &&
                     std::all_of(name.begin(), name.end(), [&](char c) { return identifierStart(c) || (c >= '0' && c <= '9'); });
  // A literal "__proto__" key would set the object's prototype instead of
  // adding a property; a computed key adds the property.
  if (name == "__proto__") return "[\"__proto__\"]";
  return plain ? std::string(name) : javascriptString(name);
}

bool fitsJavascriptNumber(const Number& number) {
  // At most 15 significant digits always survive text -> double -> shortest
  // text; below 1e15 the marshaller's MAX_SAFE_INTEGER check never fires.
  if (number.significantDigits() > 15) return false;
  const std::string text = number.toString();
  const std::size_t start = number.isNegative() ? 1 : 0;
  const std::size_t point = text.find('.');
  const std::size_t integerDigits = (point == std::string::npos ? text.size() : point) - start;
  return integerDigits <= 15;
}

namespace {

std::string buffer(const std::string& bytes) {
  return "Buffer.from(\"" + base64Encode(bytes) + "\", \"base64\")";
}

std::string numberValue(const Number& n) { return "NumberValue.from(\"" + n.toString() + "\")"; }

std::string documentNumber(const Number& n) { return fitsJavascriptNumber(n) ? n.toString() : numberValue(n); }

template <class Members, class Render>
std::string sequence(const char* open, const Members& members, Render render, const char* close) {
  std::string out = open;
  bool first = true;
  for (const auto& m : members) {
    if (!first) out += ", ";
    first = false;
    out += render(m);
  }
  return out + close;
}

std::string object(const AttributeMap& map, std::string (*render)(const AttributeValue&)) {
  if (map.empty()) return "{}";
  return sequence("{ ", map, [&](const auto& entry) { return javascriptKey(entry.first) + ": " + render(entry.second); },
                  " }");
}

}  // namespace

std::string javascriptDocumentValue(const AttributeValue& v) {
  const auto quoted = [](const std::string& s) { return javascriptString(s); };
  switch (v.type()) {
    case AttrType::S: return javascriptString(v.asString());
    case AttrType::N: return documentNumber(v.asNumber());
    case AttrType::B: return buffer(v.asBinary());
    case AttrType::BOOL: return v.asBool() ? "true" : "false";
    case AttrType::NUL: return "null";
    case AttrType::SS: return sequence("new Set([", v.asStringSet(), quoted, "])");
    case AttrType::NS: {
      // The marshaller types a whole set by its first member: all plain
      // numbers, or all NumberValue.
      const auto& members = v.asNumberSet();
      const bool plain = std::all_of(members.begin(), members.end(), fitsJavascriptNumber);
      return plain ? sequence("new Set([", members, [](const Number& n) { return n.toString(); }, "])")
                   : sequence("new Set([", members, numberValue, "])");
    }
    case AttrType::BS: return sequence("new Set([", v.asBinarySet(), buffer, "])");
    case AttrType::L: return sequence("[", v.asList(), javascriptDocumentValue, "]");
    case AttrType::M: return object(v.asMap(), javascriptDocumentValue);
  }
  return "null";
}

std::string javascriptDynamoValue(const AttributeValue& v) {
  const auto quoted = [](const std::string& s) { return javascriptString(s); };
  const auto numberText = [](const Number& n) { return "\"" + n.toString() + "\""; };
  switch (v.type()) {
    case AttrType::S: return "{ S: " + javascriptString(v.asString()) + " }";
    case AttrType::N: return "{ N: \"" + v.asNumber().toString() + "\" }";
    case AttrType::B: return "{ B: " + buffer(v.asBinary()) + " }";
    case AttrType::BOOL: return std::string("{ BOOL: ") + (v.asBool() ? "true" : "false") + " }";
    case AttrType::NUL: return "{ NULL: true }";
    case AttrType::SS: return "{ SS: " + sequence("[", v.asStringSet(), quoted, "]") + " }";
    case AttrType::NS: return "{ NS: " + sequence("[", v.asNumberSet(), numberText, "]") + " }";
    case AttrType::BS: return "{ BS: " + sequence("[", v.asBinarySet(), buffer, "]") + " }";
    case AttrType::L: return "{ L: " + sequence("[", v.asList(), javascriptDynamoValue, "]") + " }";
    case AttrType::M: return "{ M: " + object(v.asMap(), javascriptDynamoValue) + " }";
  }
  return "{ NULL: true }";
}

}  // namespace dynadesk::ui::codegen
