#include "expr/parser_core.h"

#include <limits>

#include "expr/parser.h"
#include "expr/reserved_words.h"

namespace dynadesk::expr::detail {

ParserCore::ParserCore(std::string_view text, ExpressionKind kind)
    : text_(text), kind_(kind), tokens_(tokenize(text)) {}

Status ParserCore::checkText(std::string_view text, ExpressionKind kind) {
  std::string prefix = "Invalid " + std::string(expressionParameterName(kind)) + ": ";
  if (text.empty()) return Status::validation(prefix + "The expression can not be empty;");
  if (text.size() > kMaxExpressionBytes) {
    return Status::validation(prefix + "Expression size has exceeded the maximum allowed size; expression size: " +
                              std::to_string(text.size()));
  }
  return Status::ok();
}

const Token& ParserCore::peek(std::size_t ahead) const {
  std::size_t i = pos_ + ahead;
  return i < tokens_.size() ? tokens_[i] : tokens_.back();
}

bool ParserCore::atKeyword(std::string_view upper) const {
  return at(TokenKind::Name) && equalsKeyword(text(peek()), upper);
}

const Token& ParserCore::advance() {
  const Token& t = peek();
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return t;
}

Status ParserCore::fail(std::string message) const {
  return Status::validation("Invalid " + std::string(expressionParameterName(kind_)) + ": " + std::move(message));
}

Status ParserCore::syntaxError() const {
  const Token& t = peek();
  std::string token = t.kind == TokenKind::End ? std::string("<EOF>") : std::string(text(t));
  // DynamoDB shows the offending token with its neighbours, as written.
  std::uint32_t from = pos_ > 0 ? tokens_[pos_ - 1].begin : t.begin;
  std::uint32_t to = t.kind == TokenKind::End ? t.end : peek(1).end;
  return fail("Syntax error; token: \"" + token + "\", near: \"" + std::string(text_.substr(from, to - from)) + "\"");
}

Status ParserCore::expect(TokenKind k) {
  if (!at(k)) return syntaxError();
  advance();
  return Status::ok();
}

Status ParserCore::parsePath(Path& out) {
  auto element = [&]() -> Status {
    const Token& t = peek();
    if (t.kind == TokenKind::Name) {
      std::string_view name = text(t);
      if (isReservedWord(name)) {
        note(Slot::Reserved, "Attribute name is a reserved keyword; reserved keyword: " + std::string(name));
      }
      out.elements.push_back(PathElement{PathElement::Kind::Name, std::string(name), 0});
    } else if (t.kind == TokenKind::NameRef) {
      out.elements.push_back(PathElement{PathElement::Kind::NameRef, std::string(text(t)), 0});
    } else {
      return syntaxError();
    }
    advance();
    return Status::ok();
  };
  DYNADESK_RETURN_IF_ERROR(element());
  for (;;) {
    if (at(TokenKind::Dot)) {
      advance();
      DYNADESK_RETURN_IF_ERROR(element());
    } else if (at(TokenKind::LBracket)) {
      advance();
      if (!at(TokenKind::Integer)) return syntaxError();
      std::uint64_t v = 0;
      for (char c : text(peek())) {
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
        if (v > std::numeric_limits<std::uint32_t>::max()) v = std::numeric_limits<std::uint32_t>::max();
      }
      advance();
      DYNADESK_RETURN_IF_ERROR(expect(TokenKind::RBracket));
      out.elements.push_back(PathElement{PathElement::Kind::Index, {}, static_cast<std::uint32_t>(v)});
    } else {
      break;
    }
  }
  if (out.elements.size() > kMaxPathDepth) {
    note(Slot::Limit, "The document path has too many nesting levels; nesting levels: " +
                          std::to_string(out.elements.size()));
  }
  return Status::ok();
}

void ParserCore::note(Slot slot, std::string message) {
  auto& s = slots_[static_cast<std::size_t>(slot)];
  if (s.empty()) s = std::move(message);
}

Status ParserCore::finish(const std::vector<Slot>& order) const {
  for (Slot slot : order) {
    const auto& s = slots_[static_cast<std::size_t>(slot)];
    if (!s.empty()) return fail(s);
  }
  return Status::ok();
}

}  // namespace dynadesk::expr::detail
