// Lab 03, the specification of step 3: a new read model, fed by the log.
//
// A projection is a read model built from durable records in log order. The event-driven
// pattern has one (accounts and histories); you build another: each account's statement of
// totals. Two things make a projection more than a fold:
// - It is fed by a consumer that may deliver a record again (at-least-once: a projector
//   restarting from its last acknowledged position sees some records twice). Applying a record
//   twice must change nothing; skipping one must never go unnoticed.
// - Readers must be able to read their own writes: a client that got 201 for the write at
//   position P asks for a statement "at least as new as P", and waits, boundedly, until the
//   projection has caught up.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "event-driven/events/event.hpp"
#include "event-driven/log/event_log.hpp"

namespace archbench::lab03 {

using event_driven::AccountOpened;
using event_driven::Event;
using event_driven::EventBatch;
using event_driven::FundsDeposited;
using event_driven::Money;
using event_driven::Position;
using event_driven::TransferCompleted;

// A record that arrives after a gap: the records in between were lost on the way.
struct GapError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One account's statement.
struct Statement {
  Money money_in = 0;   // deposits and transfers in
  Money money_out = 0;  // transfers out
  std::uint64_t deposits = 0;
  std::uint64_t transfers_in = 0;
  std::uint64_t transfers_out = 0;
  std::uint64_t counterparties = 0;  // distinct accounts this one sent to or received from
  bool operator==(const Statement&) const = default;
};

class Statements {
 public:
  // Step 3. The record at `position` is durable: apply its events. The rules:
  //  1. Positions are applied in order from 1. A position at or below position() is a
  //     redelivery: ignore it. A position past position() + 1 is a gap: throw GapError and
  //     change nothing.
  //  2. AccountOpened starts an all-zero statement; the other events count as their names say.
  //     (Events are facts: no rule of the ledger is checked here.)
  //  3. Wakes every reader waiting in wait_until() for a position now reached.
  // Called from one thread (the consumer); the readers below run on others.
  void apply(const EventBatch& events, Position position);

  // Step 3. The statement of `account` (nullopt if it was never opened).
  [[nodiscard]] std::optional<Statement> statement(const std::string& account) const;

  // Step 3. The last position applied (0 before any).
  [[nodiscard]] Position position() const;

  // Step 3. Blocks until position() >= `position` or `timeout` has passed; true if reached.
  // Never waits longer than `timeout` (a reader must get an answer, if only "not yet").
  [[nodiscard]] bool wait_until(Position position, std::chrono::milliseconds timeout) const;

 private:
  struct Account {
    Statement statement;
    std::set<std::string> counterparties;
  };
  mutable std::mutex mutex_;
  mutable std::condition_variable advanced_;
  std::unordered_map<std::string, Account> accounts_;
  Position position_ = 0;
};

}  // namespace archbench::lab03
