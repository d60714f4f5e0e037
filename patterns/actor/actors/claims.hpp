// The idempotency rule of docs/workload.md for one kind of request (deposits or transfers),
// with requests that take time: plain C++, owned by an idempotency registry actor.
//
// Per request_id: at most one request is in flight. A request arriving meanwhile waits behind
// it, whatever its body, because its answer depends on how the first one ends: if the first
// succeeds it claims the id, and the waiting ones get its answer (same body) or 409 (another
// body); if it is refused it claims nothing, and the next waiting one runs. That is exactly
// what the requests would get one after the other, which is the contract.
#pragma once

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>

#include "actor/rules.hpp"
#include "common/ledger/messages.hpp"

namespace archbench::actor {

// Request: what "the same body" compares (SameBody(a, b)); Result: the first success's answer.
template <class Request, class Result, class SameBody>
class Claims {
 public:
  using Outcome = std::variant<Result, ledger::Error>;
  using Answer = std::function<void(const Outcome&)>;

  // A request under `request_id`: true if the caller must run it now (nothing is in flight
  // under this id). Otherwise it was answered (a replay or a conflict) or it waits.
  bool admit(const std::string& request_id, Request request, Answer answer) {
    auto [it, fresh] = entries_.try_emplace(request_id);
    Entry& entry = it->second;
    if (entry.claimed) {
      answer(answer_to(request_id, *entry.claimed, request));
      return false;
    }
    entry.waiting.push_back({std::move(request), std::move(answer)});
    return entry.waiting.size() == 1;  // the first in line is the one in flight
  }

  // The request in flight under `request_id` is in doubt (it hit a crashed actor, and goes
  // on against the restarted one): its client is answered `error` (503) now, while it stays
  // in flight, so that a retry waits behind it and gets its real outcome from finish().
  void answer_early(const std::string& request_id, const ledger::Error& error) {
    const auto it = entries_.find(request_id);
    if (it == entries_.end() || it->second.waiting.empty()) return;
    Answer& answer = it->second.waiting.front().answer;
    if (!answer) return;
    std::exchange(answer, nullptr)(error);
  }

  // The request in flight under `request_id` ended with `outcome`: answers it (unless it was
  // answered early) and whoever waits behind it. Returns the next request to run, if the first
  // was refused and one waits.
  std::optional<Request> finish(const std::string& request_id, const Outcome& outcome) {
    const auto it = entries_.find(request_id);
    if (it == entries_.end()) return std::nullopt;  // cannot be: admit() made it
    Entry& entry = it->second;
    Waiter first = std::move(entry.waiting.front());
    entry.waiting.pop_front();
    if (first.answer) first.answer(outcome);
    if (const Result* result = std::get_if<Result>(&outcome)) {
      entry.claimed.emplace(Claimed{std::move(first.request), *result});
      for (Waiter& waiter : entry.waiting) {
        waiter.answer(answer_to(request_id, *entry.claimed, waiter.request));
      }
      entry.waiting.clear();
      return std::nullopt;
    }
    if (entry.waiting.empty()) {
      entries_.erase(it);  // refused, nobody waits: the id stays free
      return std::nullopt;
    }
    return entry.waiting.front().request;
  }

  // A success a previous process had (read back from the journals at start, --journal DIR).
  void restore(const std::string& request_id, Request request, Result result) {
    entries_[request_id].claimed.emplace(Claimed{std::move(request), std::move(result)});
  }

  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }

 private:
  struct Waiter {
    Request request;
    Answer answer;
  };
  struct Claimed {
    Request request;
    Result result;
  };
  struct Entry {
    std::optional<Claimed> claimed;  // the first success under this id
    std::deque<Waiter> waiting;      // front: the request in flight
  };

  static Outcome answer_to(const std::string& request_id, const Claimed& claimed,
                           const Request& request) {
    if (SameBody{}(claimed.request, request)) return claimed.result;
    return rules::idempotency_conflict(request_id);
  }

  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace archbench::actor
