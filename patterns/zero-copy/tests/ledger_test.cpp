// The zero-copy Ledger on its own, without HTTP: what the conformance suite cannot see from
// outside (history chains through one journal, arena-kept text outliving the request's bytes)
// and its one mutex under several threads (this case also runs under ThreadSanitizer).
#include "zero-copy/state/ledger.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace archbench::zero_copy {
namespace {

std::uint32_t open(Ledger& ledger) {
  const auto opened = ledger.open_account({.owner = "Ada", .currency = "EUR"});
  return std::get<AccountSnapshot>(opened).index;
}

TransferView transfer(std::string_view from, std::string_view to, ledger::Money amount,
                      std::string_view request_id) {
  return {.from = from,
          .to = to,
          .amount = amount,
          .currency = "EUR",
          .request_id = request_id,
          .memo = std::nullopt};
}

TEST(ZeroCopyLedger, HistoriesAreChainsThroughOneJournalNewestFirst) {
  Ledger ledger;
  (void)open(ledger);
  (void)open(ledger);
  ASSERT_TRUE(std::holds_alternative<DepositDone>(ledger.deposit("acc-1", {100, "d1"})));
  ASSERT_TRUE(
      std::holds_alternative<TransferDone>(ledger.transfer(transfer("acc-1", "acc-2", 30, "t1"))));
  ASSERT_TRUE(std::holds_alternative<DepositDone>(ledger.deposit("acc-2", {5, "d2"})));
  std::vector<Line> lines;
  ASSERT_FALSE(ledger.history("acc-1", 20, lines));
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].kind, ledger::TransactionKind::transfer_out);
  EXPECT_EQ(lines[0].balance_after, 70);
  EXPECT_EQ(lines[0].counterparty, 1U);
  EXPECT_EQ(lines[1].kind, ledger::TransactionKind::deposit);
  ASSERT_FALSE(ledger.history("acc-2", 1, lines));  // the limit counts from the newest
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].kind, ledger::TransactionKind::deposit);
  EXPECT_EQ(lines[0].balance_after, 35);
  EXPECT_TRUE(ledger.history("acc-3", 20, lines));  // account_not_found
}

// What must outlive the request is copied: the caller's bytes can change or go.
TEST(ZeroCopyLedger, KeptTextOutlivesTheRequestsBytes) {
  Ledger ledger;
  (void)open(ledger);
  (void)open(ledger);
  (void)ledger.deposit("acc-1", {100, "d"});
  std::string request_id = "transfer-request-id-longer-than-sso";
  std::string memo = "a memo longer than the short string buffer";
  TransferView request = transfer("acc-1", "acc-2", 10, request_id);
  request.memo = memo;
  const auto first = std::get<TransferDone>(ledger.transfer(request));
  const std::string original_memo = memo;
  memo.assign(memo.size(), 'x');  // the request's buffer is reused for the next request
  request_id.assign(request_id.size(), 'y');
  std::vector<Line> lines;
  ASSERT_FALSE(ledger.history("acc-2", 20, lines));
  ASSERT_TRUE(lines[0].memo.has_value());
  EXPECT_EQ(*lines[0].memo, original_memo);
  // The replay is found by the original request_id's bytes, not by the caller's buffer.
  std::string again_id = "transfer-request-id-longer-than-sso";
  std::string again_memo = original_memo;
  TransferView again = transfer("acc-1", "acc-2", 10, again_id);
  again.memo = again_memo;
  EXPECT_EQ(std::get<TransferDone>(ledger.transfer(again)).number, first.number);
}

TEST(ZeroCopyLedger, ConcurrentTransfersKeepTheSum) {
  constexpr int kAccounts = 4;
  constexpr int kThreads = 4;
  constexpr int kTransfersPerThread = 500;
  Ledger ledger;
  std::vector<std::string> ids;
  for (int i = 0; i < kAccounts; ++i) {
    ids.push_back(std::string(account_id(open(ledger)).view()));
    (void)ledger.deposit(ids.back(), {1000, "seed-" + std::to_string(i)});
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kTransfersPerThread; ++i) {
        const auto& from = ids[static_cast<std::size_t>((t + i) % kAccounts)];
        const auto& to = ids[static_cast<std::size_t>((t + 2 * i + 1) % kAccounts)];
        if (from == to) continue;
        const std::string rid = "c-" + std::to_string(t) + "-" + std::to_string(i);
        const auto outcome = ledger.transfer(transfer(from, to, 1 + i % 300, rid));
        const auto* error = std::get_if<ledger::Error>(&outcome);
        EXPECT_TRUE(error == nullptr || error->code == ledger::ErrorCode::insufficient_funds);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ledger::Money sum = 0;
  for (const std::string& id : ids) {
    const auto balance = std::get<AccountSnapshot>(ledger.account(id)).balance;
    EXPECT_GE(balance, 0);
    sum += balance;
  }
  EXPECT_EQ(sum, kAccounts * 1000);
}

}  // namespace
}  // namespace archbench::zero_copy
