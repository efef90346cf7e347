#include "api/json_text.h"

#include "dynadesk/base64.h"

namespace dynadesk::api {

void appendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the bytes that need no escaping
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

void appendAttributeValueJson(std::string& out, const AttributeValue& v) {
  switch (v.type()) {
    case AttrType::S:
      out += "{\"S\":";
      appendJsonString(out, v.asString());
      break;
    case AttrType::N:
      out += "{\"N\":\"";
      out += v.asNumber().toString();  // digits, '.', '-' only: nothing to escape
      out += '"';
      break;
    case AttrType::B:
      out += "{\"B\":\"";
      out += base64Encode(v.asBinary());
      out += '"';
      break;
    case AttrType::BOOL: out += v.asBool() ? "{\"BOOL\":true" : "{\"BOOL\":false"; break;
    case AttrType::NUL: out += "{\"NULL\":true"; break;
    case AttrType::SS:
    case AttrType::BS: {
      const bool binary = v.type() == AttrType::BS;
      out += binary ? "{\"BS\":[" : "{\"SS\":[";
      bool first = true;
      for (const auto& m : binary ? v.asBinarySet() : v.asStringSet()) {
        if (!first) out += ',';
        first = false;
        if (binary) {
          out += '"';
          out += base64Encode(m);
          out += '"';
        } else {
          appendJsonString(out, m);
        }
      }
      out += ']';
      break;
    }
    case AttrType::NS: {
      out += "{\"NS\":[";
      bool first = true;
      for (const auto& n : v.asNumberSet()) {
        if (!first) out += ',';
        first = false;
        out += '"';
        out += n.toString();
        out += '"';
      }
      out += ']';
      break;
    }
    case AttrType::L: {
      out += "{\"L\":[";
      bool first = true;
      for (const auto& e : v.asList()) {
        if (!first) out += ',';
        first = false;
        appendAttributeValueJson(out, e);
      }
      out += ']';
      break;
    }
    case AttrType::M:
      out += "{\"M\":";
      appendItemJson(out, v.asMap());
      break;
  }
  out += '}';
}

void appendItemJson(std::string& out, const Item& item) {
  out += '{';
  bool first = true;
  for (const auto& [name, value] : item) {
    if (!first) out += ',';
    first = false;
    appendJsonString(out, name);
    out += ':';
    appendAttributeValueJson(out, value);
  }
  out += '}';
}

}  // namespace dynadesk::api
