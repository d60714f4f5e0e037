// Lab 00: your code for steps 3 and 4: three load generators and the two ways to count latency,
// as latency.hpp specifies them. The SimulatedServer (simulated_server.hpp) is given: it tells
// you when each request you send gets its answer. When stuck, `scripts/lab hint 00 3` (or 4)
// shows one hint at a time.
#include <algorithm>
#include <functional>
#include <queue>
#include <stdexcept>
#include <vector>

#include "latency.hpp"

namespace archbench::lab00 {

std::vector<Sample> run_closed_loop(std::span<const Nanos> schedule, SimulatedServer& server) {
  // TODO(student): Step 3. Replace this placeholder.
  static_cast<void>(schedule);
  static_cast<void>(server);
  return {};
}

std::vector<Sample> run_open_loop(std::span<const Nanos> schedule, SimulatedServer& server) {
  // TODO(student): Step 3. Replace this placeholder.
  static_cast<void>(schedule);
  static_cast<void>(server);
  return {};
}

Nanos uncorrected_latency(const Sample& sample) {
  // TODO(student): Step 3. Replace this placeholder.
  static_cast<void>(sample);
  return Nanos{0};
}

Nanos corrected_latency(const Sample& sample) {
  // TODO(student): Step 3. Replace this placeholder.
  static_cast<void>(sample);
  return Nanos{0};
}

std::vector<Sample> run_open_loop_on_connections(std::span<const Nanos> schedule,
                                                 std::size_t connections, SimulatedServer& server) {
  // TODO(student): Step 4. Replace this placeholder.
  static_cast<void>(schedule);
  static_cast<void>(connections);
  static_cast<void>(server);
  return {};
}

}  // namespace archbench::lab00
