// The Server: one IoWorker (io_context + thread) per I/O thread, and an acceptor on the first
// one that deals accepted sockets out to the workers in turn, refuses clients past
// max_connections with a 503, and backs off when the process is out of descriptors.
#include "common/http/server.hpp"

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <cstdio>
#include <exception>
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

namespace {

// Out of descriptors (EMFILE, ENFILE) or kernel memory: the connection waits in the listen
// queue, so accepting again at once fails again at once, and the acceptor would spin a core.
bool out_of_resources(const boost::system::error_code& error) {
  const int code = error.value();
  return error.category() == boost::system::system_category() &&
         (code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM);
}
constexpr std::chrono::milliseconds kAcceptBackoff{100};

// The sweep's period: a quarter of the shortest timeout, between 5 ms and 1 s.
std::chrono::milliseconds sweep_tick(const ServerOptions& options) {
  const auto shortest = std::min(
      {options.head_timeout, options.body_timeout, options.idle_timeout, options.linger_timeout});
  return std::clamp(shortest / 4, std::chrono::milliseconds(5), std::chrono::milliseconds(1000));
}

// A timeout in ticks, rounded up, plus one: a deadline set just before a tick must not expire
// at that tick.
std::uint64_t ticks(std::chrono::milliseconds timeout, std::chrono::milliseconds tick) {
  return static_cast<std::uint64_t>((timeout.count() + tick.count() - 1) / tick.count()) + 1;
}

// Runs one I/O thread. An exception that escapes a handler (connections guard their own, see
// Connection::guarded; this is the net under everything else) is logged, and the thread goes
// on serving: one failure must not take every client down.
void run_worker(IoWorker& worker) {
  for (;;) {
    try {
      worker.context().run();
      return;
    } catch (const std::exception& error) {
      std::fprintf(stderr, "archbench http: an I/O handler threw: %s\n", error.what());
    } catch (...) {
      std::fprintf(stderr, "archbench http: an I/O handler threw a non-standard exception\n");
    }
  }
}

}  // namespace

struct Server::Impl {
  using Acceptor = tcp::acceptor::rebind_executor<boost::asio::io_context::executor_type>::other;
  using WorkGuard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

  Impl(ServerOptions server_options, Handler server_handler);
  ~Impl();
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void accept_next();
  void on_accept_error(const boost::system::error_code& error);
  [[nodiscard]] std::size_t open_connections() const;
  void stop();

  ServerOptions options;
  // Connections refer to it. Those that outlive the Server never call it again: only a
  // handler run by an I/O thread does, and the workers are shut down first.
  Handler handler;
  // Declared before the acceptor, which lives in workers[0]'s io_context.
  std::vector<std::shared_ptr<IoWorker>> workers;
  std::vector<WorkGuard> idle_guards;  // keep run() running on a worker with nothing to do
  Acceptor acceptor;
  boost::asio::steady_timer accept_backoff;  // in workers[0]'s context, like the acceptor
  bool backing_off = false;                  // logged once per spell of accept errors
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
      acceptor(workers.front()->context()),
      accept_backoff(workers.front()->context()) {
  const std::chrono::milliseconds tick = sweep_tick(options);
  const detail::TimeoutTicks timeouts{
      ticks(options.head_timeout, tick), ticks(options.body_timeout, tick),
      ticks(options.idle_timeout, tick), ticks(options.linger_timeout, tick)};
  for (const auto& worker : workers) {
    idle_guards.push_back(boost::asio::make_work_guard(worker->context()));
    worker->connections().start(tick, timeouts);
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
    if (error) {
      on_accept_error(error);
      return;
    }
    backing_off = false;
    boost::system::error_code ignored;
    // Answers are complete messages written at once: Nagle's algorithm would only hold
    // them back waiting for the client's delayed ACK (a 40 ms stall per answer).
    socket.set_option(tcp::no_delay(true), ignored);
    // Past the limit the client is still accepted, to be told so (503) and closed: a client
    // left in the listen queue cannot tell a full server from a dead one, and waits for its
    // connect timeout. A refused client costs a descriptor for the time of one small write.
    const bool refuse = open_connections() >= options.max_connections;
    auto connection = std::make_shared<Connection>(worker, std::move(socket), handler);
    boost::asio::post(worker->context(), [connection, refuse] {
      if (refuse) {
        connection->refuse();
      } else {
        connection->start();
      }
    });
    accept_next();
  });
}

void Server::Impl::on_accept_error(const boost::system::error_code& error) {
  if (!out_of_resources(error)) {
    // A client that reset before we accepted it: its business, not the server's.
    accept_next();
    return;
  }
  // Out of descriptors: wait for connections to close instead of failing in a tight loop.
  if (!backing_off) {
    std::fprintf(stderr, "archbench http: cannot accept (%s); retrying every %d ms\n",
                 error.message().c_str(), static_cast<int>(kAcceptBackoff.count()));
    backing_off = true;
  }
  accept_backoff.expires_after(kAcceptBackoff);
  accept_backoff.async_wait([this](const boost::system::error_code& wait_error) {
    if (!wait_error) accept_next();
  });
}

std::size_t Server::Impl::open_connections() const {
  std::size_t open = 0;
  for (const auto& worker : workers) open += worker->connections().open();
  return open;
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
    threads.emplace_back([worker = impl_->workers[i]] { run_worker(*worker); });
  }
  run_worker(*impl_->workers.front());  // the calling thread is the first I/O thread
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
