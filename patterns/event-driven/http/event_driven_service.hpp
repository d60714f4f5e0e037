// The HTTP edge of the event-driven backend, and the loop that makes it event sourcing:
//
//   command:  parse -> decide against LedgerState -> apply + append to the EventLog
//             -> (log: durable) -> AccountsProjection applies it -> the Reply is sent
//   query:    read the AccountsProjection (only durable facts are ever visible)
//
// On start, the log is replayed into both sides: state is a fold over events and nothing else.
// With snapshots (snapshots/, file logs only), the newest one is restored first and only the
// records after it are replayed; a snapshot is taken every N records while serving.
// A client that got 201 reads its own write, because the projection applies a record before
// any reply waiting for it is sent.
//
// As the command service of the split deployment (--role command, split/), histories are not
// kept here: a HistoryClient asks a projector process for them, naming the last position this
// service has acknowledged, so the projector answers only once it has applied that far.
//
// A log that can be reopened (JetStream: the broker went away and comes back) fails
// temporarily: writes are answered 503 unavailable while a recovery thread closes the failed
// log, opens a new one, replays it into a fresh state and read model, and swaps them in.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "common/ledger/service.hpp"
#include "event-driven/events/event.hpp"
#include "event-driven/http/pending_replies.hpp"
#include "event-driven/log/event_log.hpp"
#include "event-driven/projections/accounts_projection.hpp"
#include "event-driven/snapshots/snapshotter.hpp"
#include "event-driven/split/history_client.hpp"
#include "event-driven/write/ledger_state.hpp"

namespace archbench::event_driven {

class EventDrivenService final : public ledger::Service, private EventLog::Listener {
 public:
  // Replays `log` into the state and the projection, then starts it. Throws if the log holds
  // records this build cannot read. With `history`, transaction histories are asked of a
  // projector through it (the command role) instead of kept here (the one-process role).
  // `reopen`, if given, opens the log anew after it failed (see above); without it a failed log
  // stays failed and writes are answered 500. `snapshots`, if given, are where start-up begins
  // and where snapshots are taken; they go with neither `history` nor `reopen` (a snapshot of
  // the one-process backend on a file log, which is never reopened).
  using ReopenLog = std::function<std::unique_ptr<EventLog>()>;
  explicit EventDrivenService(std::unique_ptr<EventLog> log,
                              std::unique_ptr<HistoryClient> history = nullptr,
                              ReopenLog reopen = nullptr,
                              std::unique_ptr<Snapshotter> snapshots = nullptr);
  ~EventDrivenService() override;
  EventDrivenService(const EventDrivenService&) = delete;
  EventDrivenService& operator=(const EventDrivenService&) = delete;

  void handle(const ledger::Call& call, ledger::Reply reply) override;
  // The drain: flushes the log (so every write appended is answered) and stops its thread.
  void stop() override;

  // The log's last position at start, and the snapshot start-up began from (0: none, the
  // whole log was replayed).
  [[nodiscard]] Position replayed() const { return replayed_; }
  [[nodiscard]] Position restored_from() const { return restored_from_; }
  // The snapshots, if any: for tests, to wait for one to be written.
  [[nodiscard]] const Snapshotter* snapshots() const { return snapshots_.get(); }

 private:
  void on_durable(Position position, std::string_view record) override;
  void on_failed(Position first_lost, std::string_view why) override;

  void create_account(const ledger::Call& call, ledger::Reply reply);
  void deposit(const ledger::Call& call, ledger::Reply reply);
  void transfer(const ledger::Call& call, ledger::Reply reply);
  void transfer_batch(const ledger::Call& call, ledger::Reply reply);
  void get_account(const ledger::Call& call, ledger::Reply reply);
  void list_transactions(const ledger::Call& call, ledger::Reply reply);

  // Replays the records of `log` after `after` into `state` and `projection`; returns the
  // log's last position.
  static Position replay(EventLog& log, Position after, LedgerState& state,
                         AccountsProjection& projection);
  Position rebuild();  // start-up: the newest snapshot that fits the log, then the rest
  [[nodiscard]] AccountsProjection::Histories histories() const;
  void snapshot_state_if_due(Position position);  // with write_mutex_ held
  void recover();                                 // the recovery thread
  bool reopen_log() noexcept;                     // one attempt; true once the new log is in place

  // Applies `events` to the state and appends them as one record; returns its position.
  // The caller holds write_mutex_, so log order is the order the state changed in.
  Position commit(const EventBatch& events);

  std::unique_ptr<EventLog> log_;
  std::unique_ptr<HistoryClient> history_;  // the command role's projector, or none
  std::unique_ptr<Snapshotter> snapshots_;  // or none
  Position replayed_ = 0;
  Position restored_from_ = 0;

  std::mutex write_mutex_;  // the command side: state_, log_ (null while reopened), append order
  LedgerState state_;
  Position last_position_ = 0;

  AccountsProjection projection_;  // the query side, fed by the log
  PendingReplies replies_;

  ReopenLog reopen_;
  std::mutex recovery_mutex_;
  std::condition_variable recovery_wake_;
  bool recovery_needed_ = false;
  bool stopping_ = false;
  std::thread recovery_;
};

}  // namespace archbench::event_driven
