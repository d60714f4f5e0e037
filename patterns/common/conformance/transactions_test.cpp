// GET /accounts/{id}/transactions: newest first, the fields of each line (counterparty and
// memo only where documented), balance_after chaining, and the limit parameter.
#include "common/conformance/ledger_fixture.hpp"

namespace archbench::conformance {
namespace {

using Transactions = LedgerTest;

TEST_F(Transactions, ANewAccountHasAnEmptyHistory) {
  const std::string account = new_account();
  auto r = http().get(transactions_path(account));
  ASSERT_THAT(r, IsJson(200));
  EXPECT_EQ(r.body_json["account"], account);
  ASSERT_TRUE(r.body_json["transactions"].is_array()) << r.body;
  EXPECT_TRUE(r.body_json["transactions"].empty());
}

TEST_F(Transactions, ListsNewestFirstWithKindsAmountsAndBalances) {
  const std::string a = new_account();
  const std::string b = new_account();
  const std::string c = funded_account(1000);
  const json dep = deposit(a, 5000);
  auto out = http().post("/transfers", transfer_body(a, b, 1250, "EUR", "t-out", "rent"));
  ASSERT_THAT(out, IsJson(201));
  auto in = http().post("/transfers", transfer_body(c, a, 300, "EUR", "t-in"));
  ASSERT_THAT(in, IsJson(201));

  auto r = http().get(transactions_path(a));
  ASSERT_THAT(r, IsJson(200));
  EXPECT_EQ(r.body_json["account"], a);
  json lines = r.body_json["transactions"];
  ASSERT_EQ(lines.size(), 3u) << r.body;

  EXPECT_EQ(lines[0]["id"], in.body_json["id"]);
  EXPECT_EQ(lines[0]["kind"], "transfer_in");
  EXPECT_THAT(lines[0]["amount"], IsMoney(300));
  EXPECT_THAT(lines[0]["balance_after"], IsMoney(4050));
  EXPECT_EQ(lines[0]["counterparty"], c);
  EXPECT_FALSE(lines[0].contains("memo")) << "no memo was given: " << lines[0].dump();

  EXPECT_EQ(lines[1]["id"], out.body_json["id"]);
  EXPECT_EQ(lines[1]["kind"], "transfer_out");
  EXPECT_THAT(lines[1]["amount"], IsMoney(1250));  // positive: the kind gives the direction
  EXPECT_THAT(lines[1]["balance_after"], IsMoney(3750));
  EXPECT_EQ(lines[1]["counterparty"], b);
  EXPECT_EQ(lines[1]["memo"], "rent");

  EXPECT_EQ(lines[2]["id"], dep.at("id"));
  EXPECT_EQ(lines[2]["kind"], "deposit");
  EXPECT_THAT(lines[2]["amount"], IsMoney(5000));
  EXPECT_THAT(lines[2]["balance_after"], IsMoney(5000));
  EXPECT_FALSE(lines[2].contains("counterparty")) << lines[2].dump();
  EXPECT_FALSE(lines[2].contains("memo")) << lines[2].dump();

  EXPECT_TRUE(HistoryChains(lines, balance(a), /*complete=*/true));
}

TEST_F(Transactions, TheReceiverSeesTheSameTransferWithItsMemo) {
  const std::string a = funded_account(5000);
  const std::string b = new_account();
  auto t = http().post("/transfers", transfer_body(a, b, 1250, "EUR", "t", "rent \xE2\x82\xAC"));
  ASSERT_THAT(t, IsJson(201));
  json lines = transactions(b);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["id"], t.body_json["id"]);
  EXPECT_EQ(lines[0]["kind"], "transfer_in");
  EXPECT_THAT(lines[0]["amount"], IsMoney(1250));
  EXPECT_THAT(lines[0]["balance_after"], IsMoney(1250));
  EXPECT_EQ(lines[0]["counterparty"], a);
  EXPECT_EQ(lines[0]["memo"], "rent \xE2\x82\xAC");
}

TEST_F(Transactions, LongMemoIsEchoedWhole) {
  const std::string a = funded_account(10);
  const std::string b = new_account();
  const std::string memo = bytes(kMaxMemoBytes, 'm');
  ASSERT_THAT(http().post("/transfers", transfer_body(a, b, 1, "EUR", "t", memo)), IsJson(201));
  EXPECT_EQ(transactions(a)[0]["memo"], memo);
  EXPECT_EQ(transactions(b)[0]["memo"], memo);
}

TEST_F(Transactions, BalancesChainAcrossMixedOperations) {
  const std::string a = new_account();
  const std::string b = new_account();
  deposit(a, 1000);
  deposit(b, 10);
  for (int i = 1; i <= 10; ++i) {
    transfer(a, b, i * 7);
    if (i % 3 == 0) transfer(b, a, i);
    if (i % 4 == 0) deposit(a, i * 100);
  }
  EXPECT_TRUE(HistoryChains(transactions(a), balance(a), /*complete=*/true));
  EXPECT_TRUE(HistoryChains(transactions(b), balance(b), /*complete=*/true));
}

TEST_F(Transactions, LimitDefaultsTo20NewestLines) {
  const std::string account = new_account();
  for (int i = 1; i <= 25; ++i) deposit(account, i);
  auto r = http().get(transactions_path(account));
  ASSERT_THAT(r, IsJson(200));
  json lines = r.body_json["transactions"];
  ASSERT_EQ(lines.size(), std::size_t{kDefaultLimit});
  EXPECT_THAT(lines.front()["amount"], IsMoney(25));  // the newest
  EXPECT_THAT(lines.back()["amount"], IsMoney(6));
  EXPECT_TRUE(HistoryChains(lines, balance(account), /*complete=*/false));
}

TEST_F(Transactions, LimitSelectsTheNewestLines) {
  const std::string account = new_account();
  for (int i = 1; i <= 5; ++i) deposit(account, i);
  json one = transactions(account, 1);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_THAT(one[0]["amount"], IsMoney(5));
  json three = transactions(account, 3);
  ASSERT_EQ(three.size(), 3u);
  EXPECT_THAT(three[2]["amount"], IsMoney(3));
  EXPECT_EQ(transactions(account, 1000).size(), 5u);  // fewer lines than the limit: all of them
}

TEST_F(Transactions, LimitGoesUpTo1000) {
  const std::string account = new_account();
  constexpr int kLines = kMaxLimit + 1;
  for (int i = 1; i <= kLines; ++i) deposit(account, i);
  json lines = transactions(account, kMaxLimit);
  ASSERT_EQ(lines.size(), std::size_t{kMaxLimit});
  EXPECT_THAT(lines.front()["amount"], IsMoney(kLines));
  EXPECT_THAT(lines.back()["amount"], IsMoney(2));
  EXPECT_TRUE(HistoryChains(lines, balance(account), /*complete=*/false));
}

TEST_F(Transactions, LimitOutsideOneTo1000OrNotAnIntegerIs400) {
  const std::string account = new_account();
  deposit(account, 5);
  for (const char* limit :
       {"0", "1001", "-1", "abc", "", "1.5", "20abc", "1e2", "0x10", "99999999999999999999"}) {
    EXPECT_THAT(http().get(transactions_path(account, limit)), IsError(400, "bad_request"))
        << "limit=" << limit;
  }
}

TEST_F(Transactions, UnknownAccountIs404AccountNotFound) {
  new_account();
  EXPECT_THAT(http().get(transactions_path("no-such-account")), IsError(404, "account_not_found"));
  EXPECT_THAT(http().get(transactions_path("no-such-account", "5")),
              IsError(404, "account_not_found"));
}

}  // namespace
}  // namespace archbench::conformance
