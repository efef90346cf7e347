// AttributePath: a document path as the builder's user types it, parsed into
// map keys and list indexes.
//
// Syntax
//   info.rating              dots separate map keys
//   tags[0]                  [n] selects list element n (decimal digits only)
//   info.actors[2].name      the two combine freely; matrix[0][1] is fine
//   `odd.name`.x             backticks quote a name holding dots, brackets or
//                            backticks; a doubled backtick `` inside quotes is
//                            one backtick; a quoted part stands for a whole name
// Everything else in a name is literal, spaces included: DynamoDB attribute
// names may hold any characters, and every name reaches the request through an
// ExpressionAttributeNames placeholder, so reserved words need no quoting.
// A path starts with a name (not an index).
//
// Errors (ValidationException, plain words, without naming the field, which
// the caller adds): an empty path, an empty name (a..b, .a, a., ``), an
// unclosed [ or backtick, a ] without [, an index that is not a number or is
// larger than 999999999, text straight after ] or a closing backtick.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dynadesk/status.h"

namespace dynadesk::ui {

struct PathElement {
  bool isIndex = false;
  std::string name;       // map key when !isIndex
  std::size_t index = 0;  // list element when isIndex

  friend bool operator==(const PathElement&, const PathElement&) = default;
};

using AttributePath = std::vector<PathElement>;

Result<AttributePath> parseAttributePath(std::string_view text);

// The path written back in the syntax above, quoting names only where needed;
// parseAttributePath(attributePathText(p)) == p.
std::string attributePathText(const AttributePath& path);

}  // namespace dynadesk::ui
