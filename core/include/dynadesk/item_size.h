// Item and attribute sizes as DynamoDB computes them: the basis of the 400 KB
// item limit, the 1 MB Query/Scan page, and (later) capacity units.
//
// DynamoDB's rules: an attribute costs the UTF-8 bytes of its name plus its
// value; S is its UTF-8 bytes, B its raw bytes, N Number::sizeInBytes(), BOOL
// and NULL 1 byte; L and M cost 3 bytes plus, per element, 1 byte plus the
// element (a map element also pays its name); a set is the sum of its members.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>

#include "dynadesk/attribute_value.h"

namespace dynadesk {

std::size_t attributeValueSize(const AttributeValue& value);
std::size_t itemSize(const Item& item);

}  // namespace dynadesk
