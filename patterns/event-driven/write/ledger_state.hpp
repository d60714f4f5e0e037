// The command side's state: exactly what the rules need to decide, and nothing a reader asks
// for. It is a fold over the events (apply() is the only way it changes), so a restart that
// replays the log rebuilds it exactly.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "event-driven/events/event.hpp"
#include "event-driven/log/event_log.hpp"

namespace archbench::event_driven {

class LedgerState {
 public:
  struct Account {
    std::string currency;
    Money balance = 0;
  };
  // The first answer to a request_id, and where in the log it became a fact: a retry is
  // answered as the first was, once that position is durable.
  struct DepositRecord {
    FundsDeposited event;
    Money balance_after = 0;
    Position position = 0;
  };
  struct TransferRecord {
    TransferCompleted event;
    Position position = 0;
  };

  // The fold: `event`, found at `position` of the log, happened.
  void apply(const Event& event, Position position);

  [[nodiscard]] const Account* account(std::string_view id) const;
  [[nodiscard]] const DepositRecord* deposit(std::string_view request_id) const;
  [[nodiscard]] const TransferRecord* transfer(std::string_view request_id) const;

  // How many of each fact so far: the next id is one more ("acc-" + accounts_opened() + 1).
  [[nodiscard]] std::uint64_t accounts_opened() const { return accounts_.size(); }
  [[nodiscard]] std::uint64_t deposits_made() const { return deposits_.size(); }
  [[nodiscard]] std::uint64_t transfers_made() const { return transfers_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };
  template <class V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;

  Map<Account> accounts_;
  Map<DepositRecord> deposits_;    // by request_id
  Map<TransferRecord> transfers_;  // by request_id
};

}  // namespace archbench::event_driven
