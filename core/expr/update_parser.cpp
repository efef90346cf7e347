// UpdateExpression parser:
//   update := clause+
//   clause := SET path '=' value (',' path '=' value)*
//           | REMOVE path (',' path)*
//           | ADD path ValueRef (',' path ValueRef)*
//           | DELETE path ValueRef (',' path ValueRef)*
//   value  := operand (('+' | '-') operand)?
//   operand:= path | ValueRef | if_not_exists(operand, operand) | list_append(operand, operand)
#include "expr/parser.h"
#include "expr/parser_core.h"

namespace dynadesk::expr {

namespace {

using detail::ParserCore;
using detail::Slot;

class UpdateParser {
 public:
  explicit UpdateParser(std::string_view text) : p_(text, ExpressionKind::Update) {}

  Result<Update> run() {
    Update out;
    bool seen[4] = {false, false, false, false};
    static constexpr std::string_view kClauses[4] = {"SET", "REMOVE", "ADD", "DELETE"};
    // Actions are grouped by clause kind so appliers see SET, REMOVE, ADD, DELETE.
    std::vector<UpdateAction> byKind[4];
    do {
      int clause = -1;
      for (int i = 0; i < 4; ++i) {
        if (p_.atKeyword(kClauses[i])) clause = i;
      }
      if (clause < 0) return p_.syntaxError();
      p_.advance();
      if (seen[clause]) {
        p_.note(Slot::Section, "The \"" + std::string(kClauses[clause]) +
                                   "\" section can only be used once in an update expression;");
      }
      seen[clause] = true;
      for (;;) {
        UpdateAction a;
        a.kind = static_cast<UpdateAction::Kind>(clause);
        DYNADESK_RETURN_IF_ERROR(p_.parsePath(a.path));
        if (a.kind == UpdateAction::Kind::Set) {
          DYNADESK_RETURN_IF_ERROR(p_.expect(TokenKind::Eq));
          DYNADESK_RETURN_IF_ERROR(parseValue(a.value));
        } else if (a.kind != UpdateAction::Kind::Remove) {
          if (!p_.at(TokenKind::ValueRef)) return p_.syntaxError();
          a.value.kind = Operand::Kind::Value;
          a.value.valueRef = std::string(p_.text(p_.advance()));
        }
        byKind[clause].push_back(std::move(a));
        if (!p_.at(TokenKind::Comma)) break;
        p_.advance();
      }
    } while (!p_.at(TokenKind::End));
    DYNADESK_RETURN_IF_ERROR(
        p_.finish({Slot::Reserved, Slot::UnknownFunction, Slot::Section, Slot::Function, Slot::Limit}));
    for (auto& group : byKind) {
      for (auto& a : group) out.actions.push_back(std::move(a));
    }
    return out;
  }

 private:
  Status parseValue(Operand& out) {
    Operand first;
    DYNADESK_RETURN_IF_ERROR(parseOperand(first, 0));
    if (p_.at(TokenKind::Plus) || p_.at(TokenKind::Minus)) {
      out.kind = p_.at(TokenKind::Plus) ? Operand::Kind::Plus : Operand::Kind::Minus;
      p_.advance();
      Operand second;
      DYNADESK_RETURN_IF_ERROR(parseOperand(second, 0));
      out.args.push_back(std::move(first));
      out.args.push_back(std::move(second));
      return Status::ok();
    }
    out = std::move(first);
    return Status::ok();
  }

  Status parseOperand(Operand& out, int depth) {
    const Token& t = p_.peek();
    if (t.kind == TokenKind::ValueRef) {
      out.kind = Operand::Kind::Value;
      out.valueRef = std::string(p_.text(t));
      p_.advance();
      return Status::ok();
    }
    if (t.kind == TokenKind::Name && p_.peek(1).kind == TokenKind::LParen) return parseCall(out, depth);
    out.kind = Operand::Kind::Path;
    return p_.parsePath(out.path);
  }

  Status parseCall(Operand& out, int depth) {
    if (depth >= kMaxParseDepth) return p_.syntaxError();
    std::string name(p_.text(p_.advance()));
    p_.advance();  // '('
    for (;;) {
      Operand arg;
      DYNADESK_RETURN_IF_ERROR(parseOperand(arg, depth + 1));
      out.args.push_back(std::move(arg));
      if (!p_.at(TokenKind::Comma)) break;
      p_.advance();
    }
    DYNADESK_RETURN_IF_ERROR(p_.expect(TokenKind::RParen));
    if (name == "if_not_exists") {
      out.kind = Operand::Kind::IfNotExists;
    } else if (name == "list_append") {
      out.kind = Operand::Kind::ListAppend;
    } else {
      p_.note(Slot::UnknownFunction, "Invalid function name; function: " + name);
      out.kind = Operand::Kind::ListAppend;
    }
    if (out.args.size() != 2) {
      p_.note(Slot::Function, "Incorrect number of operands for operator or function; operator or function: " + name +
                                  ", number of operands: " + std::to_string(out.args.size()));
      out.args.resize(2);
    } else if (out.kind == Operand::Kind::IfNotExists && out.args[0].kind != Operand::Kind::Path) {
      p_.note(Slot::Function, "Operator or function requires a document path; operator or function: " + name);
    }
    return Status::ok();
  }

  ParserCore p_;
};

}  // namespace

Result<Update> parseUpdate(std::string_view text) {
  DYNADESK_RETURN_IF_ERROR(ParserCore::checkText(text, ExpressionKind::Update));
  return UpdateParser(text).run();
}

}  // namespace dynadesk::expr
