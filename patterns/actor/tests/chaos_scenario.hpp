// The supervision scenario of issue #11: concurrent transfers and deposits while account
// actors crash again and again (--chaos), then the checks. Shared by the test that must pass
// (supervision_test.cpp) and the one whose wrong coordinator must fail it (wrong/).
//
// Clients retry a 503 with the same request_id until they get a real answer, except one
// transfer in three, whose client gives up after a 503: a transfer nobody retries must still
// end whole (all applied, or nothing visible).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "actor/http/actor_service.hpp"

namespace archbench::actor::testing {

struct ChaosReport {
  std::vector<std::string> violations;  // empty: every check held
  int answered_503 = 0;                 // answers `unavailable` seen by clients
  int acknowledged = 0;                 // transfers answered 201
  std::uint64_t restarts = 0;
};

// Runs rounds of `threads` clients × `per_thread` requests until the service has restarted at
// least `min_restarts` actors during them (at least one round, at most `max_rounds`), then waits
// for every transfer to end and checks: every request answered; every acknowledged transfer once in
// both histories; every transfer in a history in the other's too (none half-applied); no request_id
// applied twice; every acknowledged deposit there once; the total equals what was deposited.
ChaosReport run_chaos_scenario(ActorService& service, int threads, int per_thread,
                               std::uint64_t min_restarts, int max_rounds = 20);

}  // namespace archbench::actor::testing
