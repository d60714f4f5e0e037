// Lab 02's audit of a run of concurrent transfers: the invariants money must keep whatever
// the interleaving, checked from the accounts' own histories once every transfer is answered.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "lab02_support.hpp"

namespace archbench::lab02::testing {

// Hot accounts: a few accounts that every transfer touches, one in another currency, and an id
// that no actor owns, so that every kind of refusal happens under contention.
struct HotAccounts {
  std::vector<std::string> ids{"acc-1", "acc-2", "acc-3", "acc-4", "acc-5"};
  // With every transfer in flight at once, the debits tend to run before the credits they would
  // have paid with: an account pays out about its opening balance before its first credit lands.
  // 8,000 lets some 150 of 400 transfers through and runs the rest dry.
  std::map<std::string, Money> opening{
      {"acc-1", 8'000}, {"acc-2", 8'000}, {"acc-3", 8'000}, {"acc-4", 8'000}, {"acc-5", 8'000}};
  std::map<std::string, std::string> currency{
      {"acc-1", "EUR"}, {"acc-2", "EUR"}, {"acc-3", "EUR"}, {"acc-4", "EUR"}, {"acc-5", "USD"}};
};

// `count` random EUR transfers among the hot accounts (and, rarely, the unknown acc-9),
// amounts from 1 to 400: enough to run balances dry and refuse some.
inline std::vector<ledger::TransferRequest> random_transfers(std::mt19937_64& random,
                                                             const HotAccounts& hot,
                                                             std::size_t count) {
  std::vector<std::string> names = hot.ids;
  names.push_back("acc-9");
  std::discrete_distribution<std::size_t> pick{4, 4, 4, 4, 2, 1};
  std::uniform_int_distribution<Money> amount{1, 400};
  std::vector<ledger::TransferRequest> requests;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t from = pick(random);
    std::size_t to = pick(random);
    while (to == from) to = pick(random);
    requests.emplace_back(
        transfer_request(names[from], names[to], amount(random), "t-" + std::to_string(i)));
  }
  return requests;
}

// Every invariant of the books after `answers`, the answers to transfers among `hot`.
inline void audit(World& world, const HotAccounts& hot,
                  const std::map<std::string, caf::actor>& accounts,
                  const std::vector<TransferDone>& answers) {
  std::map<std::string, ledger::Transfer> done;
  for (const TransferDone& answer : answers) {
    if (const auto* transfer = std::get_if<ledger::Transfer>(&answer.outcome)) {
      EXPECT_TRUE(done.emplace(transfer->id, *transfer).second)
          << "two transfers answered with the id " << transfer->id;
      continue;
    }
    const auto code = std::get<ledger::Error>(answer.outcome).code;
    EXPECT_TRUE(code == ledger::ErrorCode::insufficient_funds ||
                code == ledger::ErrorCode::currency_mismatch ||
                code == ledger::ErrorCode::account_not_found)
        << "a refusal no transfer here can earn: " << refusal_of(answer);
  }
  EXPECT_GE(done.size(), answers.size() / 10) << "hardly any transfer went through";
  // Only transfers that happened took numbers, each one, without gaps: tr-1 ... tr-N.
  EXPECT_EQ(world.ids().taken(), done.size()) << "ids taken by transfers that did not happen";
  for (std::size_t n = 1; n <= done.size(); ++n) {
    EXPECT_TRUE(done.contains("tr-" + std::to_string(n))) << "no transfer answered tr-" << n;
  }

  Money total_before = 0;
  Money total_after = 0;
  std::map<std::string, int> lines_of;  // transfer id -> lines seen for it
  for (const auto& [id, actor] : accounts) {
    const AccountView view = world.read(actor);
    total_before += hot.opening.at(id);
    total_after += view.balance;
    EXPECT_EQ(view.reserved, 0) << id << " holds a reservation no transfer will settle";
    Money balance = hot.opening.at(id);
    for (const Line& line : view.history) {
      balance += line.amount;
      EXPECT_EQ(line.balance_after, balance)
          << id << "'s history does not add up at " << line.transfer_id;
      EXPECT_GE(line.balance_after, 0) << id << " overdrawn at " << line.transfer_id;
      ++lines_of[line.transfer_id];
      const auto transfer = done.find(line.transfer_id);
      if (transfer == done.end()) {
        ADD_FAILURE() << id << " has a line for " << line.transfer_id
                      << ", which no client was told went through";
        continue;
      }
      const ledger::Transfer& t = transfer->second;
      const bool out = line.amount < 0;
      EXPECT_EQ(out ? t.from : t.to, id) << line.transfer_id << " is on the wrong account";
      EXPECT_EQ(line.amount, out ? -t.amount : t.amount) << line.transfer_id;
      EXPECT_EQ(line.counterparty, out ? t.to : t.from) << line.transfer_id;
    }
    EXPECT_EQ(view.balance, balance) << id << "'s balance is not what its history says";
  }
  EXPECT_EQ(total_after, total_before) << "money was created or destroyed";
  for (const auto& [id, transfer] : done) {
    EXPECT_EQ(lines_of[id], 2) << id << " (" << transfer.from << " -> " << transfer.to
                               << ") should have one debit line and one credit line";
  }
}

}  // namespace archbench::lab02::testing
