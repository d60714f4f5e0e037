// The load generator's own HTTP/1.1 response parser: just enough to frame keep-alive responses
// (status line, Content-Length, Connection: close) and nothing more, because its CPU per request
// is charged to every measurement. No copies, no allocation: it reads the bytes in place.
#pragma once

#include <cstddef>

namespace archbench::loadgen {

struct ResponseHead {
  int status = 0;                  // e.g. 201
  std::size_t head_bytes = 0;      // status line + headers + the blank line
  std::size_t content_length = 0;  // body bytes that follow the head
  bool connection_close = false;   // the server will close after this response
};

enum class ParseResult { incomplete, complete, invalid };

// Parses the head of the response starting at data[0]. `incomplete` until the blank line that
// ends the head is in the buffer; `invalid` for anything that is not an HTTP/1.x status line
// with a Content-Length we can frame by (chunked or close-delimited bodies are not spoken by
// archbench backends, and are refused rather than guessed at).
ParseResult parse_response_head(const char* data, std::size_t size, ResponseHead& head) noexcept;

// The head may not grow past this: a server sending more is broken, not slow.
inline constexpr std::size_t kMaxResponseHead = std::size_t{16} * 1024;

}  // namespace archbench::loadgen
