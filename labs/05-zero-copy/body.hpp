// Lab 05, given: a request body as the transport hands it over, and the answer a handler gives.
#pragma once

#include <cstddef>
#include <string_view>

namespace archbench::lab05 {

// How many readable bytes follow every body: the connection's buffer guarantees them
// (patterns/common/http/request.hpp, kBodyPadding), so a parser may read past the end, as
// simdjson does, without copying the body first.
inline constexpr std::size_t kBodyPadding = 64;

// The body's bytes, followed by at least kBodyPadding readable bytes (of any value) that are
// not part of it. The bytes belong to the caller and live until the call returns.
struct PaddedBody {
  std::string_view bytes;
};

// An answer: the HTTP status and the JSON body. The body is a view into the handler's own
// memory, valid until the next call on the same handler.
struct Answer {
  int status = 0;
  std::string_view body;
};

}  // namespace archbench::lab05
