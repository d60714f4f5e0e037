// Where the load goes: a host and port on this machine. The load generator refuses any other
// address, because on a shared machine a load test aimed elsewhere is an attack, not a benchmark.
#pragma once

#include <cstdint>
#include <string>

namespace archbench::loadgen {

struct Target {
  std::string address;  // numeric loopback address: "127.0.0.1" or "::1"
  std::uint16_t port = 0;
  [[nodiscard]] std::string host_header() const;  // "127.0.0.1:8080", "[::1]:8080"
};

// Accepts "localhost", any 127.x.y.z and "::1"; throws std::runtime_error with a clear message
// for anything else (names are not resolved: nothing leaves the machine).
Target loopback_target(const std::string& host, int port);

}  // namespace archbench::loadgen
