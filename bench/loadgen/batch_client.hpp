// Sends a list of prepared requests over several keep-alive connections, pipelining a few on
// each, and returns every answer in order. The setup phase (create and fund 10,000 accounts)
// and the invariant check (read them all back) use it: correctness matters there, not
// nanoseconds, so it keeps each response body.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "loadgen/target.hpp"

namespace archbench::loadgen {

struct BatchResponse {
  int status = 0;
  std::string body;
};

struct BatchOptions {
  int connections = 16;
  int pipeline_depth = 16;                    // requests in flight per connection
  std::chrono::milliseconds timeout{30'000};  // for the whole batch
};

// Throws std::runtime_error on a connection failure, a malformed response or the timeout.
std::vector<BatchResponse> run_batch(const Target& target, const std::vector<std::string>& requests,
                                     const BatchOptions& options = {});

}  // namespace archbench::loadgen
