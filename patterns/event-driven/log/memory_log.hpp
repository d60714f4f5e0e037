// The event log in memory: durable as soon as appended (nothing is promised beyond the
// process), reported inline. The baseline of the log adapters: what event sourcing costs
// before any I/O.
#pragma once

#include <string>
#include <vector>

#include "event-driven/log/event_log.hpp"

namespace archbench::event_driven {

class MemoryLog final : public EventLog {
 public:
  Position replay_after(Position after, const Visit& visit) override;
  void start(Listener& listener) override { listener_ = &listener; }
  Position append(std::string record) override;
  void stop() override {}
  [[nodiscard]] std::string describe() const override { return "memory"; }

 private:
  std::vector<std::string> records_;
  Listener* listener_ = nullptr;
};

}  // namespace archbench::event_driven
