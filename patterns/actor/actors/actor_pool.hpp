// A fixed set of actors of one kind and the rule that picks one for a key: an account id picks
// its owner, a request_id its idempotency registry. Built once at start and never changed, so
// any thread reads it without a lock.
#pragma once

#include <caf/actor.hpp>
#include <cstddef>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

namespace archbench::actor {

class ActorPool {
 public:
  explicit ActorPool(std::vector<caf::actor> actors) : actors_(std::move(actors)) {}

  // The rule, also before the actors exist (a restart sorting its journals by owner).
  [[nodiscard]] static std::size_t index_for(std::string_view key, std::size_t size) noexcept {
    return std::hash<std::string_view>{}(key) % size;
  }
  [[nodiscard]] std::size_t index_of(std::string_view key) const noexcept {
    return index_for(key, actors_.size());
  }
  [[nodiscard]] const caf::actor& of(std::string_view key) const noexcept {
    return actors_[index_of(key)];
  }
  [[nodiscard]] const std::vector<caf::actor>& all() const noexcept { return actors_; }

 private:
  std::vector<caf::actor> actors_;
};

}  // namespace archbench::actor
