// Turns a workload into the byte stream of requests one connection sends. Every random choice
// (endpoint, accounts, amounts) comes from an Rng seeded by (workload seed, connection index), so
// a connection's request sequence is fixed by the seed; only the run tag inside request_ids
// differs between runs, so that a rerun against the same server never replays a request_id.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "loadgen/key_sampler.hpp"
#include "loadgen/rng.hpp"
#include "loadgen/workload.hpp"

namespace archbench::loadgen {

// What all the generators of a run share; read-only once built, so threads share it freely.
struct RequestPlan {
  RequestPlan(Workload workload, std::vector<std::string> account_ids, std::string host_header,
              std::string run_tag);

  Workload workload;
  std::vector<std::string> account_ids;  // as the server named them during setup
  std::string host_header;               // "127.0.0.1:8080"
  std::string run_tag;                   // unique per run: the prefix of every request_id
  KeySampler keys;
  std::array<double, kEndpointCount> cumulative_mix{};  // running sums of the weights
};

// One transfer of a request, by account index (key k of the workload is account_ids[k]).
struct TransferItem {
  std::size_t from = 0;
  std::size_t to = 0;
  std::int64_t amount = 0;
};

// What a request does to the ledger if it succeeds, so that the ledger check can say what every
// balance must be after the run.
struct GeneratedRequest {
  Endpoint endpoint = Endpoint::health;
  std::size_t account = 0;          // for a deposit: the account credited
  std::int64_t deposit_amount = 0;  // for a deposit: what the ledger gains if it succeeds
  // A transfer's one item, or a batch's items in order. Reused: filling it allocates only the
  // first time a batch is generated.
  std::vector<TransferItem> transfers;
};

class RequestGenerator {
 public:
  // `stream` tells connections apart: each draws its own sequence and its own request_ids.
  RequestGenerator(const RequestPlan& plan, std::uint64_t stream);

  // Replaces `out` with the next complete request (head and body) and `request` with what it is.
  void next(std::string& out, GeneratedRequest& request);

 private:
  Endpoint pick_endpoint();
  std::size_t pick_account();
  void pick_two_accounts(std::size_t& from, std::size_t& to);
  void append_request_id(std::string& out, std::int64_t item);
  TransferItem append_transfer_body(std::string& out, std::int64_t item);

  const RequestPlan* plan_;
  Rng rng_;
  std::uint64_t stream_;
  std::int64_t sequence_ = 0;
  std::string target_;  // scratch: the request target
  std::string body_;    // scratch: the JSON body
};

}  // namespace archbench::loadgen
