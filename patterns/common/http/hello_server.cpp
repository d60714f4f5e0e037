// The transport alone: answers {"status":"ok"} to every request. It is the floor under every
// backend (what parsing, dispatch and writing cost with no work in the handler), and the
// program to point wrk or callgrind at when changing the transport.
//
//   http_hello_server [port] [threads]        (port 0 picks a free one; Ctrl-C stops)
//
// Instructions per request, the number that does not drift with the machine's load: run it
// under `valgrind --tool=callgrind`, send N keep-alive GETs one after the other from a small
// client, stop it with SIGINT, and take the difference of the totals for N = 3000 and 1000,
// divided by 2000 (the difference cancels start-up and shutdown). Release build, one I/O
// thread: about 2.9k user-space instructions per request, against 2.5k for a minimal
// hand-written Asio server that answers a constant string (../shared/CEILINGS.md) - the rest
// is the strict parser, the serialization and the handler call.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <utility>

#include "common/http/server.hpp"

int main(int argc, char** argv) {
  using namespace archbench::http;
  ServerOptions options;
  options.port = static_cast<std::uint16_t>(argc > 1 ? std::atoi(argv[1]) : 8080);
  options.threads = static_cast<unsigned>(argc > 2 ? std::atoi(argv[2]) : 1);

  // Block SIGINT/SIGTERM before any thread starts, so that every thread inherits the mask and
  // only the sigwait() below receives them: stop() is not async-signal-safe.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Server server(options, [](const Request&, Responder responder) {
    std::string body = responder.take_buffer();  // reuses the last answer's capacity
    body += R"({"status":"ok"})";
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
