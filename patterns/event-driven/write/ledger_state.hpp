// The command side's state: exactly what the rules need to decide, and nothing a reader asks
// for. It is a fold over the events (apply() is the only way it changes), so a restart that
// replays the log rebuilds it exactly; or that restores a snapshot of the fold at a position
// (snapshots/), then replays the records after it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "event-driven/events/event.hpp"
#include "event-driven/log/event_log.hpp"

namespace archbench::event_driven {

class LedgerState {
 public:
  struct Account {
    std::string currency;
    Money balance = 0;
    bool operator==(const Account&) const = default;
  };
  // The first answer to a request_id, and where in the log it became a fact: a retry is
  // answered as the first was, once that position is durable.
  struct DepositRecord {
    FundsDeposited event;
    Money balance_after = 0;
    Position position = 0;
    bool operator==(const DepositRecord&) const = default;
  };
  struct TransferRecord {
    TransferCompleted event;
    Position position = 0;
    bool operator==(const TransferRecord&) const = default;
  };

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };
  template <class V>
  using Map = std::unordered_map<std::string, V, Hash, std::equal_to<>>;

  // What the fold has built, as plain data: what a snapshot writes down and gives back.
  struct Contents {
    Map<Account> accounts;
    Map<DepositRecord> deposits;    // by request_id
    Map<TransferRecord> transfers;  // by request_id
    bool operator==(const Contents&) const = default;
  };

  LedgerState() = default;
  // The fold as a snapshot recorded it (snapshots/snapshot_format.hpp).
  explicit LedgerState(Contents contents) : contents_(std::move(contents)) {}
  [[nodiscard]] const Contents& contents() const { return contents_; }

  // The fold: `event`, found at `position` of the log, happened.
  void apply(const Event& event, Position position);

  [[nodiscard]] const Account* account(std::string_view id) const;
  [[nodiscard]] const DepositRecord* deposit(std::string_view request_id) const;
  [[nodiscard]] const TransferRecord* transfer(std::string_view request_id) const;

  // How many of each fact so far: the next id is one more ("acc-" + accounts_opened() + 1).
  [[nodiscard]] std::uint64_t accounts_opened() const { return contents_.accounts.size(); }
  [[nodiscard]] std::uint64_t deposits_made() const { return contents_.deposits.size(); }
  [[nodiscard]] std::uint64_t transfers_made() const { return contents_.transfers.size(); }

 private:
  Contents contents_;
};

}  // namespace archbench::event_driven
