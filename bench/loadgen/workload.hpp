// A workload: what to send, how hard and for how long. Loaded from bench/workloads/*.json,
// overridden field by field from the command line, and written back verbatim into every result
// file so that a result says exactly what produced it. Everything random about a run is drawn
// from `seed`, so the same workload and seed send the same request sequence.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace archbench::loadgen {

// The endpoints a workload mixes (the measured routes, named as in /metrics).
enum class Endpoint : std::uint8_t {
  get_account,
  deposit,
  transfer,
  list_transactions,
  transfer_batch,
  health,
};
inline constexpr std::size_t kEndpointCount = 6;
[[nodiscard]] std::string_view endpoint_name(Endpoint e) noexcept;

enum class LoopMode : std::uint8_t { closed, open };
enum class Arrival : std::uint8_t { constant, poisson };
enum class KeyDistribution : std::uint8_t { uniform, zipf };

struct Workload {
  std::string name = "unnamed";
  std::string description;
  std::uint64_t seed = 1;

  // Setup: `accounts` accounts, each funded with `initial_balance` minor units of `currency`.
  std::int64_t accounts = 10'000;
  std::int64_t initial_balance = 1'000'000;
  std::string currency = "EUR";

  // Relative weights of the endpoints; they need not add up to anything.
  std::array<double, kEndpointCount> mix{};

  KeyDistribution keys = KeyDistribution::uniform;
  double zipf_s = 0.99;

  // Amounts are drawn uniformly from [min, max].
  std::int64_t deposit_min = 1, deposit_max = 10'000;
  std::int64_t transfer_min = 1, transfer_max = 10'000;
  std::int64_t batch_size = 1000;  // transfers per POST /transfers/batch
  std::int64_t list_limit = 20;    // ?limit= of GET /accounts/{id}/transactions

  LoopMode mode = LoopMode::closed;
  double rate = 0.0;  // open loop: requests per second, all connections together
  Arrival arrival = Arrival::constant;
  double duration_s = 10.0;
  double warmup_s = 2.0;
  std::int64_t connections = 64;
};

// Reads a workload from JSON; a missing field keeps its default, an unknown field or a bad value
// throws std::runtime_error naming it (a typo in a workload file must not pass silently).
Workload workload_from_json(const nlohmann::json& j);
Workload load_workload_file(const std::string& path);
nlohmann::json to_json(const Workload& w);

// Throws std::runtime_error with a message for the user when the workload cannot run.
void validate(const Workload& w);

// True when the workload needs accounts (anything but /health).
[[nodiscard]] bool needs_accounts(const Workload& w) noexcept;

}  // namespace archbench::loadgen
