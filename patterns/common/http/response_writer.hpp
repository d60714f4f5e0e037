// Private to the transport: turns a Response into HTTP/1.1 bytes on the connection's output
// buffer, and holds the canned answers the transport sends on its own (framing errors, a
// forgotten reply, 100 Continue). Appending to a reused buffer is what keeps steady-state
// responses free of allocation.
#pragma once

#include <string>
#include <string_view>

#include "common/http/request_parser.hpp"
#include "common/http/response.hpp"

namespace archbench::http::detail {

// "HTTP/1.1 <status> <reason>\r\nContent-Type: ...\r\nContent-Length: N\r\n<extra headers>
// [Connection: close\r\n]\r\n<body>". A status outside 200..599 is a handler bug (1xx would
// break the framing): it is sent as 500. `keep_alive` adds "Connection: keep-alive", which an
// HTTP/1.0 client that asked for it needs to see (its default is to close).
void append_response(std::string& out, const Response& response, bool close,
                     bool keep_alive = false);

// The answer to a framing error (every ParseStatus but complete and incomplete): the JSON
// error body of docs/workload.md, and "Connection: close", since after a framing error the
// connection cannot tell where the next request starts.
void append_framing_error(std::string& out, ParseStatus status);

// The interim answer to "Expect: 100-continue".
inline constexpr std::string_view kContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace archbench::http::detail
