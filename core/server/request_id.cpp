#include "server/request_id.h"

#include <random>

namespace dynadesk::server {

std::string newRequestId() {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::uniform_int_distribution<int> pick(0, sizeof(kAlphabet) - 2);
  std::string id(kRequestIdLength, 'A');
  for (char& c : id) c = kAlphabet[pick(generator)];
  return id;
}

}  // namespace dynadesk::server
