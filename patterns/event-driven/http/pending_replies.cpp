#include "event-driven/http/pending_replies.hpp"

#include <utility>
#include <vector>

namespace archbench::event_driven {

void PendingReplies::answer_when_durable(Position position, ledger::Reply reply, int status,
                                         std::string body) {
  {
    const std::lock_guard lock(mutex_);
    if (!failure_ && position > durable_) {
      waiting_.emplace(position, Waiting{std::move(reply), status, std::move(body)});
      return;
    }
  }
  // Sent outside the lock: an inline answer runs transport code, which must not wait for us.
  if (failed()) return refuse(reply);
  reply.send(status, std::move(body));
}

void PendingReplies::durable_up_to(Position position) {
  std::vector<Waiting> ready;
  {
    const std::lock_guard lock(mutex_);
    durable_ = position;
    const auto end = waiting_.upper_bound(position);
    for (auto it = waiting_.begin(); it != end; ++it) ready.push_back(std::move(it->second));
    waiting_.erase(waiting_.begin(), end);
  }
  for (Waiting& waiting : ready) waiting.reply.send(waiting.status, std::move(waiting.body));
}

void PendingReplies::fail(std::string_view why, Failure failure) {
  std::multimap<Position, Waiting> refused;
  {
    const std::lock_guard lock(mutex_);
    failure_ = std::string(why);
    kind_ = failure;
    refused.swap(waiting_);
  }
  for (auto& [position, waiting] : refused) refuse(waiting.reply);
}

void PendingReplies::recover(Position durable) {
  const std::lock_guard lock(mutex_);
  failure_.reset();
  durable_ = durable;
}

bool PendingReplies::failed() const {
  const std::lock_guard lock(mutex_);
  return failure_.has_value();
}

void PendingReplies::refuse(ledger::Reply& reply) const {
  Failure kind = Failure::final;
  {
    const std::lock_guard lock(mutex_);
    kind = kind_;
  }
  // The cause (an errno text, a broker error) went to stderr where the log failed; clients get
  // no internals.
  if (kind == Failure::temporary) {
    return reply.error(ledger::ErrorCode::unavailable,
                       "the event log did not confirm this write; retry with the same request_id");
  }
  reply.error(ledger::ErrorCode::internal_error,
              "the event log could not be written; this request was not applied");
}

}  // namespace archbench::event_driven
