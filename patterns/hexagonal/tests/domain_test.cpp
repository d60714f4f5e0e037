// The ledger's rules, tested as plain functions: no store, no threads, no mocks. This is what
// keeping the domain pure buys.
#include <gtest/gtest.h>

#include <limits>

#include "hexagonal/domain/account.hpp"
#include "hexagonal/domain/deposit.hpp"
#include "hexagonal/domain/idempotency.hpp"
#include "hexagonal/domain/money.hpp"
#include "hexagonal/domain/transfer.hpp"
#include "hexagonal/tests/domain_printers.hpp"

namespace archbench::hexagonal::domain {
namespace {

constexpr Money kMaxBalance = std::numeric_limits<Money>::max();

Account account(std::string id, Money balance, std::string currency = "EUR") {
  return Account{std::move(id), "Ada", std::move(currency), balance};
}

TransferRequest transfer(Money amount, std::string currency = "EUR") {
  return TransferRequest{"a1", "a2", amount, std::move(currency), "tr-1", std::nullopt};
}

// Names what a rule creates: always `value`.
NewId id(std::string value) {
  return [value = std::move(value)] { return value; };
}

// For a request the rule must refuse: asking for an id fails the test, because a refusal must
// use up none (sequential ids stay gap-free, as the baseline's).
NewId no_id() {
  return [] {
    ADD_FAILURE() << "a refused request took an id";
    return std::string("unexpected");
  };
}

ErrorCode code_of(const std::optional<Error>& error) {
  EXPECT_TRUE(error.has_value());
  return error ? error->code : ErrorCode{};
}

template <class T>
ErrorCode code_of(const Outcome<T>& outcome) {
  EXPECT_TRUE(std::holds_alternative<Error>(outcome));
  return std::holds_alternative<Error>(outcome) ? std::get<Error>(outcome).code : ErrorCode{};
}

TEST(Money, AmountsAreBetweenOneAndTenToTheTwelve) {
  EXPECT_FALSE(is_valid_amount(0));
  EXPECT_FALSE(is_valid_amount(-5));
  EXPECT_TRUE(is_valid_amount(1));
  EXPECT_TRUE(is_valid_amount(1'000'000'000'000));
  EXPECT_FALSE(is_valid_amount(1'000'000'000'001));
}

TEST(Money, CreditStopsAtTheSixtyFourBitLimit) {
  EXPECT_TRUE(can_credit(kMaxBalance - 10, 10));
  EXPECT_FALSE(can_credit(kMaxBalance - 10, 11));
}

TEST(Money, CurrenciesAreThreeUppercaseLetters) {
  EXPECT_TRUE(is_valid_currency("EUR"));
  for (const char* bad : {"eur", "EU", "EURO", "E1R", "", "EÜR"}) {
    EXPECT_FALSE(is_valid_currency(bad)) << bad;
  }
}

TEST(Account, IsCreatedEmptyWithAValidCurrency) {
  auto created = create_account({"Ada", "EUR"}, id("a1"));
  ASSERT_TRUE(std::holds_alternative<Account>(created));
  EXPECT_EQ(std::get<Account>(created), (Account{"a1", "Ada", "EUR", 0}));
  EXPECT_EQ(code_of(create_account({"Ada", "eur"}, no_id())), ErrorCode::invalid_currency);
}

TEST(Deposit, RefusesAnAmountOutOfRangeBeforeAnythingElse) {
  EXPECT_EQ(code_of(check_deposit({"a1", 0, "d-1"})), ErrorCode::invalid_amount);
  EXPECT_EQ(check_deposit({"a1", 5, "d-1"}), std::nullopt);
}

TEST(Deposit, PostsTheNewBalanceAndOneLine) {
  auto posted = post_deposit({"a1", 500, "d-1"}, account("a1", 1000), id("d9"));
  ASSERT_TRUE(std::holds_alternative<DepositPosting>(posted));
  const auto& posting = std::get<DepositPosting>(posted);
  EXPECT_EQ(posting.deposit, (Deposit{"d9", "a1", 500, 1500}));
  EXPECT_EQ(posting.line,
            (Transaction{"d9", TransactionKind::deposit, 500, 1500, std::nullopt, std::nullopt}));
}

TEST(Deposit, NeedsTheAccountAndRoomInIt) {
  EXPECT_EQ(code_of(post_deposit({"a1", 5, "d-1"}, std::nullopt, no_id())),
            ErrorCode::account_not_found);
  EXPECT_EQ(code_of(post_deposit({"a1", 5, "d-1"}, account("a1", kMaxBalance - 4), no_id())),
            ErrorCode::invalid_amount);
}

// docs/workload.md: amount, then currency, then from != to. Each request below breaks every
// check from one point on; the first broken one must answer.
TEST(Transfer, StatelessChecksComeInTheContractsOrder) {
  TransferRequest all_wrong{"a1", "a1", 0, "eur", "tr-1", std::nullopt};
  EXPECT_EQ(code_of(check_transfer(all_wrong)), ErrorCode::invalid_amount);
  all_wrong.amount = 5;
  EXPECT_EQ(code_of(check_transfer(all_wrong)), ErrorCode::invalid_currency);
  all_wrong.currency = "EUR";
  EXPECT_EQ(code_of(check_transfer(all_wrong)), ErrorCode::same_account);
  all_wrong.to = "a2";
  EXPECT_EQ(check_transfer(all_wrong), std::nullopt);
}

TEST(Transfer, StatefulChecksComeInTheContractsOrder) {
  // Missing account before currency mismatch before insufficient funds.
  EXPECT_EQ(code_of(post_transfer(transfer(50), std::nullopt, account("a2", 0, "USD"), no_id())),
            ErrorCode::account_not_found);
  EXPECT_EQ(code_of(post_transfer(transfer(50), account("a1", 0), std::nullopt, no_id())),
            ErrorCode::account_not_found);
  EXPECT_EQ(
      code_of(post_transfer(transfer(50), account("a1", 0), account("a2", 0, "USD"), no_id())),
      ErrorCode::currency_mismatch);
  EXPECT_EQ(
      code_of(post_transfer(transfer(50), account("a1", 0, "USD"), account("a2", 0), no_id())),
      ErrorCode::currency_mismatch);
  EXPECT_EQ(code_of(post_transfer(transfer(50), account("a1", 49), account("a2", 0), no_id())),
            ErrorCode::insufficient_funds);
  EXPECT_EQ(code_of(post_transfer(transfer(50), account("a1", 50), account("a2", kMaxBalance - 49),
                                  no_id())),
            ErrorCode::invalid_amount);
}

TEST(Transfer, InsufficientFundsSaysHowMuchIsThereAndNeeded) {
  auto refused = post_transfer(transfer(1250), account("a1", 500), account("a2", 0), no_id());
  ASSERT_TRUE(std::holds_alternative<Error>(refused));
  EXPECT_EQ(std::get<Error>(refused).message, "account a1 holds 500, needs 1250");
}

TEST(Transfer, PostsBothSidesWithCounterpartyAndMemo) {
  auto request = transfer(300);
  request.memo = "rent";
  auto posted = post_transfer(request, account("a1", 1000), account("a2", 20), id("t7"));
  ASSERT_TRUE(std::holds_alternative<TransferPosting>(posted));
  const auto& posting = std::get<TransferPosting>(posted);
  EXPECT_EQ(posting.transfer, (Transfer{"t7", "a1", "a2", 300, "EUR"}));
  EXPECT_EQ(posting.from_balance, 700);
  EXPECT_EQ(posting.to_balance, 320);
  EXPECT_EQ(posting.debit,
            (Transaction{"t7", TransactionKind::transfer_out, 300, 700, "a2", "rent"}));
  EXPECT_EQ(posting.credit,
            (Transaction{"t7", TransactionKind::transfer_in, 300, 320, "a1", "rent"}));
}

TEST(Transfer, CanEmptyTheSourceExactly) {
  auto posted = post_transfer(transfer(50), account("a1", 50), account("a2", 0), id("t1"));
  ASSERT_TRUE(std::holds_alternative<TransferPosting>(posted));
  EXPECT_EQ(std::get<TransferPosting>(posted).from_balance, 0);
}

TEST(Idempotency, FingerprintsIgnoreTheRequestIdAndSeeEveryOtherField) {
  const auto base = transfer(10);
  auto other_id = base;
  other_id.request_id = "tr-2";
  EXPECT_EQ(fingerprint(base), fingerprint(other_id));

  std::vector<TransferRequest> variants(6, base);
  variants[0].from = "a3";
  variants[1].to = "a3";
  variants[2].amount = 11;
  variants[3].currency = "USD";
  variants[4].memo = "";  // an empty memo is not the same as no memo
  variants[5].memo = "x";
  for (const auto& variant : variants) EXPECT_NE(fingerprint(variant), fingerprint(base));

  // Lengths make the encoding unambiguous: ("ab", "c") and ("a", "bc") differ.
  TransferRequest left{"ab", "c", 10, "EUR", "r", std::nullopt};
  TransferRequest right{"a", "bc", 10, "EUR", "r", std::nullopt};
  EXPECT_NE(fingerprint(left), fingerprint(right));
}

TEST(Idempotency, DepositFingerprintsIncludeTheAccount) {
  EXPECT_NE(fingerprint(DepositRequest{"a1", 10, "d"}), fingerprint(DepositRequest{"a2", 10, "d"}));
  EXPECT_NE(fingerprint(DepositRequest{"a1", 10, "d"}), fingerprint(DepositRequest{"a1", 11, "d"}));
}

TEST(Idempotency, DecidesFirstTimeReplayOrConflict) {
  const IdempotencyRecord record{"fp", "t1", 0};
  EXPECT_EQ(check_idempotency(std::nullopt, "fp"), Idempotency::first_time);
  EXPECT_EQ(check_idempotency(record, "fp"), Idempotency::replay);
  EXPECT_EQ(check_idempotency(record, "other"), Idempotency::conflict);
  EXPECT_EQ(idempotency_conflict("tr-1").code, ErrorCode::idempotency_conflict);
}

TEST(Idempotency, AReplayAnswersExactlyAsTheFirstTime) {
  EXPECT_EQ(replayed(DepositRequest{"a1", 10, "d-1"}, {"fp", "d5", 740}),
            (Deposit{"d5", "a1", 10, 740}));
  EXPECT_EQ(replayed(transfer(10), {"fp", "t5", 0}), (Transfer{"t5", "a1", "a2", 10, "EUR"}));
}

}  // namespace
}  // namespace archbench::hexagonal::domain
