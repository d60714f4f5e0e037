// The zero-copy ledger. Each operation reads like the baseline's (and so like the contract in
// docs/workload.md): the checks that need no state, then the one lock, the checks that need the
// state, and the change. What differs is where things are kept (see the header): indexes
// instead of string keys, the arena instead of a std::string per field.
#include "zero-copy/state/ledger.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "zero-copy/state/account_json.hpp"

namespace archbench::zero_copy {
namespace {

using ledger::Error;
using ledger::ErrorCode;

constexpr Money kMaxBalance = std::numeric_limits<Money>::max();
// The arena's first block; each next one is half as large again (libstdc++'s growth factor).
constexpr std::size_t kFirstBlock = std::size_t{1} << 20;

// The refusals, worded as the baseline words them. Out of line: the success path stays short.
[[gnu::cold]] Error account_not_found(std::string_view id) {
  return {ErrorCode::account_not_found, "account " + std::string(id) + " does not exist"};
}
[[gnu::cold]] Error idempotency_conflict(std::string_view request_id) {
  return {ErrorCode::idempotency_conflict,
          "request_id " + std::string(request_id) + " was already used with a different body"};
}
[[gnu::cold]] Error balance_overflow(std::uint32_t account) {
  return {ErrorCode::invalid_amount,
          "account " + std::string(account_id(account).view()) + "'s balance would exceed 2^63-1"};
}

std::optional<Error> check_amount(Money amount) {
  if (amount >= ledger::kMinAmount && amount <= ledger::kMaxAmount) return std::nullopt;
  return Error{ErrorCode::invalid_amount,
               "amount must be from 1 to 10^12 minor units, not " + std::to_string(amount)};
}

std::optional<Error> check_currency(std::string_view currency) {
  if (ledger::is_valid_currency(currency)) return std::nullopt;
  return Error{ErrorCode::invalid_currency,
               "currency must be three uppercase letters, not \"" + std::string(currency) + "\""};
}

Currency to_currency(std::string_view checked) { return {checked[0], checked[1], checked[2]}; }

// The transfer rules that need no state, in the contract's order.
std::optional<Error> check_transfer(const TransferView& request) {
  if (auto error = check_amount(request.amount)) return error;
  if (auto error = check_currency(request.currency)) return error;
  if (request.from == request.to) {
    return Error{ErrorCode::same_account,
                 "cannot transfer from account " + std::string(request.from) + " to itself"};
  }
  return std::nullopt;
}

}  // namespace

Ledger::Ledger() : arena_(kFirstBlock) {}

std::string_view Ledger::keep(std::string_view text) {
  if (text.empty()) return {};
  auto* copy = static_cast<char*>(arena_.allocate(text.size(), 1));
  std::copy(text.begin(), text.end(), copy);
  return {copy, text.size()};
}

void Ledger::append_line(std::uint32_t account, const Line& line) {
  AccountState& state = accounts_[account];
  const auto at = static_cast<std::uint32_t>(journal_.size());
  journal_.push_back(line);
  journal_.back().previous = state.last_line;
  state.last_line = at;
}

auto Ledger::open_account(const NewAccountView& request) -> Outcome<AccountSnapshot> {
  if (auto error = check_currency(request.currency)) return *std::move(error);
  const std::lock_guard lock(mutex_);
  const auto index = static_cast<std::uint32_t>(accounts_.size());
  scratch_.clear();
  render_account_prefix(account_id(index).view(), request.owner, request.currency, scratch_);
  accounts_.push_back({.json_prefix = keep(scratch_),
                       .currency = to_currency(request.currency),
                       .balance = 0,
                       .last_line = kNone});
  const AccountState& state = accounts_.back();
  return AccountSnapshot{index, state.json_prefix, state.balance};
}

auto Ledger::account(std::string_view id) -> Outcome<AccountSnapshot> {
  const std::lock_guard lock(mutex_);
  const std::uint32_t index = account_index(id, accounts_.size());
  if (index == kNone) return account_not_found(id);
  const AccountState& state = accounts_[index];
  return AccountSnapshot{index, state.json_prefix, state.balance};
}

auto Ledger::deposit(std::string_view account_id, const DepositView& request)
    -> Outcome<DepositDone> {
  if (auto error = check_amount(request.amount)) return *std::move(error);
  const std::lock_guard lock(mutex_);
  const std::uint32_t index = account_index(account_id, accounts_.size());
  const Key key(request.request_id);
  // A request_id seen before: the same deposit (to the same account) replays its first answer.
  // The path's id names the recorded account only if it maps to its index (ids.hpp).
  if (const auto seen = deposits_.find(key); seen != deposits_.end()) {
    const DepositRecord& record = seen->second;
    if (record.account == index && record.result.amount == request.amount) return record.result;
    return idempotency_conflict(request.request_id);
  }
  if (index == kNone) return account_not_found(account_id);
  AccountState& state = accounts_[index];
  if (state.balance > kMaxBalance - request.amount) return balance_overflow(index);
  state.balance += request.amount;
  const DepositDone done{.number = next_deposit_++,
                         .account = index,
                         .amount = request.amount,
                         .balance = state.balance};
  append_line(index, {.number = done.number,
                      .kind = ledger::TransactionKind::deposit,
                      .amount = done.amount,
                      .balance_after = done.balance,
                      .memo = std::nullopt});
  deposits_.emplace(Key(keep(key.text), key.hash), DepositRecord{index, done});
  return done;
}

auto Ledger::transfer(const TransferView& request) -> Outcome<TransferDone> {
  if (auto error = check_transfer(request)) return *std::move(error);
  const std::lock_guard lock(mutex_);
  const std::uint32_t from = account_index(request.from, accounts_.size());
  const std::uint32_t to = account_index(request.to, accounts_.size());
  const Key key(request.request_id);
  // The same body means the same from, to, amount, currency and memo. An id maps to the
  // recorded index only if it is that account's exact id, so comparing indexes compares ids.
  if (const auto seen = transfers_.find(key); seen != transfers_.end()) {
    const TransferRecord& record = seen->second;
    const TransferDone& first = record.result;
    if (first.from == from && first.to == to && first.amount == request.amount &&
        text(first.currency) == request.currency && record.memo == request.memo) {
      return first;
    }
    return idempotency_conflict(request.request_id);
  }
  if (from == kNone) return account_not_found(request.from);
  if (to == kNone) return account_not_found(request.to);
  AccountState& source = accounts_[from];
  AccountState& target = accounts_[to];
  for (const std::uint32_t index : {from, to}) {
    const AccountState& account = accounts_[index];
    if (text(account.currency) != request.currency) {
      return Error{ErrorCode::currency_mismatch,
                   "account " + std::string(account_id(index).view()) + " holds " +
                       std::string(text(account.currency)) + ", not " +
                       std::string(request.currency)};
    }
  }
  if (source.balance < request.amount) {
    return Error{ErrorCode::insufficient_funds, "account " + std::string(account_id(from).view()) +
                                                    " holds " + std::to_string(source.balance) +
                                                    ", needs " + std::to_string(request.amount)};
  }
  if (target.balance > kMaxBalance - request.amount) return balance_overflow(to);
  // Both balances change under the same lock: no one can see one without the other.
  source.balance -= request.amount;
  target.balance += request.amount;
  const TransferDone done{.number = next_transfer_++,
                          .from = from,
                          .to = to,
                          .amount = request.amount,
                          .currency = source.currency};
  // The memo is kept once, for both lines and the record.
  const std::optional<std::string_view> memo =
      request.memo ? std::optional(keep(*request.memo)) : std::nullopt;
  append_line(from, {.number = done.number,
                     .kind = ledger::TransactionKind::transfer_out,
                     .counterparty = to,
                     .amount = done.amount,
                     .balance_after = source.balance,
                     .memo = memo});
  append_line(to, {.number = done.number,
                   .kind = ledger::TransactionKind::transfer_in,
                   .counterparty = from,
                   .amount = done.amount,
                   .balance_after = target.balance,
                   .memo = memo});
  transfers_.emplace(Key(keep(key.text), key.hash), TransferRecord{memo, done});
  return done;
}

std::optional<ledger::Error> Ledger::history(std::string_view id, int limit,
                                             std::vector<Line>& out) {
  out.clear();
  const std::lock_guard lock(mutex_);
  const std::uint32_t index = account_index(id, accounts_.size());
  if (index == kNone) return account_not_found(id);
  // Copied out under the lock (the journal may grow as soon as it is released); the JSON is
  // written after. The memos the copies point to never move.
  for (std::uint32_t at = accounts_[index].last_line;
       at != kNone && out.size() < static_cast<std::size_t>(limit); at = journal_[at].previous) {
    out.push_back(journal_[at]);
  }
  return std::nullopt;
}

}  // namespace archbench::zero_copy
