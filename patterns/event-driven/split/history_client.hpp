// The command service's side of the history query (split/history_protocol.hpp): asks a
// projector over NATS request-reply without blocking the I/O thread, and answers the parked
// HTTP Reply when the answer comes, or 503 unavailable (Retry-After: 1) when it cannot be
// right: no projector subscribed, the projector is behind past its bound, the broker is away,
// or no answer came by the deadline. Never an older history than the client's own writes.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "common/ledger/service.hpp"
#include "event-driven/log/event_log.hpp"

struct __natsConnection;
struct __natsSubscription;
struct __natsMsg;

namespace archbench::event_driven {

class HistoryClient {
 public:
  // Connects to `url`. `deadline`: how long an asked query may take before it is answered 503
  // (longer than the projector's own catch-up bound, so that "behind" comes from it first).
  HistoryClient(const std::string& url, std::chrono::milliseconds deadline);
  ~HistoryClient();
  HistoryClient(const HistoryClient&) = delete;
  HistoryClient& operator=(const HistoryClient&) = delete;

  // Asks for the newest `limit` lines of `account` as of at least `min_position`; answers
  // `reply` exactly once, later, from a NATS or sweeper thread (or now, if it cannot ask).
  void ask(std::string_view account, int limit, Position min_position, ledger::Reply reply);
  // Answers every query still waiting with 503; no answer is sent after it returns.
  void stop();

 private:
  struct Pending {
    ledger::Reply reply;
    std::string account;
    std::chrono::steady_clock::time_point deadline;
  };

  static void on_answer(__natsConnection*, __natsSubscription*, __natsMsg* msg, void* self);
  void answered(__natsMsg* msg);
  void sweep();  // the sweeper's thread: answers what passed its deadline

  std::chrono::milliseconds deadline_;
  __natsConnection* connection_ = nullptr;
  __natsSubscription* answers_ = nullptr;
  std::string inbox_;  // answers come to <inbox>.<query number>

  std::mutex mutex_;
  std::uint64_t next_query_ = 0;
  std::unordered_map<std::uint64_t, Pending> pending_;
  bool stopping_ = false;
  std::condition_variable wake_sweeper_;
  std::thread sweeper_;
};

}  // namespace archbench::event_driven
