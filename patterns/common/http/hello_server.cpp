// The transport alone: answers {"status":"ok"} to every request. It is the floor under every
// backend (what parsing, dispatch and writing cost with no work in the handler), and the
// program to point wrk or callgrind at when changing the transport.
//
//   http_hello_server [--port 8080] [--threads 1] [--host ...] [timeouts...]   (--help lists them)
//
// It takes the transport's options exactly as every backend does (server_cli.hpp), parsed by
// the same code, and nothing of the ledger: it is the floor.
//
// Instructions per request, the number that does not drift with the machine's load: run it
// under `valgrind --tool=callgrind`, send N keep-alive GETs one after the other from a small
// client (waiting after each answer until the server sleeps again, as scripts/callgrind does),
// stop it with SIGINT, and take the difference of the totals for N = 3000 and 1000, divided by
// 2000 (the difference cancels start-up and shutdown). Release build, one I/O thread, g++ 12:
// 3,013 user-space instructions per request, against 2,955 before the defences of issue 8
// (timeouts, limits, the Host rule; measured side by side on 2026-12-02, both deterministic to
// the instruction), and 2.5k for a minimal hand-written Asio server that answers a constant
// string - the rest is the strict parser, the serialization, the deadlines and the handler.
// Of the 58 added: 27 for checking Host, about 20 for the deadline and head-scan bookkeeping,
// about 13 for the optional "Connection: keep-alive"; the lazier buffer saves some back.
// A head sent one byte per read costs 1,069 instructions per byte whatever its size (4 KB or
// 16 KB); before, the head was re-parsed from its first byte on every read: 1,702 per byte at
// 4 KB, 2,310 at 16 KB, growing with the size.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>
#include <utility>

#include "common/http/server.hpp"
#include "common/http/server_cli.hpp"

int main(int argc, char** argv) {
  using namespace archbench::http;
  ServerOptions options;
  options.port = 8080;
  CLI::App app{"http_hello_server: the transport alone, answering {\"status\":\"ok\"}",
               "http_hello_server"};
  add_server_options(app, options);
  CLI11_PARSE(app, argc, argv);

  // A write to a client that has gone must be an error code, not a process-killing SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);

  // Block SIGINT/SIGTERM before any thread starts, so that every thread inherits the mask and
  // only the sigwait() below receives them: stop() is not async-signal-safe.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Server server(options, [](const Request&, Responder responder) {
    std::string body = responder.take_buffer();  // reuses the last answer's capacity
    body.append(std::string_view(R"({"status":"ok"})"));
    responder.send(200, std::move(body));
  });
  std::printf("listening on %s:%u\n", server.host().c_str(), unsigned{server.port()});
  std::fflush(stdout);

  std::thread stopper([&server, &signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    server.stop();
  });
  server.run();
  stopper.join();
  return 0;
}
