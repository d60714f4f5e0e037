// Properties of the two contexts together, checked on random command sequences (RapidCheck
// picks them and, on a failure, shrinks the sequence to a minimal one and prints its seed;
// RC_PARAMS="seed=N" replays it). After every command:
//   - no balance is negative, and per currency the balances add up to the deposits made
//     (transfers only move money);
//   - a refused command changes no balance and publishes nothing;
//   - a replayed command (same request id, same order) answers as the first time and changes
//     nothing;
//   - every account's statement ends on its balance (the Statements context agrees with the
//     Ledger through the events alone).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "ddd/ledger/ledger.hpp"
#include "ddd/statements/ledger_translator.hpp"
#include "ddd/statements/statements.hpp"

namespace archbench::ddd {
namespace {

constexpr std::array<const char*, 2> kCurrencies = {"EUR", "USD"};

// Forwards to the translator and counts: a replay or a refusal must publish nothing.
class CountingSubscriber final : public ledger::EventSubscriber {
 public:
  explicit CountingSubscriber(ledger::EventSubscriber& next) : next_(next) {}
  void on(const ledger::AccountOpened& event) override { ++count, next_.on(event); }
  void on(const ledger::FundsDeposited& event) override { ++count, next_.on(event); }
  void on(const ledger::TransferCompleted& event) override { ++count, next_.on(event); }
  int count = 0;

 private:
  ledger::EventSubscriber& next_;
};

struct World {
  statements::Statements statements;
  statements::LedgerTranslator translator{statements};
  CountingSubscriber counter{translator};
  ledger::Ledger ledger{counter};
  std::vector<AccountId> accounts;
  std::map<std::string, std::int64_t> deposited;  // per currency code

  [[nodiscard]] std::vector<std::int64_t> balances() const {
    std::vector<std::int64_t> all;
    all.reserve(accounts.size());
    for (const auto& id : accounts) all.push_back(ledger.find(id)->balance().minor_units());
    return all;
  }

  void check_invariants() const {
    std::map<std::string, std::int64_t> sums;
    for (const auto& id : accounts) {
      const ledger::Account& account = *ledger.find(id);
      RC_ASSERT(account.balance().minor_units() >= 0);
      sums[std::string(account.currency().code())] += account.balance().minor_units();
      RC_ASSERT(statements.find(id)->closing_balance() == account.balance());
    }
    for (const auto& [code, sum] : sums) {
      const auto it = deposited.find(code);
      RC_ASSERT(sum == (it == deposited.end() ? 0 : it->second));
    }
  }
};

// An amount: mostly small (so that transfers often succeed), sometimes anything in range,
// sometimes out of range (the factory must refuse it).
std::int64_t pick_units() {
  return *rc::gen::weightedOneOf<std::int64_t>(
      {{6, rc::gen::inRange<std::int64_t>(1, 2000)},
       {2, rc::gen::inRange<std::int64_t>(1, Amount::kMax + 1)},
       {1, rc::gen::inRange<std::int64_t>(-5, 1)}});
}

const AccountId& pick_account(const World& world) {
  return world.accounts[*rc::gen::inRange<std::size_t>(0, world.accounts.size())];
}

// A request id from a small pool, so that ids collide: replays and conflicts happen.
ledger::RequestId pick_request_id() {
  return ledger::RequestId("r" + std::to_string(*rc::gen::inRange(0, 6)));
}

void deposit(World& world) {
  const auto amount = Amount::from_minor_units(pick_units());
  if (std::holds_alternative<Refusal>(amount)) return;  // the edge answers 422 here
  const AccountId& account = pick_account(world);
  const ledger::DepositOrder order{account, std::get<Amount>(amount), pick_request_id()};
  const auto before = world.balances();
  const int events = world.counter.count;
  const auto first = world.ledger.deposit(order);
  if (std::holds_alternative<Refusal>(first)) {
    RC_ASSERT(world.balances() == before);
    RC_ASSERT(world.counter.count == events);
    return;
  }
  const bool replayed = world.counter.count == events;
  if (!replayed) {
    world.deposited[std::string(world.ledger.find(account)->currency().code())] +=
        order.amount.minor_units();
  }
  // The same order again: the first answer, and nothing changes.
  const auto after_first = world.balances();
  const auto again = world.ledger.deposit(order);
  RC_ASSERT(std::get<const ledger::FundsDeposited*>(again)->deposit ==
            std::get<const ledger::FundsDeposited*>(first)->deposit);
  RC_ASSERT(world.balances() == after_first);
}

void transfer(World& world) {
  const auto money = Money::from(pick_units(), kCurrencies[*rc::gen::inRange(0, 2)]);
  if (std::holds_alternative<Refusal>(money)) return;
  const AccountId& from = pick_account(world);
  const AccountId& to = pick_account(world);
  auto order = ledger::TransferOrder::place(from, to, std::get<Money>(money), pick_request_id(),
                                            std::nullopt);
  if (std::holds_alternative<Refusal>(order)) return;  // same account
  const auto& placed = std::get<ledger::TransferOrder>(order);
  const auto before = world.balances();
  const int events = world.counter.count;
  const auto first = world.ledger.transfer(placed);
  if (std::holds_alternative<Refusal>(first)) {
    RC_ASSERT(world.balances() == before);
    RC_ASSERT(world.counter.count == events);
    return;
  }
  const auto after_first = world.balances();
  const auto again = world.ledger.transfer(placed);
  RC_ASSERT(std::get<const ledger::TransferCompleted*>(again)->transfer ==
            std::get<const ledger::TransferCompleted*>(first)->transfer);
  RC_ASSERT(world.balances() == after_first);
}

RC_GTEST_PROP(DddProperties, RandomCommandsKeepTheInvariants, ()) {
  World world;
  const auto open = [&] {
    const char* code = kCurrencies[*rc::gen::inRange(0, 2)];
    world.accounts.push_back(
        world.ledger
            .open_account(ledger::Owner("owner"), std::get<Currency>(Currency::from_code(code)))
            .id());
  };
  open();
  open();
  const int steps = *rc::gen::inRange(1, 80);
  for (int step = 0; step < steps; ++step) {
    switch (*rc::gen::inRange(0, 10)) {
      case 0:
        open();
        break;
      case 1:
      case 2:
      case 3:
        deposit(world);
        break;
      default:
        transfer(world);
        break;
    }
    world.check_invariants();
  }
}

}  // namespace
}  // namespace archbench::ddd
