// A deliberately wrong event log, for the snapshot tests to prove they bite: the file log
// with replay_after(n) off by one, replaying from record n instead of n+1, so a start-up from
// a snapshot at n applies its last record twice. A plausible slip (">=" for ">"), and exactly
// the kind of error a snapshot can hide: everything looks restored.
#pragma once

#include <string>

#include "event-driven/log/file_log.hpp"

namespace archbench::event_driven::wrong {

class OffByOneLog final : public EventLog {
 public:
  explicit OffByOneLog(FileLogOptions options) : inner_(std::move(options)) {}

  Position replay_after(Position after, const Visit& visit) override {
    return inner_.replay_after(after == 0 ? 0 : after - 1, visit);  // the slip
  }
  void start(Listener& listener) override { inner_.start(listener); }
  Position append(std::string record) override { return inner_.append(std::move(record)); }
  void stop() override { inner_.stop(); }
  [[nodiscard]] std::string describe() const override { return "off by one (wrong)"; }

 private:
  FileLog inner_;
};

}  // namespace archbench::event_driven::wrong
