#include "hexagonal/adapters/redis/transaction_encoding.hpp"

#include <charconv>
#include <optional>
#include <stdexcept>

namespace archbench::hexagonal::adapters::redis {
namespace {

void put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

void put_optional(std::string& out, const std::optional<std::string>& field) {
  if (field) {
    out += '+';
    put(out, *field);
  } else {
    out += '-';
  }
}

char kind_letter(domain::TransactionKind kind) {
  switch (kind) {
    case domain::TransactionKind::deposit:
      return 'd';
    case domain::TransactionKind::transfer_in:
      return 'i';
    case domain::TransactionKind::transfer_out:
      return 'o';
  }
  return '?';
}

[[noreturn]] void malformed() { throw std::runtime_error("redis: malformed history line"); }

// Reads back what put() wrote, front to back.
class Reader {
 public:
  explicit Reader(std::string_view bytes) noexcept : rest_(bytes) {}

  char letter() {
    if (rest_.empty()) malformed();
    const char c = rest_.front();
    rest_.remove_prefix(1);
    return c;
  }

  std::string_view field() {
    std::size_t size = 0;
    const auto [end, error] = std::from_chars(rest_.data(), rest_.data() + rest_.size(), size);
    const auto digits = static_cast<std::size_t>(end - rest_.data());
    if (error != std::errc{} || digits == rest_.size() || *end != ':') malformed();
    rest_.remove_prefix(digits + 1);
    if (size > rest_.size()) malformed();
    const auto value = rest_.substr(0, size);
    rest_.remove_prefix(size);
    return value;
  }

  domain::Money money() {
    const auto text = field();
    domain::Money value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) malformed();
    return value;
  }

  std::optional<std::string> optional_field() {
    switch (letter()) {
      case '-':
        return std::nullopt;
      case '+':
        return std::string(field());
      default:
        malformed();
    }
  }

  [[nodiscard]] bool done() const noexcept { return rest_.empty(); }

 private:
  std::string_view rest_;
};

}  // namespace

std::string encode(const domain::Transaction& line) {
  std::string out;
  out += kind_letter(line.kind);
  put(out, line.id);
  put(out, std::to_string(line.amount));
  put(out, std::to_string(line.balance_after));
  put_optional(out, line.counterparty);
  put_optional(out, line.memo);
  return out;
}

domain::Transaction decode_transaction(std::string_view bytes) {
  Reader in(bytes);
  domain::Transaction line;
  switch (in.letter()) {
    case 'd':
      line.kind = domain::TransactionKind::deposit;
      break;
    case 'i':
      line.kind = domain::TransactionKind::transfer_in;
      break;
    case 'o':
      line.kind = domain::TransactionKind::transfer_out;
      break;
    default:
      malformed();
  }
  line.id = in.field();
  line.amount = in.money();
  line.balance_after = in.money();
  line.counterparty = in.optional_field();
  line.memo = in.optional_field();
  if (!in.done()) malformed();
  return line;
}

}  // namespace archbench::hexagonal::adapters::redis
