// The projector service's core: a read model fed only by the event stream (an EventFeed),
// answering history queries over NATS request-reply (split/history_protocol.hpp).
//
//   feed thread:   record at position p -> AccountsProjection -> answer the queries parked
//                  until p was applied
//   NATS thread:   query(min position m) -> applied >= m ? answer : park it
//   sweeper:       a query parked longer than the bound is answered "behind"
//
// A query never reads a read model older than the position it names: that is read-your-writes
// across processes (see the protocol header).
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "event-driven/projections/accounts_projection.hpp"
#include "event-driven/split/event_feed.hpp"

struct __natsConnection;
struct __natsSubscription;
struct __natsMsg;

namespace archbench::event_driven {

class Projector {
 public:
  // Connects to `url`, catches up through `feed`, then answers queries until stop(). Throws
  // std::runtime_error when the broker cannot be reached.
  Projector(const std::string& url, std::unique_ptr<EventFeed> feed,
            std::chrono::milliseconds catch_up_bound);
  ~Projector();
  Projector(const Projector&) = delete;
  Projector& operator=(const Projector&) = delete;

  void stop();
  [[nodiscard]] Position position() const { return projection_.position(); }

 private:
  struct Query {
    std::string reply_to;
    std::string account;
    int limit = 0;
    std::chrono::steady_clock::time_point deadline;
  };

  static void on_query(__natsConnection*, __natsSubscription*, __natsMsg* msg, void* self);
  void query(__natsMsg* msg);
  void applied(Position position, std::string_view record);  // the feed's thread
  void answer(const Query& query);
  void answer_behind(const Query& query);
  void sweep();  // the sweeper's thread

  std::chrono::milliseconds catch_up_bound_;
  AccountsProjection projection_;
  std::unique_ptr<EventFeed> feed_;
  __natsConnection* connection_ = nullptr;
  __natsSubscription* queries_ = nullptr;

  std::mutex mutex_;  // applied_ and the parked queries, checked and parked atomically
  Position applied_ = 0;
  std::multimap<Position, Query> parked_;
  bool stopping_ = false;
  std::condition_variable wake_sweeper_;
  std::thread sweeper_;
};

}  // namespace archbench::event_driven
