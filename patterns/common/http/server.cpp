// The Server: one IoWorker (io_context + thread) per I/O thread, and an acceptor on the first
// one that deals accepted sockets out to the workers in turn.
#include "common/http/server.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/http/connection.hpp"
#include "common/http/io_worker.hpp"

namespace archbench::http {

using boost::asio::ip::tcp;
using detail::Connection;
using detail::IoWorker;

struct Server::Impl {
  using Acceptor = tcp::acceptor::rebind_executor<boost::asio::io_context::executor_type>::other;
  using WorkGuard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

  Impl(ServerOptions server_options, Handler server_handler);
  ~Impl();
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void accept_next();
  void stop();

  ServerOptions options;
  // Connections refer to it. Those that outlive the Server never call it again: only a
  // handler run by an I/O thread does, and the workers are shut down first.
  Handler handler;
  // Declared before the acceptor, which lives in workers[0]'s io_context.
  std::vector<std::shared_ptr<IoWorker>> workers;
  std::vector<WorkGuard> idle_guards;  // keep run() running on a worker with nothing to do
  Acceptor acceptor;
  std::size_t next_worker = 0;
  std::uint16_t port = 0;
};

Server::Impl::Impl(ServerOptions server_options, Handler server_handler)
    : options(std::move(server_options)),
      handler(std::move(server_handler)),
      workers([n = options.threads] {
        std::vector<std::shared_ptr<IoWorker>> w(n == 0 ? 1 : n);
        for (auto& worker : w) worker = std::make_shared<IoWorker>();
        return w;
      }()),
      acceptor(workers.front()->context()) {
  for (const auto& worker : workers) {
    idle_guards.push_back(boost::asio::make_work_guard(worker->context()));
  }
  tcp::resolver resolver(workers.front()->context());
  const tcp::endpoint endpoint =
      resolver
          .resolve(options.host, std::to_string(options.port),
                   tcp::resolver::passive | tcp::resolver::numeric_service)
          .begin()
          ->endpoint();
  acceptor.open(endpoint.protocol());
  acceptor.set_option(tcp::acceptor::reuse_address(true));
  acceptor.bind(endpoint);
  acceptor.listen(tcp::socket::max_listen_connections);
  port = acceptor.local_endpoint().port();
  accept_next();
}

// Runs only after every I/O thread has stopped (see Server::~Server), so it owns everything.
Server::Impl::~Impl() {
  stop();
  idle_guards.clear();
  boost::system::error_code ignored;
  acceptor.close(ignored);
  // Destroys the pending reads, writes and posts, and with them every connection they own.
  // Connections still owned by a Responder elsewhere survive, with their worker; an answer
  // they get from now on is dropped (IoWorker::post).
  for (const auto& worker : workers) worker->shut_down();
}

void Server::Impl::accept_next() {
  std::shared_ptr<IoWorker> worker = workers[next_worker];
  next_worker = (next_worker + 1) % workers.size();
  // This overload creates the socket in the target worker's io_context, so the connection
  // lives there from the start.
  acceptor.async_accept(worker->context(), [this, worker](const boost::system::error_code& error,
                                                          Connection::Socket socket) {
    if (error == boost::asio::error::operation_aborted) return;  // the acceptor closed
    if (!error) {
      boost::system::error_code ignored;
      // Answers are complete messages written at once: Nagle's algorithm would only hold
      // them back waiting for an ACK (the 40 ms stall of ../shared/CEILINGS.md).
      socket.set_option(tcp::no_delay(true), ignored);
      auto connection = std::make_shared<Connection>(worker, std::move(socket), handler);
      boost::asio::post(worker->context(), [connection] { connection->start(); });
    }
    // Other errors (a client that reset before we accepted, out of descriptors) concern
    // one connection, not the server: keep accepting.
    accept_next();
  });
}

void Server::Impl::stop() {
  for (const auto& worker : workers) worker->context().stop();
}

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

// Destroy the Server only once run() has returned (or if it never ran).
Server::~Server() = default;

std::uint16_t Server::port() const { return impl_->port; }

const std::string& Server::host() const { return impl_->options.host; }

void Server::run() {
  std::vector<std::thread> threads;
  threads.reserve(impl_->workers.size() - 1);
  for (std::size_t i = 1; i < impl_->workers.size(); ++i) {
    threads.emplace_back([worker = impl_->workers[i]] { worker->context().run(); });
  }
  try {
    impl_->workers.front()->context().run();  // the calling thread is the first I/O thread
  } catch (...) {
    impl_->stop();
    for (auto& thread : threads) thread.join();
    throw;
  }
  for (auto& thread : threads) thread.join();
  // Every I/O thread has finished: the acceptor can be closed from here, and new clients are
  // refused instead of waiting in the listen queue.
  boost::system::error_code ignored;
  impl_->acceptor.close(ignored);
}

// io_context::stop() is thread-safe: run() on each thread returns as soon as its current
// handler does. A stop() before run() makes run() return at once.
void Server::stop() { impl_->stop(); }

}  // namespace archbench::http
