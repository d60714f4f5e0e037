// Parsing of --granularity.
#include "actor/options.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
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

}  // namespace archbench::actor
