// Remote message types: every one crosses CAF's serializer and comes back equal, and a
// configuration that leaves one registration out fails the start-up check, naming the type, in
// a test rather than for a user at run time (a message the peer cannot read is dropped there,
// and its request waits for its deadline).
#include "actor/remote/wire.hpp"

#include <gtest/gtest.h>

#include <caf/all.hpp>
#include <caf/io/middleman.hpp>
#include <stdexcept>
#include <string>

#include "actor/remote/shard_hosts.hpp"

namespace archbench::actor::remote {
namespace {

// A system with the middleman and every remote type but `left_out` ("" for none) registered.
std::string check_with_all_but(const std::string& left_out) {
  caf::actor_system_config config;
  config.load<caf::io::middleman>();
  config.set("scheduler.max-threads", std::size_t{1});
  config.set("middleman.workers", std::size_t{0});
  for (const Registration& type : remote_types()) {
    if (type.name != left_out) type.add(config, type.name);
  }
  caf::actor_system system{config};
  return check_remote_types(system);
}

TEST(RemoteTypes, EveryOneRoundTripsThroughCafsSerializer) {
  EXPECT_EQ(check_with_all_but(""), "");
}

TEST(RemoteTypes, EveryRegistrationLeftOutFailsTheStartUpCheckByName) {
  ASSERT_FALSE(remote_types().empty());
  for (const Registration& type : remote_types()) {
    SCOPED_TRACE(type.name);
    const std::string failures = check_with_all_but(type.name);
    // The check names the type by its inspect() name: "archbench.StepVerdict" -> "StepVerdict".
    const std::string short_name = std::string(type.name).substr(std::string("archbench.").size());
    EXPECT_NE(failures.find(short_name), std::string::npos)
        << "leaving out " << type.name << " was not caught; the check said: " << failures;
  }
}

TEST(ShardHosts, AListOfHostPortPairsInOrderAndNothingElse) {
  const auto hosts = parse_shard_hosts("127.0.0.1:7101,example.org:7102");
  ASSERT_EQ(hosts.size(), 2U);
  EXPECT_EQ(hosts[0].text(), "127.0.0.1:7101");
  EXPECT_EQ(hosts[1].host, "example.org");
  EXPECT_EQ(hosts[1].port, 7102);
  for (const char* wrong : {"", "127.0.0.1", "127.0.0.1:", ":7101", "127.0.0.1:0",
                            "127.0.0.1:65536", "127.0.0.1:71x", "127.0.0.1:7101,,h:1"}) {
    EXPECT_THROW((void)parse_shard_hosts(wrong), std::invalid_argument) << wrong;
  }
}

}  // namespace
}  // namespace archbench::actor::remote
