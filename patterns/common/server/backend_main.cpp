// run_backend(): the part of main() every backend shares. Its promises to scripts and to the
// conformance suite: exactly one "listening on HOST:PORT" line on stdout once requests are
// served, every failure explained on stderr with exit code 1, and exit code 0 after SIGINT or
// SIGTERM once in-flight work has stopped.
#include "common/server/backend_main.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdint>
#include <exception>
#include <iostream>
#include <memory>
#include <thread>

#include "common/http/server.hpp"
#include "common/http/server_cli.hpp"
#include "common/ledger/metrics.hpp"
#include "common/ledger/service.hpp"

namespace archbench {
namespace {

// Stops `server` on SIGINT or SIGTERM. Asio's signal_set turns the signal into an ordinary
// callback on its own small io_context and thread, so the stop runs outside signal-handler
// context and may do anything. The server itself keeps no trace of signals.
class StopOnSignal {
 public:
  explicit StopOnSignal(http::Server& server) : signals_(io_, SIGINT, SIGTERM) {
    signals_.async_wait([&server](const boost::system::error_code& error, int) {
      if (!error) server.stop();
    });
    thread_ = std::thread([this] { io_.run(); });
  }
  ~StopOnSignal() {
    io_.stop();  // the server stopped some other way: no signal will come
    thread_.join();
  }
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;

 private:
  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  std::thread thread_;
};

}  // namespace

int run_backend(int argc, char** argv, const BackendDefinition& backend) {
  const std::string program = "archbench-" + backend.name;
  CLI::App app{program + ": " + backend.summary, program};
  http::ServerOptions options;
  http::add_server_options(app, options);  // --host, --port, --threads, timeouts, limits
  if (backend.add_options) backend.add_options(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints the help (code 0) or the error and a hint
    return code == 0 ? 0 : 1;
  }

  // A write to a client that has gone must be an error code, not a process-killing SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);

  std::unique_ptr<ledger::Service> service;
  try {
    service = backend.make_service();
  } catch (const std::exception& e) {
    std::cerr << program << ": " << e.what() << '\n';
    return 1;
  }
  ledger::Metrics metrics;  // declared before the server: its handler counts into it
  std::unique_ptr<http::Server> server;
  try {
    server = std::make_unique<http::Server>(
        options, ledger::make_http_handler(*service, metrics, backend.name));
  } catch (const std::exception& e) {
    std::cerr << program << ": cannot listen on " << options.host << ':' << options.port << ": "
              << e.what() << '\n';
    return 1;
  }
  try {
    const StopOnSignal stop_on_signal(*server);
    // The line scripts wait for: from now on the port accepts connections.
    std::cout << "listening on " << server->host() << ':' << server->port() << std::endl;
    server->run();
  } catch (const std::exception& e) {
    std::cerr << program << ": " << e.what() << '\n';
    return 1;
  }
  return 0;
}

}  // namespace archbench
