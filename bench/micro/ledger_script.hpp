// The fixed, seeded request sequences every backend is benchmarked with: the same bytes, in the
// same order, whatever the backend, so that a difference in cost is the backend's.
//
// A run is: set-up (create kAccounts accounts, fund each, then kHistoryTransfers transfers so
// that every account has a history worth listing), then an endless stream of one workload.
// Each backend names its accounts itself; the script is written in account indices and
// rendered with the ids the backend returned.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/http/response.hpp"
#include "common/ledger/contract.hpp"
#include "common/ledger/testing/in_process_client.hpp"
#include "common/ledger/testing/padded_request.hpp"
#include "loadgen/rng.hpp"  // the load generator's seeded RNG: same output on every platform

namespace archbench::micro {

// The shared in-process harness (patterns/common/ledger/testing), as every backend's tests use it.
using ledger::testing::InProcessClient;
using ledger::testing::PaddedRequest;

inline constexpr int kAccounts = 256;
inline constexpr ledger::Money kInitialBalance = 1'000'000'000;
// About 20 history lines per account (each transfer writes two), as many as one page shows.
inline constexpr int kHistoryTransfers = kAccounts * 10;
inline constexpr int kBatchSize = 1000;
inline constexpr int kListLimit = 20;
inline constexpr std::uint64_t kSeed = 42;
// Amounts are small next to the balances: no request of a run is ever refused.
inline constexpr ledger::Money kMaxAmount = 10'000;

// What a stream sends. `mixed` draws each request from the four single-request endpoints:
// 40% get_account, 15% deposit, 35% transfer, 10% list_transactions (batches would dominate).
enum class Workload : std::uint8_t {
  get_account,
  deposit,
  transfer,
  list_transactions,
  transfer_batch,
  mixed,
};
inline constexpr std::array kWorkloads = {Workload::get_account,    Workload::deposit,
                                          Workload::transfer,       Workload::list_transactions,
                                          Workload::transfer_batch, Workload::mixed};
[[nodiscard]] std::string_view workload_name(Workload workload) noexcept;

// The endless request stream of one workload over accounts already created. `tag` starts every
// request_id, so that two generators over the same ledger never share one.
class RequestGenerator {
 public:
  RequestGenerator(Workload workload, const std::vector<std::string>& account_ids,
                   std::uint64_t seed, std::string tag);

  // Replaces `out` with the next request.
  void next(PaddedRequest& out);

 private:
  ledger::Route pick_route();
  const std::string& pick_account();
  void append_request_id(std::string& out, int item);
  void append_transfer(std::string& out, int item);

  Workload workload_;
  const std::vector<std::string>* account_ids_;
  loadgen::Rng rng_;
  std::string tag_;
  std::int64_t sequence_ = 0;
};

// Called with every request of a run and its answer (the verification records them).
using Observer = std::function<void(const PaddedRequest&, const http::Response&)>;

// Creates and funds the ledger. Returns the account ids in order of creation; throws
// std::runtime_error naming the request if any answer is not a success.
std::vector<std::string> set_up_ledger(InProcessClient& client, const Observer& observe = {});

}  // namespace archbench::micro
