// Condition / filter / key-condition and projection parsers: recursive descent
// with DynamoDB's precedence (comparison, BETWEEN, IN > NOT > AND > OR) and an
// explicit depth guard so hostile nesting cannot exhaust the stack.
#include "expr/parser.h"

#include <optional>

#include "expr/parser_core.h"

namespace dynadesk::expr {

namespace {

using detail::ParserCore;
using detail::Slot;

struct FunctionInfo {
  std::string_view name;
  std::size_t operands;
  bool boolean;  // a condition; otherwise (size) an operand
  Condition::Kind kind;
};

constexpr FunctionInfo kFunctions[] = {
    {"attribute_exists", 1, true, Condition::Kind::AttributeExists},
    {"attribute_not_exists", 1, true, Condition::Kind::AttributeNotExists},
    {"attribute_type", 2, true, Condition::Kind::AttributeType},
    {"begins_with", 2, true, Condition::Kind::BeginsWith},
    {"contains", 2, true, Condition::Kind::Contains},
    {"size", 1, false, Condition::Kind::Compare},
};

const FunctionInfo* findFunction(std::string_view name) {
  // Function names are case-sensitive in DynamoDB.
  for (const auto& f : kFunctions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

// What a primary position produced before we know whether it is an operand or
// a whole condition: an operand, or a call of a boolean function.
struct Term {
  Operand operand;
  const FunctionInfo* boolFunction = nullptr;  // set: a boolean function call
  std::string functionName;                    // of a call (for messages)
};

class ConditionParser {
 public:
  ConditionParser(std::string_view text, ExpressionKind kind) : p_(text, kind) {}

  Result<Condition> run() {
    Condition c;
    bool wasParenGroup = false;
    DYNADESK_RETURN_IF_ERROR(parseOr(c, 0, wasParenGroup));
    if (!p_.at(TokenKind::End)) return p_.syntaxError();
    DYNADESK_RETURN_IF_ERROR(p_.finish({Slot::Parens, Slot::UnknownFunction, Slot::MisusedFunction, Slot::Reserved,
                                        Slot::Operand, Slot::Function, Slot::Limit}));
    return c;
  }

 private:
  Status deeper(int depth) const {
    if (depth >= kMaxParseDepth) return p_.syntaxError();
    return Status::ok();
  }

  // wasParenGroup: the result is exactly one parenthesised group, so wrapping
  // it in another pair of parentheses is redundant.
  Status parseOr(Condition& out, int depth, bool& wasParenGroup) {
    DYNADESK_RETURN_IF_ERROR(parseAnd(out, depth, wasParenGroup));
    while (p_.atKeyword("OR")) {
      p_.advance();
      Condition rhs;
      bool ignored = false;
      DYNADESK_RETURN_IF_ERROR(parseAnd(rhs, depth, ignored));
      out = combine(Condition::Kind::Or, std::move(out), std::move(rhs));
      wasParenGroup = false;
    }
    return Status::ok();
  }

  Status parseAnd(Condition& out, int depth, bool& wasParenGroup) {
    DYNADESK_RETURN_IF_ERROR(parseNot(out, depth, wasParenGroup));
    while (p_.atKeyword("AND")) {
      p_.advance();
      Condition rhs;
      bool ignored = false;
      DYNADESK_RETURN_IF_ERROR(parseNot(rhs, depth, ignored));
      out = combine(Condition::Kind::And, std::move(out), std::move(rhs));
      wasParenGroup = false;
    }
    return Status::ok();
  }

  Status parseNot(Condition& out, int depth, bool& wasParenGroup) {
    // NOT NOT ... iterates; only the innermost primary recurses.
    int nots = 0;
    while (p_.atKeyword("NOT")) {
      DYNADESK_RETURN_IF_ERROR(deeper(depth + nots));
      p_.advance();
      ++nots;
    }
    DYNADESK_RETURN_IF_ERROR(parsePrimary(out, depth + nots, wasParenGroup));
    for (int i = 0; i < nots; ++i) {
      Condition n;
      n.kind = Condition::Kind::Not;
      n.children.push_back(std::move(out));
      out = std::move(n);
      wasParenGroup = false;
    }
    return Status::ok();
  }

  static Condition combine(Condition::Kind kind, Condition a, Condition b) {
    Condition c;
    c.kind = kind;
    c.children.reserve(2);
    c.children.push_back(std::move(a));
    c.children.push_back(std::move(b));
    return c;
  }

  Status parsePrimary(Condition& out, int depth, bool& wasParenGroup) {
    if (p_.at(TokenKind::LParen)) {
      DYNADESK_RETURN_IF_ERROR(deeper(depth));
      p_.advance();
      bool innerGroup = false;
      DYNADESK_RETURN_IF_ERROR(parseOr(out, depth + 1, innerGroup));
      DYNADESK_RETURN_IF_ERROR(p_.expect(TokenKind::RParen));
      if (innerGroup) p_.note(Slot::Parens, "The expression has redundant parentheses;");
      wasParenGroup = true;
      return Status::ok();
    }
    wasParenGroup = false;
    Term first;
    DYNADESK_RETURN_IF_ERROR(parseTerm(first, depth));

    if (auto cmp = comparatorAt()) {
      p_.advance();
      Term second;
      DYNADESK_RETURN_IF_ERROR(parseTerm(second, depth));
      out.kind = Condition::Kind::Compare;
      out.comparator = *cmp;
      out.operands.push_back(asOperand(std::move(first)));
      out.operands.push_back(asOperand(std::move(second)));
      return Status::ok();
    }
    if (p_.atKeyword("BETWEEN")) {
      p_.advance();
      Term lo, hi;
      DYNADESK_RETURN_IF_ERROR(parseTerm(lo, depth));
      if (!p_.atKeyword("AND")) return p_.syntaxError();
      p_.advance();
      DYNADESK_RETURN_IF_ERROR(parseTerm(hi, depth));
      out.kind = Condition::Kind::Between;
      out.operands.push_back(asOperand(std::move(first)));
      out.operands.push_back(asOperand(std::move(lo)));
      out.operands.push_back(asOperand(std::move(hi)));
      return Status::ok();
    }
    if (p_.atKeyword("IN")) {
      p_.advance();
      DYNADESK_RETURN_IF_ERROR(p_.expect(TokenKind::LParen));
      out.kind = Condition::Kind::In;
      out.operands.push_back(asOperand(std::move(first)));
      for (;;) {
        Term t;
        DYNADESK_RETURN_IF_ERROR(parseTerm(t, depth));
        out.operands.push_back(asOperand(std::move(t)));
        if (!p_.at(TokenKind::Comma)) break;
        p_.advance();
      }
      DYNADESK_RETURN_IF_ERROR(p_.expect(TokenKind::RParen));
      if (out.operands.size() - 1 > kMaxInOperands) {
        p_.note(Slot::Limit, "The IN operator is provided with too many operands; number of operands: " +
                                 std::to_string(out.operands.size() - 1));
      }
      return Status::ok();
    }
    if (first.boolFunction != nullptr) {
      out.kind = first.boolFunction->kind;
      out.operands = std::move(first.operand.args);
      return Status::ok();
    }
    if (first.operand.kind == Operand::Kind::Size) {
      // size(...) alone is not a condition; keep parsing so later syntax errors win.
      p_.note(Slot::MisusedFunction, "The function is not allowed to be used this way in an expression; function: size");
      out.kind = Condition::Kind::AttributeExists;
      out.operands = std::move(first.operand.args);
      return Status::ok();
    }
    return p_.syntaxError();
  }

  std::optional<Comparator> comparatorAt() const {
    switch (p_.peek().kind) {
      case TokenKind::Eq: return Comparator::Eq;
      case TokenKind::Ne: return Comparator::Ne;
      case TokenKind::Lt: return Comparator::Lt;
      case TokenKind::Le: return Comparator::Le;
      case TokenKind::Gt: return Comparator::Gt;
      case TokenKind::Ge: return Comparator::Ge;
      default: return std::nullopt;
    }
  }

  // A boolean function where an operand is needed is misused; keep its
  // arguments so parsing goes on (the noted error is reported at the end).
  Operand asOperand(Term t) {
    if (t.boolFunction != nullptr) {
      p_.note(Slot::MisusedFunction,
              "The function is not allowed to be used this way in an expression; function: " + t.functionName);
    }
    return std::move(t.operand);
  }

  // term := path | ValueRef | Name '(' term (',' term)* ')'
  Status parseTerm(Term& out, int depth) {
    const Token& t = p_.peek();
    if (t.kind == TokenKind::ValueRef) {
      out.operand.kind = Operand::Kind::Value;
      out.operand.valueRef = std::string(p_.text(t));
      p_.advance();
      return Status::ok();
    }
    if (t.kind == TokenKind::Name && p_.peek(1).kind == TokenKind::LParen) return parseCall(out, depth);
    out.operand.kind = Operand::Kind::Path;
    return p_.parsePath(out.operand.path);
  }

  Status parseCall(Term& out, int depth) {
    DYNADESK_RETURN_IF_ERROR(deeper(depth));
    std::string name(p_.text(p_.advance()));
    p_.advance();  // '('
    std::vector<Operand> args;
    for (;;) {
      Term arg;
      DYNADESK_RETURN_IF_ERROR(parseTerm(arg, depth + 1));
      args.push_back(asOperand(std::move(arg)));
      if (!p_.at(TokenKind::Comma)) break;
      p_.advance();
    }
    DYNADESK_RETURN_IF_ERROR(p_.expect(TokenKind::RParen));

    const FunctionInfo* f = findFunction(name);
    if (f == nullptr) {
      p_.note(Slot::UnknownFunction, "Invalid function name; function: " + name);
    } else if (args.size() != f->operands) {
      p_.note(Slot::Operand, "Incorrect number of operands for operator or function; operator or function: " + name +
                                 ", number of operands: " + std::to_string(args.size()));
    } else if ((f->kind == Condition::Kind::AttributeExists || f->kind == Condition::Kind::AttributeNotExists) &&
               args[0].kind != Operand::Kind::Path) {
      p_.note(Slot::Function, "Operator or function requires a document path; operator or function: " + name);
    }
    // Keep the tree well-formed for callers even when an error was noted.
    std::size_t want = f != nullptr ? f->operands : args.size();
    while (args.size() < want) args.emplace_back();
    out.functionName = name;
    out.operand.args = std::move(args);
    if (f != nullptr && f->boolean) {
      out.boolFunction = f;
    } else {
      out.operand.kind = Operand::Kind::Size;
      if (f == nullptr) out.boolFunction = &kFunctions[0];  // unknown: placeholder, error already noted
    }
    return Status::ok();
  }

  ParserCore p_;
};

}  // namespace

namespace {

std::size_t operandOperators(const Operand& o) {
  std::size_t n = o.kind == Operand::Kind::Path || o.kind == Operand::Kind::Value ? 0 : 1;
  for (const auto& a : o.args) n += operandOperators(a);
  return n;
}

// Operators and functions, as DynamoDB counts them against its limit of 300.
// Iterative: the tree may be as deep as the parser allowed.
std::size_t operatorCount(const Condition& root) {
  std::size_t n = 0;
  std::vector<const Condition*> stack{&root};
  while (!stack.empty()) {
    const Condition* c = stack.back();
    stack.pop_back();
    ++n;
    for (const auto& o : c->operands) n += operandOperators(o);
    for (const auto& child : c->children) stack.push_back(&child);
  }
  return n;
}

}  // namespace

Result<Condition> parseCondition(std::string_view text, ExpressionKind kind) {
  DYNADESK_RETURN_IF_ERROR(ParserCore::checkText(text, kind));
  DYNADESK_ASSIGN_OR_RETURN(Condition condition, ConditionParser(text, kind).run());
  if (const std::size_t count = operatorCount(condition); count > kMaxOperators) {
    return Status::validation("Invalid " + std::string(expressionParameterName(kind)) +
                              ": The expression contains too many operators; operator count: " + std::to_string(count));
  }
  return condition;
}

Result<Projection> parseProjection(std::string_view text) {
  DYNADESK_RETURN_IF_ERROR(ParserCore::checkText(text, ExpressionKind::Projection));
  ParserCore p(text, ExpressionKind::Projection);
  Projection out;
  for (;;) {
    Path path;
    DYNADESK_RETURN_IF_ERROR(p.parsePath(path));
    out.paths.push_back(std::move(path));
    if (!p.at(TokenKind::Comma)) break;
    p.advance();
  }
  if (!p.at(TokenKind::End)) return p.syntaxError();
  DYNADESK_RETURN_IF_ERROR(p.finish({Slot::Reserved, Slot::Limit}));
  return out;
}

}  // namespace dynadesk::expr
