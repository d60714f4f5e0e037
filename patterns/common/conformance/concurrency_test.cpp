// Many clients at once: the ledger's invariant (per currency, balances sum to the successful
// deposits), histories that still chain, no overdraft under a race, and concurrent replays of
// one request_id that take effect exactly once.
//
// Client threads are bounded by both an operation count and a deadline, and every check is on
// final state, never on timing, so a slow or noisy machine makes the test slower, not flaky.
#include <algorithm>
#include <barrier>
#include <map>
#include <random>
#include <thread>

#include "common/conformance/ledger_fixture.hpp"

namespace archbench::conformance {
namespace {

using Concurrency = LedgerTest;

constexpr int kThreads = 4;
constexpr int kOpsPerThread = 400;  // with 8 accounts, keeps histories under 1000 lines
constexpr auto kDeadline = std::chrono::seconds(2);

struct Account {
  std::string id;
  std::string currency;
};

// What one client thread saw.
struct ClientLog {
  std::map<std::string, Money> deposited;  // per currency, successful deposits only
  int deposits = 0;
  std::map<std::string, Money> transfers;  // transfer id -> amount, successful only
  std::vector<std::string> unexpected;     // answers the contract does not allow here
};

// One thread of random deposits, transfers and small batches among `accounts`.
ClientLog random_client(const std::string& host, std::uint16_t port,
                        const std::vector<Account>& accounts, unsigned seed) {
  ClientLog log;
  HttpClient client(host, port);
  std::mt19937 random(seed);
  auto pick = [&] { return accounts[random() % accounts.size()]; };
  auto amount = [&](Money max) { return Money{1} + static_cast<Money>(random() % max); };
  auto transfer_item = [&](int n) {
    const Account from = pick();
    const Account to = pick();
    // Mostly the source's currency, sometimes the other one: mismatches must be refused cleanly.
    const std::string currency =
        random() % 8 == 0 ? (from.currency == "EUR" ? "USD" : "EUR") : from.currency;
    return transfer_body(from.id, to.id, amount(3000), currency,
                         "s" + std::to_string(seed) + "-" + std::to_string(n));
  };
  auto record_transfer = [&](const std::string& id, Money value) {
    if (!log.transfers.emplace(id, value).second) log.unexpected.push_back("repeated id " + id);
  };
  // A refusal is fine when it is one the contract allows for a well-formed request.
  auto allowed_refusal = [](int status, const json& error) {
    const std::string code = error.is_object() ? error.value("code", "") : "";
    return (status == 409 && code == "insufficient_funds") ||
           (status == 422 && (code == "same_account" || code == "currency_mismatch"));
  };

  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  for (int n = 0; n < kOpsPerThread && std::chrono::steady_clock::now() < deadline; ++n) {
    const unsigned dice = random() % 10;
    if (dice < 2) {
      const Account account = pick();
      const Money value = amount(1000);
      auto r =
          client.post(deposits_path(account.id),
                      deposit_body(value, "d" + std::to_string(seed) + "-" + std::to_string(n)));
      if (r.status == 201) {
        log.deposited[account.currency] += value;
        ++log.deposits;
      } else {
        log.unexpected.push_back("deposit: " + std::to_string(r.status) + " " + r.body);
      }
    } else if (dice < 9) {
      const json body = transfer_item(n);
      auto r = client.post("/transfers", body);
      if (r.status == 201 && r.body_json.is_object()) {
        record_transfer(r.body_json.value("id", ""), body.at("amount").get<Money>());
      } else if (!allowed_refusal(r.status, r.body_json.is_object()
                                                ? r.body_json.value("error", json())
                                                : json())) {
        log.unexpected.push_back("transfer: " + std::to_string(r.status) + " " + r.body);
      }
    } else {
      json items = json::array();
      for (int i = 0; i < 3; ++i) items.push_back(transfer_item(n * 10 + i + 100'000));
      auto r = client.post("/transfers/batch", json{{"transfers", items}});
      if (r.status != 200 || !r.body_json.is_object() || !r.body_json.contains("results")) {
        log.unexpected.push_back("batch: " + std::to_string(r.status) + " " + r.body);
        continue;
      }
      const json& results = r.body_json.at("results");
      for (std::size_t i = 0; i < results.size() && i < items.size(); ++i) {
        const int status = results[i].value("status", 0);
        if (status == 201) {
          record_transfer(results[i].value("id", ""), items[i].at("amount").get<Money>());
        } else if (!allowed_refusal(status, results[i].value("error", json()))) {
          log.unexpected.push_back("batch item: " + results[i].dump());
        }
      }
    }
  }
  return log;
}

TEST_F(Concurrency, RandomTrafficKeepsTheInvariantAndTheHistories) {
  std::vector<Account> accounts;
  std::map<std::string, Money> deposited;  // per currency
  int deposits = 0;
  for (const char* currency : {"EUR", "EUR", "EUR", "EUR", "USD", "USD", "USD", "USD"}) {
    accounts.push_back({new_account(currency), currency});
    deposit(accounts.back().id, 10'000);
    deposited[currency] += 10'000;
    ++deposits;
  }

  std::vector<ClientLog> logs(kThreads);
  {
    std::vector<std::jthread> clients;
    for (int t = 0; t < kThreads; ++t) {
      clients.emplace_back([&, t] {
        logs[static_cast<std::size_t>(t)] = random_client(backend().host(), backend().port(),
                                                          accounts, static_cast<unsigned>(t + 1));
      });
    }
  }

  std::map<std::string, Money> transfers;  // id -> amount, every successful transfer
  for (const auto& log : logs) {
    for (const auto& line : log.unexpected) ADD_FAILURE() << "unexpected answer: " << line;
    for (const auto& [currency, sum] : log.deposited) deposited[currency] += sum;
    deposits += log.deposits;
    for (const auto& [id, value] : log.transfers) {
      EXPECT_TRUE(transfers.emplace(id, value).second) << "transfer id " << id << " given twice";
    }
  }
  RecordProperty("successful_transfers", static_cast<int>(transfers.size()));
  RecordProperty("successful_deposits", deposits);

  // The invariant, and every history whole and chaining to its account's balance.
  std::map<std::string, Money> held;  // per currency
  int deposit_lines = 0;
  // Each transfer's two lines: (account, counterparty) of its transfer_out and transfer_in.
  struct Sides {
    std::vector<std::pair<std::string, std::string>> out, in;
  };
  std::map<std::string, Sides> seen;
  std::size_t longest = 0;
  for (const auto& account : accounts) {
    const Money current = balance(account.id);
    EXPECT_GE(current, 0) << account.id;
    held[account.currency] += current;
    json lines = transactions(account.id, kMaxLimit);
    ASSERT_LT(lines.size(), std::size_t{kMaxLimit}) << "the test made histories too long to check";
    longest = std::max(longest, lines.size());
    EXPECT_TRUE(HistoryChains(lines, current, /*complete=*/true)) << account.id;
    for (auto& line : lines) {
      const std::string kind = line.value("kind", "");
      if (kind == "deposit") {
        ++deposit_lines;
        continue;
      }
      const std::string id = line.value("id", "");
      auto it = transfers.find(id);
      if (it == transfers.end()) {
        ADD_FAILURE() << "a transfer line no client saw succeed: " << line.dump();
        continue;
      }
      EXPECT_THAT(line["amount"], IsMoney(it->second)) << line.dump();
      (kind == "transfer_out" ? seen[id].out : seen[id].in)
          .emplace_back(account.id, line.value("counterparty", ""));
    }
  }
  RecordProperty("longest_history", static_cast<int>(longest));
  EXPECT_EQ(held, deposited) << "per currency, balances must add up to the deposits";
  EXPECT_EQ(deposit_lines, deposits);
  for (const auto& [id, value] : transfers) {
    const Sides& sides = seen[id];
    ASSERT_EQ(sides.out.size(), 1u) << "transfer_out lines of transfer " << id;
    ASSERT_EQ(sides.in.size(), 1u) << "transfer_in lines of transfer " << id;
    EXPECT_EQ(sides.out[0].first, sides.in[0].second) << "the receiver names the sender " << id;
    EXPECT_EQ(sides.in[0].first, sides.out[0].second) << "the sender names the receiver " << id;
  }
}

TEST_F(Concurrency, RacingTransfersNeverOverdraw) {
  const std::string from = funded_account(1000);
  const std::string to = new_account();
  constexpr int kRacers = 8;
  constexpr int kTriesEach = 5;  // 40 tries of 100 against a balance of 1000
  std::barrier start(kRacers);
  std::vector<std::vector<int>> statuses(kRacers);
  {
    std::vector<std::jthread> racers;
    for (int t = 0; t < kRacers; ++t) {
      racers.emplace_back([&, t] {
        HttpClient client(backend().host(), backend().port());
        start.arrive_and_wait();
        for (int i = 0; i < kTriesEach; ++i) {
          auto r = client.post("/transfers", transfer_body(from, to, 100, "EUR",
                                                           "race-" + std::to_string(t * 100 + i)));
          statuses[static_cast<std::size_t>(t)].push_back(r.status);
        }
      });
    }
  }
  int created = 0;
  int refused = 0;
  for (const auto& list : statuses) {
    for (const int status : list) {
      created += status == 201;
      refused += status == 409;
    }
  }
  EXPECT_EQ(created, 10);
  EXPECT_EQ(refused, kRacers * kTriesEach - 10);
  EXPECT_EQ(balance(from), 0);
  EXPECT_EQ(balance(to), 1000);
  EXPECT_TRUE(HistoryChains(transactions(from), 0, /*complete=*/true));
}

// Fires `threads` copies of a request at once, `rounds` times; returns the answers per round.
template <typename Send>
std::vector<std::vector<HttpResponse>> fire_together(const BackendProcess& backend, int threads,
                                                     int rounds, Send send) {
  std::vector<std::vector<HttpResponse>> answers(
      static_cast<std::size_t>(rounds),
      std::vector<HttpResponse>(static_cast<std::size_t>(threads)));
  std::barrier sync(threads);
  std::vector<std::jthread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      HttpClient client(backend.host(), backend.port());
      for (int round = 0; round < rounds; ++round) {
        sync.arrive_and_wait();
        answers[static_cast<std::size_t>(round)][static_cast<std::size_t>(t)] =
            send(client, round, t);
      }
    });
  }
  workers.clear();  // joins
  return answers;
}

TEST_F(Concurrency, ConcurrentReplaysOfADepositTakeEffectOnce) {
  const std::string account = new_account();
  constexpr int kRounds = 20;
  const auto answers =
      fire_together(backend(), 6, kRounds, [&](HttpClient& client, int round, int) {
        return client.post(deposits_path(account),
                           deposit_body(100, "same-" + std::to_string(round)));
      });
  for (const auto& round : answers) {
    for (const auto& answer : round) {
      EXPECT_THAT(answer, IsJson(201));
      EXPECT_EQ(answer.body_json, round.front().body_json)
          << "every replay answers the first answer";
    }
  }
  EXPECT_EQ(balance(account), 100 * kRounds);
  json lines = transactions(account);
  EXPECT_EQ(lines.size(), std::size_t{kRounds});
  EXPECT_TRUE(HistoryChains(lines, 100 * kRounds, /*complete=*/true));
}

TEST_F(Concurrency, ConcurrentReplaysOfATransferTakeEffectOnce) {
  constexpr int kRounds = 20;
  const std::string from = funded_account(100 * kRounds);
  const std::string to = new_account();
  const auto answers =
      fire_together(backend(), 6, kRounds, [&](HttpClient& client, int round, int) {
        return client.post("/transfers",
                           transfer_body(from, to, 100, "EUR", "same-" + std::to_string(round)));
      });
  for (const auto& round : answers) {
    for (const auto& answer : round) {
      EXPECT_THAT(answer, IsJson(201));
      EXPECT_EQ(answer.body_json, round.front().body_json);
    }
  }
  EXPECT_EQ(balance(from), 0);
  EXPECT_EQ(balance(to), 100 * kRounds);
  EXPECT_EQ(transactions(to).size(), std::size_t{kRounds});
}

TEST_F(Concurrency, RacingBodiesUnderOneRequestIdLetExactlyOneWin) {
  const std::string account = new_account();
  constexpr int kRounds = 20;
  constexpr int kThreadsRacing = 6;
  // Every thread deposits a different amount under the round's request_id.
  const auto answers =
      fire_together(backend(), kThreadsRacing, kRounds, [&](HttpClient& client, int round, int t) {
        return client.post(deposits_path(account),
                           deposit_body(t + 1, "contested-" + std::to_string(round)));
      });
  Money expected = 0;
  for (const auto& round : answers) {
    int winners = 0;
    for (std::size_t t = 0; t < round.size(); ++t) {
      if (round[t].status == 201) {
        ++winners;
        expected += static_cast<Money>(t) + 1;
      } else {
        EXPECT_THAT(round[t], IsError(409, "idempotency_conflict"));
      }
    }
    EXPECT_EQ(winners, 1);
  }
  EXPECT_EQ(balance(account), expected);
  EXPECT_EQ(transactions(account).size(), std::size_t{kRounds});
}

}  // namespace
}  // namespace archbench::conformance
