// What every conformance test shares: the suite's configuration (which backend, which extra
// arguments), the LedgerTest fixture that starts a fresh backend per test and checks that it
// neither crashed nor refused to stop, small API helpers, and gmock matchers for the contract's
// response shapes. Only docs/workload.md is assumed here, never how a backend works inside.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/conformance/backend_process.hpp"
#include "common/conformance/http_client.hpp"
#include "common/testing/temp_dir.hpp"

namespace archbench::conformance {

using Money = std::int64_t;

// The limits of docs/workload.md, restated here on purpose: the suite checks the prose contract
// and must not inherit a mistake from the code it tests (common/ledger/contract.hpp).
inline constexpr Money kMaxAmount = 1'000'000'000'000;  // 10^12
inline constexpr std::size_t kMaxOwnerBytes = 256;
inline constexpr std::size_t kMaxRequestIdBytes = 128;
inline constexpr std::size_t kMaxMemoBytes = 1024;
inline constexpr std::size_t kMaxBatchItems = 10'000;
inline constexpr int kDefaultLimit = 20;
inline constexpr int kMaxLimit = 1000;
inline constexpr std::size_t kMaxBodyBytes = std::size_t{16} << 20;  // 16 MiB
inline constexpr std::size_t kMaxHeadBytes = std::size_t{16} << 10;  // 16 KiB

// How long a backend may take to print its "listening on" line, and to stop after SIGTERM.
inline constexpr std::chrono::seconds kStartTimeout{10};
inline constexpr std::chrono::seconds kStopTimeout{10};

// Set once by conformance_main.cpp from `--backend NAME -- ARGS...`.
struct SuiteConfig {
  std::string backend_executable;         // path of archbench-NAME
  std::vector<std::string> backend_args;  // may contain {tmp}
};
SuiteConfig& suite_config();

// A fresh folder under the system's temporary directory, removed with everything in it.
using archbench::testing::TempDir;

// The suite's extra backend arguments with every {tmp} replaced by `tmp`, and every
// {redis_port} by the port of this test's own redis-server, and every {nats_url} by the URL of
// its own nats-server with JetStream (each started on first use, stopped when the test ends:
// see RedisPerTest).
std::vector<std::string> backend_args(const std::filesystem::path& tmp);

// Stops the test's redis-server and nats-server, if {redis_port} or {nats_url} started one, once
// the test has ended (after TearDown stopped the backend). conformance_main.cpp registers it.
class RedisPerTest : public ::testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const ::testing::TestInfo& test) override;
};

// Starts the backend on 127.0.0.1 with the kernel's choice of port, plus the suite's extra
// arguments, and waits for its "listening on" line. Returns nullptr and fills `why` (with the
// backend's output) when it does not come up.
std::unique_ptr<BackendProcess> start_backend(const std::filesystem::path& tmp, std::string& why);

// Base of every test: a backend of its own, started fresh, so tests never see each other's
// accounts; after the test, a check that it is still alive and stops cleanly on SIGTERM.
class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  BackendProcess& backend() { return *backend_; }
  HttpClient& http() { return *http_; }
  // A new client of the running backend, e.g. one per thread.
  [[nodiscard]] std::unique_ptr<HttpClient> new_client() const;
  [[nodiscard]] std::unique_ptr<RawConnection> connect_raw() const;

  // A request_id never used before in this test: "<prefix>-<n>".
  std::string unique_request_id(std::string_view prefix = "rq");

  // The helpers below drive the API for a test's set-up. They throw (failing the test with
  // the response shown) when the backend does not answer the documented success.
  json create_account(std::string_view currency = "EUR", std::string_view owner = "Ada Lovelace");
  std::string new_account(std::string_view currency = "EUR");  // its id
  json deposit(const std::string& account, Money amount);      // fresh request_id
  std::string funded_account(Money balance, std::string_view currency = "EUR");
  json transfer(const std::string& from, const std::string& to, Money amount,
                std::string_view currency = "EUR");  // fresh request_id, no memo
  Money balance(const std::string& account);
  json transactions(const std::string& account, int limit = 1000);  // the lines, newest first

 private:
  std::unique_ptr<TempDir> tmp_;
  std::unique_ptr<BackendProcess> backend_;
  std::unique_ptr<HttpClient> http_;
  int request_counter_ = 0;
};

// Request bodies, as JSON values tests can then break on purpose.
json transfer_body(const std::string& from, const std::string& to, Money amount,
                   std::string_view currency, std::string_view request_id,
                   std::optional<std::string_view> memo = std::nullopt);
json deposit_body(Money amount, std::string_view request_id);

// Paths.
std::string account_path(const std::string& id);
std::string deposits_path(const std::string& id);
std::string transactions_path(const std::string& id, std::optional<std::string> limit = {});

// A string of `n` bytes.
std::string bytes(std::size_t n, char c = 'x');

// Checks the history of one account (lines newest first, as listed): every line well-formed,
// consecutive lines chaining via balance_after, the newest ending at `balance`, and, when
// `complete` (the list holds the whole history), the oldest starting from 0.
::testing::AssertionResult HistoryChains(const json& lines, Money balance, bool complete);

// ---------------------------------------------------------------------------------------------
// Matchers. Each explains what it saw when it fails.

// "application/json", possibly with parameters ("; charset=utf-8").
bool is_json_content_type(const HttpResponse& response);

// A JSON answer with this status (the content type and body are checked too).
MATCHER_P(IsJson, status, "") {
  if (arg.status != status) {
    *result_listener << "status " << arg.status << ", body " << arg.body.substr(0, 300);
    return false;
  }
  if (!is_json_content_type(arg)) {
    *result_listener << "Content-Type is \"" << arg.header("content-type") << "\"";
    return false;
  }
  if (arg.body_json.is_discarded()) {
    *result_listener << "the body is not JSON: " << arg.body.substr(0, 300);
    return false;
  }
  return true;
}

// The documented error: this status, a JSON body {"error":{"code":CODE,"message":"..."}}.
MATCHER_P2(IsError, status, code, "") {
  if (!::testing::ExplainMatchResult(IsJson(status), arg, result_listener)) return false;
  const json& body = arg.body_json;
  if (!body.is_object() || !body.contains("error") || !body.at("error").is_object()) {
    *result_listener << "no \"error\" object in " << arg.body.substr(0, 300);
    return false;
  }
  const json& error = body.at("error");
  if (!error.contains("code") || !error.at("code").is_string()) {
    *result_listener << "no string \"code\" in " << error.dump();
    return false;
  }
  if (error.at("code") != code) {
    *result_listener << "code " << error.at("code")
                     << " (message: " << error.value("message", json()) << ")";
    return false;
  }
  if (!error.contains("message") || !error.at("message").is_string() ||
      error.at("message").get_ref<const std::string&>().empty()) {
    *result_listener << "no non-empty string \"message\" in " << error.dump();
    return false;
  }
  return true;
}

// A JSON integer equal to `value` (money is never a float, nor a string).
MATCHER_P(IsMoney, value, "") {
  if (!arg.is_number_integer()) {
    *result_listener << arg.dump() << " is not a JSON integer";
    return false;
  }
  return arg.template get<Money>() == static_cast<Money>(value);
}

// An id as the contract promises: a non-empty string of [A-Za-z0-9_-].
MATCHER(IsOpaqueId, "") {
  if (!arg.is_string() || arg.template get_ref<const std::string&>().empty()) {
    *result_listener << arg.dump() << " is not a non-empty string";
    return false;
  }
  for (const char c : arg.template get_ref<const std::string&>()) {
    const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-';
    if (!safe) {
      *result_listener << arg.dump() << " holds a character outside [A-Za-z0-9_-]";
      return false;
    }
  }
  return true;
}

}  // namespace archbench::conformance
