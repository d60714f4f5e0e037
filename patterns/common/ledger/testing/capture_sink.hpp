// A ResponseSink that keeps the answer in memory instead of writing it to a socket: what lets a
// benchmark (or a test) drive a backend's whole request path in-process.
#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "common/http/response.hpp"

namespace archbench::micro {

class CaptureSink final : public http::ResponseSink {
 public:
  // Before handing out a new Responder, on the thread that will call the handler: forgets the
  // last answer but keeps its body's capacity for take_buffer(), as the transport's connections
  // do, so that the steady state allocates what the backend allocates and nothing more.
  void expect_answer() {
    spare_body_ = std::move(response_.body);
    response_ = {};
    answered_inline_ = false;
    answered_ = false;
    caller_ = std::this_thread::get_id();
  }

  // Blocks until complete() has run. A backend that answers inline has already answered when
  // its handler returns: no synchronisation at all. One that answers from another thread is
  // waited for.
  const http::Response& wait() {
    if (!answered_inline_) {
      std::unique_lock lock(mutex_);
      answered_changed_.wait(lock, [this] { return answered_; });
    }
    return response_;
  }

  void complete(http::Response&& response) override {
    if (std::this_thread::get_id() == caller_) {  // inline: the caller is inside the handler
      response_ = std::move(response);
      answered_inline_ = true;
      return;
    }
    // Notify under the lock: once wait() can return (and the sink be destroyed), this thread
    // no longer touches it.
    const std::lock_guard lock(mutex_);
    response_ = std::move(response);
    answered_ = true;
    answered_changed_.notify_one();
  }

  std::string take_buffer() override {
    std::string buffer = std::move(spare_body_);
    buffer.clear();
    return buffer;
  }

 private:
  http::Response response_;
  std::string spare_body_;
  std::thread::id caller_;
  bool answered_inline_ = false;  // only touched by the caller's thread
  std::mutex mutex_;
  std::condition_variable answered_changed_;
  bool answered_ = false;  // guarded by mutex_: answered from another thread
};

}  // namespace archbench::micro
