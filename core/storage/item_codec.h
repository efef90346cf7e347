// The binary form of an item as stored in LMDB values (layout in FORMAT.md).
// Compact and fast to decode; not JSON, which is only spoken at the api edge.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"

namespace dynadesk::storage {

void encodeItem(const Item& item, std::string& out);
std::string encodeItem(const Item& item);
// Errors: InternalServerError "corrupt item" when the bytes are not an encoded item.
Result<Item> decodeItem(std::string_view bytes);

}  // namespace dynadesk::storage
