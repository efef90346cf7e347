// Tokeniser shared by all expression parsers.
//
// Never fails: a character that starts no token becomes a one-character
// Invalid token, so the parser reports it as DynamoDB does ("Syntax error;
// token: "_", near: ..."). Tokens are offsets into the caller's text, which
// must outlive them.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace dynadesk::expr {

enum class TokenKind : std::uint8_t {
  Name,      // [A-Za-z][A-Za-z0-9_]*  (keywords and function names too)
  NameRef,   // #[A-Za-z0-9_]+
  ValueRef,  // :[A-Za-z0-9_]+
  Integer,   // [0-9]+
  LParen, RParen, LBracket, RBracket, Comma, Dot,
  Eq, Ne, Lt, Le, Gt, Ge, Plus, Minus,
  Invalid,   // one character that starts no token
  End,       // end of input (always the last token)
};

struct Token {
  TokenKind kind;
  std::uint32_t begin;  // offset of the first character
  std::uint32_t end;    // one past the last character
};

// Precondition: text.size() < 2^32 (callers cap expressions at 4 KB first).
std::vector<Token> tokenize(std::string_view text);

// ASCII case-insensitive equality against an upper-case keyword.
bool equalsKeyword(std::string_view word, std::string_view upperKeyword);

}  // namespace dynadesk::expr
