// Internal to expr/: the token cursor, path grammar, syntax-error rendering and
// DynamoDB's "report the most important problem" bookkeeping shared by the
// condition/projection parser (parser.cpp) and the update parser
// (update_parser.cpp).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "dynadesk/status.h"
#include "expr/ast.h"
#include "expr/lexer.h"

namespace dynadesk::expr::detail {

// Problems DynamoDB reports only after a successful syntactic parse; each slot
// keeps the first one found, and finish() reports slots in a per-kind order.
enum class Slot : std::uint8_t {
  Parens, UnknownFunction, MisusedFunction, Reserved, Section, Operand, Function, Limit, Count
};

class ParserCore {
 public:
  ParserCore(std::string_view text, ExpressionKind kind);

  // Empty / oversized text; Ok when the text may be tokenised.
  static Status checkText(std::string_view text, ExpressionKind kind);

  const Token& peek(std::size_t ahead = 0) const;
  bool at(TokenKind k) const { return peek().kind == k; }
  bool atKeyword(std::string_view upper) const;
  const Token& advance();
  std::string_view text(const Token& t) const { return text_.substr(t.begin, t.end - t.begin); }

  // DynamoDB's syntax error at the current token:
  // Syntax error; token: "<tok>", near: "<previous tok .. next tok>".
  Status syntaxError() const;
  Status expect(TokenKind k);

  // path := (Name | NameRef) ('.' (Name | NameRef) | '[' Integer ']')*
  // Reports bare reserved words and over-deep paths through note().
  Status parsePath(Path& out);

  void note(Slot slot, std::string message);
  // The first noted problem in `order`, prefixed; Ok when none.
  Status finish(const std::vector<Slot>& order) const;

  Status fail(std::string message) const;  // prefixed ValidationException
  ExpressionKind kind() const { return kind_; }

 private:
  std::string_view text_;
  ExpressionKind kind_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  std::array<std::string, static_cast<std::size_t>(Slot::Count)> slots_;
};

}  // namespace dynadesk::expr::detail
