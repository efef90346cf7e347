// Request ids in DynamoDB's shape: 52 characters of [A-Z0-9].
//
// They only need to be unique enough to find a request in a log, not
// unguessable, so a per-thread PRNG seeded from std::random_device suffices.
// Thread-safety: safe from any thread (the generator is thread-local).
#pragma once

#include <string>

namespace dynadesk::server {

inline constexpr std::size_t kRequestIdLength = 52;

std::string newRequestId();

}  // namespace dynadesk::server
