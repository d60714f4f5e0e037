// The loopback-only rule; see target.hpp.
#include "loadgen/target.hpp"

#include <arpa/inet.h>

#include <stdexcept>

namespace archbench::loadgen {

std::string Target::host_header() const {
  const std::string host = address.find(':') != std::string::npos ? "[" + address + "]" : address;
  return host + ":" + std::to_string(port);
}

Target loopback_target(const std::string& host, int port) {
  if (port < 1 || port > 65535) {
    throw std::runtime_error("--port must be in 1..65535 (got " + std::to_string(port) + ")");
  }
  Target target;
  target.port = static_cast<std::uint16_t>(port);
  in_addr v4{};
  in6_addr v6{};
  if (host == "localhost") {
    target.address = "127.0.0.1";
  } else if (inet_pton(AF_INET, host.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127) {
    target.address = host;
  } else if (inet_pton(AF_INET6, host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6)) {
    target.address = "::1";
  } else {
    throw std::runtime_error("refusing to load '" + host +
                             "': archbench-loadgen only targets this machine "
                             "(localhost, 127.0.0.0/8 or ::1)");
  }
  return target;
}

}  // namespace archbench::loadgen
