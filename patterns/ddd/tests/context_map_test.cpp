// The context map, checked on the real sources: the shared kernel sees only itself, the Ledger
// sees the kernel and itself, Statements sees the kernel, itself and the Ledger's published
// events, nothing more; none of them includes the edge, the HTTP contract, a third-party header
// or a standard header that does I/O, threads, time or randomness. The self-tests first prove
// that the check bites.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ddd/tests/include_rules.hpp"

namespace archbench::ddd::testing {
namespace {

bool refused(std::string_view source, const Rule& rule) {
  return !include_violations(source, rule).empty();
}

TEST(ContextMapSelfTest, StatementsSeesOnlyTheLedgersPublishedEvents) {
  EXPECT_FALSE(refused("#include \"ddd/ledger/events.hpp\"", statements_rule()));
  for (const char* source :
       {"#include \"ddd/ledger/ledger.hpp\"", "#include \"ddd/ledger/account.hpp\"",
        "#include \"ddd/ledger/orders.hpp\"", "#include \"ddd/ledger/events.hpp.inc\""}) {
    EXPECT_TRUE(refused(source, statements_rule())) << source;
  }
}

TEST(ContextMapSelfTest, TheLedgerKnowsNoListener) {
  EXPECT_TRUE(refused("#include \"ddd/statements/statement.hpp\"", ledger_rule()));
  EXPECT_TRUE(refused("#include \"ddd/edge/ddd_service.hpp\"", ledger_rule()));
  EXPECT_FALSE(refused("#include \"ddd/ledger/account.hpp\"", ledger_rule()));
}

TEST(ContextMapSelfTest, TheKernelSeesOnlyItselfAndTheSharedRules) {
  EXPECT_TRUE(refused("#include \"ddd/ledger/events.hpp\"", kernel_rule()));
  EXPECT_TRUE(refused("#include \"ddd/statements/statement.hpp\"", kernel_rule()));
  EXPECT_FALSE(refused("#include \"ddd/kernel/amount.hpp\"", kernel_rule()));
  EXPECT_FALSE(refused("#include \"common/ledger/rules.hpp\"", kernel_rule()));
  EXPECT_TRUE(refused("#include \"common/ledger/contract.hpp\"", kernel_rule()));
  EXPECT_TRUE(refused("#include \"common/ledger/rules.cpp\"", kernel_rule()));
}

TEST(ContextMapSelfTest, RefusesTheContractThirdPartiesAndImpureHeaders) {
  for (const char* source :
       {"#include \"common/ledger/messages.hpp\"", "#include <nlohmann/json.hpp>",
        "#include <boost/asio.hpp>", "#include <mutex>", "#include <thread>", "#include <iostream>",
        "#include <chrono>", "#include <random>", "#include <unistd.h>"}) {
    EXPECT_TRUE(refused(source, ledger_rule())) << source;
  }
}

TEST(ContextMapSelfTest, RefusesSneakyForms) {
  EXPECT_TRUE(refused("  #  include   <mutex>  // spaced out", kernel_rule()));
  EXPECT_TRUE(refused("#include \"ddd/statements/../ledger/ledger.hpp\"", statements_rule()));
  EXPECT_TRUE(refused("#include LEDGER_HEADER", statements_rule()));
  EXPECT_TRUE(refused("#include_next <string>", kernel_rule()));
  EXPECT_TRUE(refused("#include <>", kernel_rule()));
  EXPECT_TRUE(
      refused("#include <string>\n\n#include \"ddd/ledger/ledger.hpp\"\n", statements_rule()));
}

TEST(ContextMapSelfTest, AcceptsAPureFile) {
  const auto violations = include_violations(
      "// #include <mutex> in a comment is not an include\n"
      "#pragma once\n#include <string>\n#include <optional>\n"
      "#include \"ddd/kernel/money.hpp\"\nint x = 0;\n",
      kernel_rule());
  EXPECT_TRUE(violations.empty()) << violations.front();
}

TEST(ContextMap, EachContextIncludesOnlyWhatItMay) {
  const std::filesystem::path root = ARCHBENCH_DDD_DIR;
  for (const auto& [folder, rule, at_least] :
       {std::tuple{"kernel", kernel_rule(), 6}, std::tuple{"ledger", ledger_rule(), 8},
        std::tuple{"statements", statements_rule(), 5}}) {
    int files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root / folder)) {
      const auto extension = entry.path().extension();
      if (extension != ".hpp" && extension != ".cpp") continue;
      std::ifstream file(entry.path());
      std::stringstream text;
      text << file.rdbuf();
      for (const auto& violation : include_violations(text.str(), rule)) {
        ADD_FAILURE() << entry.path().lexically_relative(root).string() << " " << violation;
      }
      ++files;
    }
    EXPECT_GE(files, at_least) << folder << ": the check read too few files";
  }
}

// The one shared header the kernel includes becomes part of the model: it must be as pure, and
// include nothing from the project at all.
TEST(ContextMap, TheSharedRulesArePure) {
  const std::filesystem::path rules =
      std::filesystem::path(ARCHBENCH_DDD_DIR) / ".." / "common" / "ledger" / "rules.hpp";
  std::ifstream file(rules);
  ASSERT_TRUE(file.is_open()) << rules;
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_NE(text.str().find("is_valid_amount"), std::string::npos) << "not the rules file?";
  for (const auto& violation : include_violations(text.str(), Rule{})) {
    ADD_FAILURE() << "common/ledger/rules.hpp " << violation;
  }
}

}  // namespace
}  // namespace archbench::ddd::testing
