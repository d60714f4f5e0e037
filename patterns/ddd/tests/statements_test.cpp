// The Statements context: the translation of the Ledger's events into lines, and the
// Statement's invariant (its lines chain).
#include "ddd/statements/statements.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "ddd/statements/ledger_translator.hpp"
#include "ddd/statements/statement.hpp"

namespace archbench::ddd::statements {
namespace {

Balance balance_of(std::int64_t units) {
  return units == 0 ? Balance::zero()
                    : *Balance::zero().plus(std::get<Amount>(Amount::from_minor_units(units)));
}

class Translation : public ::testing::Test {
 protected:
  Translation() {
    const Currency eur = std::get<Currency>(Currency::from_code("EUR"));
    translator_.on(ledger::AccountOpened{.account = a_, .currency = eur});
    translator_.on(ledger::AccountOpened{.account = b_, .currency = eur});
  }
  AccountId a_{"acc-1"};
  AccountId b_{"acc-2"};
  Statements statements_;
  LedgerTranslator translator_{statements_};
};

TEST_F(Translation, OneTransferBecomesTwoLines) {
  translator_.on(ledger::FundsDeposited{.deposit = DepositId("dep-1"),
                                        .account = a_,
                                        .amount = Amount::literal(100),
                                        .balance_after = balance_of(100)});
  translator_.on(ledger::TransferCompleted{.transfer = TransferId("tr-1"),
                                           .from = a_,
                                           .to = b_,
                                           .money = std::get<Money>(Money::from(60, "EUR")),
                                           .memo = Memo("rent"),
                                           .from_balance_after = balance_of(40),
                                           .to_balance_after = balance_of(60)});
  const auto& a_lines = statements_.find(a_)->lines();
  ASSERT_EQ(a_lines.size(), 2U);
  EXPECT_EQ(a_lines[0].kind, EntryKind::deposit);
  EXPECT_FALSE(a_lines[0].counterparty);
  EXPECT_EQ(a_lines[1].kind, EntryKind::transfer_out);
  EXPECT_EQ(a_lines[1].reference.text(), "tr-1");
  EXPECT_EQ(a_lines[1].counterparty, b_);
  EXPECT_EQ(a_lines[1].memo, Memo("rent"));
  const auto& b_lines = statements_.find(b_)->lines();
  ASSERT_EQ(b_lines.size(), 1U);
  EXPECT_EQ(b_lines[0].kind, EntryKind::transfer_in);
  EXPECT_EQ(b_lines[0].balance_after, balance_of(60));
  EXPECT_EQ(b_lines[0].counterparty, a_);
  EXPECT_EQ(statements_.find(AccountId("acc-3")), nullptr);
}

TEST(Statement, RefusesALineThatDoesNotChain) {
  Statement statement;
  const auto line = [](EntryKind kind, std::int64_t amount, std::int64_t after) {
    return StatementLine{.reference = Reference("x"),
                         .kind = kind,
                         .amount = std::get<Amount>(Amount::from_minor_units(amount)),
                         .balance_after = balance_of(after),
                         .counterparty = std::nullopt,
                         .memo = std::nullopt};
  };
  EXPECT_THROW(statement.append(line(EntryKind::deposit, 100, 99)), std::logic_error);
  statement.append(line(EntryKind::deposit, 100, 100));
  EXPECT_THROW(statement.append(line(EntryKind::transfer_out, 30, 130)), std::logic_error);
  EXPECT_THROW(statement.append(line(EntryKind::transfer_out, 101, 0)), std::logic_error);
  statement.append(line(EntryKind::transfer_out, 30, 70));
  EXPECT_EQ(statement.closing_balance(), balance_of(70));
  EXPECT_EQ(statement.lines().size(), 2U);
}

}  // namespace
}  // namespace archbench::ddd::statements
