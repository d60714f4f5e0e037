// lab00-simulate: coordinated omission in numbers, computed with your lab 00 code.
//
// Runs a closed-loop and an open-loop client against the simulated server that stalls once, and
// prints the latency percentiles each way of measuring gives. Nothing sleeps: a simulated 10 s
// run takes milliseconds. Built against whichever variant the build uses (your starter in
// build/starter, the solution in the other builds).
#include <CLI/CLI.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iterator>
#include <string>
#include <vector>

#include "latency.hpp"

namespace {

using archbench::lab00::Nanos;
using archbench::lab00::Sample;

// One row of the table; returns the row's p99 in ms.
double print_row(const char* label, const std::vector<Sample>& samples,
                 Nanos (*latency)(const Sample&)) {
  std::vector<Nanos> values;
  values.reserve(samples.size());
  for (const Sample& sample : samples) {
    values.push_back(latency(sample));
  }
  std::printf("%-28s", label);
  for (const double p : {50.0, 90.0, 99.0, 99.9, 100.0}) {
    const Nanos value = archbench::lab00::percentile(values, p);
    std::printf(" %10.3f", static_cast<double>(value.count()) / 1e6);
  }
  std::printf("\n");
  return static_cast<double>(archbench::lab00::percentile(values, 99.0).count()) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  double rate = 1000;
  double seconds = 10;
  double service_us = 200;
  double stall_at_s = 5;
  double stall_ms = 1000;
  bool poisson = false;
  std::uint64_t seed = 1;
  std::size_t connections = 64;

  CLI::App app(
      "Coordinated omission, simulated: closed loop vs open loop on a server that "
      "stalls once. Uses your lab 00 functions.");
  app.add_option("--rate", rate, "requests per second the client intends to send")
      ->check(CLI::Range(0.001, 1e8))
      ->capture_default_str();
  app.add_option("--seconds", seconds, "length of the run")
      ->check(CLI::Range(0.001, 1e5))
      ->capture_default_str();
  app.add_option("--service-us", service_us, "time the server takes per request, in us")
      ->check(CLI::Range(0.0, 1e9))
      ->capture_default_str();
  app.add_option("--stall-at", stall_at_s, "when the server stalls, in s")
      ->check(CLI::Range(0.0, 1e5))
      ->capture_default_str();
  app.add_option("--stall-ms", stall_ms, "how long it stalls, in ms (0: never)")
      ->check(CLI::Range(0.0, 1e8))
      ->capture_default_str();
  app.add_flag("--poisson", poisson, "Poisson arrivals instead of a constant rate");
  app.add_option("--seed", seed, "seed of the Poisson schedule")->capture_default_str();
  app.add_option("--connections", connections, "connections of the open loop of step 4")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  namespace lab = archbench::lab00;
  const auto to_nanos = [](double value, double unit) { return Nanos(std::llround(value * unit)); };
  try {
    const auto count = static_cast<std::size_t>(std::llround(rate * seconds));
    const auto schedule = poisson ? lab::poisson_schedule(rate, count, seed)
                                  : lab::constant_rate_schedule(rate, count);
    lab::SimulatedServer closed_server(to_nanos(service_us, 1e3), to_nanos(stall_at_s, 1e9),
                                       to_nanos(stall_ms, 1e6));
    lab::SimulatedServer open_server = closed_server;
    lab::SimulatedServer pool_server = closed_server;
    const auto closed = lab::run_closed_loop(schedule, closed_server);
    const auto open = lab::run_open_loop(schedule, open_server);
    const auto pool = lab::run_open_loop_on_connections(schedule, connections, pool_server);
    if (schedule.size() != count || closed.size() != count || open.size() != count ||
        pool.size() != count) {
      std::fprintf(stderr,
                   "lab00-simulate: steps 2 to 4 are not done yet (a schedule or a run came back "
                   "with the wrong number of requests). Run: scripts/lab check 00\n");
      return 1;
    }
    std::printf("%zu requests at %.0f/s (%s), service %.0f us, stall %.0f ms at %.1f s\n\n", count,
                rate, poisson ? "Poisson" : "constant rate", service_us, stall_ms, stall_at_s);
    std::printf("%-28s %10s %10s %10s %10s %10s   (ms)\n", "latency", "p50", "p90", "p99", "p99.9",
                "max");
    const std::string pooled = "open loop, " + std::to_string(connections) + " conns";
    const double p99s[] = {
        print_row("closed loop, uncorrected", closed, lab::uncorrected_latency),
        print_row("closed loop, corrected", closed, lab::corrected_latency),
        print_row("open loop", open, lab::corrected_latency),
        print_row((pooled + ", uncorr.").c_str(), pool, lab::uncorrected_latency),
        print_row((pooled + ", corr.").c_str(), pool, lab::corrected_latency),
    };
    // For scripts/lab measure: `measure: <key> <value> <unit>`.
    const char* keys[] = {"closed-uncorrected-p99", "closed-corrected-p99", "open-p99",
                          "pool-uncorrected-p99", "pool-corrected-p99"};
    std::printf("\n");
    for (std::size_t i = 0; i < std::size(keys); ++i) {
      std::printf("measure: %s %.3f ms\n", keys[i], p99s[i]);
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "lab00-simulate: %s\n", error.what());
    return 1;
  }
  return 0;
}
