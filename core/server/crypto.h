// SHA-256 and HMAC-SHA-256 for Signature Version 4 checking, on OpenSSL's
// libcrypto. This is the only file in core that includes OpenSSL, so the
// choice of crypto library stays in one place.
//
// Why libcrypto: it is in every Debian system already (libssl-dev for the
// headers), it is constant-time where it matters and heavily reviewed; a
// hand-written SHA-256 would be one more thing to get right and test.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace dynadesk::server::crypto {

// The 32-byte SHA-256 digest of `data` (raw bytes, not hex).
std::string sha256(std::string_view data);

// The 32-byte HMAC-SHA-256 of `data` under `key` (raw bytes, not hex); empty
// only if OpenSSL runs out of memory, which can never match a signature.
std::string hmacSha256(std::string_view key, std::string_view data);

// Lower-case hex of raw bytes ("e3b0c442...").
std::string toHex(std::string_view bytes);

// True when the two strings are equal, taking the same time whatever the
// position of the first difference (lengths are not secret and may leak).
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace dynadesk::server::crypto
