#include "server/request_id.h"

#include <random>

namespace dynadesk::server {

std::string newRequestId() {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  constexpr std::uint64_t kBase = sizeof(kAlphabet) - 1;  // 36
  // Twelve base-36 digits fit in one 64-bit draw (36^12 < 2^64), so an id
  // takes five draws rather than 52; ids only need to be unique, and the
  // slight unevenness of the top digit does not matter for that.
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::string id(kRequestIdLength, 'A');
  std::uint64_t bits = 0;
  int left = 0;
  for (char& c : id) {
    if (left == 0) {
      bits = generator();
      left = 12;
    }
    c = kAlphabet[bits % kBase];
    bits /= kBase;
    --left;
  }
  return id;
}

}  // namespace dynadesk::server
