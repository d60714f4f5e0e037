// The one question a command service asks its projectors, over NATS request-reply:
//
//   request  subject archbench.history (projectors answer it as one queue group, so more than
//            one may run, each on its own durable consumer (--consumer): each query goes to
//            one of them)
//            headers  Archbench-Min-Position: N   Archbench-Limit: L
//            data     the account id
//   reply    header   Archbench-Result: ok | account-not-found | behind
//            data     (ok only) the body of GET /accounts/{id}/transactions, ready to send
//
// Min-Position is how read-your-writes survives the split: the front sends the last position
// of the log it has acknowledged to any client, and a projector answers only once its read
// model has applied that far (or says "behind" when it cannot within its bound). An answer is
// therefore never older than a write the client was told had succeeded.
#pragma once

#include <optional>
#include <string_view>

namespace archbench::event_driven {

inline constexpr const char* kHistorySubject = "archbench.history";
inline constexpr const char* kHistoryQueue = "projectors";
inline constexpr const char* kMinPositionHeader = "Archbench-Min-Position";
inline constexpr const char* kLimitHeader = "Archbench-Limit";
inline constexpr const char* kResultHeader = "Archbench-Result";

enum class HistoryResult { ok, account_not_found, behind };

[[nodiscard]] constexpr const char* result_name(HistoryResult result) {
  switch (result) {
    case HistoryResult::ok:
      return "ok";
    case HistoryResult::account_not_found:
      return "account-not-found";
    case HistoryResult::behind:
      return "behind";
  }
  return "behind";
}

[[nodiscard]] constexpr std::optional<HistoryResult> parse_result(std::string_view name) {
  for (const auto result :
       {HistoryResult::ok, HistoryResult::account_not_found, HistoryResult::behind}) {
    if (name == result_name(result)) return result;
  }
  return std::nullopt;
}

}  // namespace archbench::event_driven
