#include "codegen/cpp_literals.h"

#include "codegen/text_escaping.h"
#include "dynadesk/base64.h"

namespace dynadesk::ui::codegen {

namespace {

std::string octal(unsigned char b) {
  std::string out = "\\";
  out += static_cast<char>('0' + ((b >> 6) & 7));
  out += static_cast<char>('0' + ((b >> 3) & 7));
  out += static_cast<char>('0' + (b & 7));
  return out;
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  forEachCodePoint(text, [&](char32_t c, std::string_view bytes) {
    switch (c) {
      case '"': out += "\\\""; return;
      case '\\': out += "\\\\"; return;
      case '\n': out += "\\n"; return;
      case '\r': out += "\\r"; return;
      case '\t': out += "\\t"; return;
      case '?':
        out += (!out.empty() && out.back() == '?') ? "\\?" : "?";
        return;
      default: break;
    }
    if (!mustEscape(c)) {
      out += bytes;
    } else {
      for (const char b : bytes) out += octal(static_cast<unsigned char>(b));
    }
  });
  return out + "\"";
}

std::string base64Decode(const std::string& bytes) {
  return "Aws::Utils::HashingUtils::Base64Decode(\"" + base64Encode(bytes) + "\")";
}

template <class Members, class Render>
std::string braced(const Members& members, Render render) {
  std::string out = "{";
  bool first = true;
  for (const auto& m : members) {
    if (!first) out += ", ";
    first = false;
    out += render(m);
  }
  return out + "}";
}

}  // namespace

std::string cppString(std::string_view text) {
  if (text.find('\0') == std::string_view::npos) return quoted(text);
  return "Aws::String(" + quoted(text) + ", " + std::to_string(text.size()) + ")";
}

std::string cppAttributeValue(const AttributeValue& v, int indent) {
  const std::string pad(static_cast<std::size_t>(indent) + 2, ' ');
  const auto str = [](const std::string& s) { return cppString(s); };
  switch (v.type()) {
    case AttrType::S: return "AttributeValue().SetS(" + cppString(v.asString()) + ")";
    case AttrType::N: return "AttributeValue().SetN(\"" + v.asNumber().toString() + "\")";
    case AttrType::B: return "AttributeValue().SetB(" + base64Decode(v.asBinary()) + ")";
    case AttrType::BOOL: return std::string("AttributeValue().SetBool(") + (v.asBool() ? "true" : "false") + ")";
    case AttrType::NUL: return "AttributeValue().SetNull(true)";
    case AttrType::SS: return "AttributeValue().SetSS(" + braced(v.asStringSet(), str) + ")";
    case AttrType::NS:
      return "AttributeValue().SetNS(" +
             braced(v.asNumberSet(), [](const Number& n) { return "\"" + n.toString() + "\""; }) + ")";
    case AttrType::BS: return "AttributeValue().SetBS(" + braced(v.asBinarySet(), base64Decode) + ")";
    case AttrType::L: {
      if (v.asList().empty()) return "AttributeValue().SetL({})";
      std::string out = "AttributeValue()";
      for (const AttributeValue& e : v.asList())
        out += "\n" + pad + ".AddLItem(std::make_shared<AttributeValue>(" + cppAttributeValue(e, indent + 2) + "))";
      return out;
    }
    case AttrType::M: {
      if (v.asMap().empty()) return "AttributeValue().SetM({})";
      std::string out = "AttributeValue()";
      for (const auto& [name, e] : v.asMap())
        out += "\n" + pad + ".AddMEntry(" + cppString(name) + ", std::make_shared<AttributeValue>(" +
               cppAttributeValue(e, indent + 2) + "))";
      return out;
    }
  }
  return "AttributeValue().SetNull(true)";
}

}  // namespace dynadesk::ui::codegen
