#include "dynadesk/base64.h"

#include <array>

namespace dynadesk {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<signed char, 256> makeReverse() {
  std::array<signed char, 256> r{};
  for (auto& c : r) c = -1;
  for (int i = 0; i < 64; ++i) r[static_cast<unsigned char>(kAlphabet[i])] = static_cast<signed char>(i);
  return r;
}
constexpr auto kReverse = makeReverse();

Status invalidLastCharacter() {
  // DynamoDB's own spelling, "dectected" included.
  return {ErrorType::SerializationException, "Invalid last non-pad Base64 character dectected"};
}
}  // namespace

std::string base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (rest == 2) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

Result<std::string> base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) {
    return Status(ErrorType::SerializationException,
                  "Base64 encoded length is expected a multiple of 4 bytes but found: " + std::to_string(text.size()));
  }
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    int pad = 0;
    if (last) pad = (text[i + 3] == '=') + (text[i + 2] == '=' && text[i + 3] == '=');
    int v[4] = {0, 0, 0, 0};
    for (int k = 0; k < 4 - pad; ++k) {
      v[k] = kReverse[static_cast<unsigned char>(text[i + k])];
      if (v[k] < 0) return invalidLastCharacter();
    }
    unsigned word = (v[0] << 18) | (v[1] << 12) | (v[2] << 6) | v[3];
    out += static_cast<char>((word >> 16) & 0xFF);
    if (pad < 2) out += static_cast<char>((word >> 8) & 0xFF);
    if (pad < 1) out += static_cast<char>(word & 0xFF);
    // Non-canonical trailing bits (e.g. "QR==") are rejected, as DynamoDB does.
    if (pad == 1 && (v[2] & 0x3)) return invalidLastCharacter();
    if (pad == 2 && (v[1] & 0xF)) return invalidLastCharacter();
  }
  return out;
}

}  // namespace dynadesk
