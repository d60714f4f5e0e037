// The transport's command-line options, declared once for every program that runs a Server:
// each backend (through run_backend) and http_hello_server take the same flags with the same
// defaults. CLI11 is header-only; this header keeps it out of server.hpp.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <sstream>
#include <string>

#include "common/http/server.hpp"

namespace archbench::http {

namespace detail {

// "10", "0.5": a duration as --help shows it.
inline std::string seconds_text(ServerOptions::Duration duration) {
  std::ostringstream text;
  text << static_cast<double>(duration.count()) / 1000.0;
  return text.str();
}

// A timeout flag in seconds (fractions allowed: the conformance suite uses 0.5).
inline void add_timeout_option(CLI::App& app, const std::string& name,
                               ServerOptions::Duration& timeout, const std::string& what) {
  app.add_option_function<double>(
         name,
         [&timeout](double seconds) {
           timeout = ServerOptions::Duration(std::llround(seconds * 1000.0));
         },
         what + " (seconds)")
      ->default_str(seconds_text(timeout))
      ->check(CLI::Range(0.01, 86'400.0));
}

}  // namespace detail

// Adds --host, --port, --threads, the timeouts and --max-connections to `app`, writing into
// `options` (whose current values are the defaults shown by --help).
inline void add_server_options(CLI::App& app, ServerOptions& options) {
  app.add_option("--host", options.host, "address to listen on")->capture_default_str();
  app.add_option("--port", options.port, "TCP port; 0 picks a free one")->capture_default_str();
  app.add_option("--threads", options.threads, "I/O threads")
      ->capture_default_str()
      ->check(CLI::Range(1U, 256U));
  detail::add_timeout_option(app, "--head-timeout", options.head_timeout,
                             "close a connection whose request head takes longer");
  detail::add_timeout_option(app, "--body-timeout", options.body_timeout,
                             "close a connection whose request body stalls for longer");
  detail::add_timeout_option(app, "--idle-timeout", options.idle_timeout,
                             "close a keep-alive connection idle (or not reading) for longer");
  detail::add_timeout_option(app, "--linger-timeout", options.linger_timeout,
                             "after the last answer, wait this long for the client to close");
  app.add_option("--max-connections", options.max_connections,
                 "open connections; past them a client gets 503 and is closed")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1}, std::size_t{10'000'000}));
}

}  // namespace archbench::http
