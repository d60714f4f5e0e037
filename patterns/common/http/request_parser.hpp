// A strict, allocation-free HTTP/1.1 request-head parser. It reads the request line and headers
// in place and reports what the connection needs: method, target, body length and keep-alive.
// Anything it does not understand is an error (the connection answers 400 and closes), never
// a guess. Fuzzed by request_parser_fuzz.cpp; tested by request_parser_test.cpp.
//
// A head that arrives in pieces is not re-parsed on every read: HeadScan remembers how far the
// connection has looked, and head_ready() says when the bytes are worth a parse, so a head sent
// one byte at a time costs O(n), not O(n^2).
#pragma once

#include <cstddef>
#include <string_view>

namespace archbench::http {

enum class ParseStatus {
  complete,             // a whole head was parsed; see ParsedHead
  incomplete,           // need more bytes
  bad_request,          // malformed framing, no Host on HTTP/1.1, Content-Length with
                        // Transfer-Encoding: 400
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
  bool http10 = false;             // an HTTP/1.0 request (keep-alive is then announced)
};

// Parses the head at the start of `data`. On `complete`, `head` is filled in and its views
// point into `data`.
[[nodiscard]] ParseStatus parse_request_head(std::string_view data, ParsedHead& head) noexcept;

// How far the bytes of one incomplete head have been looked at. Start a new one (all zero) for
// every head; keep it while the same head grows (the bytes already seen must not change).
struct HeadScan {
  std::size_t scanned = 0;       // bytes of the head already looked at
  bool first_line_seen = false;  // the request line is complete (and was offered to the parser)
  std::size_t examined = 0;      // bytes looked at in total: what the O(n) test measures
};

// True when `data` (the head so far, of which the first scan.scanned bytes were looked at
// before) is worth a parse_request_head(): it holds the blank line that ends the head, a bare
// LF (an error the parser reports), the end of the request line (checked once, so that garbage
// or another protocol is refused at once), or kMaxHeadBytes bytes (431). Looks at each byte
// once, whatever the pieces the head arrives in.
[[nodiscard]] bool head_ready(std::string_view data, HeadScan& scan) noexcept;

}  // namespace archbench::http
