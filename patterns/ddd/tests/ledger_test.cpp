// The Ledger context: the Account aggregate's invariants, the transfer rule (whole or nothing,
// checks in the contract's order), idempotency, minted ids, and the events it publishes.
#include "ddd/ledger/ledger.hpp"

#include <gtest/gtest.h>

#include "ddd/ledger/account.hpp"
#include "ddd/ledger/transfer_funds.hpp"
#include "ddd/tests/recording_subscriber.hpp"

namespace archbench::ddd::ledger {
namespace {

Currency currency(const char* code) { return std::get<Currency>(Currency::from_code(code)); }
Money money(std::int64_t units, const char* code = "EUR") {
  return std::get<Money>(Money::from(units, code));
}
Account funded(const char* id, std::int64_t units, const char* code = "EUR") {
  Account account(AccountId(id), Owner("Ada"), currency(code));
  if (units > 0) (void)account.deposit(std::get<Amount>(Amount::from_minor_units(units)));
  return account;
}
Reason reason(const std::optional<Refusal>& refusal) { return refusal.value().reason; }

TEST(Account, OpensEmptyInItsCurrency) {
  const Account account(AccountId("acc-1"), Owner("Ada"), currency("EUR"));
  EXPECT_EQ(account.balance(), Balance::zero());
  EXPECT_EQ(account.currency(), currency("EUR"));
}

TEST(Account, DebitNeverLeavesItNegative) {
  Account account = funded("acc-1", 100);
  const auto refused = account.debit(money(101));
  ASSERT_TRUE(std::holds_alternative<Refusal>(refused));
  EXPECT_EQ(std::get<Refusal>(refused).message, "account acc-1 holds 100, needs 101");
  EXPECT_EQ(account.balance().minor_units(), 100);
  EXPECT_EQ(std::get<Balance>(account.debit(money(100))), Balance::zero());
}

TEST(Account, RefusesMoneyInAnotherCurrency) {
  Account account = funded("acc-1", 100);
  const auto refused = account.credit(money(5, "USD"));
  ASSERT_TRUE(std::holds_alternative<Refusal>(refused));
  EXPECT_EQ(std::get<Refusal>(refused),
            (Refusal{Reason::currency_mismatch, "account acc-1 holds EUR, not USD"}));
  EXPECT_EQ(std::get<Refusal>(account.debit(money(5, "USD"))).reason, Reason::currency_mismatch);
  EXPECT_EQ(account.balance().minor_units(), 100);
}

TEST(TransferFunds, ChecksBothSidesInTheContractsOrderAndChangesNothingOnRefusal) {
  Account eur = funded("acc-1", 100);
  Account usd = funded("acc-2", 100, "USD");
  Account poor = funded("acc-3", 0);
  EXPECT_EQ(reason(transfer_funds(eur, usd, money(1))), Reason::currency_mismatch);  // to's
  EXPECT_EQ(reason(transfer_funds(usd, eur, money(1000, "EUR"))), Reason::currency_mismatch);
  EXPECT_EQ(reason(transfer_funds(poor, eur, money(1))), Reason::insufficient_funds);
  EXPECT_EQ(eur.balance().minor_units() + poor.balance().minor_units(), 100);
  EXPECT_FALSE(transfer_funds(eur, poor, money(60)));
  EXPECT_EQ(eur.balance().minor_units(), 40);
  EXPECT_EQ(poor.balance().minor_units(), 60);
}

TEST(TransferOrder, RefusesTheSameAccountOnBothSides) {
  const auto order = TransferOrder::place(AccountId("acc-1"), AccountId("acc-1"), money(1),
                                          RequestId("t"), std::nullopt);
  EXPECT_EQ(std::get<Refusal>(order),
            (Refusal{Reason::same_account, "cannot transfer from account acc-1 to itself"}));
}

class LedgerTest : public ::testing::Test {
 protected:
  TransferOrder order(const Account& from, const Account& to, std::int64_t units,
                      const char* request_id) {
    return std::get<TransferOrder>(TransferOrder::place(from.id(), to.id(), money(units),
                                                        RequestId(request_id), std::nullopt));
  }
  DepositOrder deposit(const Account& account, std::int64_t units, const char* request_id) {
    return {account.id(), std::get<Amount>(Amount::from_minor_units(units)), RequestId(request_id)};
  }

  testing::RecordingSubscriber subscriber_;
  Ledger ledger_{subscriber_};
};

TEST_F(LedgerTest, MintsIdsOnlyForSuccesses) {
  const Account& a = ledger_.open_account(Owner("Ada"), currency("EUR"));
  const Account& b = ledger_.open_account(Owner("Bob"), currency("EUR"));
  EXPECT_EQ(a.id().text(), "acc-1");
  EXPECT_EQ(b.id().text(), "acc-2");
  EXPECT_TRUE(std::holds_alternative<Refusal>(ledger_.transfer(order(a, b, 1, "t0"))));
  const auto first = ledger_.deposit(deposit(a, 100, "d1"));
  EXPECT_EQ(std::get<const FundsDeposited*>(first)->deposit.text(), "dep-1");
  const auto moved = ledger_.transfer(order(a, b, 60, "t1"));
  EXPECT_EQ(std::get<const TransferCompleted*>(moved)->transfer.text(), "tr-1");
}

TEST_F(LedgerTest, PublishesEachChangeOnceAndReplaysNothing) {
  const AccountId a = ledger_.open_account(Owner("Ada"), currency("EUR")).id();
  const AccountId b = ledger_.open_account(Owner("Bob"), currency("EUR")).id();
  (void)ledger_.deposit(deposit(*ledger_.find(a), 100, "d"));
  (void)ledger_.deposit(deposit(*ledger_.find(a), 100, "d"));  // a retry: the same event
  (void)ledger_.transfer(order(*ledger_.find(a), *ledger_.find(b), 60, "t"));
  (void)ledger_.transfer(order(*ledger_.find(a), *ledger_.find(b), 60, "t"));
  ASSERT_EQ(subscriber_.events.size(), 4U);
  EXPECT_EQ(std::get<ledger::AccountOpened>(subscriber_.events[0]).account, a);
  EXPECT_EQ(std::get<ledger::FundsDeposited>(subscriber_.events[2]).balance_after.minor_units(),
            100);
  const auto& moved = std::get<ledger::TransferCompleted>(subscriber_.events[3]);
  EXPECT_EQ(moved.from_balance_after.minor_units(), 40);
  EXPECT_EQ(moved.to_balance_after.minor_units(), 60);
  EXPECT_EQ(ledger_.find(a)->balance().minor_units(), 40);
}

TEST_F(LedgerTest, ARequestIdReusedForAnotherOrderIsAConflict) {
  const AccountId a = ledger_.open_account(Owner("Ada"), currency("EUR")).id();
  const AccountId b = ledger_.open_account(Owner("Bob"), currency("EUR")).id();
  (void)ledger_.deposit(deposit(*ledger_.find(a), 100, "r"));
  EXPECT_EQ(std::get<Refusal>(ledger_.deposit(deposit(*ledger_.find(b), 100, "r"))),
            (Refusal{Reason::idempotency_conflict,
                     "request_id r was already used with a different body"}));
  // Refused requests claim nothing: "t" is free again after insufficient funds.
  EXPECT_EQ(
      std::get<Refusal>(ledger_.transfer(order(*ledger_.find(b), *ledger_.find(a), 5, "t"))).reason,
      Reason::insufficient_funds);
  EXPECT_TRUE(std::holds_alternative<const TransferCompleted*>(
      ledger_.transfer(order(*ledger_.find(a), *ledger_.find(b), 5, "t"))));
}

TEST_F(LedgerTest, UnknownAccountsAreNotFoundFromThenTo) {
  const Account& a = ledger_.open_account(Owner("Ada"), currency("EUR"));
  const Account ghost(AccountId("acc-404"), Owner("?"), currency("EUR"));
  EXPECT_EQ(std::get<Refusal>(ledger_.transfer(order(ghost, a, 1, "t"))).message,
            "account acc-404 does not exist");
  EXPECT_EQ(std::get<Refusal>(ledger_.transfer(order(a, ghost, 1, "t"))).message,
            "account acc-404 does not exist");
  EXPECT_EQ(std::get<Refusal>(ledger_.deposit(deposit(ghost, 1, "d"))).reason,
            Reason::account_not_found);
}

}  // namespace
}  // namespace archbench::ddd::ledger
