#include "format/item_export.h"

#include <nlohmann/json.hpp>

#include "dynadesk/attribute_json.h"
#include "dynadesk/base64.h"

namespace dynadesk::ui {

namespace {

std::string quoted(const std::string& s) { return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

void appendPlain(std::string& out, const AttributeValue& v) {
  switch (v.type()) {
    case AttrType::S: out += quoted(v.asString()); return;
    case AttrType::N: out += v.asNumber().toString(); return;
    case AttrType::B: out += quoted(base64Encode(v.asBinary())); return;
    case AttrType::BOOL: out += v.asBool() ? "true" : "false"; return;
    case AttrType::NUL: out += "null"; return;
    case AttrType::SS:
    case AttrType::BS:
    case AttrType::NS: {
      out += '[';
      bool first = true;
      if (v.type() == AttrType::NS) {
        for (const auto& n : v.asNumberSet()) {
          if (!first) out += ',';
          first = false;
          out += n.toString();
        }
      } else {
        for (const auto& m : v.type() == AttrType::SS ? v.asStringSet() : v.asBinarySet()) {
          if (!first) out += ',';
          first = false;
          out += quoted(v.type() == AttrType::SS ? m : base64Encode(m));
        }
      }
      out += ']';
      return;
    }
    case AttrType::L: {
      out += '[';
      bool first = true;
      for (const auto& e : v.asList()) {
        if (!first) out += ',';
        first = false;
        appendPlain(out, e);
      }
      out += ']';
      return;
    }
    case AttrType::M: {
      out += '{';
      bool first = true;
      for (const auto& [name, e] : v.asMap()) {
        if (!first) out += ',';
        first = false;
        out += quoted(name);
        out += ':';
        appendPlain(out, e);
      }
      out += '}';
      return;
    }
  }
}

std::string csvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace

std::string plainJson(const AttributeValue& value) {
  std::string out;
  appendPlain(out, value);
  return out;
}

std::string exportDynamoJson(const std::vector<Item>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i == 0 ? "\n  " : ",\n  ";
    out += toJson(items[i]).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  out += items.empty() ? "]\n" : "\n]\n";
  return out;
}

std::string exportPlainJson(const std::vector<Item>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += i == 0 ? "\n  " : ",\n  ";
    out += plainJson(AttributeValue::map(items[i]));
  }
  out += items.empty() ? "]\n" : "\n]\n";
  return out;
}

std::string exportCsv(const std::vector<Item>& items, const std::vector<std::string>& columns) {
  std::string out;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c) out += ',';
    out += csvField(columns[c]);
  }
  out += "\r\n";
  for (const auto& item : items) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c) out += ',';
      auto it = item.find(columns[c]);
      if (it == item.end()) continue;
      const AttributeValue& v = it->second;
      std::string text;
      switch (v.type()) {
        case AttrType::S: text = v.asString(); break;
        case AttrType::N: text = v.asNumber().toString(); break;
        case AttrType::B: text = base64Encode(v.asBinary()); break;
        default: text = plainJson(v); break;
      }
      out += csvField(text);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace dynadesk::ui
