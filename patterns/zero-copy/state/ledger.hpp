// The zero-copy ledger's state, laid out for the cache and for an allocator that is never
// called in steady state:
// - accounts in one dense vector: the account "acc-N" is accounts_[N-1] (ids.hpp), so finding
//   one is an index, not a hash of its id;
// - every history line of every account in one append-only journal, each line linking to the
//   previous line of its account: an account's history, newest first, is that chain;
// - the idempotency records in hash maps keyed by the request_id's bytes, kept once;
// - an account's JSON up to its balance, serialised once when it opens (account_json.hpp);
// - all of it (lines, records, map buckets, the text that outlives a request: owners, memos,
//   request_ids) in one std::pmr::monotonic_buffer_resource. A ledger forgets nothing, so its
//   memory is never freed piecemeal: the arena hands out memory by moving a pointer and asks
//   operator new for a new block only when one is full, each block half as large again as the
//   last. Steady state is a pointer bump per write, and an operator new every few thousand.
//
// Thread safety: one std::mutex around all of it, exactly like the baseline. The comparison
// with the baseline is then about allocations and copies, not about locking (a sharded ledger
// would be another pattern). The rules that need no state run before the lock.
//
// Every rule, check order and error message is the baseline's (patterns/baseline): the
// conformance suite holds both to docs/workload.md.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory_resource>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "common/ledger/contract.hpp"
#include "common/ledger/messages.hpp"
#include "zero-copy/json/request_views.hpp"
#include "zero-copy/state/ids.hpp"

namespace archbench::zero_copy {

using ledger::Money;
using Currency = std::array<char, 3>;  // checked: three uppercase ASCII letters

[[nodiscard]] inline std::string_view text(const Currency& currency) noexcept {
  return {currency.data(), currency.size()};
}

// What an operation returns: its result, or why it was refused (errors allocate their message;
// refusals are not the steady state).
template <class T>
using Outcome = std::variant<T, ledger::Error>;

// Results are plain values; their views point into the ledger's arena, which never moves or
// frees what it handed out, so they stay valid after the lock is released.
struct AccountSnapshot {
  std::uint32_t index = kNone;
  std::string_view json_prefix;  // its JSON up to the balance (account_json.hpp)
  Money balance = 0;
};

struct DepositDone {
  std::uint64_t number = 0;  // "dep-<number>"
  std::uint32_t account = kNone;
  Money amount = 0;
  Money balance = 0;  // the account's balance right after this deposit
};

struct TransferDone {
  std::uint64_t number = 0;  // "tr-<number>"
  std::uint32_t from = kNone;
  std::uint32_t to = kNone;
  Money amount = 0;
  Currency currency{};
};

// One line of an account's history.
struct Line {
  std::uint64_t number = 0;  // the deposit's or the transfer's
  ledger::TransactionKind kind = ledger::TransactionKind::deposit;
  std::uint32_t counterparty = kNone;  // transfers only
  std::uint32_t previous = kNone;      // the account's line before this one, in the journal
  Money amount = 0;
  Money balance_after = 0;
  std::optional<std::string_view> memo;
};

class Ledger {
 public:
  Ledger();

  [[nodiscard]] Outcome<AccountSnapshot> open_account(const NewAccountView& request);
  [[nodiscard]] Outcome<AccountSnapshot> account(std::string_view id);
  [[nodiscard]] Outcome<DepositDone> deposit(std::string_view account_id,
                                             const DepositView& request);
  [[nodiscard]] Outcome<TransferDone> transfer(const TransferView& request);
  // The newest `limit` lines of account `id`, newest first, copied into `out` (cleared first;
  // reuse it to keep its capacity), or account_not_found.
  [[nodiscard]] std::optional<ledger::Error> history(std::string_view id, int limit,
                                                     std::vector<Line>& out);

 private:
  struct AccountState {
    std::string_view json_prefix;  // in the arena: id, owner and currency, serialised once
    Currency currency{};
    Money balance = 0;
    std::uint32_t last_line = kNone;  // its newest line in journal_
  };
  // The first answer to a request_id: what a retry is compared with, and what it gets back.
  struct DepositRecord {
    std::uint32_t account = kNone;
    DepositDone result;
  };
  struct TransferRecord {
    std::optional<std::string_view> memo;  // in the arena
    TransferDone result;
  };
  // A request_id with its hash, computed once per request: the lookup and the insertion of a
  // new record both need it, and std::unordered_map would otherwise hash the bytes twice.
  struct Key {
    std::string_view text;
    std::size_t hash = 0;
    explicit Key(std::string_view request_id)
        : text(request_id), hash(std::hash<std::string_view>{}(request_id)) {}
    Key(std::string_view kept, std::size_t known_hash) : text(kept), hash(known_hash) {}
    bool operator==(const Key& other) const noexcept { return text == other.text; }
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const noexcept { return key.hash; }
  };
  template <class V>
  using Records = std::pmr::unordered_map<Key, V, KeyHash>;

  // A copy of `text` in the arena, for what must outlive the request that brought it.
  std::string_view keep(std::string_view text);
  // Appends `line` to the journal as the newest line of `account`.
  void append_line(std::uint32_t account, const Line& line);

  std::mutex mutex_;     // guards everything below
  std::string scratch_;  // where a new account's JSON prefix is rendered before it is kept
  std::pmr::monotonic_buffer_resource arena_;
  std::pmr::vector<AccountState> accounts_{&arena_};
  std::pmr::deque<Line> journal_{&arena_};
  Records<DepositRecord> deposits_{&arena_};    // by request_id
  Records<TransferRecord> transfers_{&arena_};  // by request_id
  std::uint64_t next_deposit_ = 1;
  std::uint64_t next_transfer_ = 1;
};

}  // namespace archbench::zero_copy
