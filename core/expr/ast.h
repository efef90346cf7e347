// The syntax trees of DynamoDB's five expression kinds (Condition, Filter,
// KeyCondition, Projection, Update), shared by the parser, the resolver and the
// evaluators.
//
// Life cycle: the parser builds a tree holding placeholders as written
// ("#n", ":v"); resolve() (resolve.h) replaces every name placeholder with the
// attribute name it stands for and copies every value placeholder's
// AttributeValue into the tree, after which the tree is self-contained and may
// outlive the request's ExpressionAttributeNames/Values. Evaluators require a
// resolved tree (they assert it in debug builds).
//
// Thread-safety: plain values; a resolved tree may be read from many threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dynadesk/attribute_value.h"

namespace dynadesk::expr {

enum class ExpressionKind : std::uint8_t { Condition, Filter, KeyCondition, Projection, Update };

// The request parameter an expression kind comes from, as DynamoDB names it in
// its messages: "ConditionExpression", "FilterExpression", ...
std::string_view expressionParameterName(ExpressionKind kind);

// One step of a document path: an attribute name (map key), a "#name"
// placeholder (before resolution only) or a list index.
struct PathElement {
  enum class Kind : std::uint8_t { Name, NameRef, Index };
  Kind kind = Kind::Name;
  std::string name;         // Name: the attribute name; NameRef: "#placeholder"
  std::uint32_t index = 0;  // Index

  friend bool operator==(const PathElement&, const PathElement&) = default;
};

// a.b[3].c — the first element is always a Name or NameRef.
struct Path {
  std::vector<PathElement> elements;
  friend bool operator==(const Path&, const Path&) = default;
};

// DynamoDB's rendering of a path in messages: "[a, b, [3], c]".
std::string pathToMessageString(const Path& path);

// A value-producing operand.
//   Path        path
//   Value       ":v" placeholder (valueRef), value filled by resolve()
//   Size        size(args[0])                    (conditions)
//   IfNotExists if_not_exists(args[0], args[1])  (update SET)
//   ListAppend  list_append(args[0], args[1])    (update SET)
//   Plus/Minus  args[0] + args[1] / args[0] - args[1] (update SET)
struct Operand {
  enum class Kind : std::uint8_t { Path, Value, Size, IfNotExists, ListAppend, Plus, Minus };
  Kind kind = Kind::Path;
  Path path;
  std::string valueRef;
  AttributeValue value;
  bool resolved = false;  // Value: value holds the placeholder's value
  std::vector<Operand> args;
};

enum class Comparator : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge };
// "=", "<>", "<", "<=", ">", ">=".
std::string_view comparatorText(Comparator c);

// A boolean condition (ConditionExpression, FilterExpression,
// KeyConditionExpression).
//   Compare             operands[0] <cmp> operands[1]
//   Between             operands[0] BETWEEN operands[1] AND operands[2]
//   In                  operands[0] IN (operands[1..])
//   And, Or             children[0], children[1]
//   Not                 children[0]
//   AttributeExists, AttributeNotExists   operands[0] (a Path operand)
//   AttributeType       operands[0] path, operands[1] type name value
//   BeginsWith, Contains                  operands[0], operands[1]
struct Condition {
  enum class Kind : std::uint8_t {
    Compare, Between, In, And, Or, Not,
    AttributeExists, AttributeNotExists, AttributeType, BeginsWith, Contains
  };
  Kind kind = Kind::Compare;
  Comparator comparator = Comparator::Eq;
  std::vector<Operand> operands;
  std::vector<Condition> children;
};

// Appends the first name of every document path a condition reads (duplicates
// kept), e.g. "a" and "b" for `a.x > :v AND size(b[0]) < :n`.
void collectTopLevelNames(const Condition& condition, std::vector<std::string>& out);

// ProjectionExpression: the paths in the order written.
struct Projection {
  std::vector<Path> paths;
};

// One action of an UpdateExpression.
//   Set     path = value  (value may be Plus/Minus/IfNotExists/ListAppend/Path/Value)
//   Remove  path
//   Add     path value    (value is a Value operand)
//   Delete  path value    (value is a Value operand)
struct UpdateAction {
  enum class Kind : std::uint8_t { Set, Remove, Add, Delete };
  Kind kind = Kind::Set;
  Path path;
  Operand value;
};

// UpdateExpression: actions grouped by clause in the order written
// (all SET actions, then REMOVE, ADD, DELETE, each in written order).
struct Update {
  std::vector<UpdateAction> actions;
};

}  // namespace dynadesk::expr
