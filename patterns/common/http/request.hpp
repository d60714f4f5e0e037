// What the transport hands a handler: one parsed HTTP request, as views into the connection's
// read buffer. Nothing is copied; the views stay valid until the handler's Responder is used.
#pragma once

#include <cstddef>
#include <string_view>

namespace archbench::http {

// Readable bytes the transport guarantees after the end of every body, so that simdjson can
// parse it in place (simdjson::SIMDJSON_PADDING is 64; the zero-copy pattern static_asserts it).
inline constexpr std::size_t kBodyPadding = 64;

// Largest body the transport accepts; a larger one gets 413 payload_too_large.
inline constexpr std::size_t kMaxBodyBytes = std::size_t{16} << 20;

// Largest request line plus headers; a larger head gets 431.
inline constexpr std::size_t kMaxHeadBytes = std::size_t{16} << 10;

struct Request {
  std::string_view method;  // "GET", "POST", ... as sent (case-sensitive, per RFC 9110)
  std::string_view target;  // origin-form: path and optional "?query"
  std::string_view body;    // contiguous, followed by at least kBodyPadding readable bytes
};

}  // namespace archbench::http
