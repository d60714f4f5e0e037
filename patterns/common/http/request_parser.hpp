// A strict, allocation-free HTTP/1.1 request-head parser. It reads the request line and headers
// in place and reports what the connection needs: method, target, body length and keep-alive.
// Anything it does not understand is an error (the connection answers 400 and closes), never
// a guess. Fuzzed by request_parser_fuzz.cpp; tested by request_parser_test.cpp.
#pragma once

#include <cstddef>
#include <string_view>

namespace archbench::http {

enum class ParseStatus {
  complete,             // a whole head was parsed; see ParsedHead
  incomplete,           // need more bytes
  bad_request,          // malformed framing: 400
  head_too_large,       // request line + headers over kMaxHeadBytes: 431
  length_required,      // Transfer-Encoding (chunked) is not supported: 411
  body_too_large,       // Content-Length over kMaxBodyBytes: 413
  version_unsupported,  // not HTTP/1.0 or HTTP/1.1: 505
};

struct ParsedHead {
  std::string_view method;
  std::string_view target;
  std::size_t head_bytes = 0;      // bytes up to and including the blank line
  std::size_t content_length = 0;  // body bytes that follow the head
  bool keep_alive = true;          // HTTP/1.1 default, unless "Connection: close"
  bool expect_continue = false;    // "Expect: 100-continue"
};

// Parses the head at the start of `data`. On `complete`, `head` is filled in and its views
// point into `data`.
[[nodiscard]] ParseStatus parse_request_head(std::string_view data, ParsedHead& head) noexcept;

}  // namespace archbench::http
