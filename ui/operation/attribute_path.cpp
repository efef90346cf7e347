#include "operation/attribute_path.h"

namespace dynadesk::ui {

namespace {

constexpr std::size_t kMaxIndex = 999999999;

bool needsQuoting(std::string_view name) {
  return name.find_first_of(".[]`") != std::string_view::npos;
}

}  // namespace

Result<AttributePath> parseAttributePath(std::string_view text) {
  if (text.empty()) return Status::validation("the path is empty");
  AttributePath path;
  std::size_t i = 0;
  // Reading a name is expected at the start and after every dot.
  bool expectName = true;
  while (i < text.size()) {
    if (expectName) {
      PathElement element;
      if (text[i] == '`') {
        ++i;
        bool closed = false;
        while (i < text.size()) {
          if (text[i] == '`') {
            if (i + 1 < text.size() && text[i + 1] == '`') {
              element.name.push_back('`');
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          element.name.push_back(text[i++]);
        }
        if (!closed) return Status::validation("a backtick quote is not closed");
        if (i < text.size() && text[i] != '.' && text[i] != '[') {
          return Status::validation("unexpected text after a quoted name; use a dot or [ after the closing backtick");
        }
      } else {
        while (i < text.size() && text[i] != '.' && text[i] != '[') {
          if (text[i] == ']') return Status::validation("a ] has no matching [");
          if (text[i] == '`') return Status::validation("a backtick may only start a name");
          element.name.push_back(text[i++]);
        }
      }
      if (element.name.empty()) {
        return Status::validation(path.empty() && i < text.size() && text[i] == '['
                                      ? "the path must start with an attribute name"
                                      : "the path has an empty name (two dots together, or a dot at an end)");
      }
      path.push_back(std::move(element));
      expectName = false;
      continue;
    }
    if (text[i] == '.') {
      ++i;
      expectName = true;
      continue;
    }
    if (text[i] == '[') {
      const std::size_t close = text.find(']', i + 1);
      if (close == std::string_view::npos) return Status::validation("a [ is not closed");
      const std::string_view digits = text.substr(i + 1, close - i - 1);
      if (digits.empty()) return Status::validation("a list index is empty; write a number inside [ ]");
      std::size_t index = 0;
      for (char c : digits) {
        if (c < '0' || c > '9') {
          return Status::validation("the list index \"" + std::string(digits) + "\" is not a number");
        }
        index = index * 10 + static_cast<std::size_t>(c - '0');
        if (index > kMaxIndex) return Status::validation("the list index " + std::string(digits) + " is too large");
      }
      PathElement element;
      element.isIndex = true;
      element.index = index;
      path.push_back(std::move(element));
      i = close + 1;
      if (i < text.size() && text[i] != '.' && text[i] != '[') {
        return Status::validation("unexpected text after ]; use a dot or [ after a list index");
      }
      continue;
    }
    // Only reachable after a name that stopped at something other than . or [.
    return Status::validation("unexpected character in the path");
  }
  if (expectName) return Status::validation("the path has an empty name (two dots together, or a dot at an end)");
  return path;
}

std::string attributePathText(const AttributePath& path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const auto& e = path[i];
    if (e.isIndex) {
      out += "[" + std::to_string(e.index) + "]";
      continue;
    }
    if (i > 0) out += '.';
    if (!needsQuoting(e.name)) {
      out += e.name;
      continue;
    }
    out += '`';
    for (char c : e.name) {
      if (c == '`') out += '`';
      out += c;
    }
    out += '`';
  }
  return out;
}

}  // namespace dynadesk::ui
