// Where a projector's events come from: the port between the read model and the broker. The
// adapter (jetstream_feed) delivers the whole log, past and future, through a durable consumer.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "event-driven/log/event_log.hpp"

namespace archbench::event_driven {

class EventFeed {
 public:
  using Visit = std::function<void(Position position, std::string_view record)>;

  EventFeed() = default;
  virtual ~EventFeed() = default;
  EventFeed(const EventFeed&) = delete;
  EventFeed& operator=(const EventFeed&) = delete;

  // Calls `visit` for every record of the log exactly once, in order (positions 1, 2, 3, ...),
  // the ones already there and the ones appended later, until stop(). May call it from the
  // calling thread before returning (catching up) and from its own thread afterwards.
  virtual void start(Visit visit) = 0;
  // Returns once no visit() runs or will run.
  virtual void stop() = 0;
  // After stop(): a line on how the feed did (the projection lag it measured), or "".
  [[nodiscard]] virtual std::string report() const { return {}; }
};

}  // namespace archbench::event_driven
