// "Check the answer before timing it": before a backend is timed on a workload, it is run
// through the set-up and the first requests of that workload, and every answer must equal the
// baseline's. A fast backend that answers wrong is not measured at all.
//
// Answers are compared as JSON values (key order and spacing do not matter) after two
// normalisations: ids are opaque and each backend names things its own way, so every id is
// replaced by its order of first appearance ("#0", "#1", ...); and error messages are for
// humans, so only error codes are compared.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/ledger/service.hpp"
#include "micro/ledger_script.hpp"

namespace archbench::micro {

// One request of a run and its normalised answer.
struct Exchange {
  std::string request;  // described, for error messages
  int status = 0;
  std::string body;  // normalised JSON, or the raw body if it is not JSON
};
using Transcript = std::vector<Exchange>;

// How many requests of `workload`, after the set-up, are checked.
[[nodiscard]] std::size_t verified_prefix(Workload workload) noexcept;

// Runs a fresh `service` through the set-up and the verified prefix of `workload`.
[[nodiscard]] Transcript record_transcript(ledger::Service& service, std::string backend,
                                           Workload workload);

// The first difference between the two transcripts, or nothing if they are equal.
[[nodiscard]] std::optional<std::string> first_difference(const Transcript& expected,
                                                          const Transcript& actual);

// The seed and request_id tag of the timed stream, shared by the verification so that what is
// checked is exactly the beginning of what is timed.
inline constexpr std::uint64_t kStreamSeed = kSeed + 1;
inline constexpr std::string_view kStreamTag = "run";

}  // namespace archbench::micro
