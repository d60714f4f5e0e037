// Little-endian integers and length-prefixed strings: the bytes of the event format
// (event_codec.hpp) and of the snapshot format (snapshots/snapshot_format.hpp), written once.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace archbench::event_driven {

static_assert(std::endian::native == std::endian::little,
              "the event and snapshot formats are little-endian; add byte swaps for this platform");

// Bytes that do not decode: corruption a checksum did not catch, or a newer format.
struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(out) {}
  template <class Int>
  void integer(Int value) {
    static_assert(std::is_integral_v<Int>);
    char bytes[sizeof(Int)];
    std::memcpy(bytes, &value, sizeof(Int));
    out_.append(bytes, sizeof(Int));
  }
  void string(std::string_view text) {
    integer(static_cast<std::uint32_t>(text.size()));
    out_.append(text);
  }
  void optional(const std::optional<std::string>& text) {
    integer(static_cast<std::uint8_t>(text.has_value()));
    if (text) string(*text);
  }

 private:
  std::string& out_;
};

class ByteReader {
 public:
  // `what` names the bytes in errors: "event record ends in the middle of a field".
  ByteReader(std::string_view bytes, std::string_view what) : bytes_(bytes), what_(what) {}
  template <class Int>
  Int integer() {
    Int value;
    std::memcpy(&value, take(sizeof(Int)).data(), sizeof(Int));
    return value;
  }
  std::string string() { return std::string(take(integer<std::uint32_t>())); }
  std::optional<std::string> optional() {
    if (integer<std::uint8_t>() == 0) return std::nullopt;
    return string();
  }
  // A count of items that take at least `min_bytes` each: one larger than what is left is
  // corruption, and must not become a huge reservation.
  std::uint64_t count(std::size_t min_bytes) {
    const auto n = integer<std::uint64_t>();
    if (n > bytes_.size() / min_bytes) fail("claims more items than it has bytes");
    return n;
  }
  [[nodiscard]] bool done() const { return bytes_.empty(); }
  [[noreturn]] void fail(std::string_view why) const {
    throw FormatError(std::string(what_) + " " + std::string(why));
  }

 private:
  std::string_view take(std::size_t size) {
    if (size > bytes_.size()) fail("ends in the middle of a field");
    const std::string_view taken = bytes_.substr(0, size);
    bytes_.remove_prefix(size);
    return taken;
  }
  std::string_view bytes_;
  std::string_view what_;
};

}  // namespace archbench::event_driven
