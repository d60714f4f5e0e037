// An answer slot that keeps the answer in memory instead of writing it to a socket: what lets a
// benchmark or a backend's unit test drive the whole request path in-process. Like a
// connection, it has one request outstanding at a time and reuses its body buffer, so that the
// steady state allocates what the backend allocates and nothing more; and like a connection,
// it accepts the answer inline or later from any thread.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "common/http/response.hpp"

namespace archbench::ledger::testing {

class CaptureSink final : public http::ResponseSlot {
 public:
  // Before handing out a new Responder, on the thread that will call the handler: forgets the
  // last answer but keeps its body's capacity for the next one.
  void expect_answer() {
    slot_.status = 200;
    slot_.content_type = http::Response{}.content_type;
    slot_.extra_headers = {};
    slot_.body.clear();
    answered_inline_ = false;
    answered_ = false;  // nobody else holds a Responder to this sink yet: no lock needed
    caller_ = std::this_thread::get_id();
  }

  // Blocks until the answer has been committed. A backend that answers inline has already
  // answered when its handler returns: no synchronisation at all. One that answers from
  // another thread is waited for. The answer stays valid until the next expect_answer().
  const http::Response& wait() {
    if (!answered_inline_) {
      std::unique_lock lock(mutex_);
      answered_changed_.wait(lock, [this] { return answered_; });
    }
    return slot_;
  }

  void commit(std::shared_ptr<void>&& /*keep_alive: the Responder drops it*/) override {
    if (std::this_thread::get_id() == caller_) {  // inline: the caller is inside the handler
      answered_inline_ = true;
      return;
    }
    // Notify under the lock: once wait() can return (and the sink be destroyed), this thread
    // no longer touches it.
    const std::lock_guard lock(mutex_);
    answered_ = true;
    answered_changed_.notify_one();
  }

 private:
  std::thread::id caller_;
  bool answered_inline_ = false;  // only touched by the caller's thread
  std::mutex mutex_;
  std::condition_variable answered_changed_;
  bool answered_ = false;  // guarded by mutex_: answered from another thread
};

}  // namespace archbench::ledger::testing
