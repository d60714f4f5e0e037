// The hexagon's dependency rule, checked on the real sources: every file under domain/,
// ports/ and application/ includes only the standard library (minus I/O, threads, clocks and
// randomness) and the layers inside it. The self-tests first prove that the check bites.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "hexagonal/tests/include_rules.hpp"

namespace archbench::hexagonal::testing {
namespace {

bool refused(std::string_view source, Layer layer) {
  return !include_violations(source, layer).empty();
}

TEST(DependencyRuleSelfTest, RefusesAnAdapterHeader) {
  EXPECT_TRUE(refused("#include \"hexagonal/adapters/sqlite/sqlite_store.hpp\"\n", Layer::domain));
  EXPECT_TRUE(refused("#include \"hexagonal/adapters/memory/memory_store.hpp\"\n", Layer::ports));
  EXPECT_TRUE(
      refused("#include \"hexagonal/adapters/http/http_adapter.hpp\"\n", Layer::application));
}

TEST(DependencyRuleSelfTest, RefusesThirdPartyAndProjectHeaders) {
  for (const char* source : {"#include <sqlite3.h>", "#include <hiredis/hiredis.h>",
                             "#include <nlohmann/json.hpp>", "#include <boost/asio.hpp>",
                             "#include \"common/ledger/messages.hpp\"", "#include <unistd.h>"}) {
    EXPECT_TRUE(refused(source, Layer::domain)) << source;
  }
}

TEST(DependencyRuleSelfTest, RefusesIoThreadsClocksAndRandomness) {
  for (const char* source : {"#include <mutex>", "#include <thread>", "#include <iostream>",
                             "#include <fstream>", "#include <chrono>", "#include <random>"}) {
    EXPECT_TRUE(refused(source, Layer::domain)) << source;
  }
}

TEST(DependencyRuleSelfTest, RefusesOuterLayersFromInnerOnes) {
  EXPECT_TRUE(refused("#include \"hexagonal/ports/ledger_store.hpp\"", Layer::domain));
  EXPECT_TRUE(refused("#include \"hexagonal/application/ledger.hpp\"", Layer::ports));
  EXPECT_FALSE(refused("#include \"hexagonal/ports/ledger_store.hpp\"", Layer::application));
}

TEST(DependencyRuleSelfTest, RefusesSneakyForms) {
  EXPECT_TRUE(refused("  #  include   <sqlite3.h>  // spaced out", Layer::domain));
  EXPECT_TRUE(
      refused("#include\"hexagonal/domain/../adapters/redis/redis_store.hpp\"", Layer::domain));
  EXPECT_TRUE(refused("#include STORE_HEADER", Layer::domain));
  EXPECT_TRUE(refused("#include_next <string>", Layer::domain));
  EXPECT_TRUE(refused("#include <>", Layer::domain));
  EXPECT_TRUE(refused("#include <string>\n\n#include <sqlite3.h>\n", Layer::domain));
}

TEST(DependencyRuleSelfTest, AcceptsAPureFile) {
  const auto violations = include_violations(
      "// #include <mutex> in a comment is not an include\n"
      "#pragma once\n#include <string>\n#include <optional>\n"
      "#include \"hexagonal/domain/money.hpp\"\nint x = 0;\n",
      Layer::domain);
  EXPECT_TRUE(violations.empty()) << violations.front();
}

TEST(DependencyRule, TheHexagonIncludesOnlyWhatItMay) {
  const std::filesystem::path root = ARCHBENCH_HEXAGONAL_DIR;
  int files = 0;
  for (const auto& [folder, layer] :
       {std::pair{"domain", Layer::domain}, std::pair{"ports", Layer::ports},
        std::pair{"application", Layer::application}}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / folder)) {
      const auto extension = entry.path().extension();
      if (extension != ".hpp" && extension != ".cpp") continue;
      std::ifstream file(entry.path());
      std::stringstream text;
      text << file.rdbuf();
      for (const auto& violation : include_violations(text.str(), layer)) {
        ADD_FAILURE() << entry.path().lexically_relative(root).string() << " " << violation;
      }
      ++files;
    }
  }
  EXPECT_GE(files, 10) << "the check read too few files: is ARCHBENCH_HEXAGONAL_DIR right?";
}

}  // namespace
}  // namespace archbench::hexagonal::testing
