// The HTTP answer travelling with a request through the actors. A Reply is move-only and CAF
// copies message contents when it must, so a message carries a Ticket: a shared handle on the
// one pending answer. Whichever actor finishes the request answers it, on its own thread; the
// I/O thread that accepted the request is long gone and never waits.
//
// A Ticket also returns the capacity it took: the request was counted in flight at the actor
// it was handed to (ActorLoad, for --max-in-flight), and answering it gives that slot back.
// Dropped unanswered (the actor holding it stopped), it answers 503 `unavailable`, so that no
// request is ever left hanging.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "actor/actors/load.hpp"
#include "common/ledger/messages.hpp"
#include "common/ledger/service.hpp"

namespace archbench::actor {

class PendingCall {
 public:
  PendingCall(ledger::Reply reply, ActorLoad& load) noexcept
      : reply_(std::move(reply)), load_(&load) {}
  PendingCall(const PendingCall&) = delete;
  PendingCall& operator=(const PendingCall&) = delete;
  ~PendingCall() {
    if (answered_) return;
    try {
      reply_.error(ledger::ErrorCode::unavailable,
                   "the actor serving this request stopped before answering; retry with the "
                   "same request_id");
    } catch (...) {  // NOLINT(bugprone-empty-catch): the Responder answers 500 when it goes
    }
    settle();
  }

  // Writes the body with `write(std::string&)` into the connection's own buffer, then sends.
  template <class Write>
  void send(int status, Write&& write) {
    std::string& out = reply_.body();
    out.clear();
    std::forward<Write>(write)(out);
    reply_.send(status);
    settle();
  }
  void error(const ledger::Error& error) {
    reply_.error(error);
    settle();
  }

 private:
  void settle() noexcept {
    answered_ = true;
    load_->in_flight.fetch_sub(1, std::memory_order_release);
  }

  ledger::Reply reply_;
  ActorLoad* load_;
  bool answered_ = false;
};

using Ticket = std::shared_ptr<PendingCall>;

}  // namespace archbench::actor
