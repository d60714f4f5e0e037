// The read model: accounts and their transaction histories as readers ask for them, built
// only from durable events (the log feeds it, in order), so a reader never sees a write the
// log could still lose. The command side keeps its own, smaller state (write/ledger_state.hpp):
// the two sides share events, not data structures. That is CQRS.
#pragma once

#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/ledger/messages.hpp"
#include "event-driven/events/event.hpp"
#include "event-driven/log/event_log.hpp"

namespace archbench::event_driven {

class AccountsProjection {
 public:
  struct AccountView {
    ledger::Account account;
    std::vector<ledger::Transaction> history;  // oldest first
    bool operator==(const AccountView&) const = default;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };
  using Views = std::unordered_map<std::string, AccountView, Hash, std::equal_to<>>;

  // A command service whose histories are served by a projector (split/) keeps balances only.
  enum class Histories { kept, dropped };
  explicit AccountsProjection(Histories histories = Histories::kept) : histories_(histories) {}
  // The read model as a snapshot recorded it at `position` (snapshots/snapshot_format.hpp).
  AccountsProjection(Histories histories, Views views, Position position)
      : histories_(histories), accounts_(std::move(views)), position_(position) {}

  // The record at `position` is durable: apply its events. Positions arrive in order.
  void apply(const EventBatch& events, Position position);

  [[nodiscard]] std::optional<ledger::Account> account(std::string_view id) const;
  // The newest `limit` lines, newest first (none when histories are dropped); nullopt for an
  // unknown account.
  [[nodiscard]] std::optional<std::vector<ledger::Transaction>> transactions(std::string_view id,
                                                                             int limit) const;
  // Takes `rebuilt`'s contents in one step (readers see the old model or the new one, never a
  // half-built one): after the log was reopened and replayed into `rebuilt`.
  void replace_with(AccountsProjection&& rebuilt);
  // The last position applied: how far behind the log this read model is.
  [[nodiscard]] Position position() const;
  // Lets `look` see the whole read model at one position, under the read lock: what a
  // snapshot writes down. Called on the log's thread, the one writer, it sees the model at the
  // record being reported, which no apply() can move while `look` runs.
  void look_at(const std::function<void(const Views&, Position)>& look) const;

 private:
  void apply_one(const Event& event);
  AccountView& view(const std::string& id);

  void record(AccountView& view, ledger::Transaction line);

  Histories histories_;
  mutable std::shared_mutex mutex_;  // one writer (the log's thread), many readers
  Views accounts_;
  Position position_ = 0;
};

}  // namespace archbench::event_driven
