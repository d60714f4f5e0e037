// Answers that wait for the log: a write is acknowledged only once its record is durable, so
// its Reply is parked here with the position it waits for, and sent from whichever thread
// learns that the position is durable (the log's writer thread, for the file log). A retried
// request waits the same way for its first instance's position: idempotency never answers
// "done" before the first answer could have been given.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "common/ledger/service.hpp"
#include "event-driven/log/event_log.hpp"

namespace archbench::event_driven {

class PendingReplies {
 public:
  // Sends (status, body) once `position` is durable: now, if it already is.
  void answer_when_durable(Position position, ledger::Reply reply, int status, std::string body);
  // Everything up to `position` is durable (positions only grow).
  void durable_up_to(Position position);
  // How a failure is answered. final: a 500 saying the write was not applied (the file log
  // took the record back, see FileLog::write_batch, and will take no more). temporary: a 503
  // unavailable (Retry-After) while the service reopens its log (a broker that went away);
  // the write may or may not be in the log, so the client retries with the same request_id
  // and idempotency gives it the one true answer.
  enum class Failure { final, temporary };

  // The log failed: every waiting reply, and every later one, is refused (see Failure).
  void fail(std::string_view why, Failure failure = Failure::final);
  // A temporary failure is over: the log was reopened, and holds everything up to `durable`.
  void recover(Position durable);
  [[nodiscard]] bool failed() const;
  // Answers a write refused because the log failed, as the failure says.
  void refuse(ledger::Reply& reply) const;

 private:
  struct Waiting {
    ledger::Reply reply;
    int status;
    std::string body;
  };
  mutable std::mutex mutex_;
  Position durable_ = 0;
  std::optional<std::string> failure_;
  Failure kind_ = Failure::final;
  std::multimap<Position, Waiting> waiting_;
};

}  // namespace archbench::event_driven
