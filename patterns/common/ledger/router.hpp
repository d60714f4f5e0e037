// Maps a request's method and target to a Route of the contract. Allocation-free.
#pragma once

#include <string_view>

#include "common/ledger/contract.hpp"

namespace archbench::ledger {

struct RouteMatch {
  Route route = Route::unknown;
  bool method_allowed = true;        // false: the path exists but not with this method (405)
  std::string_view allowed_methods;  // for the Allow header of a 405, e.g. "GET"
  std::string_view account_id;       // the {id} of /accounts/{id}/...
  std::string_view query;            // after '?', without it; empty if none
};

[[nodiscard]] RouteMatch match_route(std::string_view method, std::string_view target) noexcept;

// Reads `limit` from a list_transactions query ("limit=50"): the default when absent,
// -1 when present but not an integer in [1, kMaxTransactionLimit].
[[nodiscard]] int parse_limit(std::string_view query) noexcept;

}  // namespace archbench::ledger
