// A deliberately wrong event log, for the kill -9 test to prove it bites: it reports each
// record durable the moment it is appended and hands records to the real file log only every
// 50 ms, like a write-behind cache. Faster, and wrong: a crash loses what it acknowledged.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "event-driven/log/file_log.hpp"

namespace archbench::event_driven::wrong {

class WriteBehindLog final : public EventLog, private EventLog::Listener {
 public:
  explicit WriteBehindLog(FileLogOptions options) : inner_(std::move(options)) {}
  ~WriteBehindLog() override { stop(); }

  Position replay_after(Position after, const Visit& visit) override {
    return next_ = inner_.replay_after(after, visit);
  }
  void start(EventLog::Listener& listener) override {
    listener_ = &listener;
    inner_.start(*this);
    flusher_ = std::thread([this] { flush_loop(); });
  }
  Position append(std::string record) override {
    listener_->on_durable(++next_, record);  // the lie: nothing is written yet
    const std::lock_guard lock(mutex_);
    buffered_.push_back(std::move(record));
    return next_;
  }
  void stop() override {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    if (flusher_.joinable()) flusher_.join();
    inner_.stop();
  }
  [[nodiscard]] std::string describe() const override { return "write-behind (wrong)"; }

 private:
  void on_durable(Position, std::string_view) override {}
  void on_failed(Position first_lost, std::string_view why) override {
    listener_->on_failed(first_lost, why);
  }
  void flush_loop() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, std::chrono::milliseconds(50));
      for (auto& record : buffered_) inner_.append(std::move(record));
      buffered_.clear();
    }
    for (auto& record : buffered_) inner_.append(std::move(record));
  }

  FileLog inner_;
  EventLog::Listener* listener_ = nullptr;
  Position next_ = 0;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::string> buffered_;
  bool stopping_ = false;
  std::thread flusher_;
};

}  // namespace archbench::event_driven::wrong
