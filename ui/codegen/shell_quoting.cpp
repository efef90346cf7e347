#include "codegen/shell_quoting.h"

#include <algorithm>

namespace dynadesk::ui::codegen {

namespace {
bool safeBare(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c == '/' || c == ':' || c == ',' || c == '+' || c == '@' || c == '%' || c == '=';
}
}  // namespace

std::string shellQuote(std::string_view word) {
  if (!word.empty() && std::all_of(word.begin(), word.end(), safeBare)) return std::string(word);
  std::string out = "'";
  for (const char c : word) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string cliOption(std::string_view name, std::string_view value) {
  const std::string flag = "--" + std::string(name);
  if (!value.empty() && value.front() == '-') return shellQuote(flag + "=" + std::string(value));
  return flag + " " + shellQuote(value);
}

}  // namespace dynadesk::ui::codegen
