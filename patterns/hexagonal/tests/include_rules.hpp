// The dependency rule of the hexagon as a check on #include lines: domain/ sees only the
// standard library and itself; ports/ also sees domain/; application/ also sees ports/. None
// may include an adapter, a third-party header, or the standard headers that do I/O, threads,
// clocks or randomness (those belong behind a port). Used by dependency_rule_test.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace archbench::hexagonal::testing {

enum class Layer { domain, ports, application };

// One message per #include of `source` that `layer` may not have, e.g.
// "line 4: <sqlite3.h> is not a standard header". Empty when the file obeys the rule.
[[nodiscard]] std::vector<std::string> include_violations(std::string_view source, Layer layer);

}  // namespace archbench::hexagonal::testing
