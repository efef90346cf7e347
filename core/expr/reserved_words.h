// DynamoDB's reserved words: names that may not appear bare as a document path
// element in any expression (they must go through an ExpressionAttributeNames
// placeholder instead).
//
// Thread-safety: pure functions over constant data; call from any thread.
#pragma once

#include <cstddef>
#include <string_view>

namespace dynadesk::expr {

// True when name, compared case-insensitively (ASCII), is one of DynamoDB's
// reserved words ("status", "Status" and "STATUS" all are).
bool isReservedWord(std::string_view name);

// How many words the list holds (for tests: DynamoDB's list has 573).
std::size_t reservedWordCount();

}  // namespace dynadesk::expr
