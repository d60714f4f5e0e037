// A small pool of connections for the SQLite and Redis adapters: each unit of work borrows one
// connection for its whole length (a SQL transaction or a WATCH ... EXEC lives on one
// connection) and gives it back. The pool grows to the number of concurrent callers (the I/O
// threads) and no further, so connections are never opened on the hot path after warm-up.
// A Connection says with `bool healthy() const` whether it may be lent again: one broken by an
// I/O error (the server restarted) is closed instead, and the next caller opens a fresh one.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace archbench::hexagonal::adapters {

template <class Connection>
class ConnectionPool {
 public:
  using Open = std::function<std::unique_ptr<Connection>()>;

  explicit ConnectionPool(Open open) : open_(std::move(open)) {}

  // A borrowed connection, returned to the pool when the lease ends if it is still healthy()
  // and was not discard()ed (left in a state only its user knows to be unusable).
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection) noexcept
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (connection_ && connection_->healthy()) pool_.give_back(std::move(connection_));
    }

    Connection& operator*() const noexcept { return *connection_; }
    Connection* operator->() const noexcept { return connection_.get(); }
    void discard() noexcept { connection_.reset(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<Connection> connection_;
  };

  [[nodiscard]] Lease acquire() {
    {
      const std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(connection));
      }
    }
    return Lease(*this, open_());  // opened outside the lock: it may take a while
  }

 private:
  void give_back(std::unique_ptr<Connection> connection) noexcept {
    const std::lock_guard lock(mutex_);
    try {
      idle_.push_back(std::move(connection));
    } catch (...) {  // out of memory: closing the connection is a fine answer
    }
  }

  Open open_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace archbench::hexagonal::adapters
