// CRC-32 as zlib computes it (IEEE 802.3, reflected polynomial 0xEDB88320).
//
// DynamoDB sends the CRC-32 of every response body in x-amz-crc32 and the AWS
// SDKs verify it, so this must match zlib's crc32() bit for bit.
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <string_view>

namespace dynadesk::server {

std::uint32_t crc32(std::string_view bytes);

}  // namespace dynadesk::server
