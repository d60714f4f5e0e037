// The composition root reads --store and --ids and plugs in the matching adapters, or says
// what is wrong.
#include "hexagonal/composition_root.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <stdexcept>
#include <string>

#include "common/ledger/testing/ledger_client.hpp"
#include "common/testing/redis_server.hpp"
#include "hexagonal/tests/store_factories.hpp"

namespace archbench::hexagonal {
namespace {

// The id of a new account opened through the whole service, as a client would see it.
std::string create_account(ledger::Service& service) {
  ledger::testing::LedgerClient client(service);
  const ledger::testing::Answer answer =
      client.call(ledger::Route::create_account, {}, R"({"owner":"Ada","currency":"EUR"})");
  EXPECT_EQ(answer.status, 201) << answer.body;
  std::smatch id;
  EXPECT_TRUE(std::regex_search(answer.body, id, std::regex(R"re("id":"([^"]*)")re")))
      << answer.body;
  return id[1];
}

TEST(CompositionRoot, BuildsEveryStore) {
  EXPECT_NE(make_store("memory"), nullptr);
  testing::TempDir dir;
  EXPECT_NE(make_store("sqlite:" + (dir.path() / "ledger.db").string()), nullptr);
  if (archbench::testing::RedisServer::find_executable().empty()) {
    GTEST_SKIP() << testing::RedisFactory::unavailable().value_or("");
  }
  archbench::testing::RedisServer redis;
  EXPECT_NE(make_store(redis.url()), nullptr);
  EXPECT_NE(make_service(redis.url()), nullptr);
}

TEST(CompositionRoot, NamesAccountsByTheChosenIdScheme) {
  const auto sequential = make_service("memory");  // the default: the baseline's ids
  EXPECT_EQ(create_account(*sequential), "acc-1");
  EXPECT_EQ(create_account(*sequential), "acc-2");

  const auto random = make_service("memory", IdScheme::random);
  EXPECT_TRUE(std::regex_match(create_account(*random), std::regex("acc-[0-9a-f]{24}")));
}

// A backend restarted over a persistent store continues after the ids the store holds, even
// ones another scheme mixed in, rather than counting from 1 over them again.
TEST(CompositionRoot, SequentialIdsContinueAfterAPersistentStoresIds) {
  testing::TempDir dir;
  const std::string spec = "sqlite:" + (dir.path() / "ledger.db").string();
  EXPECT_EQ(create_account(*make_service(spec)), "acc-1");
  EXPECT_EQ(create_account(*make_service(spec)), "acc-2");
  EXPECT_TRUE(std::regex_match(create_account(*make_service(spec, IdScheme::random)),
                               std::regex("acc-[0-9a-f]{24}")));
  const auto restarted = make_service(spec);
  EXPECT_EQ(create_account(*restarted), "acc-3");
  EXPECT_EQ(create_account(*restarted), "acc-4");
}

TEST(CompositionRoot, RefusesSpecsItDoesNotKnow) {
  for (const char* spec :
       {"", "mem", "sqlite:", "postgres://x", "redis://", "redis://:6379", "redis://host",
        "redis://host:0", "redis://host:65536", "redis://host:63x9"}) {
    EXPECT_THROW((void)make_store(spec), std::invalid_argument) << spec;
  }
}

TEST(CompositionRoot, SaysWhenAStoreCannotBeReached) {
  // Nothing listens on port 1 of the loopback.
  EXPECT_THROW((void)make_store("redis://127.0.0.1:1"), std::runtime_error);
  EXPECT_THROW((void)make_store("sqlite:/nonexistent-folder/ledger.db"), std::runtime_error);
}

}  // namespace
}  // namespace archbench::hexagonal
