// The composition root reads --store and plugs in the matching adapter, or says what is wrong.
#include "hexagonal/composition_root.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "hexagonal/adapters/redis/testing/redis_server.hpp"
#include "hexagonal/tests/store_factories.hpp"

namespace archbench::hexagonal {
namespace {

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
