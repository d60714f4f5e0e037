// lab04-cost: what the strong types cost. Runs one seeded list of transfers twice: through your
// Account (Amount, Currency, Money, transfer) and through the primitive version below (int64 and
// std::string, the same checks written by hand), checks that both end with the same balances,
// then prints the time per transfer of each. For instructions instead of nanoseconds (stable on
// a busy machine), run one variant at a time under callgrind (README.md, "Measure it").
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "account.hpp"
#include "money.hpp"

namespace {

using namespace archbench::lab04;

constexpr int kAccounts = 16;
constexpr std::int64_t kOpening = 1'000'000'000;

struct Order {
  int from = 0;
  int to = 0;
  std::int64_t minor_units = 0;
  std::string currency;
};

// Mostly valid transfers between EUR accounts; 1 in 64 names USD (refused: currency mismatch).
std::vector<Order> orders(int count) {
  std::mt19937_64 rng(42);
  std::vector<Order> all;
  all.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    Order order;
    order.from = static_cast<int>(rng() % kAccounts);
    order.to = static_cast<int>((static_cast<unsigned>(order.from) + 1 + rng() % (kAccounts - 1)) %
                                kAccounts);
    order.minor_units = static_cast<std::int64_t>(1 + rng() % 10'000);
    order.currency = rng() % 64 == 0 ? "USD" : "EUR";
    all.push_back(std::move(order));
  }
  return all;
}

// The primitive version: what the starter's callers had to remember to check, every time.
struct RawAccount {
  std::string id;
  std::string currency;
  std::int64_t balance = 0;
};

bool raw_transfer(RawAccount& from, RawAccount& to, std::int64_t amount,
                  const std::string& currency) {
  if (amount < 1 || amount > 1'000'000'000'000) return false;
  if (currency.size() != 3) return false;
  for (const char c : currency) {
    if (c < 'A' || c > 'Z') return false;
  }
  if (from.currency != currency || to.currency != currency) return false;
  if (from.balance < amount) return false;
  if (to.balance > std::numeric_limits<std::int64_t>::max() - amount) return false;
  from.balance -= amount;
  to.balance += amount;
  return true;
}

std::vector<std::int64_t> run_raw(const std::vector<Order>& all) {
  std::vector<RawAccount> accounts(kAccounts);
  for (int i = 0; i < kAccounts; ++i) {
    accounts[static_cast<std::size_t>(i)] = {"acc-" + std::to_string(i), "EUR", kOpening};
  }
  for (const Order& order : all) {
    (void)raw_transfer(accounts[static_cast<std::size_t>(order.from)],
                       accounts[static_cast<std::size_t>(order.to)], order.minor_units,
                       order.currency);
  }
  std::vector<std::int64_t> balances;
  balances.reserve(accounts.size());
  for (const RawAccount& account : accounts) balances.push_back(account.balance);
  return balances;
}

std::vector<std::int64_t> run_strong(const std::vector<Order>& all) {
  std::vector<Account> accounts;
  accounts.reserve(kAccounts);
  for (int i = 0; i < kAccounts; ++i) {
    accounts.emplace_back(AccountId(std::string("acc-") + std::to_string(i)),
                          std::get<Currency>(Currency::from_code("EUR")));
    (void)accounts.back().deposit(std::get<Amount>(Amount::from_minor_units(kOpening)));
  }
  for (const Order& order : all) {
    const auto amount = Amount::from_minor_units(order.minor_units);
    const auto currency = Currency::from_code(order.currency);
    if (std::holds_alternative<Refusal>(amount) || std::holds_alternative<Refusal>(currency)) {
      continue;
    }
    (void)transfer(accounts[static_cast<std::size_t>(order.from)],
                   accounts[static_cast<std::size_t>(order.to)],
                   Money(std::get<Amount>(amount), std::get<Currency>(currency)));
  }
  std::vector<std::int64_t> balances;
  balances.reserve(accounts.size());
  for (const Account& account : accounts) balances.push_back(account.balance().minor_units());
  return balances;
}

template <class Run>
double nanoseconds_per_transfer(Run run, const std::vector<Order>& all) {
  const auto start = std::chrono::steady_clock::now();
  const auto balances = run(all);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  if (balances.empty()) std::puts("");  // keeps the result alive
  return static_cast<double>(std::chrono::nanoseconds(elapsed).count()) /
         static_cast<double>(all.size());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("lab04-cost: the primitive ledger and yours, on the same transfers");
  int count = 1'000'000;
  std::string variant = "both";
  app.add_option("--transfers", count, "how many transfers")->check(CLI::PositiveNumber);
  app.add_option("--variant", variant, "raw, strong or both (one at a time under callgrind)")
      ->check(CLI::IsMember({"raw", "strong", "both"}));
  CLI11_PARSE(app, argc, argv);

  const auto all = orders(count);
  // Check the answer before timing it: both versions must end with the same balances.
  const auto few = orders(std::min(count, 10'000));
  if (run_raw(few) != run_strong(few)) {
    std::fprintf(stderr,
                 "lab04-cost: your Account ends with other balances than the primitive "
                 "version: fix the tests first\n");
    return 1;
  }
  // `measure: <key> <value> <unit>` lines are what scripts/lab measure 04 collects.
  double raw = 0;
  double strong = 0;
  if (variant != "strong") {
    raw = nanoseconds_per_transfer(run_raw, all);
    std::printf("raw     %8.2f ns per transfer\nmeasure: raw-ns-per-transfer %.2f ns\n", raw, raw);
  }
  if (variant != "raw") {
    strong = nanoseconds_per_transfer(run_strong, all);
    std::printf("strong  %8.2f ns per transfer\nmeasure: strong-ns-per-transfer %.2f ns\n", strong,
                strong);
  }
  if (raw > 0 && strong > 0) std::printf("measure: strong-over-raw %.3f x\n", strong / raw);
  return 0;
}
