// Private to the transport: one I/O thread's world. An IoWorker owns the io_context that one
// thread runs and every connection on that thread lives in; connections share ownership of it,
// so that a connection kept alive by a Responder on another thread after the Server is gone
// can still close its socket (a socket must not outlive its io_context).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <mutex>
#include <utility>

#include "common/http/connection_list.hpp"

namespace archbench::http::detail {

class IoWorker {
 public:
  IoWorker() = default;
  IoWorker(const IoWorker&) = delete;
  IoWorker& operator=(const IoWorker&) = delete;

  boost::asio::io_context& context() noexcept { return context_; }
  // This thread's connections: their count and their deadlines (connection_list.hpp).
  ConnectionList& connections() noexcept { return connections_; }

  // Queues `function` to run on this worker's thread, unless the server has shut the worker
  // down, in which case it is dropped: nobody would ever run it, and keeping it would
  // leak (a queued handler owns a connection, which owns this worker, which owns the queue).
  // Used for answers that arrive from other threads, off the inline hot path; the mutex only
  // orders them against shut_down(), so it is uncontended in practice.
  template <typename Function>
  void post(Function&& function) {
    const std::lock_guard lock(mutex_);
    if (!shut_down_) boost::asio::post(context_, std::forward<Function>(function));
  }

  // Called once the thread has stopped running the context: destroys every pending handler
  // (pending reads and writes own their connections) without destroying the context, which
  // surviving connections still need. Holding the mutex throughout means no other thread
  // queues a handler, or releases a connection it just failed to post to, while Asio is
  // tearing its queues down.
  void shut_down() {
    const std::lock_guard lock(mutex_);
    shut_down_ = true;
    context_.destroy_pending_handlers();
    connections_.detach_all();  // survivors are destroyed later, on other threads
  }

 private:
  // execution_context::shutdown() is what ~io_context runs first; it is protected, so a
  // derived class exposes it.
  //
  // UNSAFE_IO tells Asio that each socket is used by one thread at a time, so it skips the
  // per-socket lock on every read and write (about 7% of the transport's instructions per
  // request). That holds here: a connection's socket is only touched by its worker's thread
  // (or, once the server is gone, by whichever thread drops the connection last). The one step
  // on another thread, the acceptor registering a new socket with this context, is covered by
  // the registration lock, which this hint keeps; posting from any thread stays safe too.
  class Context : public boost::asio::io_context {
   public:
    Context() : boost::asio::io_context(BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO) {}
    void destroy_pending_handlers() { shutdown(); }
  };

  Context context_;
  ConnectionList connections_{context_};  // after the context: its timer needs it
  std::mutex mutex_;
  bool shut_down_ = false;
};

}  // namespace archbench::http::detail
