#include "format/item_export.h"

#include <nlohmann/json.hpp>

#include "dynadesk/attribute_json.h"
#include "dynadesk/base64.h"
#include "format/plain_json.h"

namespace dynadesk::ui {

namespace {

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
