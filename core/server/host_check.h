// HostCheck: which Host header values this server answers to.
//
// Why: a web page can make a browser send requests to 127.0.0.1 through a DNS
// name it controls (DNS rebinding). Such requests carry the attacker's name in
// Host, so answering only to the address actually served defeats the attack.
//
//  - bound to loopback (127.0.0.0/8, ::1, "localhost"): 127.0.0.1:PORT,
//    localhost:PORT and [::1]:PORT, plus the bound address itself;
//  - bound to another address: that address (IPv6 in brackets) with :PORT;
//  - bound to a wildcard (0.0.0.0, ::): any Host — the user chose to serve
//    every interface, so every name for this machine is legitimate.
// Names compare case-insensitively; a Host without a port means port 80.
//
// Thread-safety: immutable after construction; share freely.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dynadesk::server {

class HostCheck {
 public:
  HostCheck(std::string_view boundHost, int port);

  bool allows(std::string_view hostHeader) const;
  bool allowsAny() const { return allowsAny_; }

 private:
  bool allowsAny_ = false;
  int port_;
  std::vector<std::string> names_;  // lower case, IPv6 bracketed, without port
};

}  // namespace dynadesk::server
