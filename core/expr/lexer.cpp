#include "expr/lexer.h"

namespace dynadesk::expr {

namespace {

bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isWordChar(char c) { return isAlpha(c) || isDigit(c) || c == '_'; }
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

bool equalsKeyword(std::string_view word, std::string_view upperKeyword) {
  if (word.size() != upperKeyword.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != upperKeyword[i]) return false;
  }
  return true;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  out.reserve(text.size() / 3 + 2);
  const auto n = static_cast<std::uint32_t>(text.size());
  std::uint32_t i = 0;
  auto emit = [&](TokenKind k, std::uint32_t b, std::uint32_t e) { out.push_back(Token{k, b, e}); };
  while (i < n) {
    char c = text[i];
    if (isSpace(c)) {
      ++i;
      continue;
    }
    std::uint32_t b = i;
    if (isAlpha(c)) {
      while (i < n && isWordChar(text[i])) ++i;
      emit(TokenKind::Name, b, i);
      continue;
    }
    if (isDigit(c)) {
      while (i < n && isDigit(text[i])) ++i;
      emit(TokenKind::Integer, b, i);
      continue;
    }
    if ((c == '#' || c == ':') && i + 1 < n && isWordChar(text[i + 1])) {
      ++i;
      while (i < n && isWordChar(text[i])) ++i;
      emit(c == '#' ? TokenKind::NameRef : TokenKind::ValueRef, b, i);
      continue;
    }
    char next = i + 1 < n ? text[i + 1] : '\0';
    TokenKind k = TokenKind::Invalid;
    std::uint32_t len = 1;
    switch (c) {
      case '(': k = TokenKind::LParen; break;
      case ')': k = TokenKind::RParen; break;
      case '[': k = TokenKind::LBracket; break;
      case ']': k = TokenKind::RBracket; break;
      case ',': k = TokenKind::Comma; break;
      case '.': k = TokenKind::Dot; break;
      case '=': k = TokenKind::Eq; break;
      case '+': k = TokenKind::Plus; break;
      case '-': k = TokenKind::Minus; break;
      case '<':
        if (next == '>') { k = TokenKind::Ne; len = 2; }
        else if (next == '=') { k = TokenKind::Le; len = 2; }
        else k = TokenKind::Lt;
        break;
      case '>':
        if (next == '=') { k = TokenKind::Ge; len = 2; }
        else k = TokenKind::Gt;
        break;
      default: break;
    }
    i += len;
    emit(k, b, i);
  }
  emit(TokenKind::End, n, n);
  return out;
}

}  // namespace dynadesk::expr
