// Physical layout of the ordered keyspace inside LMDB's data DBI (internal).
//
// The logical keyspace holds byte-string keys of up to kMaxKeySize bytes; LMDB keys
// stop at 511 bytes. Long keys are stored as a trie of chunks (see FORMAT.md):
//
//   leaf  entry  ns(8, big-endian) | R            with 1 <= |R| <= kChunkSize
//   inner entry  ns(8, big-endian) | C | 0xFF     with |C| == kChunkSize,
//                value = child namespace id (8 bytes, big-endian)
//
// Leaves are shorter than inner entries, so an entry's kind is its length. Within
// one namespace, LMDB's bytewise order equals the logical order of the keys the
// entries stand for. This header only builds and decodes those byte strings; it
// has no LMDB types and no state. Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace dynadesk::storage::layout {

inline constexpr std::size_t kNamespaceIdSize = 8;
// Longest logical-key chunk one LMDB key carries. 8 + 480 + 1 = 489 <= 511.
inline constexpr std::size_t kChunkSize = 480;
inline constexpr std::size_t kInnerKeySize = kNamespaceIdSize + kChunkSize + 1;
inline constexpr char kInnerMarker = '\xFF';
inline constexpr std::uint64_t kRootNamespace = 0;

// Format version written into the meta DBI; Env refuses newer ones and
// upgrades older ones in place (FORMAT.md, "Versions").
inline constexpr std::uint64_t kFormatVersion = 3;
// Keys of the meta DBI; every value is an 8-byte big-endian integer.
inline constexpr std::string_view kMetaFormatVersion = "format_version";
inline constexpr std::string_view kMetaChunkSize = "chunk_size";
inline constexpr std::string_view kMetaNextNamespace = "next_namespace";

inline void encodeU64(std::uint64_t v, char* out) {
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
}

inline std::uint64_t decodeU64(const char* in) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}

// An LMDB key of the data DBI, built in place (no allocation).
class PhysicalKey {
 public:
  // ns | remainder; precondition: remainder.size() <= kChunkSize.
  void setLeaf(std::uint64_t ns, std::string_view remainder) {
    encodeU64(ns, bytes_.data());
    if (!remainder.empty()) {
      std::memcpy(bytes_.data() + kNamespaceIdSize, remainder.data(), remainder.size());
    }
    size_ = kNamespaceIdSize + remainder.size();
  }
  // ns | chunk | 0xFF; precondition: chunk.size() == kChunkSize.
  void setInner(std::uint64_t ns, std::string_view chunk) {
    setLeaf(ns, chunk);
    bytes_[size_++] = kInnerMarker;
  }
  // Just the namespace id: sorts before every entry of that namespace.
  void setNamespaceStart(std::uint64_t ns) { setLeaf(ns, {}); }

  std::string_view view() const { return {bytes_.data(), size_}; }
  char* data() { return bytes_.data(); }
  std::size_t size() const { return size_; }

 private:
  std::array<char, kInnerKeySize> bytes_{};
  std::size_t size_ = 0;
};

inline bool isInnerEntry(std::string_view physicalKey) {
  return physicalKey.size() == kInnerKeySize;
}

inline bool inNamespace(std::string_view physicalKey, std::uint64_t ns) {
  return physicalKey.size() > kNamespaceIdSize && decodeU64(physicalKey.data()) == ns;
}

// The logical bytes an entry contributes: the leaf remainder, or the inner chunk.
inline std::string_view entryChunk(std::string_view physicalKey) {
  std::string_view rest = physicalKey.substr(kNamespaceIdSize);
  return isInnerEntry(physicalKey) ? rest.substr(0, kChunkSize) : rest;
}

}  // namespace dynadesk::storage::layout
