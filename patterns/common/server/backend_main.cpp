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
#include <string>
#include <thread>
#include <utility>

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

// The shutdown, once the server has stopped serving (its I/O threads have returned: no handler
// runs or will run): the service answers or drops what it still holds (Service::stop), then the
// server goes, then - on return - the service, and the metrics last. Answers given during the
// drain are counted in /metrics' counters (alive until the very end) and handed to connections
// whose I/O threads no longer run, which release them when the server goes: counted, not sent,
// and never written into freed memory. False if the drain failed.
bool drain(ledger::Service& service, std::unique_ptr<http::Server> server,
           const std::string& program) {
  bool drained = true;
  try {
    service.stop();
  } catch (const std::exception& e) {
    std::cerr << program << ": while stopping: " << e.what() << '\n';
    drained = false;
  }
  server.reset();
  return drained;
}

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

  // Declared before the service: late answers count into it until the service is destroyed.
  ledger::Metrics metrics;
  std::unique_ptr<ledger::Service> service;
  try {
    service = backend.make_service();
  } catch (const std::exception& e) {
    std::cerr << program << ": " << e.what() << '\n';
    return 1;
  }
  std::unique_ptr<http::Server> server;
  try {
    server = std::make_unique<http::Server>(
        options, ledger::make_http_handler(*service, metrics, backend.name));
  } catch (const std::exception& e) {
    std::cerr << program << ": cannot listen on " << options.host << ':' << options.port << ": "
              << e.what() << '\n';
    return 1;
  }
  int exit_code = 0;
  try {
    const StopOnSignal stop_on_signal(*server);
    // The line scripts wait for: from now on the port accepts connections.
    std::cout << "listening on " << server->host() << ':' << server->port() << std::endl;
    server->run();
  } catch (const std::exception& e) {
    std::cerr << program << ": " << e.what() << '\n';
    exit_code = 1;
  }
  return drain(*service, std::move(server), program) ? exit_code : 1;
}

}  // namespace archbench
