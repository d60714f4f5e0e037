#include "event-driven/http/event_driven_service.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <utility>
#include <variant>

#include "common/ledger/json_codec.hpp"
#include "event-driven/events/event_codec.hpp"
#include "event-driven/snapshots/snapshot_format.hpp"
#include "event-driven/write/commands.hpp"

namespace archbench::event_driven {
namespace {

using ledger::Error;
using ledger::ErrorCode;

Error account_not_found(std::string_view id) {
  return {ErrorCode::account_not_found, "account " + std::string(id) + " does not exist"};
}

template <class T>
std::string json_of(const T& value) {
  std::string body;
  ledger::write_json(value, body);
  return body;
}

}  // namespace

EventDrivenService::EventDrivenService(std::unique_ptr<EventLog> log,
                                       std::unique_ptr<HistoryClient> history, ReopenLog reopen,
                                       std::unique_ptr<Snapshotter> snapshots)
    : log_(std::move(log)),
      history_(std::move(history)),
      snapshots_(std::move(snapshots)),
      projection_(histories()),
      reopen_(std::move(reopen)) {
  if (snapshots_ && (history_ || reopen_)) {
    throw std::invalid_argument("snapshots are for the one-process backend on a file log");
  }
  replayed_ = rebuild();
  last_position_ = replayed_;
  replies_.durable_up_to(replayed_);
  log_->start(*this);
  if (reopen_) recovery_ = std::thread([this] { recover(); });
}

EventDrivenService::~EventDrivenService() { stop(); }

void EventDrivenService::stop() {
  {
    const std::lock_guard lock(recovery_mutex_);
    stopping_ = true;
  }
  recovery_wake_.notify_all();
  if (recovery_.joinable()) recovery_.join();  // log_ is no longer swapped
  if (log_) log_->stop();  // every record appended is now durable and answered, or it failed
  if (snapshots_) snapshots_->stop();        // after the log: its last reports may complete one
  replies_.fail("the backend is stopping");  // answers what a failed log left waiting, if any
  if (history_) history_->stop();
}

Position EventDrivenService::replay(EventLog& log, Position after, LedgerState& state,
                                    AccountsProjection& projection) {
  Position position = after;
  return log.replay_after(after, [&](std::string_view record) {
    const EventBatch events = decode_record(record);
    ++position;
    for (const Event& event : events) state.apply(event, position);
    projection.apply(events, position);
  });
}

AccountsProjection::Histories EventDrivenService::histories() const {
  return history_ ? AccountsProjection::Histories::dropped : AccountsProjection::Histories::kept;
}

// ---- snapshots ----------------------------------------------------------------------------------

Position EventDrivenService::rebuild() {
  // At most twice round: a snapshot ahead of the log is removed with every other one ahead of
  // it, so the next one found (if any) is one the log reaches. (Should removing fail, the
  // loop ends at the same snapshot found again, in a full replay.)
  std::optional<Position> log_end;  // once known
  while (snapshots_) {
    auto snapshot = snapshots_->load_newest();
    if (!snapshot || (log_end && snapshot->position > *log_end)) break;
    const Position at = snapshot->position;
    state_ = LedgerState(std::move(snapshot->state));
    projection_.replace_with(AccountsProjection(histories(), std::move(snapshot->read_model), at));
    const Position last = replay(*log_, at, state_, projection_);
    if (last >= at) {
      restored_from_ = at;
      std::fprintf(
          stderr,
          "event log %s: started from the snapshot at %llu; replayed the %llu records after it\n",
          log_->describe().c_str(), static_cast<unsigned long long>(at),
          static_cast<unsigned long long>(last - at));
      return last;
    }
    // The log's tail was cut after the snapshot was taken: it holds records the log lost.
    log_end = last;
    snapshots_->discard_after(last);
    state_ = LedgerState();
    projection_.replace_with(AccountsProjection(histories()));
  }
  return replay(*log_, 0, state_, projection_);
}

// The command side's half of a snapshot at `position`: under write_mutex_, the state is the
// fold of exactly the records up to it. (The read model's half is taken in on_durable.)
void EventDrivenService::snapshot_state_if_due(Position position) {
  if (snapshots_ && snapshots_->due(position)) {
    snapshots_->state_taken(position, encode_state(state_.contents()));
  }
}

// ---- reopening a failed log -------------------------------------------------------------------

void EventDrivenService::recover() {
  std::unique_lock lock(recovery_mutex_);
  for (;;) {
    recovery_wake_.wait(lock, [&] { return stopping_ || recovery_needed_; });
    if (stopping_) return;
    lock.unlock();
    std::unique_ptr<EventLog> failed;
    {
      const std::lock_guard write(write_mutex_);
      failed = std::move(log_);
    }
    // Closed before a new one opens: what it published and never saw acknowledged is dropped
    // with its connection, not sent after the new log has read the stream.
    failed.reset();
    lock.lock();
    while (!stopping_) {
      lock.unlock();
      const bool reopened = reopen_log();
      lock.lock();
      if (reopened) break;
      recovery_wake_.wait_for(lock, std::chrono::milliseconds(250), [&] { return stopping_; });
    }
    recovery_needed_ = false;
  }
}

bool EventDrivenService::reopen_log() noexcept {
  try {
    auto log = reopen_();
    LedgerState state;
    AccountsProjection projection(histories());
    const Position last = replay(*log, 0, state, projection);
    const std::lock_guard write(write_mutex_);
    state_ = std::move(state);
    last_position_ = last;
    projection_.replace_with(std::move(projection));
    replies_.recover(last);
    log_ = std::move(log);
    log_->start(*this);
    std::fprintf(stderr, "event log reopened: %s, %llu records\n", log_->describe().c_str(),
                 static_cast<unsigned long long>(last));
    return true;
  } catch (const std::exception&) {
    return false;  // still away: the next attempt is 250 ms later
  }
}

void EventDrivenService::handle(const ledger::Call& call, ledger::Reply reply) {
  using ledger::Route;
  switch (call.route) {
    case Route::create_account:
      return create_account(call, std::move(reply));
    case Route::get_account:
      return get_account(call, std::move(reply));
    case Route::deposit:
      return deposit(call, std::move(reply));
    case Route::list_transactions:
      return list_transactions(call, std::move(reply));
    case Route::transfer:
      return transfer(call, std::move(reply));
    case Route::transfer_batch:
      return transfer_batch(call, std::move(reply));
    case Route::health:
    case Route::metrics:
    case Route::unknown:
      break;  // answered by the shared front, never handed to a service
  }
  reply.error(ErrorCode::internal_error, "the event-driven backend does not serve this route");
}

// ---- the log's side ---------------------------------------------------------------------------

void EventDrivenService::on_durable(Position position, std::string_view record) {
  projection_.apply(decode_record(record), position);  // first: readers see what 201 promised
  replies_.durable_up_to(position);
  if (snapshots_ && snapshots_->due(position)) {
    // This thread is the read model's one writer: it is at `position` until this returns.
    projection_.look_at([&](const AccountsProjection::Views& views, Position) {
      snapshots_->read_model_taken(position, encode_read_model(views));
    });
  }
}

void EventDrivenService::on_failed(Position /*first_lost*/, std::string_view why) {
  if (!reopen_) return replies_.fail(why);
  replies_.fail(why, PendingReplies::Failure::temporary);
  {
    const std::lock_guard lock(recovery_mutex_);
    recovery_needed_ = true;
  }
  recovery_wake_.notify_all();
}

Position EventDrivenService::commit(const EventBatch& events) {
  const Position position = last_position_ + 1;
  for (const Event& event : events) state_.apply(event, position);
  last_position_ = position;
  log_->append(encode_record(events));
  snapshot_state_if_due(position);
  return position;
}

// ---- commands -----------------------------------------------------------------------------------

void EventDrivenService::create_account(const ledger::Call& call, ledger::Reply reply) {
  auto request = ledger::parse_new_account(call.body);
  if (const auto* error = std::get_if<Error>(&request)) return reply.error(*error);
  if (replies_.failed()) return replies_.refuse(reply);
  Position position = 0;
  std::string body;
  {
    const std::lock_guard lock(write_mutex_);
    if (!log_) return replies_.refuse(reply);  // being reopened
    auto decision = open_account(state_, std::get<ledger::NewAccount>(std::move(request)));
    if (const auto* error = std::get_if<Error>(&decision)) return reply.error(*error);
    const auto& opened = std::get<AccountOpened>(decision);
    body = json_of(answer_of(opened));
    position = commit({opened});
  }
  replies_.answer_when_durable(position, std::move(reply), 201, std::move(body));
}

void EventDrivenService::deposit(const ledger::Call& call, ledger::Reply reply) {
  auto request = ledger::parse_deposit_request(call.body);
  if (const auto* error = std::get_if<Error>(&request)) return reply.error(*error);
  if (replies_.failed()) return replies_.refuse(reply);
  Position position = 0;
  std::string body;
  {
    const std::lock_guard lock(write_mutex_);
    if (!log_) return replies_.refuse(reply);  // being reopened
    auto decision =
        event_driven::deposit(state_, call.account_id, std::get<ledger::DepositRequest>(request));
    if (const auto* error = std::get_if<Error>(&decision)) return reply.error(*error);
    if (const auto* repeat = std::get_if<Repeat<ledger::Deposit>>(&decision)) {
      body = json_of(repeat->answer);
      position = repeat->position;
    } else {
      const auto& deposited = std::get<FundsDeposited>(decision);
      position = commit({deposited});
      body = json_of(answer_of(deposited, state_.account(deposited.account)->balance));
    }
  }
  replies_.answer_when_durable(position, std::move(reply), 201, std::move(body));
}

void EventDrivenService::transfer(const ledger::Call& call, ledger::Reply reply) {
  auto request = ledger::parse_transfer_request(call.body);
  if (const auto* error = std::get_if<Error>(&request)) return reply.error(*error);
  if (replies_.failed()) return replies_.refuse(reply);
  Position position = 0;
  std::string body;
  {
    const std::lock_guard lock(write_mutex_);
    if (!log_) return replies_.refuse(reply);  // being reopened
    auto decision = event_driven::transfer(state_, std::get<ledger::TransferRequest>(request));
    if (const auto* error = std::get_if<Error>(&decision)) return reply.error(*error);
    if (const auto* repeat = std::get_if<Repeat<ledger::Transfer>>(&decision)) {
      body = json_of(repeat->answer);
      position = repeat->position;
    } else {
      const auto& completed = std::get<TransferCompleted>(decision);
      body = json_of(answer_of(completed));
      position = commit({completed});
    }
  }
  replies_.answer_when_durable(position, std::move(reply), 201, std::move(body));
}

// Each item is decided on its own against the state as the items before it left it, exactly as
// if posted one by one; the accepted ones become one record, durable in one step.
void EventDrivenService::transfer_batch(const ledger::Call& call, ledger::Reply reply) {
  auto parsed = ledger::parse_transfer_batch(call.body);
  if (const auto* error = std::get_if<Error>(&parsed)) return reply.error(*error);
  if (replies_.failed()) return replies_.refuse(reply);
  auto& items = std::get<std::vector<ledger::Parsed<ledger::TransferRequest>>>(parsed);
  std::vector<ledger::BatchItemResult> results(items.size());
  Position wait_for = 0;
  {
    const std::lock_guard lock(write_mutex_);
    if (!log_) return replies_.refuse(reply);      // being reopened
    const Position position = last_position_ + 1;  // of the record, if any item is accepted
    EventBatch accepted;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (auto* error = std::get_if<Error>(&items[i])) {
        results[i].error = std::move(*error);
        continue;
      }
      auto decision = event_driven::transfer(state_, std::get<ledger::TransferRequest>(items[i]));
      if (auto* error = std::get_if<Error>(&decision)) {
        results[i].error = std::move(*error);
      } else if (auto* repeat = std::get_if<Repeat<ledger::Transfer>>(&decision)) {
        results[i].transfer = std::move(repeat->answer);
        wait_for = std::max(wait_for, repeat->position);
      } else {
        auto& completed = std::get<TransferCompleted>(decision);
        state_.apply(completed, position);  // the next items see it, as one by one would
        results[i].transfer = answer_of(completed);
        accepted.push_back(std::move(completed));
      }
    }
    if (!accepted.empty()) {
      last_position_ = position;
      log_->append(encode_record(accepted));
      snapshot_state_if_due(position);
      wait_for = position;
    }
  }
  std::string body;
  ledger::write_batch_json(results, body);
  replies_.answer_when_durable(wait_for, std::move(reply), 200, std::move(body));
}

// ---- queries: the projection ------------------------------------------------------------------

void EventDrivenService::get_account(const ledger::Call& call, ledger::Reply reply) {
  const auto account = projection_.account(call.account_id);
  if (!account) return reply.error(account_not_found(call.account_id));
  reply.send(200, json_of(*account));
}

void EventDrivenService::list_transactions(const ledger::Call& call, ledger::Reply reply) {
  if (history_) {
    // Everything acknowledged to any client is at or below projection_.position(): on_durable
    // moves it before a single reply waiting for that record is sent.
    if (!projection_.account(call.account_id)) {
      return reply.error(account_not_found(call.account_id));
    }
    return history_->ask(call.account_id, call.limit, projection_.position(), std::move(reply));
  }
  const auto lines = projection_.transactions(call.account_id, call.limit);
  if (!lines) return reply.error(account_not_found(call.account_id));
  std::string body;
  ledger::write_transactions_json(call.account_id, *lines, body);
  reply.send(200, std::move(body));
}

}  // namespace archbench::event_driven
