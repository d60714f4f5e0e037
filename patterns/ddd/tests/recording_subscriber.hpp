// A test double for the Ledger's EventSubscriber: keeps every event it hears, in order.
#pragma once

#include <variant>
#include <vector>

#include "ddd/ledger/events.hpp"

namespace archbench::ddd::testing {

class RecordingSubscriber final : public ledger::EventSubscriber {
 public:
  using Event =
      std::variant<ledger::AccountOpened, ledger::FundsDeposited, ledger::TransferCompleted>;
  void on(const ledger::AccountOpened& event) override { events.emplace_back(event); }
  void on(const ledger::FundsDeposited& event) override { events.emplace_back(event); }
  void on(const ledger::TransferCompleted& event) override { events.emplace_back(event); }
  std::vector<Event> events;
};

}  // namespace archbench::ddd::testing
