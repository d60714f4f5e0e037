// Reading DIR back at start.
#include "actor/actors/recovery.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "actor/actors/actor_pool.hpp"

namespace archbench::actor {
namespace {

namespace fs = std::filesystem;

std::string layout_of(const ActorOptions& options) {
  return options.granularity == Granularity::account ? "account"
                                                     : "shard:" + std::to_string(options.shards);
}

// Writes DIR/layout the first time; refuses a DIR whose layout is another.
void check_layout(const ActorOptions& options) {
  fs::create_directories(options.journal_dir);
  const fs::path path = fs::path(options.journal_dir) / "layout";
  const std::string layout = layout_of(options);
  if (std::ifstream in(path); in) {
    std::string found;
    std::getline(in, found);
    if (found != layout) {
      throw std::runtime_error("--journal " + options.journal_dir +
                               " holds journals of --granularity " + found + ", not " + layout +
                               ": start with that granularity");
    }
    return;
  }
  std::ofstream(path) << layout << '\n';
}

// Moves `next` past N if `id` is prefix-N.
void move_past(std::atomic<std::uint64_t>& next, std::string_view id, std::string_view prefix) {
  if (!id.starts_with(prefix)) return;
  std::uint64_t number = 0;
  const char* first = id.data() + prefix.size();
  const auto [end, error] = std::from_chars(first, id.data() + id.size(), number);
  if (error != std::errc{} || end != id.data() + id.size()) return;
  if (number >= next.load(std::memory_order_relaxed)) next.store(number + 1);
}

}  // namespace

void move_past_ids(const Journal& journal, Sequences& ids) {
  for (const Event& event : journal.events()) {
    switch (event.kind) {
      case Event::Kind::opened:
        move_past(ids.account, event.account, "acc-");
        break;
      case Event::Kind::deposited:
        move_past(ids.deposit, event.id, "dep-");
        break;
      case Event::Kind::debited:
        move_past(ids.transfer, event.id, "tr-");
        break;
      default:
        break;
    }
  }
}

namespace {

// Reads every journal, each in its own order (an account's events are all in its owner's).
class Reconciler {
 public:
  void read(const Journal& journal) {
    for (const Event& event : journal.events()) read(event);
  }

  Reconciled result(std::size_t registries) && {
    Reconciled out;
    out.registries.resize(registries);
    auto registry_of = [&](const std::string& request_id) -> RestoredClaims& {
      return out.registries[ActorPool::index_for(request_id, registries)];
    };
    for (auto& [request_id, deposit] : deposits_) {
      DepositClaim claim{deposit.account, deposit.amount};
      registry_of(request_id)
          .deposits.emplace_back(request_id, std::move(claim), std::move(deposit));
    }
    for (auto& [request_id, debit] : debits_) {
      auto& [request, transfer] = debit;
      reservations_.erase(request_id);  // rolled forward, not released
      if (credits_.contains(request_id)) {
        registry_of(request_id).transfers.emplace_back(std::move(request), std::move(transfer));
      } else {
        registry_of(request_id).unfinished.push_back(std::move(request));
      }
    }
    for (auto& [request_id, reservation] : reservations_) {
      out.stale_reservations.push_back(std::move(reservation));
    }
    return out;
  }

 private:
  void read(const Event& event) {
    using Kind = Event::Kind;
    switch (event.kind) {
      case Kind::opened:
        currencies_[event.account] = event.currency;
        balances_[event.account] = event.amount;
        break;
      case Kind::deposited:
        balances_[event.account] += event.amount;
        deposits_[event.request_id] = {.id = event.id,
                                       .account = event.account,
                                       .amount = event.amount,
                                       .balance = balances_[event.account]};
        break;
      case Kind::reserved:
        reservations_[event.request_id] = {event.account, event.amount, event.request_id};
        break;
      case Kind::debited: {
        balances_[event.account] -= event.amount;
        const std::string& currency = currencies_[event.account];
        debits_[event.request_id] = {ledger::TransferRequest{.from = event.account,
                                                             .to = event.counterparty,
                                                             .amount = event.amount,
                                                             .currency = currency,
                                                             .request_id = event.request_id,
                                                             .memo = event.memo},
                                     ledger::Transfer{.id = event.id,
                                                      .from = event.account,
                                                      .to = event.counterparty,
                                                      .amount = event.amount,
                                                      .currency = currency}};
        break;
      }
      case Kind::credited:
        balances_[event.account] += event.amount;
        credits_.insert(event.request_id);
        reservations_.erase(event.request_id);
        break;
      case Kind::released:
        reservations_.erase(event.request_id);
        break;
    }
  }

  std::unordered_map<std::string, std::string> currencies_;
  std::unordered_map<std::string, ledger::Money> balances_;
  std::unordered_map<std::string, ledger::Deposit> deposits_;
  std::unordered_map<std::string, std::pair<ledger::TransferRequest, ledger::Transfer>> debits_;
  std::unordered_set<std::string> credits_;
  std::unordered_map<std::string, ReleaseCredit> reservations_;
};

}  // namespace

Reconciled reconcile(const OpenedJournals& journals, std::size_t registries) {
  Reconciler reconciler;
  for (const auto& journal : journals.shards) reconciler.read(*journal);
  for (const RecoveredJournals& directory : journals.directories) {
    for (const auto& [id, journal] : directory) reconciler.read(*journal);
  }
  return std::move(reconciler).result(registries);
}

OpenedJournals open_journals(const ActorOptions& options, Sequences& ids) {
  const JournalPlace place{options.journal_dir, options.journal_sync};
  OpenedJournals opened;
  if (!options.journal_dir.empty()) check_layout(options);
  if (options.granularity == Granularity::shard) {
    for (std::size_t i = 0; i < options.shards; ++i) {
      opened.shards.push_back(place.open("shard-" + std::to_string(i)));
      move_past_ids(*opened.shards.back(), ids);
    }
    return opened;
  }
  opened.directories.resize(options.shards);
  if (options.journal_dir.empty()) return opened;
  for (const fs::directory_entry& entry : fs::directory_iterator(options.journal_dir)) {
    if (entry.path().extension() != ".journal") continue;
    const std::string id = entry.path().stem().string();
    auto journal = place.open(id);
    move_past_ids(*journal, ids);
    opened.directories[ActorPool::index_for(id, options.shards)].emplace_back(id,
                                                                              std::move(journal));
  }
  return opened;
}

}  // namespace archbench::actor
