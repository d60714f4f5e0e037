// The scenario's load and its checks.
#include "actor/tests/chaos_scenario.hpp"

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "common/ledger/testing/in_process_client.hpp"

namespace archbench::actor::testing {
namespace {

using ledger::testing::InProcessClient;
using nlohmann::json;

constexpr int kAccounts = 6;
constexpr ledger::Money kSeed = 1000;
constexpr int kMaxAttempts = 10'000;  // a request still 503 after this many is a violation

struct Outcome {
  int status = 0;
  json body;
};

// One request, retried while it answers 503 (with the same body, so the same request_id)
// unless `give_up`; counts the 503s.
Outcome ask(InProcessClient& client, std::string_view method, const std::string& target,
            const std::string& body, bool give_up, std::atomic<int>& unavailable) {
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    const http::Response& response = client.send(method, target, body);
    Outcome outcome{response.status, json::parse(response.body, nullptr, false)};
    if (response.status != 503) return outcome;
    ++unavailable;
    if (give_up) return outcome;
  }
  return {0, {}};
}

struct Ledger {
  std::vector<std::string> accounts;
  std::mutex mutex;  // the test's own bookkeeping, across client threads
  std::map<std::string, std::pair<std::string, std::string>> acknowledged;  // tr-N -> from, to
  std::set<std::string> deposits;                                           // dep-N
  ledger::Money deposited = 0;
  int abandoned = 0;  // transfers whose client gave up after a 503
  std::vector<std::string> violations;

  void violation(std::string what) {
    const std::scoped_lock lock(mutex);
    violations.push_back(std::move(what));
  }
};

void client_thread(ActorService& service, Ledger& ledger, int thread, int round, int per_thread,
                   std::atomic<int>& unavailable) {
  InProcessClient client(service, "actor");
  const auto n = static_cast<int>(ledger.accounts.size());
  for (int i = 0; i < per_thread; ++i) {
    const std::string tag =
        std::to_string(round) + "-" + std::to_string(thread) + "-" + std::to_string(i);
    const std::string& from = ledger.accounts[static_cast<std::size_t>((thread + i) % n)];
    const std::string& to = ledger.accounts[static_cast<std::size_t>((thread + 2 * i + 1) % n)];
    if (i % 5 == 4) {  // a deposit
      const Outcome got = ask(client, "POST", "/accounts/" + to + "/deposits",
                              R"({"amount":3,"request_id":"d-)" + tag + "\"}", false, unavailable);
      if (got.status != 201) {
        ledger.violation("deposit " + tag + " answered " + std::to_string(got.status));
        continue;
      }
      const std::scoped_lock lock(ledger.mutex);
      if (!ledger.deposits.insert(got.body.value("id", "")).second) {
        ledger.violations.push_back("deposit id given twice: " + got.body.dump());
      }
      ledger.deposited += 3;
      continue;
    }
    if (from == to) continue;
    const bool give_up = i % 3 == 0;
    const Outcome got =
        ask(client, "POST", "/transfers",
            R"({"from":")" + from + R"(","to":")" + to + R"(","amount":)" +
                std::to_string(1 + i % 50) + R"(,"currency":"EUR","request_id":"t-)" + tag + "\"}",
            give_up, unavailable);
    if (got.status == 503 && give_up) {
      const std::scoped_lock lock(ledger.mutex);
      ++ledger.abandoned;
    } else if (got.status == 201) {
      const std::scoped_lock lock(ledger.mutex);
      if (!ledger.acknowledged.emplace(got.body.value("id", ""), std::pair{from, to}).second) {
        ledger.violations.push_back("transfer id given twice: " + got.body.dump());
      }
    } else if (got.status != 409 || got.body["error"].value("code", "") != "insufficient_funds") {
      ledger.violation("transfer " + tag + " answered " + std::to_string(got.status) + " " +
                       got.body.dump());
    }
  }
}

// The histories, once every transfer has ended, checked against what clients were told.
void check(ActorService& service, Ledger& ledger, std::atomic<int>& unavailable) {
  InProcessClient client(service, "actor");
  std::map<std::string, int> out_lines;  // tr-N -> lines (each must be 1)
  std::map<std::string, int> in_lines;
  std::map<std::string, int> deposit_lines;
  ledger::Money total = 0;
  for (const std::string& account : ledger.accounts) {
    const Outcome got = ask(client, "GET", "/accounts/" + account + "/transactions?limit=1000", {},
                            false, unavailable);
    if (got.status != 200) {
      ledger.violations.push_back("history of " + account + ": " + std::to_string(got.status));
      continue;
    }
    const json& lines = got.body.at("transactions");
    if (lines.size() >= 1000) ledger.violations.push_back("history too long to check: " + account);
    if (!lines.empty()) total += lines.front().at("balance_after").get<ledger::Money>();
    for (const json& line : lines) {
      const std::string id = line.at("id");
      const std::string kind = line.at("kind");
      if (kind == "transfer_out") ++out_lines[id];
      if (kind == "transfer_in") ++in_lines[id];
      if (kind == "deposit") ++deposit_lines[id];
    }
  }
  for (const auto& [id, parties] : ledger.acknowledged) {
    if (out_lines[id] != 1 || in_lines[id] != 1) {
      ledger.violations.push_back("acknowledged " + id + " is in the histories " +
                                  std::to_string(out_lines[id]) + "× out, " +
                                  std::to_string(in_lines[id]) + "× in");
    }
  }
  std::set<std::string> transfers;
  for (const auto& [id, count] : out_lines) transfers.insert(id);
  for (const auto& [id, count] : in_lines) transfers.insert(id);
  for (const std::string& id : transfers) {
    if (out_lines[id] != 1 || in_lines[id] != 1) {
      ledger.violations.push_back(id +
                                  " is half-applied or doubled: " + std::to_string(out_lines[id]) +
                                  "× out, " + std::to_string(in_lines[id]) + "× in");
    }
  }
  // Every transfer applied is one a client was told about, or one whose client gave up.
  if (transfers.size() > ledger.acknowledged.size() + static_cast<std::size_t>(ledger.abandoned)) {
    ledger.violations.push_back(std::to_string(transfers.size()) + " transfers applied for " +
                                std::to_string(ledger.acknowledged.size()) + " acknowledged and " +
                                std::to_string(ledger.abandoned) + " abandoned");
  }
  for (const std::string& id : ledger.deposits) {
    if (deposit_lines[id] != 1) ledger.violations.push_back("acknowledged " + id + " missing");
  }
  if (deposit_lines.size() != ledger.deposits.size() + kAccounts) {
    ledger.violations.push_back(std::to_string(deposit_lines.size()) + " deposits applied for " +
                                std::to_string(ledger.deposits.size()) + " acknowledged");
  }
  if (total != kAccounts * kSeed + ledger.deposited) {
    ledger.violations.push_back("total " + std::to_string(total) + ", expected " +
                                std::to_string(kAccounts * kSeed + ledger.deposited));
  }
}

// Accounts and their seed deposits, retried through the crashes. A 503 on POST /accounts may
// hide an account that was opened (the id is not idempotent): it stays unused, and empty.
void open_accounts(ActorService& service, Ledger& ledger, std::atomic<int>& unavailable) {
  InProcessClient client(service, "actor");
  while (static_cast<int>(ledger.accounts.size()) < kAccounts) {
    const Outcome got =
        ask(client, "POST", "/accounts", R"({"owner":"o","currency":"EUR"})", true, unavailable);
    if (got.status == 201) ledger.accounts.push_back(got.body.at("id"));
  }
  for (const std::string& account : ledger.accounts) {
    const Outcome got =
        ask(client, "POST", "/accounts/" + account + "/deposits",
            R"({"amount":)" + std::to_string(kSeed) + R"(,"request_id":"seed-)" + account + "\"}",
            false, unavailable);
    if (got.status != 201) ledger.violation("seed of " + account + " not applied");
  }
}

// True once no transfer is in flight anywhere (the coordinators have rolled every one of them
// forward or back), within 10 s.
bool settles(const ActorService& service) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (service.in_flight() != 0) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

}  // namespace

ChaosReport run_chaos_scenario(ActorService& service, int threads, int per_thread,
                               std::uint64_t min_restarts, int max_rounds) {
  Ledger ledger;
  std::atomic<int> unavailable{0};
  open_accounts(service, ledger, unavailable);
  // At least one round, and as many as it takes for `min_restarts` during the load itself.
  const std::uint64_t before = service.restarts();
  for (int round = 0;
       round == 0 || (round < max_rounds && service.restarts() - before < min_restarts); ++round) {
    std::vector<std::thread> clients;
    clients.reserve(static_cast<std::size_t>(threads));
    for (int t = 0; t < threads; ++t) {
      clients.emplace_back(client_thread, std::ref(service), std::ref(ledger), t, round, per_thread,
                           std::ref(unavailable));
    }
    for (std::thread& thread : clients) thread.join();
  }
  if (!settles(service)) ledger.violations.push_back("transfers still in flight after 10 s");
  check(service, ledger, unavailable);
  return {.violations = std::move(ledger.violations),
          .answered_503 = unavailable.load(),
          .acknowledged = static_cast<int>(ledger.acknowledged.size()),
          .restarts = service.restarts()};
}

}  // namespace archbench::actor::testing
