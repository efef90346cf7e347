// Little helpers for the metrics' stored encodings: LEB128 varints,
// zigzag for signed deltas, big-endian doubles, and a bounds-checked reader.
//
// Thread-safety: pure functions; a ByteReader is a plain value over borrowed
// bytes (the caller keeps them alive while reading).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace dynadesk::metrics {

inline void appendVarint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

inline std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline std::int64_t unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

inline void appendDouble(std::string& out, double d) {
  const auto bits = std::bit_cast<std::uint64_t>(d);
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((bits >> shift) & 0xFF);
}

// Reads from the front of a byte string; every read fails (nullopt) instead of
// running past the end, so a truncated or corrupt value is reported, not trusted.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  bool atEnd() const { return bytes_.empty(); }

  std::optional<std::uint8_t> byte() {
    if (bytes_.empty()) return std::nullopt;
    const auto b = static_cast<std::uint8_t>(bytes_[0]);
    bytes_.remove_prefix(1);
    return b;
  }

  std::optional<std::uint64_t> varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      auto b = byte();
      if (!b) return std::nullopt;
      v |= static_cast<std::uint64_t>(*b & 0x7F) << shift;
      if ((*b & 0x80) == 0) return v;
    }
    return std::nullopt;  // more than ten bytes: not one of ours
  }

  std::optional<double> real() {
    if (bytes_.size() < 8) return std::nullopt;
    std::uint64_t bits = 0;
    for (int i = 0; i < 8; ++i) bits = (bits << 8) | static_cast<std::uint8_t>(bytes_[i]);
    bytes_.remove_prefix(8);
    return std::bit_cast<double>(bits);
  }

  // A varint length followed by that many bytes.
  std::optional<std::string_view> lengthPrefixed() {
    auto length = varint();
    if (!length || *length > bytes_.size()) return std::nullopt;
    std::string_view s = bytes_.substr(0, *length);
    bytes_.remove_prefix(*length);
    return s;
  }

 private:
  std::string_view bytes_;
};

inline void appendLengthPrefixed(std::string& out, std::string_view s) {
  appendVarint(out, s.size());
  out += s;
}

}  // namespace dynadesk::metrics
