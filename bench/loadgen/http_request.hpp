// Writes HTTP/1.1 requests into a caller-owned string, appending, so that a connection reuses
// one buffer for every request it sends and generating a request allocates nothing once that
// buffer has grown to its working size.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace archbench::loadgen {

inline void append_int(std::string& out, std::int64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}

// "GET <target> HTTP/1.1" with a Host header; keep-alive is HTTP/1.1's default.
inline void append_get(std::string& out, std::string_view target, std::string_view host) {
  out.append("GET ").append(target).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n\r\n");
}

// A POST with a JSON body and its Content-Length.
inline void append_post(std::string& out, std::string_view target, std::string_view host,
                        std::string_view body) {
  out.append("POST ").append(target).append(" HTTP/1.1\r\nHost: ").append(host);
  out.append("\r\nContent-Type: application/json\r\nContent-Length: ");
  append_int(out, static_cast<std::int64_t>(body.size()));
  out.append("\r\n\r\n").append(body);
}

}  // namespace archbench::loadgen
