// Lab 05, given: the handler's tiny in-memory state. Nothing here is yours to change, and
// nothing here allocates on the request path (only open() does, at set-up), so every
// allocation the tests count is the handler's.
#pragma once

#include <charconv>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "common/ledger/rules.hpp"

namespace archbench::lab05 {

using ledger::Money;

struct Account {
  std::string id;  // acc-1, acc-2, ... as every backend mints them
  std::string owner;
  std::string currency;
  Money balance = 0;
};

// The result of a deposit: its sequence number (the answer's id is "dep-<number>") and the
// balance right after it.
struct Deposited {
  std::uint64_t number = 0;
  Money balance = 0;
};

class Accounts {
 public:
  // Opens an account with a zero balance; its id is "acc-<n>", n counting from 1. Set-up only.
  const Account& open(std::string owner, std::string currency) {
    Account& account = accounts_.emplace_back();
    account.id = "acc-" + std::to_string(accounts_.size());
    account.owner = std::move(owner);
    account.currency = std::move(currency);
    return account;
  }

  // The account with this id, or nullptr. Reads the number out of "acc-<n>": no allocation.
  [[nodiscard]] Account* find(std::string_view id) noexcept {
    constexpr std::string_view kPrefix = "acc-";
    if (!id.starts_with(kPrefix) || id.size() == kPrefix.size()) return nullptr;
    const std::string_view digits = id.substr(kPrefix.size());
    if (digits.front() == '0') return nullptr;  // "acc-01" is not "acc-1"
    std::size_t n = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (error != std::errc{} || end != digits.data() + digits.size()) return nullptr;
    if (n == 0 || n > accounts_.size()) return nullptr;
    return &accounts_[n - 1];
  }

  // Adds `amount` (already checked to be in [1, 10^12]) to the account's balance and numbers
  // the deposit; nullopt, changing nothing, when the balance would overflow 64 bits.
  [[nodiscard]] std::optional<Deposited> deposit(Account& account, Money amount) noexcept {
    Money balance = 0;
    if (__builtin_add_overflow(account.balance, amount, &balance)) return std::nullopt;
    account.balance = balance;
    return Deposited{++deposits_, balance};
  }

 private:
  std::deque<Account> accounts_;  // a deque: an Account& stays valid as others open
  std::uint64_t deposits_ = 0;
};

}  // namespace archbench::lab05
