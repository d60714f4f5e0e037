// Private to the transport: one I/O thread's world. An IoWorker owns the io_context that one
// thread runs and every connection on that thread lives in; connections share ownership of it,
// so that a connection kept alive by a Responder on another thread after the Server is gone
// can still close its socket (a socket must not outlive its io_context).
//
// It also carries late answers - those given from another thread, or later on this one - to
// its thread, at no mutex and no allocation per answer:
// - The connection is the queue node (QueuedAnswer): a lock-free intrusive stack that the
//   answering thread pushes onto with one compare-and-swap, and that the I/O thread takes whole
//   with one exchange. (Taking everything at once is what makes a plain CAS stack safe: the
//   ABA problem needs single-node pops.) Order across connections does not matter - each has
//   one request outstanding - but the I/O thread reverses the batch to serve oldest first.
// - Only the push that finds the queue empty wakes the thread, by writing to an eventfd that
//   has an asynchronous read pending on it for good. Under load, many answers share one
//   wake-up. Why not boost::asio::post: from a foreign thread it allocates its handler (Asio
//   recycles handler memory per I/O thread, and a foreign thread has none) and takes the
//   io_context's scheduler mutex - the two costs this path exists to avoid.
// - Shutdown is ordered by a gate, not a mutex: answering threads pass through it with two
//   atomic increments; shut_down() closes it and waits for the few instructions of the threads
//   inside to finish. After that nobody touches the queue or the eventfd, and what was queued
//   but never served is released - never leaked (a queued connection owns its worker, which
//   owns the queue) and never delivered to a context that no longer runs.
#pragma once

#include <sys/eventfd.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <new>
#include <system_error>
#include <thread>
#include <utility>

#include "common/http/connection_list.hpp"

namespace archbench::http::detail {

class IoWorker;

// A connection whose answer is ready: the node of IoWorker's answer queue. The queue needs no
// memory of its own: the link and the queue's reference to the connection live here.
class QueuedAnswer {
 public:
  QueuedAnswer() = default;
  QueuedAnswer(const QueuedAnswer&) = delete;
  QueuedAnswer& operator=(const QueuedAnswer&) = delete;

 protected:
  virtual ~QueuedAnswer() = default;
  // On the worker's thread, once the answer handed to IoWorker::deliver() has arrived.
  virtual void on_answer() = 0;

 private:
  friend class IoWorker;
  QueuedAnswer* next_ = nullptr;  // written by the pusher before the CAS that publishes it
  std::shared_ptr<void> owner_;   // the queue's reference to the connection while queued
};

class IoWorker {
 public:
  IoWorker()
      : wake_fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)),
        wake_(context_, checked(wake_fd_)) {  // the descriptor owns (and closes) the fd
    arm();
  }
  IoWorker(const IoWorker&) = delete;
  IoWorker& operator=(const IoWorker&) = delete;

  boost::asio::io_context& context() noexcept { return context_; }
  // This thread's connections: their count and their deadlines (connection_list.hpp).
  ConnectionList& connections() noexcept { return connections_; }

  // Hands `answer` to this worker's thread, from any thread, with the caller's reference to it
  // (moved from). If the worker is shut down, nothing happens and `owner` stays with the
  // caller, who releases it: nobody will ever run this context again. After a successful
  // delivery the caller must not touch the connection: the I/O thread may already be done
  // with it.
  void deliver(QueuedAnswer& answer, std::shared_ptr<void>& owner) noexcept {
    if (!enter()) return;
    answer.owner_ = std::move(owner);
    QueuedAnswer* head = answers_.load(std::memory_order_relaxed);
    do {
      answer.next_ = head;
      // Release: the answer written into the connection's slot, and the two fields above,
      // are visible to the I/O thread that takes the node.
    } while (!answers_.compare_exchange_weak(head, &answer, std::memory_order_release,
                                             std::memory_order_relaxed));
    if (head == nullptr) wake();  // the queue was empty: the thread may be asleep in epoll
    leave();
  }

  // Queues `function` to run on this worker's thread, unless the worker is shut down, in which
  // case it is dropped (keeping it would leak: a queued handler owns a connection, which owns
  // this worker). A general-purpose escape hatch through the same gate as deliver(); unlike
  // deliver(), Asio allocates the handler.
  template <typename Function>
  void post(Function&& function) {
    if (!enter()) return;
    boost::asio::post(context_, std::forward<Function>(function));
    leave();
  }

  // Called once the thread has stopped running the context: destroys every pending handler
  // (pending reads and writes own their connections) without destroying the context, which
  // surviving connections still need, then releases the answers delivered too late. A thread
  // that delivers from now on is turned away at the gate and releases its connection itself -
  // after this teardown, never during it.
  void shut_down() {
    if ((gate_.fetch_or(kClosed) & kClosed) != 0) return;  // already shut down
    while ((gate_.load() & ~kClosed) != 0) std::this_thread::yield();
    context_.destroy_pending_handlers();
    connections_.detach_all();  // survivors are destroyed later, on other threads
    QueuedAnswer* answer = answers_.exchange(nullptr, std::memory_order_acquire);
    while (answer != nullptr) {
      QueuedAnswer* const next = answer->next_;  // read first: the reset may free `answer`
      answer->owner_.reset();
      answer = next;
    }
  }

 private:
  // The high bit of gate_ says "shut down"; the rest count the threads inside deliver/post.
  // One atomic word, so that entering and checking are one step: either a thread's increment
  // comes before shut_down()'s fetch_or (and shut_down waits for it), or it sees the bit.
  static constexpr std::uint32_t kClosed = std::uint32_t{1} << 31;

  bool enter() noexcept {
    if ((gate_.fetch_add(1) & kClosed) == 0) return true;
    gate_.fetch_sub(1);
    return false;
  }
  void leave() noexcept { gate_.fetch_sub(1); }

  static int checked(int fd) {
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
    return fd;
  }

  void wake() noexcept {
    const std::uint64_t one = 1;
    // It cannot fill up (that takes 2^64 - 1 wake-ups before a read); retry an interruption.
    while (::write(wake_fd_, &one, sizeof one) < 0 && errno == EINTR) {
    }
  }

  // Memory for the one wake-up read that is ever pending. Asio recycles operation memory per
  // I/O thread, but only one block: a late answer starts a write while the wake-up read's
  // block is in that cache, so re-arming the read would allocate every time. Asio frees an
  // operation's memory before calling its handler, so the handler's re-arm finds this free.
  class WakeMemory {
   public:
    void* allocate(std::size_t size) {
      if (in_use_ || size > sizeof bytes_) return ::operator new(size);  // never, in practice
      in_use_ = true;
      return bytes_;
    }
    void deallocate(void* pointer) noexcept {
      if (pointer == bytes_) {
        in_use_ = false;
      } else {
        ::operator delete(pointer);
      }
    }

   private:
    alignas(std::max_align_t) unsigned char bytes_[256];
    bool in_use_ = false;
  };
  template <typename T>
  struct WakeAllocator {
    using value_type = T;
    WakeMemory* memory;
    explicit WakeAllocator(WakeMemory* m) noexcept : memory(m) {}
    template <typename U>
    WakeAllocator(const WakeAllocator<U>& other) noexcept : memory(other.memory) {}  // NOLINT
    T* allocate(std::size_t n) { return static_cast<T*>(memory->allocate(n * sizeof(T))); }
    void deallocate(T* pointer, std::size_t) noexcept { memory->deallocate(pointer); }
    template <typename U>
    bool operator==(const WakeAllocator<U>& other) const noexcept {
      return memory == other.memory;
    }
  };
  // The wake-up read's handler; its associated allocator is what makes Asio use WakeMemory.
  struct WakeHandler {
    IoWorker* worker;
    using allocator_type = WakeAllocator<void>;
    allocator_type get_allocator() const noexcept { return allocator_type(&worker->wake_memory_); }
    void operator()(const boost::system::error_code& error, std::size_t) const {
      worker->on_wake(error);
    }
  };

  // The read that stays pending on the eventfd, re-armed after each drain.
  void arm() {
    wake_.async_read_some(boost::asio::buffer(&wake_count_, sizeof wake_count_), WakeHandler{this});
  }

  void on_wake(const boost::system::error_code& error) {
    if (error == boost::asio::error::operation_aborted) return;
    if (error) {  // cannot happen with an eventfd; never fail silently
      std::fprintf(stderr, "archbench http: wake-up read failed: %s\n", error.message().c_str());
      return;
    }
    drain();
    arm();  // after the drain: a push in between wakes us again
  }

  // On this thread: serves every delivered answer.
  void drain() {
    QueuedAnswer* newest_first = answers_.exchange(nullptr, std::memory_order_acquire);
    QueuedAnswer* oldest_first = nullptr;
    while (newest_first != nullptr) {
      QueuedAnswer* const next = newest_first->next_;
      newest_first->next_ = oldest_first;
      oldest_first = newest_first;
      newest_first = next;
    }
    while (oldest_first != nullptr) {
      QueuedAnswer* const answer = oldest_first;
      // Read first: serving the answer may hand the connection's next request to a handler
      // that answers, and re-queues the connection, before on_answer() returns.
      oldest_first = answer->next_;
      const std::shared_ptr<void> owner = std::move(answer->owner_);
      answer->on_answer();
    }
  }

  // execution_context::shutdown() is what ~io_context runs first; it is protected, so a
  // derived class exposes it.
  //
  // UNSAFE_IO tells Asio that each socket is used by one thread at a time, so it skips the
  // per-socket lock on every read and write (about 7% of the transport's instructions per
  // request). That holds here: a connection's socket and the eventfd's descriptor are only
  // touched by the worker's thread (or, once the server is gone, a socket by whichever thread
  // drops its connection last; other threads only write() to the eventfd, outside Asio). The
  // one step on another thread, the acceptor registering a new socket with this context, is
  // covered by the registration lock, which this hint keeps.
  class Context : public boost::asio::io_context {
   public:
    Context() : boost::asio::io_context(BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO) {}
    void destroy_pending_handlers() { shutdown(); }
  };
  using Descriptor =
      boost::asio::posix::basic_stream_descriptor<boost::asio::io_context::executor_type>;

  WakeMemory wake_memory_;  // before context_: outlives the pending read that uses it
  Context context_;
  ConnectionList connections_{context_};  // after the context: its timer needs it
  const int wake_fd_;
  Descriptor wake_;  // after context_: destroyed before it
  std::uint64_t wake_count_ = 0;
  // Shared by every answering thread and this one: their own cache line, away from the
  // context's fields that the I/O thread alone uses.
  alignas(64) std::atomic<QueuedAnswer*> answers_{nullptr};
  std::atomic<std::uint32_t> gate_{0};
};

}  // namespace archbench::http::detail
