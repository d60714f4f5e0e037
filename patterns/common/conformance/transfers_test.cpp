// POST /transfers: the answer, each refusal, the documented order of the checks (pinned by
// requests that break two checks at once: the earlier check must answer), and atomicity.
//
// Not tested: a transfer that would push `to` past 2^63-1 (422 invalid_amount) needs an
// account holding nearly 2^63, i.e. about 9.2 million maximal deposits.
#include <limits>
#include <set>

#include "common/conformance/ledger_fixture.hpp"

namespace archbench::conformance {
namespace {

using ::testing::Not;

class Transfers : public LedgerTest {
 protected:
  HttpResponse post(const json& body) { return http().post("/transfers", body); }
  HttpResponse post(std::string body) { return http().post("/transfers", std::move(body)); }

  // Balances and history lengths of some accounts, to prove a refusal changed nothing.
  std::vector<std::pair<Money, std::size_t>> snapshot(const std::vector<std::string>& accounts) {
    std::vector<std::pair<Money, std::size_t>> state;
    for (const auto& account : accounts) {
      state.emplace_back(balance(account), transactions(account).size());
    }
    return state;
  }
};

TEST_F(Transfers, AnswersTheCompletedTransferAndMovesTheMoney) {
  const std::string from = funded_account(5000);
  const std::string to = funded_account(100);
  auto r = post(transfer_body(from, to, 1250, "EUR", "tr-19c2", "rent"));
  ASSERT_THAT(r, IsJson(201));
  EXPECT_THAT(r.body_json["id"], IsOpaqueId());
  EXPECT_EQ(r.body_json["from"], from);
  EXPECT_EQ(r.body_json["to"], to);
  EXPECT_THAT(r.body_json["amount"], IsMoney(1250));
  EXPECT_EQ(r.body_json["currency"], "EUR");
  EXPECT_EQ(r.body_json["status"], "completed");
  EXPECT_EQ(balance(from), 3750);
  EXPECT_EQ(balance(to), 1350);
}

TEST_F(Transfers, MemoIsOptional) {
  const std::string from = funded_account(100);
  const std::string to = new_account();
  EXPECT_THAT(post(transfer_body(from, to, 60, "EUR", "without-memo")), IsJson(201));
  EXPECT_EQ(balance(from), 40);
  EXPECT_EQ(balance(to), 60);
}

TEST_F(Transfers, MemoOfUpTo1024BytesIsAccepted) {
  const std::string from = funded_account(100);
  const std::string to = new_account();
  EXPECT_THAT(post(transfer_body(from, to, 1, "EUR", "m1", "x")), IsJson(201));
  EXPECT_THAT(post(transfer_body(from, to, 1, "EUR", "m2", bytes(kMaxMemoBytes))), IsJson(201));
  EXPECT_EQ(balance(to), 2);
}

TEST_F(Transfers, MemoOver1024BytesIs400) {
  const std::string from = funded_account(100);
  const std::string to = new_account();
  EXPECT_THAT(post(transfer_body(from, to, 1, "EUR", "m", bytes(kMaxMemoBytes + 1))),
              IsError(400, "bad_request"));
  EXPECT_EQ(balance(from), 100);
}

TEST_F(Transfers, TheWholeBalanceMayMoveButNotACentMore) {
  const std::string from = funded_account(500);
  const std::string to = new_account();
  EXPECT_THAT(post(transfer_body(from, to, 500, "EUR", "all")), IsJson(201));
  EXPECT_EQ(balance(from), 0);
  EXPECT_THAT(post(transfer_body(from, to, 1, "EUR", "one-more")),
              IsError(409, "insufficient_funds"));
  EXPECT_EQ(balance(from), 0);
  EXPECT_EQ(balance(to), 500);
}

TEST_F(Transfers, InsufficientFundsIs409AndChangesNothing) {
  const std::string from = funded_account(500);
  const std::string to = funded_account(7);
  const auto before = snapshot({from, to});
  EXPECT_THAT(post(transfer_body(from, to, 1250, "EUR", "too-much")),
              IsError(409, "insufficient_funds"));
  EXPECT_EQ(snapshot({from, to}), before);
}

TEST_F(Transfers, MaximalAmountMovesWhenFunded) {
  const std::string from = funded_account(kMaxAmount);
  const std::string to = new_account();
  EXPECT_THAT(post(transfer_body(from, to, kMaxAmount, "EUR", "max")), IsJson(201));
  EXPECT_EQ(balance(to), kMaxAmount);
}

TEST_F(Transfers, SameAccountIs422) {
  const std::string account = funded_account(500);
  EXPECT_THAT(post(transfer_body(account, account, 100, "EUR", "self")),
              IsError(422, "same_account"));
  EXPECT_EQ(balance(account), 500);
  EXPECT_EQ(transactions(account).size(), 1u);
}

TEST_F(Transfers, UnknownAccountIs404AccountNotFound) {
  const std::string known = funded_account(500);
  EXPECT_THAT(post(transfer_body(known, "no-such-account", 100, "EUR", "to-ghost")),
              IsError(404, "account_not_found"));
  EXPECT_THAT(post(transfer_body("no-such-account", known, 100, "EUR", "from-ghost")),
              IsError(404, "account_not_found"));
  EXPECT_THAT(post(transfer_body("ghost-1", "ghost-2", 100, "EUR", "ghosts")),
              IsError(404, "account_not_found"));
  EXPECT_EQ(balance(known), 500);
}

TEST_F(Transfers, CurrencyMismatchIs422) {
  const std::string eur = funded_account(500, "EUR");
  const std::string usd = funded_account(500, "USD");
  const std::string eur2 = new_account("EUR");
  const auto before = snapshot({eur, usd, eur2});
  // The accounts differ: whichever currency the transfer names, one of them does not hold it.
  EXPECT_THAT(post(transfer_body(eur, usd, 100, "EUR", "a")), IsError(422, "currency_mismatch"));
  EXPECT_THAT(post(transfer_body(eur, usd, 100, "USD", "b")), IsError(422, "currency_mismatch"));
  // Both accounts agree, the transfer names another currency.
  EXPECT_THAT(post(transfer_body(eur, eur2, 100, "USD", "c")), IsError(422, "currency_mismatch"));
  EXPECT_THAT(post(transfer_body(eur, eur2, 100, "GBP", "d")), IsError(422, "currency_mismatch"));
  EXPECT_EQ(snapshot({eur, usd, eur2}), before);
}

TEST_F(Transfers, MoneyMovesInAnyCurrency) {
  const std::string from = funded_account(900, "JPY");
  const std::string to = new_account("JPY");
  EXPECT_THAT(post(transfer_body(from, to, 300, "JPY", "yen")), IsJson(201));
  EXPECT_EQ(balance(from), 600);
  EXPECT_EQ(balance(to), 300);
}

TEST_F(Transfers, AmountOutsideTheRangeIs422InvalidAmount) {
  const std::string from = funded_account(kMaxAmount);
  const std::string to = new_account();
  for (const Money amount :
       {Money{0}, Money{-1}, Money{-100}, kMaxAmount + 1, std::numeric_limits<Money>::max()}) {
    EXPECT_THAT(post(transfer_body(from, to, amount, "EUR", unique_request_id())),
                IsError(422, "invalid_amount"))
        << amount;
  }
  EXPECT_THAT(post(R"({"from":")" + from + R"(","to":")" + to +
                   R"(","amount":9223372036854775808,"currency":"EUR","request_id":"huge"})"),
              IsError(422, "invalid_amount"));
  EXPECT_EQ(balance(from), kMaxAmount);
  EXPECT_EQ(balance(to), 0);
}

TEST_F(Transfers, AmountWithAFractionOrExponentIs400) {
  const std::string from = funded_account(5000);
  const std::string to = new_account();
  for (const char* amount : {"12.5", "1e3", "10.0", "1.0", "1e999999"}) {
    EXPECT_THAT(post(R"({"from":")" + from + R"(","to":")" + to + R"(","amount":)" + amount +
                     R"(,"currency":"EUR","request_id":")" + unique_request_id() + "\"}"),
                IsError(400, "bad_request"))
        << amount;
  }
  EXPECT_EQ(balance(from), 5000);
}

TEST_F(Transfers, MalformedCurrencyIs422InvalidCurrency) {
  const std::string from = funded_account(500);
  const std::string to = new_account();
  for (const char* currency : {"eur", "EU", "EURO", "", "E1R", "\xC3\x89UR"}) {
    EXPECT_THAT(post(transfer_body(from, to, 100, currency, unique_request_id())),
                IsError(422, "invalid_currency"))
        << '"' << currency << '"';
  }
  EXPECT_EQ(balance(from), 500);
}

TEST_F(Transfers, EachMissingFieldIs400) {
  const std::string from = funded_account(500);
  const std::string to = new_account();
  for (const char* field : {"from", "to", "amount", "currency", "request_id"}) {
    json body = transfer_body(from, to, 100, "EUR", unique_request_id(), "memo");
    body.erase(field);
    EXPECT_THAT(post(body), IsError(400, "bad_request")) << "without " << field;
  }
  EXPECT_EQ(balance(from), 500);
}

TEST_F(Transfers, EachFieldOfTheWrongJsonTypeIs400) {
  const std::string from = funded_account(500);
  const std::string to = new_account();
  const std::vector<std::pair<const char*, json>> wrong = {{"from", 1},
                                                           {"from", nullptr},
                                                           {"to", 2},
                                                           {"to", json::array()},
                                                           {"amount", "100"},
                                                           {"amount", nullptr},
                                                           {"amount", true},
                                                           {"currency", 978},
                                                           {"currency", nullptr},
                                                           {"request_id", 7},
                                                           {"request_id", nullptr},
                                                           {"memo", 42},
                                                           {"memo", json::object()}};
  for (const auto& [field, value] : wrong) {
    json body = transfer_body(from, to, 100, "EUR", unique_request_id(), "memo");
    body[field] = value;
    EXPECT_THAT(post(body), IsError(400, "bad_request")) << field << " = " << value.dump();
  }
  EXPECT_EQ(balance(from), 500);
}

TEST_F(Transfers, EmptyOrOverlongRequestIdIs400) {
  const std::string from = funded_account(500);
  const std::string to = new_account();
  EXPECT_THAT(post(transfer_body(from, to, 100, "EUR", "")), IsError(400, "bad_request"));
  EXPECT_THAT(post(transfer_body(from, to, 100, "EUR", bytes(kMaxRequestIdBytes + 1))),
              IsError(400, "bad_request"));
  EXPECT_THAT(post(transfer_body(from, to, 100, "EUR", bytes(kMaxRequestIdBytes))), IsJson(201));
  EXPECT_EQ(balance(from), 400);
}

TEST_F(Transfers, EmptyAccountIdsAre400) {
  // docs/workload.md, Errors: "strings too long or empty" are 400 bad_request.
  const std::string account = funded_account(500);
  EXPECT_THAT(post(transfer_body("", account, 100, "EUR", "e1")), IsError(400, "bad_request"));
  EXPECT_THAT(post(transfer_body(account, "", 100, "EUR", "e2")), IsError(400, "bad_request"));
  EXPECT_EQ(balance(account), 500);
}

TEST_F(Transfers, BodyThatIsNotAJsonObjectIs400) {
  for (const char* body : {"", "[]", "42", "null", R"("transfer")", "{", "{\"from\":"}) {
    EXPECT_THAT(post(std::string(body)), IsError(400, "bad_request")) << body;
  }
}

TEST_F(Transfers, TransferIdsAreUnique) {
  const std::string a = funded_account(100);
  const std::string b = new_account();
  std::set<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    const json t = transfer(a, b, 1);
    ASSERT_THAT(t.at("id"), IsOpaqueId());
    ids.insert(t.at("id").get<std::string>());
  }
  EXPECT_EQ(ids.size(), 20u);
}

TEST_F(Transfers, EveryKindOfRefusalChangesNoBalanceAndNoHistory) {
  const std::string from = funded_account(500);
  const std::string to = funded_account(300);
  const std::string usd = funded_account(200, "USD");
  const auto before = snapshot({from, to, usd});
  EXPECT_THAT(post(transfer_body(from, to, 501, "EUR", "r1")), Not(IsJson(201)));
  EXPECT_THAT(post(transfer_body(from, usd, 100, "EUR", "r2")), Not(IsJson(201)));
  EXPECT_THAT(post(transfer_body(from, "ghost", 100, "EUR", "r3")), Not(IsJson(201)));
  EXPECT_THAT(post(transfer_body(from, from, 100, "EUR", "r4")), Not(IsJson(201)));
  EXPECT_THAT(post(transfer_body(from, to, 0, "EUR", "r5")), Not(IsJson(201)));
  EXPECT_THAT(post(transfer_body(from, to, 100, "eur", "r6")), Not(IsJson(201)));
  EXPECT_THAT(post(transfer_body(from, to, 100, "EUR", "")), Not(IsJson(201)));
  EXPECT_EQ(snapshot({from, to, usd}), before);
}

// --- The order of the checks: each test breaks two of them, the earlier one must answer. ---

TEST_F(Transfers, ChecksTheBodyBeforeTheAmount) {
  const std::string from = funded_account(500);
  const std::string to = new_account();
  json wrong_memo = transfer_body(from, to, 0, "EUR", "o1");
  wrong_memo["memo"] = 42;
  EXPECT_THAT(post(wrong_memo), IsError(400, "bad_request"));
  json no_request_id = transfer_body(from, to, 0, "eur", "unused");
  no_request_id.erase("request_id");
  EXPECT_THAT(post(no_request_id), IsError(400, "bad_request"));
  json string_from = transfer_body(from, from, -5, "??", "o2");
  string_from["to"] = 12;
  EXPECT_THAT(post(string_from), IsError(400, "bad_request"));
}

TEST_F(Transfers, ChecksTheAmountBeforeTheCurrency) {
  const std::string from = funded_account(500);
  const std::string to = new_account();
  EXPECT_THAT(post(transfer_body(from, to, 0, "eur", "o1")), IsError(422, "invalid_amount"));
  EXPECT_THAT(post(transfer_body(from, to, kMaxAmount + 1, "EURO", "o2")),
              IsError(422, "invalid_amount"));
}

TEST_F(Transfers, ChecksTheCurrencyBeforeSameAccount) {
  const std::string account = funded_account(500);
  EXPECT_THAT(post(transfer_body(account, account, 100, "eur", "o1")),
              IsError(422, "invalid_currency"));
}

TEST_F(Transfers, ChecksTheAmountBeforeSameAccount) {
  const std::string account = funded_account(500);
  EXPECT_THAT(post(transfer_body(account, account, 0, "EUR", "o1")),
              IsError(422, "invalid_amount"));
}

TEST_F(Transfers, RefusesSameAccountBeforeCheckingExistence) {
  new_account();
  EXPECT_THAT(post(transfer_body("ghost", "ghost", 100, "EUR", "o1")),
              IsError(422, "same_account"));
}

TEST_F(Transfers, RefusesSameAccountBeforeIdempotencyConflict) {
  const std::string from = funded_account(500);
  const std::string to = new_account();
  ASSERT_THAT(post(transfer_body(from, to, 100, "EUR", "claimed")), IsJson(201));
  EXPECT_THAT(post(transfer_body(from, from, 100, "EUR", "claimed")), IsError(422, "same_account"));
}

TEST_F(Transfers, ChecksAmountAndCurrencyBeforeIdempotencyConflict) {
  const std::string from = funded_account(500);
  const std::string to = new_account();
  ASSERT_THAT(post(transfer_body(from, to, 100, "EUR", "claimed")), IsJson(201));
  EXPECT_THAT(post(transfer_body(from, to, 0, "EUR", "claimed")), IsError(422, "invalid_amount"));
  EXPECT_THAT(post(transfer_body(from, to, 100, "usd", "claimed")),
              IsError(422, "invalid_currency"));
}

TEST_F(Transfers, ChecksIdempotencyBeforeExistence) {
  const std::string from = funded_account(500);
  const std::string to = new_account();
  ASSERT_THAT(post(transfer_body(from, to, 100, "EUR", "claimed")), IsJson(201));
  EXPECT_THAT(post(transfer_body(from, "ghost", 100, "EUR", "claimed")),
              IsError(409, "idempotency_conflict"));
  EXPECT_THAT(post(transfer_body("ghost", to, 100, "EUR", "claimed")),
              IsError(409, "idempotency_conflict"));
}

TEST_F(Transfers, ChecksIdempotencyBeforeCurrencyAndFunds) {
  const std::string from = funded_account(500);
  const std::string to = new_account();
  const std::string usd = new_account("USD");
  ASSERT_THAT(post(transfer_body(from, to, 100, "EUR", "claimed")), IsJson(201));
  EXPECT_THAT(post(transfer_body(from, usd, 100, "EUR", "claimed")),
              IsError(409, "idempotency_conflict"));
  EXPECT_THAT(post(transfer_body(from, to, 10'000, "EUR", "claimed")),
              IsError(409, "idempotency_conflict"));
  EXPECT_EQ(balance(from), 400);
}

TEST_F(Transfers, ChecksTheAmountBeforeExistence) {
  EXPECT_THAT(post(transfer_body("ghost-1", "ghost-2", 0, "EUR", "o1")),
              IsError(422, "invalid_amount"));
  EXPECT_THAT(post(transfer_body("ghost-1", "ghost-2", 100, "EU", "o2")),
              IsError(422, "invalid_currency"));
}

TEST_F(Transfers, ChecksExistenceBeforeCurrency) {
  const std::string eur = funded_account(500, "EUR");
  EXPECT_THAT(post(transfer_body(eur, "ghost", 100, "USD", "o1")),
              IsError(404, "account_not_found"));
  EXPECT_THAT(post(transfer_body("ghost", eur, 100, "USD", "o2")),
              IsError(404, "account_not_found"));
}

TEST_F(Transfers, ChecksExistenceBeforeFunds) {
  const std::string poor = new_account();
  EXPECT_THAT(post(transfer_body(poor, "ghost", 100, "EUR", "o1")),
              IsError(404, "account_not_found"));
}

TEST_F(Transfers, ChecksCurrencyBeforeFunds) {
  const std::string poor = new_account("EUR");
  const std::string usd = new_account("USD");
  EXPECT_THAT(post(transfer_body(poor, usd, 100, "EUR", "o1")), IsError(422, "currency_mismatch"));
  EXPECT_THAT(post(transfer_body(usd, poor, 100, "USD", "o2")), IsError(422, "currency_mismatch"));
}

}  // namespace
}  // namespace archbench::conformance
