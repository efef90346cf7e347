// Parsers for DynamoDB's expression languages: text -> syntax tree (ast.h).
//
// Each parser checks everything that does not need ExpressionAttributeNames or
// ExpressionAttributeValues: size and emptiness, syntax, reserved words used
// bare, function names and operand counts, misused functions, redundant
// parentheses, IN operand count, path depth, repeated update clauses.
// Placeholders stay unresolved; resolve.h checks the rest.
//
// Errors: every failure is a ValidationException whose message is DynamoDB's,
// prefixed as DynamoDB prefixes it: "Invalid ConditionExpression: ...",
// "Invalid UpdateExpression: ...", etc. When several problems exist, the one
// reported is chosen in DynamoDB's order (syntax first, then e.g. redundant
// parentheses, unknown function, misused function, reserved word, operand
// counts).
//
// Cost: hostile input is bounded. Text over kMaxExpressionBytes is refused
// before it is tokenised, and nesting of parentheses / NOT / functions deeper
// than kMaxParseDepth is refused as a syntax error at the token where the limit
// is crossed, so parsing never recurses deeper than that.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

#include "dynadesk/status.h"
#include "expr/ast.h"

namespace dynadesk::expr {

inline constexpr std::size_t kMaxExpressionBytes = 4096;  // DynamoDB: 4 KB per expression string
inline constexpr std::size_t kMaxInOperands = 100;        // DynamoDB: IN takes at most 100 values
// Operators and functions in one condition (DynamoDB: "too many operators").
inline constexpr std::size_t kMaxOperators = 300;
inline constexpr std::size_t kMaxPathDepth = 32;          // elements in one document path
inline constexpr int kMaxParseDepth = 300;                // our recursion guard

// ConditionExpression, FilterExpression or KeyConditionExpression (kind picks
// the message prefix; KeyConditionExpression shape rules are key_condition.h's).
// Precondition: kind is Condition, Filter or KeyCondition.
Result<Condition> parseCondition(std::string_view text, ExpressionKind kind);

// ProjectionExpression: one or more comma-separated document paths.
Result<Projection> parseProjection(std::string_view text);

// UpdateExpression: SET / REMOVE / ADD / DELETE clauses, each at most once.
Result<Update> parseUpdate(std::string_view text);

}  // namespace dynadesk::expr
