// Number, literal and string tokens, checked the way nlohmann_json checks them (see the header).
#include "zero-copy/json/json_scalars.hpp"

#include <charconv>
#include <cstring>
#include <limits>
#include <system_error>

namespace archbench::zero_copy::json {
namespace {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Whether the number `text` (valid JSON grammar) is finite as a double, as nlohmann requires of
// any number it reads as one. from_chars rounds correctly, as glibc's strtod (nlohmann's) does,
// so both see the same overflow; it reports underflow as out of range too, but nlohmann accepts
// an underflow (strtod gives 0 or a denormal), so the two are told apart by the magnitude.
bool finite_as_double(std::string_view text) noexcept {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc::result_out_of_range) return error == std::errc{};
  // Out of range: overflow if the value is above 1, underflow below. Its decimal magnitude is
  // (integer digits after the leading zeros) + exponent, or, for 0.000ddd, -(zeros) + exponent.
  std::size_t i = text[0] == '-' ? 1 : 0;
  std::int64_t magnitude = 0;
  bool significant = false;
  const std::size_t point = text.find('.');
  for (; i < text.size() && (is_digit(text[i]) || text[i] == '.'); ++i) {
    if (text[i] == '.') continue;
    if (text[i] != '0') significant = true;
    const bool before_point = point == std::string_view::npos || i < point;
    if (before_point && significant) ++magnitude;
    if (!before_point && !significant) --magnitude;
  }
  std::int64_t exponent = 0;
  if (i < text.size()) {  // 'e' or 'E'
    ++i;
    const bool negative = text[i] == '-';
    if (text[i] == '-' || text[i] == '+') ++i;
    for (; i < text.size(); ++i) {
      if (exponent < 1'000'000'000) exponent = exponent * 10 + (text[i] - '0');
    }
    if (negative) exponent = -exponent;
  }
  return magnitude + exponent <= 0;
}

}  // namespace

Number read_number(std::string_view token) noexcept {
  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  const std::size_t n = token.size();
  std::size_t i = 0;
  const bool negative = i < n && token[i] == '-';
  if (negative) ++i;
  const std::size_t digits_begin = i;
  if (i < n && token[i] == '0') {
    ++i;
  } else if (i < n && is_digit(token[i])) {
    while (i < n && is_digit(token[i])) ++i;
  } else {
    return {};
  }
  const std::size_t digits_end = i;
  bool integer = true;
  if (i < n && token[i] == '.') {
    ++i;
    if (i == n || !is_digit(token[i])) return {};
    while (i < n && is_digit(token[i])) ++i;
    integer = false;
  }
  if (i < n && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    if (i < n && (token[i] == '+' || token[i] == '-')) ++i;
    if (i == n || !is_digit(token[i])) return {};
    while (i < n && is_digit(token[i])) ++i;
    integer = false;
  }
  if (i != n) return {};
  if (!integer) {
    if (!finite_as_double(token)) return {};
    return {.kind = Number::Kind::fraction};
  }
  // nlohmann reads an integer as uint64 (positive) or int64 (negative) when it fits...
  std::uint64_t magnitude = 0;
  bool fits = digits_end - digits_begin <= 20;
  for (std::size_t k = digits_begin; fits && k < digits_end; ++k) {
    const auto digit = static_cast<std::uint64_t>(token[k] - '0');
    if (magnitude > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) fits = false;
    magnitude = magnitude * 10 + digit;
  }
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  constexpr auto kMinMagnitude = static_cast<std::uint64_t>(kMax) + 1;
  if (fits && !negative) {
    return {.kind = Number::Kind::integer,
            .value = magnitude > static_cast<std::uint64_t>(kMax)
                         ? kMax
                         : static_cast<std::int64_t>(magnitude)};
  }
  if (fits && magnitude <= kMinMagnitude) {
    const auto value = magnitude == kMinMagnitude ? std::numeric_limits<std::int64_t>::min()
                                                  : -static_cast<std::int64_t>(magnitude);
    return {.kind = Number::Kind::integer, .value = value};
  }
  // ...and as a double otherwise, which the codec saturates, unless the double overflows.
  if (!finite_as_double(token)) return {};
  return {.kind = Number::Kind::integer,
          .value = negative ? std::numeric_limits<std::int64_t>::min() : kMax};
}

bool is_literal(std::string_view token) noexcept {
  return token == "true" || token == "false" || token == "null";
}

RawString read_raw_string(std::string_view token) noexcept {
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') return {};
  const std::string_view content = token.substr(1, token.size() - 2);
  // Our strings are short: a loop the compiler vectorises beats a call to memchr.
  bool escaped = false;
  for (const char c : content) escaped |= c == '\\';
  return {.valid = true, .escaped = escaped, .content = content};
}

namespace {

// Four hex digits at text[i..i+4) as a code unit, or -1.
int hex4(std::string_view text, std::size_t i) noexcept {
  if (i + 4 > text.size()) return -1;
  int value = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    const char c = text[k];
    int digit = 0;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      return -1;
    }
    value = value * 16 + digit;
  }
  return value;
}

void append_utf8(std::uint32_t code_point, std::string& out) {
  const auto byte = [&](std::uint32_t b) { out.push_back(static_cast<char>(b)); };
  if (code_point < 0x80) {
    byte(code_point);
  } else if (code_point < 0x800) {
    byte(0xC0 | (code_point >> 6));
    byte(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    byte(0xE0 | (code_point >> 12));
    byte(0x80 | ((code_point >> 6) & 0x3F));
    byte(0x80 | (code_point & 0x3F));
  } else {
    byte(0xF0 | (code_point >> 18));
    byte(0x80 | ((code_point >> 12) & 0x3F));
    byte(0x80 | ((code_point >> 6) & 0x3F));
    byte(0x80 | (code_point & 0x3F));
  }
}

}  // namespace

bool unescape(std::string_view content, std::string& out) {
  std::size_t i = 0;
  while (i < content.size()) {
    const char c = content[i];
    if (static_cast<unsigned char>(c) < 0x20) return false;
    if (c != '\\') {
      out.push_back(c);
      ++i;
      continue;
    }
    if (i + 1 == content.size()) return false;
    const char escape = content[i + 1];
    i += 2;
    switch (escape) {
      case '"':
      case '\\':
      case '/':
        out.push_back(escape);
        continue;
      case 'b':
        out.push_back('\b');
        continue;
      case 'f':
        out.push_back('\f');
        continue;
      case 'n':
        out.push_back('\n');
        continue;
      case 'r':
        out.push_back('\r');
        continue;
      case 't':
        out.push_back('\t');
        continue;
      case 'u':
        break;
      default:
        return false;
    }
    const int unit = hex4(content, i);
    if (unit < 0) return false;
    i += 4;
    auto code_point = static_cast<std::uint32_t>(unit);
    if (unit >= 0xDC00 && unit <= 0xDFFF) return false;  // a low surrogate with no high one
    if (unit >= 0xD800 && unit <= 0xDBFF) {              // must be followed by \uDC00-\uDFFF
      if (i + 2 > content.size() || content[i] != '\\' || content[i + 1] != 'u') return false;
      const int low = hex4(content, i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return false;
      i += 6;
      code_point =
          0x10000 + ((code_point - 0xD800) << 10) + (static_cast<std::uint32_t>(low) - 0xDC00);
    }
    append_utf8(code_point, out);
  }
  return true;
}

}  // namespace archbench::zero_copy::json
