// Response serialization: one resize and a few copies into a buffer that keeps its capacity.
#include "common/http/response_writer.hpp"

#include <cstring>

namespace archbench::http::detail {
namespace {

// The whole status line, so that the common statuses cost one copy.
std::string_view status_line(int status) noexcept {
  // clang-format off
  switch (status) {
    case 200: return "HTTP/1.1 200 OK\r\n";
    case 201: return "HTTP/1.1 201 Created\r\n";
    case 202: return "HTTP/1.1 202 Accepted\r\n";
    case 204: return "HTTP/1.1 204 No Content\r\n";
    case 400: return "HTTP/1.1 400 Bad Request\r\n";
    case 401: return "HTTP/1.1 401 Unauthorized\r\n";
    case 403: return "HTTP/1.1 403 Forbidden\r\n";
    case 404: return "HTTP/1.1 404 Not Found\r\n";
    case 405: return "HTTP/1.1 405 Method Not Allowed\r\n";
    case 409: return "HTTP/1.1 409 Conflict\r\n";
    case 411: return "HTTP/1.1 411 Length Required\r\n";
    case 413: return "HTTP/1.1 413 Content Too Large\r\n";
    case 415: return "HTTP/1.1 415 Unsupported Media Type\r\n";
    case 422: return "HTTP/1.1 422 Unprocessable Content\r\n";
    case 429: return "HTTP/1.1 429 Too Many Requests\r\n";
    case 431: return "HTTP/1.1 431 Request Header Fields Too Large\r\n";
    case 500: return "HTTP/1.1 500 Internal Server Error\r\n";
    case 501: return "HTTP/1.1 501 Not Implemented\r\n";
    case 503: return "HTTP/1.1 503 Service Unavailable\r\n";
    case 505: return "HTTP/1.1 505 HTTP Version Not Supported\r\n";
    default: return {};
  }
  // clang-format on
}

// Copies pieces of known total size into the output after one resize: a dozen appends, each
// checking capacity on its own, cost a third more instructions (callgrind).
class Appender {
 public:
  Appender(std::string& out, std::size_t bytes) : next_(nullptr) {
    const std::size_t start = out.size();
    out.resize(start + bytes);
    next_ = out.data() + start;
  }
  void put(std::string_view piece) noexcept {
    if (piece.empty()) return;  // its data() may be null, which memcpy must not get
    std::memcpy(next_, piece.data(), piece.size());
    next_ += piece.size();
  }

 private:
  char* next_;
};

// The decimal digits of `n`, written at the end of `buffer`.
std::string_view format_number(std::size_t n, char (&buffer)[24]) noexcept {
  char* const end = buffer + sizeof buffer;
  char* begin = end;
  do {
    *--begin = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  return {begin, static_cast<std::size_t>(end - begin)};
}

void append_message(std::string& out, int status, std::string_view content_type,
                    std::string_view extra_headers, std::string_view body, bool close,
                    bool keep_alive = false) {
  if (status < 200 || status > 599) status = 500;
  std::string_view line = status_line(status);
  char uncommon_line[] = "HTTP/1.1 NNN \r\n";  // an empty reason phrase: RFC 9112 §4 allows it
  if (line.empty()) {
    uncommon_line[9] = static_cast<char>('0' + status / 100);
    uncommon_line[10] = static_cast<char>('0' + status / 10 % 10);
    uncommon_line[11] = static_cast<char>('0' + status % 10);
    line = uncommon_line;
  }
  char digits[24];
  const std::string_view length = format_number(body.size(), digits);
  constexpr std::string_view kContentType = "Content-Type: ";
  constexpr std::string_view kContentLength = "\r\nContent-Length: ";
  constexpr std::string_view kClose = "Connection: close\r\n";
  constexpr std::string_view kKeepAlive = "Connection: keep-alive\r\n";
  const std::string_view connection = close ? kClose : keep_alive ? kKeepAlive : std::string_view();
  constexpr std::string_view kCrLf = "\r\n";

  Appender bytes(out, line.size() + kContentType.size() + content_type.size() +
                          kContentLength.size() + length.size() + kCrLf.size() +
                          extra_headers.size() + connection.size() + kCrLf.size() + body.size());
  bytes.put(line);
  bytes.put(kContentType);
  bytes.put(content_type);
  bytes.put(kContentLength);
  bytes.put(length);
  bytes.put(kCrLf);
  bytes.put(extra_headers);
  bytes.put(connection);
  bytes.put(kCrLf);
  bytes.put(body);
}

}  // namespace

void append_response(std::string& out, const Response& response, bool close, bool keep_alive) {
  append_message(out, response.status, response.content_type, response.extra_headers, response.body,
                 close, keep_alive);
}

void append_framing_error(std::string& out, ParseStatus status) {
  int code = 400;
  std::string_view body;
  switch (status) {
    case ParseStatus::head_too_large:
      code = 431;
      body = R"({"error":{"code":"request_header_too_large",)"
             R"("message":"request line and headers exceed 16 KiB"}})";
      break;
    case ParseStatus::length_required:
      code = 411;
      body = R"({"error":{"code":"length_required",)"
             R"("message":"Transfer-Encoding is not supported: send Content-Length"}})";
      break;
    case ParseStatus::body_too_large:
      code = 413;
      body = R"({"error":{"code":"payload_too_large",)"
             R"("message":"request body exceeds 16 MiB"}})";
      break;
    case ParseStatus::version_unsupported:
      code = 505;
      body = R"({"error":{"code":"http_version_not_supported",)"
             R"("message":"only HTTP/1.0 and HTTP/1.1 are supported"}})";
      break;
    case ParseStatus::bad_request:
    case ParseStatus::complete:
    case ParseStatus::incomplete:
      body = R"({"error":{"code":"bad_request","message":"malformed HTTP request"}})";
      break;
  }
  append_message(out, code, "application/json", {}, body, /*close=*/true);
}

}  // namespace archbench::http::detail
