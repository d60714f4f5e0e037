// parse_response_head: memmem for the end of the head, then one pass over the header lines,
// comparing only the three names that matter case-insensitively.
#include "loadgen/http_response.hpp"

#include <cstring>
#include <string_view>

namespace archbench::loadgen {
namespace {

// Case-insensitive equality of a header name with a lowercase literal.
bool name_is(std::string_view name, std::string_view lowercase) noexcept {
  if (name.size() != lowercase.size()) {
    return false;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
    if (c != lowercase[i]) {
      return false;
    }
  }
  return true;
}

std::string_view trim(std::string_view v) noexcept {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) {
    v.remove_prefix(1);
  }
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) {
    v.remove_suffix(1);
  }
  return v;
}

bool contains_token(std::string_view value, std::string_view lowercase_token) noexcept {
  // "close", "keep-alive, close"...: split on commas and compare each piece.
  while (!value.empty()) {
    const std::size_t comma = value.find(',');
    if (name_is(trim(value.substr(0, comma)), lowercase_token)) {
      return true;
    }
    if (comma == std::string_view::npos) {
      break;
    }
    value.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

ParseResult parse_response_head(const char* data, std::size_t size, ResponseHead& head) noexcept {
  const void* end_marker = memmem(data, size, "\r\n\r\n", 4);
  if (end_marker == nullptr) {
    return size > kMaxResponseHead ? ParseResult::invalid : ParseResult::incomplete;
  }
  const auto head_size = static_cast<std::size_t>(static_cast<const char*>(end_marker) - data) + 4;
  const std::string_view text(data, head_size - 2);  // every line, each ending in \r\n

  // "HTTP/1.1 201 Created\r\n": the version, a space, three digits, a space or the line end.
  if (text.size() < 14 || text.compare(0, 7, "HTTP/1.") != 0 || text[8] != ' ') {
    return ParseResult::invalid;
  }
  int status = 0;
  for (std::size_t i = 9; i < 12; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return ParseResult::invalid;
    }
    status = status * 10 + (text[i] - '0');
  }
  head = ResponseHead{};
  head.status = status;
  head.head_bytes = head_size;
  head.connection_close = text[7] == '0';  // HTTP/1.0 closes unless told otherwise

  bool have_length = false;
  std::size_t pos = text.find("\r\n") + 2;
  while (pos < text.size()) {
    const std::size_t eol = text.find("\r\n", pos);
    const std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 2;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return ParseResult::invalid;
    }
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim(line.substr(colon + 1));
    switch (name.size()) {
      case 14:  // content-length
        if (name_is(name, "content-length")) {
          if (value.empty() || value.size() > 12) {
            return ParseResult::invalid;
          }
          std::size_t length = 0;
          for (char c : value) {
            if (c < '0' || c > '9') {
              return ParseResult::invalid;
            }
            length = length * 10 + static_cast<std::size_t>(c - '0');
          }
          head.content_length = length;
          have_length = true;
        }
        break;
      case 10:  // connection
        if (name_is(name, "connection")) {
          if (contains_token(value, "close")) {
            head.connection_close = true;
          }
          if (contains_token(value, "keep-alive")) {
            head.connection_close = false;
          }
        }
        break;
      case 17:  // transfer-encoding: a chunked body we do not frame
        if (name_is(name, "transfer-encoding")) {
          return ParseResult::invalid;
        }
        break;
      default:
        break;
    }
  }
  // Only 1xx, 204 and 304 responses may go without a length.
  if (!have_length && !(status < 200 || status == 204 || status == 304)) {
    return ParseResult::invalid;
  }
  return ParseResult::complete;
}

}  // namespace archbench::loadgen
