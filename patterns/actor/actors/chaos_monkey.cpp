// The chaos monkey's timer and dice.
#include "actor/actors/chaos_monkey.hpp"

#include <caf/all.hpp>
#include <random>

#include "actor/messages.hpp"

namespace archbench::actor {
namespace {
struct Strike {};  // the monkey's own timer
}  // namespace
}  // namespace archbench::actor

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(archbench::actor::Strike)

namespace archbench::actor {

caf::behavior chaos_monkey(caf::event_based_actor* self,
                           const std::shared_ptr<const ActorPool>& owners,
                           std::chrono::milliseconds period) {
  auto dice = std::make_shared<std::mt19937_64>(std::random_device{}());
  self->delayed_send(self, period, Strike{});
  return {
      [self, owners, period, dice](Strike) {
        const std::uint64_t roll = (*dice)();
        const caf::actor& victim = owners->all()[roll % owners->all().size()];
        self->send(victim, Crash{.after_next_write = (roll >> 32U) % 2 == 0, .pick = roll >> 33U});
        self->delayed_send(self, period, Strike{});
      },
  };
}

}  // namespace archbench::actor
