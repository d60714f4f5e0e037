// Parsing of --granularity and --chaos.
#include "actor/options.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string_view>
#include <thread>

namespace archbench::actor {

ActorOptions default_options() {
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  ActorOptions options;
  options.shards = cores;
  options.threads = cores;
  return options;
}

void parse_granularity(const std::string& text, ActorOptions& options) {
  constexpr std::size_t kMaxShards = 4096;
  if (text == "account") {
    options.granularity = Granularity::account;
    return;
  }
  constexpr std::string_view kShard = "shard:";
  if (text.starts_with(kShard)) {
    std::size_t shards = 0;
    const char* first = text.data() + kShard.size();
    const char* last = text.data() + text.size();
    const auto [end, error] = std::from_chars(first, last, shards);
    if (error == std::errc{} && end == last && first != last && shards >= 1 &&
        shards <= kMaxShards) {
      options.granularity = Granularity::shard;
      options.shards = shards;
      return;
    }
  }
  throw std::invalid_argument("--granularity must be account or shard:N with N from 1 to " +
                              std::to_string(kMaxShards) + ", not \"" + text + "\"");
}

void parse_chaos(const std::string& text, ActorOptions& options) {
  constexpr std::string_view kCrashEvery = "crash-every=";
  constexpr std::size_t kMaxPeriod = 3'600'000;
  if (text.starts_with(kCrashEvery)) {
    std::size_t period = 0;
    const char* first = text.data() + kCrashEvery.size();
    const char* last = text.data() + text.size();
    const auto [end, error] = std::from_chars(first, last, period);
    if (error == std::errc{} && end == last && period >= 1 && period <= kMaxPeriod) {
      options.chaos_crash_every_ms = period;
      return;
    }
  }
  throw std::invalid_argument("--chaos must be crash-every=MS with MS from 1 to " +
                              std::to_string(kMaxPeriod) + ", not \"" + text + "\"");
}

}  // namespace archbench::actor
