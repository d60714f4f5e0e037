// The projector's feed: the event stream through a durable JetStream pull consumer.
//
// The broker keeps the consumer (its name, what it has delivered, what was acknowledged)
// while the projector is down, so a restarted projector resumes where the last one stopped,
// and nothing appended in between is missed. This projector's read model lives in memory,
// though, so a restart first rebuilds what the durable consumer had already handed out
// (positions 1..delivered, read from the stream with an ordered consumer) and then takes over
// the consumer. Messages delivered to the dead projector and never acknowledged come back
// after the ack wait: they are at or below the position already applied, acknowledged and
// skipped. A read model kept on disk would keep its position and skip the rebuild.
//
// The projection lag is measured here, for every event the consumer delivers: from the moment
// JetStream stored it (the message's timestamp, the broker's clock) to the moment the read
// model has applied it (this process's clock; the same machine's realtime clock in a test).
// report() gives p50/p99 after stop().
#pragma once

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "event-driven/log/nats_support.hpp"
#include "event-driven/split/event_feed.hpp"

struct __natsSubscription;

namespace archbench::event_driven {

struct JetStreamFeedOptions {
  std::string url;
  // One per projector: two projectors on one durable pull consumer would share its messages
  // between them, and each would see a log with holes.
  std::string durable = "archbench-projector";
  std::string stream{kEventStream};
  std::string subject{kEventSubject};
};

class JetStreamFeed final : public EventFeed {
 public:
  // Connects and opens the stream (creating it if the command service has not yet). Throws
  // std::runtime_error when the broker cannot be reached.
  explicit JetStreamFeed(JetStreamFeedOptions options);
  ~JetStreamFeed() override;

  void start(Visit visit) override;
  void stop() override;
  [[nodiscard]] std::string report() const override;

 private:
  void pull(const Visit& visit);  // the feed's thread
  void record_lag(std::int64_t stored_at_ns);

  JetStreamFeedOptions options_;
  __natsConnection* connection_ = nullptr;
  __jsCtx* js_ = nullptr;
  __natsSubscription* subscription_ = nullptr;
  Position position_ = 0;             // the last position visited
  std::vector<std::int64_t> lag_ns_;  // per delivered event (the feed's thread, then report())
  std::atomic<bool> stopping_ = false;
  std::thread thread_;
};

}  // namespace archbench::event_driven
