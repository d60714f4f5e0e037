// What the patterns' own fault tests share (kill -9 and restart, a dead process among several),
// beside BackendProcess: a pattern's test keeps only how its backend starts and what its fault
// is. Only docs/workload.md is assumed here, never how a backend works inside.
//
//   sibling_executable()  a backend built next to the test binary
//   eventually()          a bounded wait for a condition
//   is_unavailable()      the contract's 503 `unavailable` with Retry-After: 1
//   KillLoad              funded accounts, writers under load, kill -9, then after a restart:
//                         what survived (KillVerdict)
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/conformance/backend_process.hpp"
#include "common/conformance/http_client.hpp"

namespace archbench::fault_testing {

using conformance::BackendProcess;
using conformance::HttpResponse;
using conformance::json;

// `name` in the folder of the running test executable, where CMake builds the backends too.
[[nodiscard]] std::filesystem::path sibling_executable(const std::string& name);

// Polls `done()` every `poll` until it holds (true) or `timeout` passes first (false).
template <class Predicate>
bool eventually(Predicate done, std::chrono::steady_clock::duration timeout,
                std::chrono::milliseconds poll = std::chrono::milliseconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(poll);
  }
  return true;
}

// 503 with Retry-After: 1 and the error code `unavailable`: what docs/workload.md asks of a
// backend that cannot serve a request now but may soon.
[[nodiscard]] bool is_unavailable(const HttpResponse& response);

// ---- kill -9 under load, then a restart ----------------------------------------------------

struct KillLoadShape {
  int accounts = 8;
  std::int64_t funding = 1'000'000;  // per account: ample, so no transfer is refused
  int writers = 4;
  int requests_per_writer = 400;  // the bound of the load, should the kill never come
  int deposit_every = 0;          // every Nth request of a writer is a deposit (0: transfers only)
  int writer_stride = 3;          // writer w starts its transfers from account w * stride
};

// One operation a writer sent: where, and the body (with its request_id).
struct SentRequest {
  std::string path;
  json body;
};

// What a restart kept, as seen over HTTP: retries of every request sent (same request_id),
// then every balance and history. A backend that keeps its word has `refused`, `lost`,
// `unsettled` empty, no `broken_transfers` and `total == expected_total`.
struct KillVerdict {
  std::size_t acknowledged = 0;        // 201s before the kill
  std::size_t unanswered = 0;          // sent when the process died: outcome unknown
  std::vector<std::string> refused;    // answered, but not 201, before the kill (funds are ample)
  std::vector<std::string> lost;       // acknowledged, but its retry got another answer
  std::vector<std::string> unsettled;  // unanswered, and its retry got no 201
  std::size_t broken_transfers = 0;    // in the histories not once out and once in
  std::int64_t total = 0;              // every balance, added up
  std::int64_t expected_total = 0;     // the funding plus each deposit, once

  [[nodiscard]] bool conserved() const { return total == expected_total; }
  [[nodiscard]] std::string summary() const;  // "812 acknowledged, 0 lost, 4 without an answer"
};

// A kill test's checks of a verdict, as GoogleTest failures: something was acknowledged before
// the kill, nothing was refused, nothing acknowledged was lost, every unanswered request is
// settled by its retry, every transfer is in the histories once out and once in, and the money
// is all there.
void expect_kept_its_word(const KillVerdict& verdict);

// The load of a kill test: opens and funds the accounts, runs the writers (each on its own
// connection, one request after the other, recording every 201 and the request that got no
// answer), kill -9s the backend into it, and, against the restarted backend, gives the verdict.
class KillLoad {
 public:
  explicit KillLoad(KillLoadShape shape = {}) : shape_(shape) {}

  // Opens and funds the accounts; "" or what went wrong.
  [[nodiscard]] std::string open_accounts(BackendProcess& backend);
  // The writers against `backend`; SIGKILL `after` into the load, then the writers end.
  void run_and_kill(BackendProcess& backend, std::chrono::milliseconds after);
  // Against the restarted backend: retries every request sent, then reads every account.
  [[nodiscard]] KillVerdict verify(BackendProcess& restarted) const;

  [[nodiscard]] const std::vector<std::string>& accounts() const { return accounts_; }

 private:
  void write(BackendProcess& backend, const std::atomic<bool>& stop, int writer);
  [[nodiscard]] SentRequest request(int writer, int i) const;

  KillLoadShape shape_;
  std::vector<std::string> accounts_;
  mutable std::mutex mutex_;  // guards the two below, filled by the writers
  std::map<std::string, std::pair<SentRequest, std::string>> acknowledged_;  // request_id -> id
  std::vector<SentRequest> unanswered_;
  std::vector<std::string> refused_;
};

}  // namespace archbench::fault_testing
