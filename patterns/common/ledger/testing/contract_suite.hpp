// The contract checked in process, written once for every backend: LedgerContract, a
// value-parameterised GoogleTest suite whose parameter makes a fresh Service. A backend's unit
// tests run the whole suite with one statement:
//
//   INSTANTIATE_TEST_SUITE_P(Baseline, LedgerContract,
//                            answered_inline_and_late<BaselineService>(), backend_name);
//
// Each case then runs twice, as Baseline/LedgerContract.<Case>/inline (the backend as it is)
// and .../relayed (behind a RelayService, which answers every request from another thread, as
// an actor or a queue does to the transport). Requests go through the shared front with padded
// bodies (LedgerClient, InProcessClient), exactly as the server hands them over, minus sockets.
//
// The black-box conformance suite (common/conformance) checks the same contract over HTTP;
// this one pins check order, messages, replays and ids in milliseconds, next to the code.
// Cases only one pattern has reasons for stay in that pattern's folder.
// Link the OBJECT library archbench_ledger_contract_suite (see ../CMakeLists.txt).
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/ledger/contract.hpp"
#include "common/ledger/service.hpp"
#include "common/ledger/testing/ledger_client.hpp"

namespace archbench::ledger::testing {

using MakeService = std::function<std::unique_ptr<Service>()>;

// The suite's parameter: a backend, and the name its tests carry ("inline", "relayed").
struct BackendUnderTest {
  std::string name;
  MakeService make;
};

// `make` as it is, and the same behind a RelayService.
[[nodiscard]] std::vector<BackendUnderTest> inline_and_relayed(const MakeService& make);

// The generator INSTANTIATE_TEST_SUITE_P takes, for a backend made by `make` ...
[[nodiscard]] inline auto answered_inline_and_late(const MakeService& make) {
  return ::testing::ValuesIn(inline_and_relayed(make));
}
// ... or for a backend that is default-constructible.
template <class ServiceType>
[[nodiscard]] auto answered_inline_and_late() {
  return answered_inline_and_late([] { return std::make_unique<ServiceType>(); });
}

// The last argument of INSTANTIATE_TEST_SUITE_P: names each test after its parameter.
[[nodiscard]] std::string backend_name(const ::testing::TestParamInfo<BackendUnderTest>& info);
// How GoogleTest prints the parameter in failure messages.
void PrintTo(const BackendUnderTest& backend, std::ostream* out);

class LedgerContract : public ::testing::TestWithParam<BackendUnderTest> {
 protected:
  LedgerContract();
  void TearDown() override { service_->stop(); }  // the drain step, as run_backend calls it

  Service& service() { return *service_; }
  Answer call(Route route, std::string_view account_id, std::string_view body,
              int limit = kDefaultTransactionLimit) {
    return client_.call(route, account_id, body, limit);
  }
  // Opens an account and returns its id ("" if refused, which fails the test).
  std::string open(const std::string& currency = "EUR");
  Answer deposit(const std::string& account, Money amount, const std::string& request_id);
  Answer transfer(const std::string& from, const std::string& to, const std::string& amount,
                  const std::string& request_id, const std::string& currency = "EUR");
  // A transfer's JSON body; `amount` is written as it is (a number, or anything else).
  static std::string transfer_body(const std::string& from, const std::string& to,
                                   const std::string& amount, const std::string& request_id,
                                   const std::string& currency = "EUR");
  Money balance(const std::string& account);

  std::unique_ptr<Service> service_;
  LedgerClient client_;
};

}  // namespace archbench::ledger::testing
