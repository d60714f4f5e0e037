// Reading DIR back at start.
#include "actor/actors/recovery.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "actor/actors/actor_pool.hpp"

namespace archbench::actor {
namespace {

namespace fs = std::filesystem;

std::string layout_of(const ActorOptions& options) {
  return options.granularity == Granularity::account ? "account"
                                                     : "shard:" + std::to_string(options.shards);
}

// Writes DIR/layout the first time; refuses a DIR whose layout is another.
void check_layout(const ActorOptions& options) {
  fs::create_directories(options.journal_dir);
  const fs::path path = fs::path(options.journal_dir) / "layout";
  const std::string layout = layout_of(options);
  if (std::ifstream in(path); in) {
    std::string found;
    std::getline(in, found);
    if (found != layout) {
      throw std::runtime_error("--journal " + options.journal_dir +
                               " holds journals of --granularity " + found + ", not " + layout +
                               ": start with that granularity");
    }
    return;
  }
  std::ofstream(path) << layout << '\n';
}

// Moves `next` past N if `id` is prefix-N.
void move_past(std::atomic<std::uint64_t>& next, std::string_view id, std::string_view prefix) {
  if (!id.starts_with(prefix)) return;
  std::uint64_t number = 0;
  const char* first = id.data() + prefix.size();
  const auto [end, error] = std::from_chars(first, id.data() + id.size(), number);
  if (error != std::errc{} || end != id.data() + id.size()) return;
  if (number >= next.load(std::memory_order_relaxed)) next.store(number + 1);
}

void move_past_ids(const Journal& journal, Sequences& ids) {
  for (const Event& event : journal.events()) {
    switch (event.kind) {
      case Event::Kind::opened:
        move_past(ids.account, event.account, "acc-");
        break;
      case Event::Kind::deposited:
        move_past(ids.deposit, event.id, "dep-");
        break;
      case Event::Kind::debited:
        move_past(ids.transfer, event.id, "tr-");
        break;
      default:
        break;
    }
  }
}

}  // namespace

OpenedJournals open_journals(const ActorOptions& options, Sequences& ids) {
  const JournalPlace place{options.journal_dir, options.journal_sync};
  OpenedJournals opened;
  if (!options.journal_dir.empty()) check_layout(options);
  if (options.granularity == Granularity::shard) {
    for (std::size_t i = 0; i < options.shards; ++i) {
      opened.shards.push_back(place.open("shard-" + std::to_string(i)));
      move_past_ids(*opened.shards.back(), ids);
    }
    return opened;
  }
  opened.directories.resize(options.shards);
  if (options.journal_dir.empty()) return opened;
  for (const fs::directory_entry& entry : fs::directory_iterator(options.journal_dir)) {
    if (entry.path().extension() != ".journal") continue;
    const std::string id = entry.path().stem().string();
    auto journal = place.open(id);
    move_past_ids(*journal, ids);
    opened.directories[ActorPool::index_for(id, options.shards)].emplace_back(id,
                                                                              std::move(journal));
  }
  return opened;
}

}  // namespace archbench::actor
