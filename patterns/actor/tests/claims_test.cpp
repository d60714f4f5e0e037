// The idempotency rule with requests in flight (Claims), without actors: a retry arriving while
// the first is still running waits for its outcome. A plausible wrong table, one that only
// remembers finished requests, is kept here and must fail the same scenario: the test bites.
#include "actor/actors/claims.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace archbench::actor {
namespace {

struct Body {
  int amount = 0;
};
struct SameBody {
  bool operator()(const Body& a, const Body& b) const noexcept { return a.amount == b.amount; }
};
using Table = Claims<Body, std::string, SameBody>;
using Outcome = Table::Outcome;

// The wrong one: no waiting line, a retry of a request in flight runs a second time.
class ForgetfulClaims {
 public:
  using Answer = Table::Answer;
  bool admit(const std::string& id, Body body, Answer answer) {
    if (const auto it = done_.find(id); it != done_.end()) {
      answer(SameBody{}(it->second.first, body) ? Outcome(it->second.second)
                                                : Outcome(rules::idempotency_conflict(id)));
      return false;
    }
    running_[id].push_back({body, std::move(answer)});
    return true;
  }
  std::optional<Body> finish(const std::string& id, const Outcome& outcome) {
    auto& line = running_[id];
    auto first = std::move(line.front());
    line.erase(line.begin());
    first.second(outcome);
    if (const auto* result = std::get_if<std::string>(&outcome)) {
      done_.emplace(id, std::make_pair(first.first, *result));
    }
    return std::nullopt;
  }

 private:
  std::map<std::string, std::pair<Body, std::string>> done_;
  std::map<std::string, std::vector<std::pair<Body, Answer>>> running_;
};

// What a table gets wrong in one scenario: empty when it keeps the contract.
template <class T>
std::vector<std::string> problems() {
  T table;
  std::vector<std::string> found;
  std::vector<std::string> answers;
  auto answer = [&answers](const Outcome& outcome) {
    answers.push_back(std::holds_alternative<std::string>(outcome)
                          ? std::get<std::string>(outcome)
                          : std::string(error_code_name(std::get<ledger::Error>(outcome).code)));
  };
  // A retry while the first is in flight: it must wait, and then get the first's answer.
  if (!table.admit("r", Body{5}, answer)) found.emplace_back("the first request did not run");
  if (table.admit("r", Body{5}, answer)) found.emplace_back("a retry in flight ran again");
  if (table.admit("r", Body{6}, answer)) found.emplace_back("another body in flight ran");
  if (!answers.empty()) found.emplace_back("someone was answered before the first ended");
  if (table.finish("r", Outcome(std::string("tr-1")))) found.emplace_back("nothing may run next");
  if (answers != std::vector<std::string>{"tr-1", "tr-1", "idempotency_conflict"}) {
    found.emplace_back("answers after the first succeeded are wrong");
  }
  // A refused first claims nothing: the next in line runs, and its success claims the id.
  answers.clear();
  (void)table.admit("s", Body{1}, answer);
  (void)table.admit("s", Body{2}, answer);
  const auto next = table.finish("s", Outcome(rules::insufficient_funds("a", 0, 1)));
  if (!next || next->amount != 2) found.emplace_back("the refused first did not let the next run");
  (void)table.finish("s", Outcome(std::string("tr-2")));
  (void)table.admit("s", Body{1}, answer);
  if (answers != std::vector<std::string>{"insufficient_funds", "tr-2", "idempotency_conflict"}) {
    found.emplace_back("answers after a refusal are wrong");
  }
  return found;
}

TEST(Claims, ARetryInFlightWaitsForTheFirstOutcome) {
  const auto found = problems<Table>();
  EXPECT_TRUE(found.empty()) << found.front();
}

TEST(Claims, ATableThatForgetsRequestsInFlightFailsTheScenario) {
  EXPECT_FALSE(problems<ForgetfulClaims>().empty());
}

TEST(Claims, RefusedRequestsLeaveNoEntry) {
  Table table;
  (void)table.admit("r", Body{1}, [](const Outcome&) {});
  (void)table.finish("r", Outcome(rules::account_not_found("x")));
  EXPECT_EQ(table.size(), 0U);
}

}  // namespace
}  // namespace archbench::actor
