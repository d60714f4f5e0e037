// Lab 04, step 3: the Account aggregate keeps its invariants itself. Examples first, then a
// property: RapidCheck runs random sequences of deposits, withdrawals and transfers against
// three accounts and, when an invariant breaks, shrinks the sequence to a minimal one.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "lab04_support.hpp"

namespace archbench::lab04 {
namespace {

using testing::money;
using testing::refused_for;

Account open(const char* id, const char* code) {
  return {AccountId(std::string(id)), testing::currency(code)};
}

TEST(Lab04_Step3_Account, AWithdrawalNeverLeavesItNegative) {
  Account account = open("a", "EUR");
  (void)account.deposit(testing::amount(100));
  EXPECT_TRUE(refused_for(account.withdraw(money(101)), Reason::insufficient_funds))
      << "hint: withdraw checks refuse_withdrawal first, and changes nothing when it refuses";
  EXPECT_EQ(account.balance().minor_units(), 100);
}

TEST(Lab04_Step3_Account, ItsCurrencyIsFixed) {
  Account account = open("a", "EUR");
  (void)account.deposit(testing::amount(100));
  EXPECT_TRUE(refused_for(account.credit(money(5, "USD")), Reason::currency_mismatch))
      << "hint: credit refuses money in another currency than the account's";
  EXPECT_TRUE(refused_for(account.withdraw(money(5, "USD")), Reason::currency_mismatch))
      << "hint: so does withdraw, before it looks at the balance";
  EXPECT_EQ(account.balance().minor_units(), 100);
}

TEST(Lab04_Step3_Account, ATransferHappensWholeOrNotAtAll) {
  Account eur = open("a", "EUR");
  Account usd = open("b", "USD");
  (void)eur.deposit(testing::amount(100));
  const auto refused = transfer(eur, usd, money(40));
  ASSERT_TRUE(refused.has_value()) << "hint: the payee holds USD: the transfer is refused";
  EXPECT_EQ(refused->reason, Reason::currency_mismatch);
  EXPECT_EQ(eur.balance().minor_units(), 100)
      << "hint: check both sides (refuse_withdrawal, refuse_credit) before changing either";
}

// The property. `deposited` and `withdrawn` are what entered and left the three accounts.
RC_GTEST_PROP(Lab04_Step3_Account, RandomOperationsKeepTheInvariants, ()) {
  std::array<Account, 3> accounts = {open("a", "EUR"), open("b", "EUR"), open("c", "USD")};
  std::map<std::string, std::int64_t> net;  // per currency: deposited minus withdrawn
  const auto balances = [&] {
    std::vector<std::int64_t> all;
    all.reserve(accounts.size());
    for (const Account& account : accounts) all.push_back(account.balance().minor_units());
    return all;
  };
  const int steps = *rc::gen::inRange(1, 40);
  for (int step = 0; step < steps; ++step) {
    const auto units = *rc::gen::weightedOneOf<std::int64_t>(
        {{9, rc::gen::inRange<std::int64_t>(1, 300)}, {1, rc::gen::inRange<std::int64_t>(-3, 1)}});
    const auto made = Amount::from_minor_units(units);
    if (std::holds_alternative<Refusal>(made)) continue;  // refused at the door: fine
    const Amount amount = std::get<Amount>(made);
    Account& first = accounts[*rc::gen::inRange<std::size_t>(0, 3)];
    Account& second = accounts[*rc::gen::inRange<std::size_t>(0, 3)];
    const Money some(amount, testing::currency(*rc::gen::element("EUR", "USD")));
    const auto before = balances();
    switch (*rc::gen::inRange(0, 3)) {
      case 0:
        if (std::holds_alternative<Balance>(first.deposit(amount))) {
          net[std::string(first.currency().code())] += amount.minor_units();
        }
        break;
      case 1:
        if (std::holds_alternative<Balance>(first.withdraw(some))) {
          net[std::string(some.currency().code())] -= amount.minor_units();
        } else {
          RC_ASSERT(balances() == before);  // a refusal changes nothing
        }
        break;
      default:
        if (&first == &second) break;
        if (transfer(first, second, some).has_value()) RC_ASSERT(balances() == before);
        break;
    }
    std::map<std::string, std::int64_t> sums;
    for (const Account& account : accounts) {
      RC_ASSERT(account.balance().minor_units() >= 0);  // never negative
      sums[std::string(account.currency().code())] += account.balance().minor_units();
    }
    for (const auto& [code, sum] : sums) RC_ASSERT(sum == net[code]);  // money is conserved
  }
}

}  // namespace
}  // namespace archbench::lab04
