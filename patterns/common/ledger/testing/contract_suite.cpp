// The cases of the in-process contract suite (contract_suite.hpp). Each reads like a paragraph
// of docs/workload.md: the answers, the check order, idempotency, ids and batches.
#include "common/ledger/testing/contract_suite.hpp"

#include <string>
#include <thread>
#include <vector>

#include "common/ledger/testing/relay_service.hpp"

namespace archbench::ledger::testing {

std::vector<BackendUnderTest> inline_and_relayed(const MakeService& make) {
  return {{.name = "inline", .make = make},
          {.name = "relayed", .make = [make]() -> std::unique_ptr<Service> {
             return std::make_unique<RelayService>(make());
           }}};
}

std::string backend_name(const ::testing::TestParamInfo<BackendUnderTest>& info) {
  return info.param.name;
}

void PrintTo(const BackendUnderTest& backend, std::ostream* out) { *out << backend.name; }

LedgerContract::LedgerContract()
    : service_(GetParam().make()), client_(*service_, GetParam().name) {}

std::string LedgerContract::open(const std::string& currency) {
  const Answer answer =
      call(Route::create_account, {}, R"({"owner":"Ada","currency":")" + currency + "\"}");
  EXPECT_EQ(answer.status, 201) << answer.body;
  return answer.value.is_object() ? answer.value.value("id", "") : "";
}

Answer LedgerContract::deposit(const std::string& account, Money amount,
                               const std::string& request_id) {
  return call(Route::deposit, account,
              R"({"amount":)" + std::to_string(amount) + R"(,"request_id":")" + request_id + "\"}");
}

Answer LedgerContract::transfer(const std::string& from, const std::string& to,
                                const std::string& amount, const std::string& request_id,
                                const std::string& currency) {
  return call(Route::transfer, {}, transfer_body(from, to, amount, request_id, currency));
}

std::string LedgerContract::transfer_body(const std::string& from, const std::string& to,
                                          const std::string& amount, const std::string& request_id,
                                          const std::string& currency) {
  return R"({"from":")" + from + R"(","to":")" + to + R"(","amount":)" + amount +
         R"(,"currency":")" + currency + R"(","request_id":")" + request_id + "\"}";
}

Money LedgerContract::balance(const std::string& account) {
  return call(Route::get_account, account, "").value.at("balance").get<Money>();
}

namespace {

using nlohmann::json;

TEST_P(LedgerContract, CreatesAndGetsAccounts) {
  const Answer created = call(Route::create_account, {}, R"({"owner":"Ada","currency":"EUR"})");
  EXPECT_EQ(created.status, 201);
  const std::string id = created.value.at("id");
  EXPECT_EQ(created.body, R"({"id":")" + id + R"(","owner":"Ada","currency":"EUR","balance":0})");
  EXPECT_EQ(call(Route::get_account, id, "").body, created.body);
  EXPECT_NE(open(), id);
  EXPECT_EQ(client_.metrics().count(Route::create_account, 201), 2U);
}

TEST_P(LedgerContract, AccountErrors) {
  EXPECT_EQ(call(Route::create_account, {}, R"({"owner":"Ada","currency":"eur"})").code(),
            "invalid_currency");
  EXPECT_EQ(call(Route::create_account, {}, R"({"owner":"Ada","currency":"EURO"})").code(),
            "invalid_currency");
  EXPECT_EQ(call(Route::create_account, {}, R"({"owner":"Ada"})").code(), "bad_request");
  const Answer missing = call(Route::get_account, "acc-404", "");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.code(), "account_not_found");
}

TEST_P(LedgerContract, DepositsAddUp) {
  const std::string a = open();
  const Answer first = deposit(a, 5000, "d1");
  EXPECT_EQ(first.status, 201);
  EXPECT_EQ(first.value.at("account"), a);
  EXPECT_EQ(first.value.at("amount"), 5000);
  EXPECT_EQ(first.value.at("balance"), 5000);
  EXPECT_EQ(deposit(a, 250, "d2").value.at("balance"), 5250);
  EXPECT_EQ(balance(a), 5250);
}

TEST_P(LedgerContract, DepositErrors) {
  const std::string a = open();
  for (const Money amount : {Money{0}, Money{-1}, kMaxAmount + 1}) {
    EXPECT_EQ(deposit(a, amount, "d").code(), "invalid_amount") << amount;
  }
  EXPECT_EQ(
      call(Route::deposit, a, R"({"amount":99999999999999999999999,"request_id":"d"})").code(),
      "invalid_amount");
  EXPECT_EQ(call(Route::deposit, a, R"({"amount":1.5,"request_id":"d"})").status, 400);
  EXPECT_EQ(deposit("acc-404", 1, "d").code(), "account_not_found");
  EXPECT_EQ(deposit(a, kMaxAmount, "d").status, 201);  // nothing above claimed "d"
}

TEST_P(LedgerContract, DepositReplayAndConflict) {
  const std::string a = open();
  const std::string b = open();
  const Answer first = deposit(a, 100, "r");
  const Answer again = call(Route::deposit, a, R"({ "request_id" : "r", "amount" : 100 })");
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(balance(a), 100);
  EXPECT_EQ(deposit(a, 101, "r").code(), "idempotency_conflict");
  EXPECT_EQ(deposit(b, 100, "r").code(), "idempotency_conflict");  // the account is compared too
  EXPECT_EQ(balance(b), 0);
}

TEST_P(LedgerContract, TransferMovesMoney) {
  const std::string a = open();
  const std::string b = open();
  (void)deposit(a, 5000, "d");
  const Answer moved = transfer(a, b, "1250", "t");
  EXPECT_EQ(moved.status, 201);
  const std::string id = moved.value.at("id");
  EXPECT_EQ(moved.body, R"({"id":")" + id + R"(","from":")" + a + R"(","to":")" + b +
                            R"(","amount":1250,"currency":"EUR","status":"completed"})");
  EXPECT_EQ(balance(a), 3750);
  EXPECT_EQ(balance(b), 1250);
}

TEST_P(LedgerContract, TransferChecksRunInTheContractsOrder) {
  const std::string eur = open("EUR");
  const std::string usd = open("USD");
  const std::string poor = open("EUR");
  (void)deposit(eur, 1000, "d");
  (void)transfer(eur, poor, "1", "used");
  // Each line fails the check it names and every check after it, never one before.
  EXPECT_EQ(call(Route::transfer, {}, R"({"from":"x"})").code(), "bad_request");
  EXPECT_EQ(transfer("x", "x", "0", "used", "eur").code(), "invalid_amount");
  EXPECT_EQ(transfer("x", "x", "1", "used", "eur").code(), "invalid_currency");
  EXPECT_EQ(transfer("x", "x", "1", "used").code(), "same_account");
  EXPECT_EQ(transfer("x", "y", "1", "used", "USD").code(), "idempotency_conflict");
  EXPECT_EQ(transfer("x", usd, "5000", "new").code(), "account_not_found");
  EXPECT_EQ(transfer(poor, "y", "5000", "new").code(), "account_not_found");
  EXPECT_EQ(transfer(poor, usd, "5000", "new").code(), "currency_mismatch");
  const Answer broke = transfer(poor, eur, "5000", "new");
  EXPECT_EQ(broke.status, 409);
  EXPECT_EQ(broke.code(), "insufficient_funds");
  EXPECT_EQ(broke.message(), "account " + poor + " holds 1, needs 5000");
  EXPECT_EQ(balance(eur) + balance(poor), 1000);
}

TEST_P(LedgerContract, TransferReplayAndConflict) {
  const std::string a = open();
  const std::string b = open();
  (void)deposit(a, 100, "d");
  const Answer first = transfer(a, b, "60", "t");
  // Same fields in another order and spacing: the first answer again, nothing moves.
  const Answer again = call(Route::transfer, {},
                            R"({"request_id":"t", "currency":"EUR", "amount":60, "to":")" + b +
                                R"(", "from":")" + a + "\"}");
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(balance(a), 40);
  EXPECT_EQ(transfer(a, b, "10", "t").code(), "idempotency_conflict");
  const std::string with_memo = transfer_body(a, b, "60", "t");
  EXPECT_EQ(call(Route::transfer, {}, with_memo.substr(0, with_memo.size() - 1) + R"(,"memo":"x"})")
                .code(),
            "idempotency_conflict");
  // Scoped per kind: a deposit may reuse a transfer's request_id.
  EXPECT_EQ(deposit(a, 1, "t").status, 201);
}

TEST_P(LedgerContract, RefusedRequestsClaimNothing) {
  const std::string a = open();
  const std::string b = open();
  EXPECT_EQ(transfer(a, b, "500", "retry").code(), "insufficient_funds");
  (void)deposit(a, 500, "d");
  EXPECT_EQ(transfer(a, b, "500", "retry").status, 201);
  EXPECT_EQ(balance(b), 500);
}

// Ids are minted like the baseline's (acc-1, dep-1, tr-1, one sequence per kind), and only by
// requests that succeed: refusals, conflicts and replays use up no number. Hexagonal's
// ledger_test pins the same sequence (IdsAreTakenOnlyBySuccesses).
TEST_P(LedgerContract, IdsAreTakenOnlyBySuccesses) {
  const std::string a = open();
  EXPECT_EQ(a, "acc-1");
  EXPECT_EQ(call(Route::create_account, {}, R"({"owner":"Ada","currency":"euro"})").code(),
            "invalid_currency");
  const std::string b = open();
  EXPECT_EQ(b, "acc-2");

  EXPECT_EQ(deposit("ghost", 100, "d-0").code(), "account_not_found");
  EXPECT_EQ(deposit(a, 0, "d-1").code(), "invalid_amount");  // claims neither a number nor d-1
  EXPECT_EQ(deposit(a, 100, "d-1").value.at("id"), "dep-1");
  EXPECT_EQ(deposit(a, 100, "d-1").value.at("id"), "dep-1");  // replay
  EXPECT_EQ(deposit(a, 5, "d-1").code(), "idempotency_conflict");
  EXPECT_EQ(deposit(a, 100, "d-2").value.at("id"), "dep-2");

  EXPECT_EQ(transfer(a, b, "1000", "t-0").code(), "insufficient_funds");
  EXPECT_EQ(transfer(a, b, "150", "t-1").value.at("id"), "tr-1");
  EXPECT_EQ(transfer(a, b, "150", "t-1").value.at("id"), "tr-1");  // replay
  EXPECT_EQ(transfer(b, a, "1", "t-2").value.at("id"), "tr-2");
  EXPECT_EQ(deposit(b, 1, "d-3").value.at("id"), "dep-3");  // transfers took no deposit number
}

// The messages are for people, and every backend words a refusal alike (docs/workload.md).
TEST_P(LedgerContract, RefusalsSayWhatTheContractSays) {
  const std::string a = open();
  const std::string usd = open("USD");
  EXPECT_EQ(deposit("acc-404", 5, "d").message(), "account acc-404 does not exist");
  EXPECT_EQ(deposit(a, 0, "d").message(), "amount must be from 1 to 10^12 minor units, not 0");
  EXPECT_EQ(transfer(a, usd, "1", "t", "eur").message(),
            "currency must be three uppercase letters, not \"eur\"");
  EXPECT_EQ(transfer(a, a, "1", "t").message(), "cannot transfer from account " + a + " to itself");
  EXPECT_EQ(transfer(a, usd, "1", "t").message(), "account " + usd + " holds USD, not EUR");
  (void)deposit(a, 5, "d");
  EXPECT_EQ(deposit(a, 6, "d").message(), "request_id d was already used with a different body");
}

TEST_P(LedgerContract, TransactionsNewestFirstAndChained) {
  const std::string a = open();
  const std::string b = open();
  (void)deposit(a, 5000, "d");
  (void)call(Route::transfer, {},
             R"({"from":")" + a + R"(","to":")" + b +
                 R"(","amount":1250,"currency":"EUR","request_id":"t1","memo":"rent"})");
  (void)transfer(b, a, "250", "t2");
  const Answer lines = call(Route::list_transactions, a, "");
  EXPECT_EQ(lines.status, 200);
  EXPECT_EQ(lines.value.at("account"), a);
  const json& list = lines.value.at("transactions");
  ASSERT_EQ(list.size(), 3U);
  EXPECT_EQ(list[0].at("kind"), "transfer_in");
  EXPECT_EQ(list[0].at("balance_after"), 4000);
  EXPECT_EQ(list[0].at("counterparty"), b);
  EXPECT_FALSE(list[0].contains("memo"));
  EXPECT_EQ(list[1].at("kind"), "transfer_out");
  EXPECT_EQ(list[1].at("amount"), 1250);
  EXPECT_EQ(list[1].at("balance_after"), 3750);
  EXPECT_EQ(list[1].at("memo"), "rent");
  EXPECT_EQ(list[2].at("kind"), "deposit");
  EXPECT_EQ(list[2].at("balance_after"), 5000);
  EXPECT_FALSE(list[2].contains("counterparty"));

  const Answer newest = call(Route::list_transactions, a, "", 1);
  ASSERT_EQ(newest.value.at("transactions").size(), 1U);
  EXPECT_EQ(newest.value.at("transactions")[0], list[0]);
  EXPECT_EQ(call(Route::list_transactions, "acc-404", "").code(), "account_not_found");
}

TEST_P(LedgerContract, BatchAppliesEachItemOnItsOwn) {
  const std::string a = open();
  const std::string b = open();
  (void)deposit(a, 100, "d");
  const std::string body = R"({"transfers":[)" + transfer_body(a, b, "60", "b1") + "," +
                           transfer_body(a, b, "60", "b2") + "," +  // only 40 left
                           transfer_body(a, b, "60", "b1") + "," +  // replay of the first
                           transfer_body(a, b, "1", "b1") + "," +   // conflict with the first
                           R"({"from":"x"},)" + transfer_body(a, b, "40", "b3") + "]}";
  const Answer answer = call(Route::transfer_batch, {}, body);
  EXPECT_EQ(answer.status, 200);
  const json& results = answer.value.at("results");
  ASSERT_EQ(results.size(), 6U);
  EXPECT_EQ(results[0].at("status"), 201);
  EXPECT_EQ(results[1].at("error").at("code"), "insufficient_funds");
  EXPECT_EQ(results[1].at("status"), 409);
  EXPECT_EQ(results[2].at("id"), results[0].at("id"));
  EXPECT_EQ(results[3].at("error").at("code"), "idempotency_conflict");
  EXPECT_EQ(results[4].at("status"), 400);
  EXPECT_EQ(results[5].at("status"), 201);
  EXPECT_EQ(balance(a), 0);
  EXPECT_EQ(balance(b), 100);
  // An item of a batch and a single transfer share request_ids.
  EXPECT_EQ(transfer(a, b, "60", "b1").value.at("id"), results[0].at("id"));
}

TEST_P(LedgerContract, BadBatchEnvelopeAppliesNothing) {
  const std::string a = open();
  const std::string b = open();
  (void)deposit(a, 100, "d");
  EXPECT_EQ(
      call(Route::transfer_batch, {}, R"({"transfers":)" + transfer_body(a, b, "1", "x") + "}")
          .code(),
      "bad_request");
  EXPECT_EQ(
      call(Route::transfer_batch, {}, R"({"transfers":[)" + transfer_body(a, b, "1", "x") + "]")
          .code(),
      "bad_request");
  EXPECT_EQ(balance(a), 100);
}

// Several threads, each with a client of its own (as each connection has its own slot): the
// money is conserved and no balance goes below zero.
TEST_P(LedgerContract, ConcurrentTransfersKeepTheSum) {
  constexpr int kAccounts = 4;
  constexpr int kThreads = 4;
  constexpr int kTransfersPerThread = 500;
  std::vector<std::string> accounts;
  for (int i = 0; i < kAccounts; ++i) {
    accounts.push_back(open());
    (void)deposit(accounts.back(), 1000, "seed-" + std::to_string(i));
  }
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      LedgerClient client(service(), GetParam().name);
      for (int i = 0; i < kTransfersPerThread; ++i) {
        const auto& from = accounts[static_cast<std::size_t>((t + i) % kAccounts)];
        const auto& to = accounts[static_cast<std::size_t>((t + 2 * i + 1) % kAccounts)];
        if (from == to) continue;
        const Answer answer =
            client.call(Route::transfer, {},
                        transfer_body(from, to, std::to_string(1 + i % 300),
                                      "c-" + std::to_string(t) + "-" + std::to_string(i)));
        EXPECT_TRUE(answer.status == 201 || answer.code() == "insufficient_funds") << answer.body;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  Money sum = 0;
  for (const auto& account : accounts) {
    EXPECT_GE(balance(account), 0);
    sum += balance(account);
  }
  EXPECT_EQ(sum, kAccounts * 1000);
}

}  // namespace
}  // namespace archbench::ledger::testing
