// An account's answer from its prefix (see the header).
#include "zero-copy/state/account_json.hpp"

#include <charconv>
#include <stdexcept>

#include "common/ledger/json_codec.hpp"

namespace archbench::zero_copy {

void render_account_prefix(std::string_view id, std::string_view owner, std::string_view currency,
                           std::string& out) {
  const std::size_t start = out.size();
  ledger::write_account_json(id, owner, currency, 0, out);
  // The codec ends an account with its balance, here 0, and '}'. If it ever writes another
  // field after the balance, cutting there would lose it: refuse instead of answering wrong.
  constexpr std::string_view kEnd = "\"balance\":0}";
  if (!std::string_view(out).substr(start).ends_with(kEnd)) {
    throw std::logic_error("the codec's account JSON no longer ends with its balance");
  }
  out.resize(out.size() - 2);  // keep `"balance":`
}

void write_account_from_prefix(std::string_view prefix, ledger::Money balance, std::string& out) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, balance).ptr;
  out.append(prefix).append(digits, end).push_back('}');
}

}  // namespace archbench::zero_copy
