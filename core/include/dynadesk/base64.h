// Standard base64 (RFC 4648, with padding), as DynamoDB carries B and BS values.
//
// Decoding is strict like DynamoDB's: the length must be a multiple of 4 and the
// text must be the canonical encoding of its bytes; violations are
// SerializationException with DynamoDB's messages.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "dynadesk/status.h"

namespace dynadesk {

std::string base64Encode(std::string_view bytes);
Result<std::string> base64Decode(std::string_view text);

}  // namespace dynadesk
