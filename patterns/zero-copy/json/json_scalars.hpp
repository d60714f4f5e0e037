// The JSON scalars the zero-copy parser reads itself, from the raw token simdjson points at:
// numbers, literals and strings. simdjson's stage 1 has already found where each token starts
// and ends and checked the UTF-8 of the whole input; what is left is the grammar of each token,
// and the rules the shared codec (nlohmann_json) applies, reproduced exactly:
// - an integer too large for 64 bits is still an integer, saturated (the range check refuses it)
//   unless it is too large even for a double, which nlohmann refuses as a number overflow;
// - a number with a fraction or an exponent is valid JSON but not an integer; one that
//   overflows a double is invalid (underflow to 0 is accepted, as nlohmann accepts it);
// - escapes follow RFC 8259 strictly: a lone surrogate is an error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace archbench::zero_copy::json {

// A raw token without the JSON whitespace simdjson leaves after it (inline: once per number).
[[nodiscard]] inline std::string_view trim_token(std::string_view token) noexcept {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' ||
                            token.back() == '\r')) {
    token.remove_suffix(1);
  }
  return token;
}

struct Number {
  enum class Kind { invalid, integer, fraction };
  Kind kind = Kind::invalid;
  std::int64_t value = 0;  // for integers: saturated at the 64-bit limits
};
[[nodiscard]] Number read_number(std::string_view token) noexcept;

// True if `token` is exactly `true`, `false` or `null`.
[[nodiscard]] bool is_literal(std::string_view token) noexcept;

// The content of a string token (`"..."`, quotes included) when it has no backslash: the bytes
// between the quotes. `escaped` says whether it has one (then use unescape()).
struct RawString {
  bool valid = false;
  bool escaped = false;
  std::string_view content;
};
[[nodiscard]] RawString read_raw_string(std::string_view token) noexcept;

// Appends the unescaped `content` (between the quotes) to `out`; false if an escape is invalid
// or a control character appears unescaped. Never grows `out` by more than content.size().
[[nodiscard]] bool unescape(std::string_view content, std::string& out);

}  // namespace archbench::zero_copy::json
