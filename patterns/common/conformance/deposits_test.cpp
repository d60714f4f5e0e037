// POST /accounts/{id}/deposits: the answer, the amount's range and JSON type, request_id's
// length, the unknown account, and that a refused deposit changes nothing.
//
// Not tested: a deposit that would push a balance past 2^63-1 (422 invalid_amount) needs
// about 9.2 million maximal deposits, too many for a test of a second.
#include <limits>
#include <set>

#include "common/conformance/ledger_fixture.hpp"

namespace archbench::conformance {
namespace {

using ::testing::Not;

using Deposits = LedgerTest;

std::string raw_deposit(std::string_view amount_literal, std::string_view request_id = "dep-1") {
  return R"({"amount": )" + std::string(amount_literal) + R"(, "request_id": ")" +
         std::string(request_id) + R"("})";
}

TEST_F(Deposits, AnswersTheDepositWithTheBalanceRightAfterIt) {
  const std::string account = new_account();
  auto r = http().post(deposits_path(account), deposit_body(5000, "dep-7f3a"));
  ASSERT_THAT(r, IsJson(201));
  EXPECT_THAT(r.body_json["id"], IsOpaqueId());
  EXPECT_EQ(r.body_json["account"], account);
  EXPECT_THAT(r.body_json["amount"], IsMoney(5000));
  EXPECT_THAT(r.body_json["balance"], IsMoney(5000));
}

TEST_F(Deposits, BalancesAccumulateAndShowInTheAccount) {
  const std::string account = new_account();
  EXPECT_THAT(deposit(account, 5000).at("balance"), IsMoney(5000));
  EXPECT_THAT(deposit(account, 250).at("balance"), IsMoney(5250));
  EXPECT_THAT(deposit(account, 1).at("balance"), IsMoney(5251));
  EXPECT_EQ(balance(account), 5251);
}

TEST_F(Deposits, DepositsTouchOnlyTheirAccount) {
  const std::string a = new_account();
  const std::string b = new_account("USD");
  deposit(a, 700);
  EXPECT_EQ(balance(a), 700);
  EXPECT_EQ(balance(b), 0);
}

TEST_F(Deposits, DepositIdsAreUnique) {
  const std::string a = new_account();
  const std::string b = new_account();
  std::set<std::string> ids;
  for (int i = 0; i < 10; ++i) {
    for (const auto& account : {a, b}) {
      const json d = deposit(account, 10);
      ASSERT_THAT(d.at("id"), IsOpaqueId());
      ids.insert(d.at("id").get<std::string>());
    }
  }
  EXPECT_EQ(ids.size(), 20u);
}

TEST_F(Deposits, AmountsFromOneToTenToTheTwelveAreAccepted) {
  const std::string account = new_account();
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(1, "min")), IsJson(201));
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(kMaxAmount, "max")), IsJson(201));
  EXPECT_EQ(balance(account), kMaxAmount + 1);
}

TEST_F(Deposits, AmountOutsideTheRangeIs422InvalidAmount) {
  const std::string account = new_account();
  for (const Money amount :
       {Money{0}, Money{-1}, Money{-5000}, kMaxAmount + 1, 2 * kMaxAmount,
        std::numeric_limits<Money>::max(), std::numeric_limits<Money>::min()}) {
    EXPECT_THAT(http().post(deposits_path(account), deposit_body(amount, unique_request_id())),
                IsError(422, "invalid_amount"))
        << amount;
  }
  EXPECT_EQ(balance(account), 0);
}

TEST_F(Deposits, IntegersBeyond64BitsAre422InvalidAmount) {
  // Integers all the same, only outside [1, 10^12]: the doc refuses only fractions and
  // exponents with 400, so these are amounts out of range, whatever their size.
  const std::string account = new_account();
  for (const char* amount : {"9223372036854775808", "18446744073709551616", "-9223372036854775809",
                             "123456789012345678901234567890"}) {
    EXPECT_THAT(http().post(deposits_path(account), raw_deposit(amount, unique_request_id())),
                IsError(422, "invalid_amount"))
        << amount;
  }
  EXPECT_EQ(balance(account), 0);
}

TEST_F(Deposits, NumbersWithAFractionOrExponentAre400NeverRounded) {
  const std::string account = new_account();
  for (const char* amount :
       {"12.5", "1e3", "1E3", "1e+3", "10.0", "1.0", "5000.00", "0.5", "1e-3", "-2.5"}) {
    EXPECT_THAT(http().post(deposits_path(account), raw_deposit(amount, unique_request_id())),
                IsError(400, "bad_request"))
        << amount;
  }
  EXPECT_EQ(balance(account), 0);
}

TEST_F(Deposits, AnExponentBeyondAnyDoubleIs400) {
  // Still "a number with an exponent", even one no double can hold.
  const std::string account = new_account();
  for (const char* amount : {"1e999999", "-1e999999", "1e-999999"}) {
    EXPECT_THAT(http().post(deposits_path(account), raw_deposit(amount, unique_request_id())),
                IsError(400, "bad_request"))
        << amount;
  }
  EXPECT_EQ(balance(account), 0);
}

TEST_F(Deposits, AmountOfAnotherJsonTypeIs400) {
  const std::string account = new_account();
  for (const char* amount : {R"("100")", "null", "true", "[100]", R"({"value":100})"}) {
    EXPECT_THAT(http().post(deposits_path(account), raw_deposit(amount, unique_request_id())),
                IsError(400, "bad_request"))
        << amount;
  }
  EXPECT_EQ(balance(account), 0);
}

TEST_F(Deposits, MissingFieldsAre400) {
  const std::string account = new_account();
  EXPECT_THAT(http().post(deposits_path(account), json{{"amount", 100}}),
              IsError(400, "bad_request"));
  EXPECT_THAT(http().post(deposits_path(account), json{{"request_id", "dep-1"}}),
              IsError(400, "bad_request"));
  EXPECT_THAT(http().post(deposits_path(account), json::object()), IsError(400, "bad_request"));
  EXPECT_EQ(balance(account), 0);
}

TEST_F(Deposits, RequestIdOfOneTo128BytesIsAccepted) {
  const std::string account = new_account();
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(1, "r")), IsJson(201));
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(1, bytes(kMaxRequestIdBytes))),
              IsJson(201));
  EXPECT_EQ(balance(account), 2);
}

TEST_F(Deposits, EmptyOrOverlongRequestIdIs400) {
  const std::string account = new_account();
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(100, "")),
              IsError(400, "bad_request"));
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(100, bytes(kMaxRequestIdBytes + 1))),
              IsError(400, "bad_request"));
  EXPECT_EQ(balance(account), 0);
}

TEST_F(Deposits, RequestIdOfAnotherJsonTypeIs400) {
  const std::string account = new_account();
  for (const json& request_id : {json(42), json(nullptr), json::array({"dep"})}) {
    EXPECT_THAT(
        http().post(deposits_path(account), json{{"amount", 100}, {"request_id", request_id}}),
        IsError(400, "bad_request"))
        << request_id.dump();
  }
  EXPECT_EQ(balance(account), 0);
}

TEST_F(Deposits, BodyThatIsNotAJsonObjectIs400) {
  const std::string account = new_account();
  for (const char* body : {"", "[100]", "100", "null", "{", R"({"amount":100,"request_id":"x")",
                           R"({"amount":0100,"request_id":"x"})"}) {
    EXPECT_THAT(http().post(deposits_path(account), std::string(body)), IsError(400, "bad_request"))
        << body;
  }
  EXPECT_EQ(balance(account), 0);
}

TEST_F(Deposits, UnknownAccountIs404AccountNotFound) {
  new_account();
  EXPECT_THAT(http().post(deposits_path("no-such-account"), deposit_body(100, "dep-1")),
              IsError(404, "account_not_found"));
}

TEST_F(Deposits, RefusedDepositsLeaveNoTransactionLine) {
  const std::string account = new_account();
  deposit(account, 300);
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(0, "bad-1")), Not(IsJson(201)));
  EXPECT_THAT(http().post(deposits_path(account), raw_deposit("2.5", "bad-2")), Not(IsJson(201)));
  EXPECT_THAT(http().post(deposits_path(account), deposit_body(5, "")), Not(IsJson(201)));
  EXPECT_EQ(balance(account), 300);
  EXPECT_EQ(transactions(account).size(), 1u);
}

}  // namespace
}  // namespace archbench::conformance
