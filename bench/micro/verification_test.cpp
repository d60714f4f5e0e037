// The micro-benchmarks' safety net, tested: a backend that answers wrong is caught, one that
// only names things differently is not.
#include "micro/verification.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "baseline/baseline_service.hpp"
#include "micro/id_normaliser.hpp"

namespace archbench::micro {
namespace {

TEST(MicroIdNormaliser, IgnoresHowIdsAreSpelledAndKeysOrdered) {
  IdNormaliser baseline;
  IdNormaliser other;
  EXPECT_EQ(
      baseline.normalise(R"({"id":"acc-1","owner":"Ada","currency":"EUR","balance":0})"),
      other.normalise(R"({ "balance": 0, "currency": "EUR", "owner": "Ada", "id": "a9f3" })"));
  EXPECT_EQ(baseline.normalise(R"({"from":"acc-1","to":"acc-2","id":"tr-1","amount":5})"),
            other.normalise(R"({"id":"t77","amount":5,"from":"a9f3","to":"a0b1"})"));
}

TEST(MicroIdNormaliser, RemembersIdsAcrossAnswers) {
  IdNormaliser baseline;
  IdNormaliser other;
  EXPECT_EQ(baseline.normalise(R"({"id":"acc-1"})"), other.normalise(R"({"id":"a1"})"));
  EXPECT_EQ(baseline.normalise(R"({"id":"acc-2"})"), other.normalise(R"({"id":"a2"})"));
  // A transfer from the first account to the second, against one from the second to the first.
  EXPECT_NE(baseline.normalise(R"({"from":"acc-1","to":"acc-2"})"),
            other.normalise(R"({"from":"a2","to":"a1"})"));
}

TEST(MicroIdNormaliser, ComparesErrorCodesNotMessages) {
  IdNormaliser a;
  IdNormaliser b;
  EXPECT_EQ(a.normalise(R"({"error":{"code":"insufficient_funds","message":"acc-1 holds 5"}})"),
            b.normalise(R"({"error":{"code":"insufficient_funds","message":"a1 has 5 cents"}})"));
  EXPECT_NE(a.normalise(R"({"error":{"code":"insufficient_funds","message":"m"}})"),
            b.normalise(R"({"error":{"code":"invalid_amount","message":"m"}})"));
}

TEST(MicroIdNormaliser, StillSeesWrongAmounts) {
  IdNormaliser a;
  IdNormaliser b;
  EXPECT_NE(a.normalise(R"({"id":"dep-1","amount":5000,"balance":5000})"),
            b.normalise(R"({"id":"d1","amount":5000,"balance":5001})"));
}

// The baseline, except that it cannot find any account by id.
class ForgetfulService final : public ledger::Service {
 public:
  void handle(const ledger::Call& call, ledger::Reply reply) override {
    if (call.route == ledger::Route::get_account) {
      reply.error(ledger::ErrorCode::account_not_found, "no such account");
      return;
    }
    inner_.handle(call, std::move(reply));
  }

 private:
  baseline::BaselineService inner_;
};

TEST(MicroVerification, TheBaselineMatchesItself) {
  baseline::BaselineService first;
  baseline::BaselineService second;
  const auto expected = record_transcript(first, "baseline", Workload::mixed);
  EXPECT_EQ(expected.size(), static_cast<std::size_t>(2 * kAccounts + kHistoryTransfers) +
                                 verified_prefix(Workload::mixed));
  EXPECT_EQ(first_difference(expected, record_transcript(second, "baseline", Workload::mixed)),
            std::nullopt);
}

TEST(MicroVerification, CatchesAWrongAnswerAndSaysWhich) {
  baseline::BaselineService reference;
  ForgetfulService forgetful;
  const auto difference =
      first_difference(record_transcript(reference, "baseline", Workload::get_account),
                       record_transcript(forgetful, "forgetful", Workload::get_account));
  ASSERT_TRUE(difference.has_value());
  // The set-up never reads an account: the first get_account of the stream is the culprit.
  EXPECT_NE(difference->find("request " + std::to_string(2 * kAccounts + kHistoryTransfers) +
                             " (GET /accounts/"),
            std::string::npos)
      << *difference;
  EXPECT_NE(difference->find("answered 404"), std::string::npos) << *difference;
}

// The in-process client itself is tested with the harness it belongs to:
// patterns/common/ledger/testing/in_process_client_test.cpp.

}  // namespace
}  // namespace archbench::micro
