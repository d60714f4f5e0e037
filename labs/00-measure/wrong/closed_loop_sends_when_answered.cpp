// replaces: clients.cpp
// caught by: Lab00_Step3_ClosedLoop.SendsOnTimeWhileTheServerKeepsUp
//
// WRONG: the closed loop sends each request the moment the previous answer arrives, ignoring
// the schedule: a load generator running flat out, not at the rate it was asked for.
#include <algorithm>
#include <functional>
#include <queue>
#include <stdexcept>
#include <vector>

#include "latency.hpp"

namespace archbench::lab00 {

std::vector<Sample> run_closed_loop(std::span<const Nanos> schedule, SimulatedServer& server) {
  std::vector<Sample> samples;
  samples.reserve(schedule.size());
  Nanos previous_answer{0};
  for (const Nanos intended : schedule) {
    // The heart of coordinated omission: while the server stalls, the client does not send,
    // so the requests it should have sent are never measured as waiting.
    const Nanos sent = samples.empty() ? intended : previous_answer;
    const Nanos completed = server.serve(sent);
    samples.push_back({.intended = intended, .sent = sent, .completed = completed});
    previous_answer = completed;
  }
  return samples;
}

std::vector<Sample> run_open_loop(std::span<const Nanos> schedule, SimulatedServer& server) {
  std::vector<Sample> samples;
  samples.reserve(schedule.size());
  for (const Nanos intended : schedule) {
    samples.push_back(
        {.intended = intended, .sent = intended, .completed = server.serve(intended)});
  }
  return samples;
}

Nanos uncorrected_latency(const Sample& sample) { return sample.completed - sample.sent; }

Nanos corrected_latency(const Sample& sample) { return sample.completed - sample.intended; }

std::vector<Sample> run_open_loop_on_connections(std::span<const Nanos> schedule,
                                                 std::size_t connections, SimulatedServer& server) {
  if (connections == 0) {
    throw std::invalid_argument("an open loop needs at least one connection");
  }
  // When each connection is next free, earliest on top. Only the first min(N, count) matter.
  std::priority_queue<Nanos, std::vector<Nanos>, std::greater<>> free_at;
  for (std::size_t i = 0; i < std::min(connections, schedule.size()); ++i) {
    free_at.push(Nanos{0});
  }
  std::vector<Sample> samples;
  samples.reserve(schedule.size());
  for (const Nanos intended : schedule) {
    // Due, but every connection busy: the request waits in the client's queue. That wait is
    // latency the user sees and an uncorrected count never does.
    const Nanos sent = std::max(intended, free_at.top());
    free_at.pop();
    const Nanos completed = server.serve(sent);
    free_at.push(completed);
    samples.push_back({.intended = intended, .sent = sent, .completed = completed});
  }
  return samples;
}

}  // namespace archbench::lab00
