// A Listener for the log tests: keeps what was reported durable, in order, and lets a test
// wait (bounded) for a number of records.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "event-driven/log/event_log.hpp"

namespace archbench::event_driven::testing {

class RecordingListener final : public EventLog::Listener {
 public:
  void on_durable(Position position, std::string_view record) override {
    if (before_each) before_each(position);
    const std::lock_guard lock(mutex_);
    durable.emplace_back(position, std::string(record));
    changed_.notify_all();
  }
  void on_failed(Position first_lost, std::string_view why) override {
    const std::lock_guard lock(mutex_);
    failed_at = first_lost;
    failure = why;
    changed_.notify_all();
  }
  // True when `count` records were reported within the time limit.
  bool wait_for(std::size_t count, std::chrono::seconds limit = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, limit, [&] { return durable.size() >= count; });
  }
  std::vector<std::pair<Position, std::string>> snapshot() {
    const std::lock_guard lock(mutex_);
    return durable;
  }

  std::function<void(Position)> before_each;  // runs on the log's thread, before recording
  std::vector<std::pair<Position, std::string>> durable;
  Position failed_at = 0;
  std::string failure;

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
};

}  // namespace archbench::event_driven::testing
