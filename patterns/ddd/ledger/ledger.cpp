#include "ddd/ledger/ledger.hpp"

#include <string>
#include <utility>

#include "ddd/ledger/transfer_funds.hpp"

namespace archbench::ddd::ledger {
namespace {

std::string minted(const char* prefix, std::uint64_t& next) {
  std::string id(prefix);
  id += std::to_string(next++);
  return id;
}

}  // namespace

// By value: moved into the account or the record (clang-tidy misses the move).
// NOLINTNEXTLINE(performance-unnecessary-value-param)
const Account& Ledger::open_account(Owner owner, Currency currency) {
  AccountId id(minted("acc-", next_account_));
  const auto [it, inserted] = accounts_.try_emplace(id, id, std::move(owner), currency);
  subscriber_.on(AccountOpened{.account = std::move(id), .currency = currency});
  return it->second;
}

const Account* Ledger::find(const AccountId& id) const {
  const auto it = accounts_.find(id);
  return it == accounts_.end() ? nullptr : &it->second;
}

Account* Ledger::lookup(const AccountId& id) {
  const auto it = accounts_.find(id);
  return it == accounts_.end() ? nullptr : &it->second;
}

// By value: moved into the account or the record (clang-tidy misses the move).
// NOLINTNEXTLINE(performance-unnecessary-value-param)
Result<const FundsDeposited*> Ledger::deposit(DepositOrder order) {
  if (const auto seen = deposits_.find(order.request_id); seen != deposits_.end()) {
    if (seen->second.order == order) return &seen->second.event;
    return refusals::idempotency_conflict(order.request_id.text());
  }
  Account* account = lookup(order.account);
  if (account == nullptr) return refusals::account_not_found(order.account.text());
  auto balance = account->deposit(order.amount);
  if (auto* refusal = std::get_if<Refusal>(&balance)) return std::move(*refusal);

  FundsDeposited event{.deposit = DepositId(minted("dep-", next_deposit_)),
                       .account = account->id(),
                       .amount = order.amount,
                       .balance_after = std::get<Balance>(balance)};
  RequestId key = order.request_id;
  const auto it = deposits_.try_emplace(std::move(key), std::move(order), std::move(event)).first;
  subscriber_.on(it->second.event);
  return &it->second.event;
}

// By value: moved into the account or the record (clang-tidy misses the move).
// NOLINTNEXTLINE(performance-unnecessary-value-param)
Result<const TransferCompleted*> Ledger::transfer(TransferOrder order) {
  if (const auto seen = transfers_.find(order.request_id()); seen != transfers_.end()) {
    if (seen->second.order == order) return &seen->second.event;
    return refusals::idempotency_conflict(order.request_id().text());
  }
  Account* from = lookup(order.from());
  if (from == nullptr) return refusals::account_not_found(order.from().text());
  Account* to = lookup(order.to());
  if (to == nullptr) return refusals::account_not_found(order.to().text());
  if (auto refusal = transfer_funds(*from, *to, order.money())) return *std::move(refusal);

  TransferCompleted event{.transfer = TransferId(minted("tr-", next_transfer_)),
                          .from = order.from(),
                          .to = order.to(),
                          .money = order.money(),
                          .memo = order.memo(),
                          .from_balance_after = from->balance(),
                          .to_balance_after = to->balance()};
  RequestId key = order.request_id();
  const auto it = transfers_.try_emplace(std::move(key), std::move(order), std::move(event)).first;
  subscriber_.on(it->second.event);
  return &it->second.event;
}

}  // namespace archbench::ddd::ledger
