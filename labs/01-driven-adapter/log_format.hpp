// Lab 01, given: the format of FileStore's log. You use it; you do not need to change it.
//
//   log     := frame*
//   frame   := <payload length, decimal> ':' <payload> '\n'
//   payload := record*
//   record  := <tag letter> field*          (each tag's fields: see the constants below)
//   field   := <length, decimal> ':' <bytes>       (so any byte, '\0' included, round-trips)
//
// One frame is one commit. A frame the process did not finish writing (it died mid-write) has
// fewer bytes than its length says, or no '\n' where one is due: split_frames() stops there,
// so a commit is in the log entirely or not at all.
#pragma once

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace archbench::lab01::log {

// The records, and their fields in order.
inline constexpr char kAccount = 'A';      // id, owner, currency, balance
inline constexpr char kBalance = 'B';      // account id, balance
inline constexpr char kTransaction = 'T';  // account id, line id, kind, amount, balance_after,
                                           // counterparty (optional), memo (optional)
inline constexpr char kRecord = 'R';       // operation, request_id, fingerprint, result_id,
                                           // balance
// Enums (domain::TransactionKind, domain::Operation) are stored as their number():
// static_cast<std::int64_t>(kind) one way, static_cast<domain::TransactionKind>(n) the other.

// Builds a payload, record after record.
class Writer {
 public:
  Writer& tag(char tag) {
    payload_ += tag;
    return *this;
  }
  Writer& field(std::string_view bytes) {
    payload_ += std::to_string(bytes.size());
    payload_ += ':';
    payload_ += bytes;
    return *this;
  }
  Writer& number(std::int64_t value) { return field(std::to_string(value)); }
  // '-' for none, '+' and the field for a value.
  Writer& optional_field(const std::optional<std::string>& bytes) {
    payload_ += bytes ? '+' : '-';
    return bytes ? field(*bytes) : *this;
  }

  [[nodiscard]] bool empty() const noexcept { return payload_.empty(); }
  [[nodiscard]] const std::string& payload() const noexcept { return payload_; }

 private:
  std::string payload_;
};

// Reads a payload back, in the order it was written. Throws std::runtime_error on bytes that
// Writer did not write.
class Reader {
 public:
  explicit Reader(std::string_view payload) noexcept : rest_(payload) {}

  [[nodiscard]] bool done() const noexcept { return rest_.empty(); }

  char tag() {
    if (rest_.empty()) malformed();
    const char tag = rest_.front();
    rest_.remove_prefix(1);
    return tag;
  }
  std::string field() {
    std::size_t size = 0;
    const char* end = rest_.data() + rest_.size();
    const auto [colon, error] = std::from_chars(rest_.data(), end, size);
    if (error != std::errc{} || colon == end || *colon != ':') malformed();
    rest_.remove_prefix(static_cast<std::size_t>(colon - rest_.data()) + 1);
    if (size > rest_.size()) malformed();
    std::string bytes(rest_.substr(0, size));
    rest_.remove_prefix(size);
    return bytes;
  }
  std::int64_t number() {
    const std::string text = field();
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) malformed();
    return value;
  }
  std::optional<std::string> optional_field() {
    const char flag = tag();
    if (flag == '-') return std::nullopt;
    if (flag != '+') malformed();
    return field();
  }

 private:
  [[noreturn]] static void malformed() { throw std::runtime_error("log: malformed record"); }
  std::string_view rest_;
};

// "<length>:<payload>\n": what one commit appends to the log.
[[nodiscard]] inline std::string frame(std::string_view payload) {
  std::string out = std::to_string(payload.size());
  out += ':';
  out += payload;
  out += '\n';
  return out;
}

struct Frames {
  std::vector<std::string_view> payloads;  // views into the log given to split_frames
  std::size_t valid_bytes = 0;             // the length of the log's good prefix
};

// Splits a log into its frames' payloads, in order. Stops at the first frame that is not
// whole (a torn write, or garbage): `valid_bytes` is where that frame starts.
[[nodiscard]] inline Frames split_frames(std::string_view log) {
  Frames frames;
  std::string_view rest = log;
  while (!rest.empty()) {
    std::size_t size = 0;
    const char* end = rest.data() + rest.size();
    const auto [colon, error] = std::from_chars(rest.data(), end, size);
    if (error != std::errc{} || colon == end || *colon != ':') break;
    const auto header = static_cast<std::size_t>(colon - rest.data()) + 1;
    if (rest.size() - header < size + 1 || rest[header + size] != '\n') break;
    frames.payloads.push_back(rest.substr(header, size));
    rest.remove_prefix(header + size + 1);
    frames.valid_bytes = log.size() - rest.size();
  }
  return frames;
}

// The whole file, or "" when it does not exist.
[[nodiscard]] inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return std::move(bytes).str();
}

}  // namespace archbench::lab01::log
