// The context map as a check on #include lines. Each folder of the model may include the
// standard library (minus I/O, threads, clocks and randomness: the model is pure) and the
// project headers its Rule names; anything else is a violation:
//   kernel/      ddd/kernel/, and common/ledger/rules.hpp (the contract's amount and currency
//                rules and the refusals' words: standard-library only, shared by every backend)
//   ledger/      ddd/kernel/, ddd/ledger/
//   statements/  ddd/kernel/, ddd/statements/, and of the Ledger only ddd/ledger/events.hpp
// Used by context_map_test.cpp. (Written for this pattern: no pattern includes another's files.)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace archbench::ddd::testing {

struct Rule {
  std::vector<std::string_view> folders;  // project folders it may include, e.g. "ddd/kernel/"
  std::vector<std::string_view> files;    // single project headers it may include
};

// The rule of each folder of the model.
[[nodiscard]] Rule kernel_rule();
[[nodiscard]] Rule ledger_rule();
[[nodiscard]] Rule statements_rule();

// One message per #include of `source` that `rule` does not allow, e.g.
// "line 4: \"ddd/ledger/ledger.hpp\" is outside what this context may see". Empty if none.
[[nodiscard]] std::vector<std::string> include_violations(std::string_view source,
                                                          const Rule& rule);

}  // namespace archbench::ddd::testing
