#include "codegen/python_literals.h"

#include "codegen/text_escaping.h"

namespace dynadesk::ui::codegen {

std::string pythonString(std::string_view text) {
  return doubleQuoted(text, [](char32_t c) {
    if (c <= 0xFF) return "\\x" + hex(c, 2);
    if (c <= 0xFFFF) return "\\u" + hex(c, 4);
    return "\\U" + hex(c, 8);
  });
}

std::string pythonBytes(std::string_view bytes) {
  std::string out = "b\"";
  for (const char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    if (b == '"' || b == '\\') {
      out += '\\';
      out += ch;
    } else if (b >= 0x20 && b < 0x7F) {
      out += ch;
    } else {
      out += "\\x" + hex(b, 2);
    }
  }
  return out + "\"";
}

namespace {

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

std::string decimal(const Number& n) { return "Decimal(\"" + n.toString() + "\")"; }

}  // namespace

std::string pythonNativeValue(const AttributeValue& v) {
  switch (v.type()) {
    case AttrType::S: return pythonString(v.asString());
    case AttrType::N: return decimal(v.asNumber());
    case AttrType::B: return pythonBytes(v.asBinary());
    case AttrType::BOOL: return v.asBool() ? "True" : "False";
    case AttrType::NUL: return "None";
    case AttrType::SS: return sequence("{", v.asStringSet(), pythonString, "}");
    case AttrType::NS: return sequence("{", v.asNumberSet(), decimal, "}");
    case AttrType::BS: return sequence("{", v.asBinarySet(), pythonBytes, "}");
    case AttrType::L: return sequence("[", v.asList(), pythonNativeValue, "]");
    case AttrType::M:
      return sequence("{", v.asMap(),
                      [](const auto& entry) { return pythonString(entry.first) + ": " + pythonNativeValue(entry.second); },
                      "}");
  }
  return "None";
}

std::string pythonDynamoValue(const AttributeValue& v) {
  const auto quoted = [](const std::string& s) { return pythonString(s); };
  const auto numberText = [](const Number& n) { return "\"" + n.toString() + "\""; };
  switch (v.type()) {
    case AttrType::S: return "{\"S\": " + pythonString(v.asString()) + "}";
    case AttrType::N: return "{\"N\": \"" + v.asNumber().toString() + "\"}";
    case AttrType::B: return "{\"B\": " + pythonBytes(v.asBinary()) + "}";
    case AttrType::BOOL: return std::string("{\"BOOL\": ") + (v.asBool() ? "True" : "False") + "}";
    case AttrType::NUL: return "{\"NULL\": True}";
    case AttrType::SS: return "{\"SS\": " + sequence("[", v.asStringSet(), quoted, "]") + "}";
    case AttrType::NS: return "{\"NS\": " + sequence("[", v.asNumberSet(), numberText, "]") + "}";
    case AttrType::BS: return "{\"BS\": " + sequence("[", v.asBinarySet(), pythonBytes, "]") + "}";
    case AttrType::L: return "{\"L\": " + sequence("[", v.asList(), pythonDynamoValue, "]") + "}";
    case AttrType::M:
      return "{\"M\": " +
             sequence("{", v.asMap(),
                      [](const auto& entry) { return pythonString(entry.first) + ": " + pythonDynamoValue(entry.second); },
                      "}") +
             "}";
  }
  return "{\"NULL\": True}";
}

}  // namespace dynadesk::ui::codegen
