// Parsing --shard-hosts, and the first connection to each host.
#include "actor/remote/shard_hosts.hpp"

#include <caf/all.hpp>
#include <caf/io/all.hpp>
#include <charconv>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "actor/remote/protocol.hpp"
#include "actor/remote/wire.hpp"

namespace archbench::actor::remote {
namespace {

HostAddress parse_host(const std::string& entry) {
  const std::size_t colon = entry.rfind(':');
  int port = 0;
  if (colon != std::string::npos && colon > 0) {
    const char* first = entry.data() + colon + 1;
    const char* last = entry.data() + entry.size();
    const auto [end, error] = std::from_chars(first, last, port);
    if (error == std::errc{} && end == last && port >= 1 && port <= 65535) {
      return {entry.substr(0, colon), static_cast<std::uint16_t>(port)};
    }
  }
  throw std::invalid_argument("--shard-hosts takes HOST:PORT,HOST:PORT,...; \"" + entry +
                              "\" is not HOST:PORT");
}

struct JoinedHost {
  caf::actor owner;
  std::shared_ptr<Journal> journal;  // as the host told it
};

// The host's owner, joined as shard `index` of `count`, and its journal; or an exception.
JoinedHost join(caf::actor_system& system, const HostAddress& address, std::uint32_t index,
                std::uint32_t count, std::chrono::milliseconds connect_timeout) {
  const auto deadline = std::chrono::steady_clock::now() + connect_timeout;
  for (;;) {
    auto owner = system.middleman().remote_actor(address.host, address.port);
    if (owner) {
      caf::scoped_actor self{system};
      caf::error refused;
      auto journal = std::make_shared<Journal>();
      self->request(*owner, connect_timeout, JoinFront{index, count})
          .receive(
              [&](Joined& joined) {
                for (Event& event : joined.journal) journal->append(std::move(event));
              },
              [&](caf::error& error) { refused = std::move(error); });
      if (!refused) return {*owner, std::move(journal)};
      // A refused place is final; anything else (the host's owner was being restarted by its
      // supervisor, which answers JoinFront through it) is tried again until the deadline.
      if (refused == caf::sec::invalid_argument || std::chrono::steady_clock::now() >= deadline) {
        throw std::runtime_error("the shard host " + address.text() +
                                 " refused to join: " + system.render(refused));
      }
    } else if (std::chrono::steady_clock::now() >= deadline) {
      throw std::runtime_error("cannot reach the shard host " + address.text() + ": " +
                               system.render(owner.error()));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // not listening yet, or busy
  }
}

}  // namespace

std::vector<HostAddress> parse_shard_hosts(const std::string& text) {
  std::vector<HostAddress> hosts;
  std::istringstream entries(text);
  for (std::string entry; std::getline(entries, entry, ',');) hosts.push_back(parse_host(entry));
  if (hosts.empty()) throw std::invalid_argument("--shard-hosts names no host");
  return hosts;
}

LinkedHosts link_shard_hosts(caf::actor_system& system, const std::vector<HostAddress>& hosts,
                             std::vector<ActorLoad>& loads,
                             std::chrono::milliseconds connect_timeout, HostLinkBehavior link) {
  if (std::string failures = check_remote_types(system); !failures.empty()) {
    throw std::runtime_error("a remote message type does not cross the wire:\n" + failures);
  }
  const auto count = static_cast<std::uint32_t>(hosts.size());
  LinkedHosts linked;
  for (std::uint32_t i = 0; i < count; ++i) {
    HostLinkConfig config{.address = hosts[i], .index = i, .count = count};
    JoinedHost joined = join(system, hosts[i], i, count, connect_timeout);
    linked.links.push_back(
        system.spawn(link, std::move(config), std::move(joined.owner), &loads[i]));
    linked.journals.push_back(std::move(joined.journal));
  }
  return linked;
}

}  // namespace archbench::actor::remote
