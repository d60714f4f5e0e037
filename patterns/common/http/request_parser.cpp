// The request-head parser: one pass over the head, line by line, with no allocation.
//
// It is stateless: the connection runs it on the whole head once head_ready() says the bytes
// are worth it (the head is complete, or its first line is, or it hit the size limit), so a
// head that trickles in is parsed a bounded number of times, not once per read. For a parse of
// a prefix to be sound, a decision taken on a prefix must be the decision taken on the whole
// input: lines are judged only once they are complete, and the size limit is checked before a
// line is judged, so no prefix can answer differently from the bytes that follow it
// (request_parser_test.cpp checks this).
#include "common/http/request_parser.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <limits>

#include "common/http/request.hpp"

namespace archbench::http {
namespace {

// tchar (RFC 9110 §5.6.2): what methods and header names are made of.
constexpr std::array<bool, 256> make_token_table() {
  std::array<bool, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (const char c : std::string_view("!#$%&'*+-.^_`|~")) {
    table[static_cast<unsigned char>(c)] = true;
  }
  return table;
}
constexpr std::array<bool, 256> kToken = make_token_table();

bool is_token_char(char c) noexcept { return kToken[static_cast<unsigned char>(c)]; }

// VCHAR: what a request target may contain (no spaces, no controls, ASCII only).
bool is_visible_ascii(char c) noexcept { return c > 0x20 && c < 0x7f; }

// field-content (RFC 9110 §5.5): visible characters, obs-text (bytes >= 0x80), SP and HTAB.
// Everything else (NUL, a stray CR, DEL...) is refused: accepting it is how request smuggling
// between two lenient parsers starts.
bool is_field_value_char(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return u == '\t' || (u >= 0x20 && u != 0x7f);
}

bool is_ows(char c) noexcept { return c == ' ' || c == '\t'; }

// `lower` must be lower case, made of letters, digits and '-'; `text` of token characters or
// field-value characters (both already checked). Then OR-ing 0x20 lowers a letter and leaves
// the other characters `lower` can hold unchanged, and no other character of `text` can turn
// into one of them (only controls, refused before, would): a branch-free compare.
bool iequals(std::string_view text, std::string_view lower) noexcept {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (static_cast<char>(text[i] | 0x20) != lower[i]) return false;
  }
  return true;
}

std::string_view trim_ows(std::string_view s) noexcept {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

// Finds the next CRLF-terminated line starting at `pos`. Only the first kMaxHeadBytes bytes
// are searched: a head longer than that is refused whatever it contains.
ParseStatus next_line(std::string_view data, std::size_t& pos, std::string_view& line) noexcept {
  const std::size_t searchable = data.size() < kMaxHeadBytes ? data.size() : kMaxHeadBytes;
  const void* lf =
      pos < searchable ? std::memchr(data.data() + pos, '\n', searchable - pos) : nullptr;
  if (lf == nullptr) {
    return data.size() >= kMaxHeadBytes ? ParseStatus::head_too_large : ParseStatus::incomplete;
  }
  const auto end = static_cast<std::size_t>(static_cast<const char*>(lf) - data.data());
  if (end == pos || data[end - 1] != '\r') return ParseStatus::bad_request;  // a bare LF
  line = data.substr(pos, end - 1 - pos);
  pos = end + 1;
  return ParseStatus::complete;
}

enum class Version { http10, http11 };

// request-line = method SP request-target SP HTTP-version, with exactly one space each.
ParseStatus parse_request_line(std::string_view line, std::string_view& method,
                               std::string_view& target, Version& version) noexcept {
  std::size_t i = 0;
  while (i < line.size() && is_token_char(line[i])) ++i;
  if (i == 0 || i == line.size() || line[i] != ' ') return ParseStatus::bad_request;
  method = line.substr(0, i);

  const std::size_t target_start = ++i;
  while (i < line.size() && is_visible_ascii(line[i])) ++i;
  if (i == target_start || i == line.size() || line[i] != ' ') return ParseStatus::bad_request;
  target = line.substr(target_start, i - target_start);
  // Origin-form only: absolute-form is for proxies and asterisk-form for OPTIONS *.
  if (target.front() != '/') return ParseStatus::bad_request;

  const std::string_view v = line.substr(i + 1);
  if (v == "HTTP/1.1") {
    version = Version::http11;
  } else if (v == "HTTP/1.0") {
    version = Version::http10;
  } else if (v.size() > 5 && v.substr(0, 5) == "HTTP/") {
    for (const char c : v) {
      if (!is_visible_ascii(c)) return ParseStatus::bad_request;
    }
    return ParseStatus::version_unsupported;  // a version, just not one we speak
  } else {
    return ParseStatus::bad_request;
  }
  return ParseStatus::complete;
}

// Content-Length = 1*DIGIT. A list ("5, 5"), a sign or spaces inside are malformed.
ParseStatus parse_content_length(std::string_view value, std::uint64_t& length) noexcept {
  if (value.empty()) return ParseStatus::bad_request;
  std::uint64_t n = 0;
  for (const char c : value) {
    if (c < '0' || c > '9') return ParseStatus::bad_request;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (n > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
      return ParseStatus::bad_request;
    }
    n = n * 10 + digit;
  }
  length = n;
  return ParseStatus::complete;
}

// Connection = #connection-option: comma-separated tokens, case-insensitive.
struct ConnectionOptions {
  bool close = false;
  bool keep_alive = false;
};

void parse_connection(std::string_view value, ConnectionOptions& options) noexcept {
  while (!value.empty()) {
    const std::size_t comma = value.find(',');
    const std::string_view item = trim_ows(value.substr(0, comma));
    if (iequals(item, "close")) options.close = true;
    if (iequals(item, "keep-alive")) options.keep_alive = true;
    value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
  }
}

}  // namespace

ParseStatus parse_request_head(std::string_view data, ParsedHead& head) noexcept {
  std::size_t pos = 0;
  std::string_view line;

  if (const ParseStatus s = next_line(data, pos, line); s != ParseStatus::complete) return s;
  std::string_view method;
  std::string_view target;
  Version version = Version::http11;
  if (const ParseStatus s = parse_request_line(line, method, target, version);
      s != ParseStatus::complete) {
    return s;
  }

  bool has_content_length = false;
  std::uint64_t content_length = 0;
  bool has_transfer_encoding = false;
  int hosts = 0;
  bool expect_continue = false;
  ConnectionOptions connection;

  for (;;) {
    if (const ParseStatus s = next_line(data, pos, line); s != ParseStatus::complete) return s;
    if (line.empty()) break;  // the blank line that ends the head

    // obs-fold (a line starting with whitespace continues the previous one) is obsolete and
    // a classic smuggling vector: RFC 9112 §5.2 lets a server refuse it.
    if (is_ows(line.front())) return ParseStatus::bad_request;

    // field-line = field-name ":" OWS field-value OWS, with no space before the colon.
    std::size_t colon = 0;
    while (colon < line.size() && is_token_char(line[colon])) ++colon;
    if (colon == 0 || colon == line.size() || line[colon] != ':') return ParseStatus::bad_request;
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim_ows(line.substr(colon + 1));
    for (const char c : value) {
      if (!is_field_value_char(c)) return ParseStatus::bad_request;
    }

    // The headers that decide framing; every other header is the handler's business
    // (and this transport hands none to it).
    if (iequals(name, "content-length")) {
      std::uint64_t n = 0;
      if (const ParseStatus s = parse_content_length(value, n); s != ParseStatus::complete) {
        return s;
      }
      // Two lengths that disagree leave the body's end ambiguous (RFC 9112 §6.3). Two equal
      // ones say the same thing: RFC 9110 §8.6 lets a recipient take them as one, as we do.
      if (has_content_length && n != content_length) return ParseStatus::bad_request;
      has_content_length = true;
      content_length = n;
    } else if (iequals(name, "transfer-encoding")) {
      has_transfer_encoding = true;
    } else if (iequals(name, "host")) {
      ++hosts;
    } else if (iequals(name, "connection")) {
      parse_connection(value, connection);
    } else if (iequals(name, "expect")) {
      // Other expectations are ignored rather than answered 417: a client that sent one
      // simply gets the final answer.
      if (iequals(value, "100-continue")) expect_continue = true;
    }
  }

  // Both framings at once is how request smuggling between two servers starts: RFC 9112 §6.3
  // lets a server treat it as an error, and we do, rather than let Transfer-Encoding win.
  if (has_transfer_encoding && has_content_length) return ParseStatus::bad_request;
  // Transfer-Encoding alone: we only frame by length.
  if (has_transfer_encoding) return ParseStatus::length_required;
  if (content_length > kMaxBodyBytes) return ParseStatus::body_too_large;
  // RFC 9112 §3.2: an HTTP/1.1 request without Host, or any request with more than one, is 400.
  if (hosts > 1 || (hosts == 0 && version == Version::http11)) return ParseStatus::bad_request;

  head.method = method;
  head.target = target;
  head.head_bytes = pos;
  head.content_length = static_cast<std::size_t>(content_length);
  head.http10 = version == Version::http10;
  head.keep_alive =
      version == Version::http11 ? !connection.close : connection.keep_alive && !connection.close;
  // A server must ignore 100-continue from an HTTP/1.0 client (RFC 9110 §10.1.1).
  head.expect_continue = expect_continue && version == Version::http11;
  return ParseStatus::complete;
}

bool head_ready(std::string_view data, HeadScan& scan) noexcept {
  // Bytes past the size limit are never looked at: with that many, the parser answers 431.
  const std::size_t end = std::min(data.size(), kMaxHeadBytes);
  bool ready = data.size() >= kMaxHeadBytes;
  std::size_t pos = std::min(scan.scanned, end);
  while (pos < end) {
    const void* lf = std::memchr(data.data() + pos, '\n', end - pos);
    if (lf == nullptr) {
      pos = end;
      break;
    }
    const auto at = static_cast<std::size_t>(static_cast<const char*>(lf) - data.data());
    pos = at + 1;
    const bool bare_lf = at == 0 || data[at - 1] != '\r';
    const bool blank_line = at >= 3 && data.substr(at - 3, 4) == "\r\n\r\n";
    if (bare_lf || blank_line || !scan.first_line_seen) {
      scan.first_line_seen = true;
      ready = true;
      break;
    }
  }
  if (pos > scan.scanned) {
    scan.examined += pos - scan.scanned;
    scan.scanned = pos;
  }
  return ready;
}

}  // namespace archbench::http
